import type { Finding } from '../../finding';
import { hasPath, replacementPath } from '../../migrations';
import { pathText } from '../../model-walk';
import type { Rule, RuleContext } from '../../rule';
import { removeKeyedEntry } from '../../yaml-edits';
import { versionAtLeast } from './common';

/**
 * `schema/deprecated-key-conflict`: a deprecated key set beside its replacement. Authelia keeps
 * the new value and silently drops the old one, or refuses to start where the two cannot be
 * merged (old `host`/`port` beside `address`). The fix deletes the deprecated key.
 */
export const deprecatedKeyConflict: Rule = {
  id: 'schema/deprecated-key-conflict',

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const found = context.placesWith('deprecated');
    for (let at = 0; at < found.length; at++) {
      const visit = places.visit(found[at]);
      const deprecation = visit.spec?.deprecated;
      if (!deprecation?.replacement || !visit.entry || !visit.parent) continue;
      if (!versionAtLeast(context.version, deprecation.since)) continue;

      const target = replacementPath(visit, deprecation.replacement);
      if (!hasPath(context.config, target)) continue;

      const refuses = deprecation.conflict === 'error';
      const outcome = refuses
        ? 'Authelia refuses to start'
        : `Authelia uses ${pathText(target)} and ignores this value`;
      findings.push({
        ruleId: this.id,
        severity: refuses ? 'error' : 'warning',
        message: `${visit.pathText} is deprecated and ${pathText(target)} is also set: ${outcome}.`,
        start: visit.start,
        end: visit.end,
        fixes: [
          {
            title: 'Delete the deprecated key',
            preferred: true,
            edits: [removeKeyedEntry(context.config, visit.parent, visit.entry)],
          },
        ],
      });
    }
    return findings;
  },
};
