import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { removeKeyedEntry } from '../../yaml-edits';

/**
 * `schema/removed-key`: a key Authelia rejects outright with its own message, such as
 * `google_analytics` or `notifier.smtp.trusted_cert`. Unlike a deprecated key it is not
 * mapped to anything, so Authelia refuses to start.
 */
export const removedKey: Rule = {
  id: 'schema/removed-key',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const found = context.placesWith('removed');
    for (let at = 0; at < found.length; at++) {
      const visit = places.visit(found[at]);
      const reason = visit.spec?.removed;
      if (!reason || !visit.entry || !visit.parent) continue;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `${visit.pathText} is no longer accepted: ${reason}`,
        start: visit.start,
        end: visit.end,
        fixes: [
          {
            title: `Remove ${visit.entry.key}`,
            edits: [removeKeyedEntry(context.config, visit.parent, visit.entry)],
          },
        ],
      });
    }
    return findings;
  },
};
