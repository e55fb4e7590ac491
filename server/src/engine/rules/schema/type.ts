import type { Scalar } from 'yaml';
import { NodeKind, nodeKindOf } from '../../block-yaml';
import type { Finding } from '../../finding';
import type { KeySpec, ScalarSpec } from '../../model';
import type { Rule, RuleContext } from '../../rule';
import { actualWords, expectedWords } from './common';

/**
 * `schema/type`: a value of the wrong kind, such as a list where Authelia expects a string or
 * a word where it expects a number. Authelia reads values loosely, as Go's decoder does, so
 * `'8'` for a number and `'true'` for a boolean pass; template text is never checked.
 */
export const schemaType: Rule = {
  id: 'schema/type',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const { specs, values, templated } = places;
    const [from, to] = context.scopedPlaces();
    for (let place = from; place < to; place++) {
      const spec = specs[place];
      if (!spec || spec.removed || templated[place] || fits(spec, values[place])) continue;
      const visit = places.visit(place);
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message:
          `${visit.pathText} expects ${expectedWords(spec)}, ` +
          `but it is ${actualWords(visit.value)}.`,
        start: visit.start,
        end: visit.end,
      });
    }
    return findings;
  },
};

/**
 * True when a YAML value has a shape and kind the spec accepts. The value is not template
 * text: the rule skips those before asking.
 */
function fits(spec: KeySpec, value: unknown): boolean {
  return fitsKind(spec, value, nodeKindOf(value));
}

/** `fits` for a value whose kind is read once, rather than asked of `yaml` kind by kind. */
function fitsKind(spec: KeySpec, value: unknown, kind: NodeKind): boolean {
  if (value === null || value === undefined || kind === NodeKind.Alias) return true;
  const scalar = kind === NodeKind.Scalar ? (value as Scalar).value : undefined;
  if (kind === NodeKind.Scalar && scalar === null) return true;

  switch (spec.kind) {
    case 'any':
      return true;
    case 'map':
    case 'dict':
      return kind === NodeKind.Map;
    case 'list':
      return (
        kind === NodeKind.Seq || (spec.allowSingle === true && fitsKind(spec.item, value, kind))
      );
    case 'scalar':
      return kind === NodeKind.Scalar && fitsOneType(spec.type, scalar);
  }
}

/**
 * True when a scalar's value reads as the spec's type, or as one of its types. A loop rather
 * than `some`: a closure over the value would cost an allocation at every place checked.
 */
function fitsOneType(type: ScalarSpec['type'], value: unknown): boolean {
  if (typeof type === 'string') return scalarFits(type, value);
  for (const one of type) if (scalarFits(one, value)) return true;
  return false;
}

function scalarFits(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return (
        (typeof value === 'number' && Number.isInteger(value)) ||
        (typeof value === 'string' && /^[-+]?\d+$/.test(value.trim()))
      );
    case 'number':
      return (
        typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
      );
    case 'boolean':
      return (
        typeof value === 'boolean' ||
        value === 0 ||
        value === 1 ||
        (typeof value === 'string' && /^(true|false|1|0)$/i.test(value.trim()))
      );
    case 'duration':
      return typeof value === 'string' || typeof value === 'number';
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  }
}
