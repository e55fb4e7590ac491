import { isScalar } from 'yaml';
import { takesType } from '../../../model';
import { hasRange } from '../../../block-yaml';
import type { RuleContext } from '../../../rule';
import type { ValueProblem } from './check';

/**
 * Numbers outside the bounds Authelia enforces, such as a TOTP period under 15 seconds or a
 * Redis port above 65535. Zero is left alone where the key has a default: Authelia reads an
 * empty or zero value as "use the default".
 */
export function boundChecks(context: RuleContext): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const places = context.places();
  const found = context.placesWith('bounds');
  for (let at = 0; at < found.length; at++) {
    const place = found[at];
    const spec = places.specs[place];
    const value = places.values[place];
    if (spec?.kind !== 'scalar' || (spec.min === undefined && spec.max === undefined)) continue;
    if (!isScalar(value) || !hasRange(value) || places.templated[place]) continue;
    if (takesType(spec, 'duration')) continue;

    const number = typeof value.value === 'number' ? value.value : Number(value.value);
    if (typeof value.value === 'boolean' || value.value === null || Number.isNaN(number)) continue;
    if (number === 0 && spec.default !== undefined) continue;

    const tooLow = spec.min !== undefined && number < spec.min;
    const tooHigh = spec.max !== undefined && number > spec.max;
    if (!tooLow && !tooHigh) continue;

    const range =
      spec.min !== undefined && spec.max !== undefined
        ? `between ${spec.min} and ${spec.max}`
        : spec.min !== undefined
          ? `at least ${spec.min}`
          : `at most ${spec.max}`;
    problems.push({
      severity: 'error',
      message: `${places.visit(place).pathText} must be ${range}; Authelia refuses ${number}.`,
      start: value.range[0],
      end: value.range[1],
    });
  }
  return problems;
}
