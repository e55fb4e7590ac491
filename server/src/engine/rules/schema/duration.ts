import { isScalar } from 'yaml';
import { takesType } from '../../model';
import { hasRange } from '../../block-yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { checkDuration } from '../../values/duration';

/**
 * `schema/duration`: a string that Authelia cannot read as a duration for the target version,
 * such as `5 min`, `0s`, or `3 seconds` on 4.37 (unit words came with 4.38). Where the value
 * has a short form that works, a fix writes it.
 */
export const schemaDuration: Rule = {
  id: 'schema/duration',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const found = context.placesWith('duration');
    for (let at = 0; at < found.length; at++) {
      const place = found[at];
      const spec = places.specs[place];
      const value = places.values[place];
      if (spec?.kind !== 'scalar' || !takesType(spec, 'duration')) continue;
      if (
        !isScalar(value) ||
        typeof value.value !== 'string' ||
        places.templated[place] ||
        !hasRange(value)
      )
        continue;
      if (spec.values?.includes(value.value)) continue;

      const verdict = checkDuration(value.value, context.version);
      if (verdict.valid) continue;

      const [start, end] = value.range;
      const shortForm = verdict.shortForm;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `${places.visit(place).pathText} is not a valid duration: ${verdict.reason}.`,
        start,
        end,
        fixes: shortForm
          ? [
              {
                title: `Convert to the short form '${shortForm}'`,
                preferred: true,
                edits: [{ start, end, newText: `'${shortForm}'` }],
              },
            ]
          : undefined,
      });
    }
    return findings;
  },
};
