import { distance } from 'fastest-levenshtein';
import { takesType } from '../../model';
import { hasRange } from '../../block-yaml';
import { isScalar, type Scalar } from 'yaml';
import { compareVersions, type Finding, type Fix } from '../../finding';
import type { ScalarSpec } from '../../model';
import type { Rule, RuleContext } from '../../rule';
import { replaceScalar } from '../../yaml-edits';

/**
 * `schema/enum`: a value outside the set Authelia allows, such as `policy: two-factor`. One
 * fix is offered for each allowed value close enough to be what was meant.
 */
export const schemaEnum: Rule = {
  id: 'schema/enum',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const found = context.placesWith('values');
    for (let at = 0; at < found.length; at++) {
      const place = found[at];
      const spec = places.specs[place];
      const value = places.values[place];
      if (spec?.kind !== 'scalar' || !spec.values || spec.secret) continue;
      if (takesType(spec, 'duration')) continue;
      if (!isScalar(value) || places.templated[place] || !hasRange(value)) continue;
      if (typeof value.value !== 'string' && typeof value.value !== 'number') continue;

      const written = String(value.value);
      const match = allowedMatch(spec, written);
      const arrived = match && spec.valueSince?.[match];
      if (match && arrived && compareVersions(context.version, arrived) < 0) {
        findings.push({
          ruleId: this.id,
          severity: 'error',
          message: `'${written}' for ${places.visit(place).pathText} arrived in ${arrived}; Authelia ${context.version} refuses it.`,
          start: value.range[0],
          end: value.range[1],
        });
        continue;
      }
      if (written === '' || match) continue;

      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `'${written}' is not allowed for ${places.visit(place).pathText}: use one of ${spec.values.join(', ')}.`,
        start: value.range[0],
        end: value.range[1],
        fixes: closeValueFixes(value, written, spec.values),
      });
    }
    return findings;
  },
};

/** The allowed value a written one is, compared without case when the spec says so. */
function allowedMatch(spec: ScalarSpec, written: string): string | undefined {
  const allowed = spec.values ?? [];
  if (!spec.caseInsensitive) return allowed.includes(written) ? written : undefined;
  const folded = written.toLowerCase();
  for (const value of allowed) if (value.toLowerCase() === folded) return value;
  return undefined;
}

/**
 * A fix for each allowed value near the written one, nearest first. Kept out of the loop over
 * places: a closure there would cost an allocation at every place.
 */
function closeValueFixes(value: Scalar, written: string, allowed: readonly string[]): Fix[] {
  return closeValues(written, allowed).map((close, index) => ({
    title: `Change to '${close}'`,
    preferred: index === 0,
    edits: [replaceScalar(value, close)!],
  }));
}

/** Allowed values near the written one, nearest first. */
function closeValues(written: string, allowed: readonly string[]): string[] {
  const word = written.toLowerCase();
  return allowed
    .map((value) => ({ value, gap: distance(word, value.toLowerCase()) }))
    .filter(
      ({ value, gap }) =>
        gap <= Math.max(2, Math.floor(value.length / 3)) || value.toLowerCase().startsWith(word),
    )
    .sort((a, b) => a.gap - b.gap)
    .map(({ value }) => value);
}
