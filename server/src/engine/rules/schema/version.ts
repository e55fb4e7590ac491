import type { Finding } from '../../finding';
import { knownIn } from '../../model';
import type { Rule, RuleContext } from '../../rule';

/**
 * `schema/version`: a key the target version does not know: one that came later (a 4.38
 * layout linted for 4.37) or one a later version dropped. Authelia refuses to start on it.
 */
export const schemaVersion: Rule = {
  id: 'schema/version',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const found = context.placesWith('versioned');
    for (let at = 0; at < found.length; at++) {
      const visit = places.visit(found[at]);
      const spec = visit.spec;
      if (!spec || !visit.pair || knownIn(spec, context.version)) continue;

      const when = spec.since ? `arrived in ${spec.since}` : `was dropped after ${spec.until}`;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `${visit.pathText} ${when}; Authelia ${context.version} does not know it.`,
        start: visit.start,
        end: visit.end,
      });
    }
    return findings;
  },
};
