import type { Finding, Fix } from '../../finding';
import { hasPath, migrateFileFix, migrationFix, replacementPath } from '../../migrations';
import type { Rule, RuleContext } from '../../rule';
import { versionAtLeast } from './common';

/**
 * `schema/deprecated-key`: a key Authelia still reads but maps to a newer one, with a warning
 * at every start; the mapping is due to go away in a later major version. The fix moves the
 * value to its new key, and one more fix migrates every deprecated key in the file at once.
 * A deprecated key set beside its replacement is `schema/deprecated-key-conflict` instead.
 */
export const deprecatedKey: Rule = {
  id: 'schema/deprecated-key',

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    let migrateAll: Fix | undefined | null = null;

    const places = context.places();
    const found = context.placesWith('deprecated');

    for (let at = 0; at < found.length; at++) {
      const visit = places.visit(found[at]);
      const deprecation = visit.spec?.deprecated;
      if (!deprecation || !visit.entry || !versionAtLeast(context.version, deprecation.since))
        continue;
      if (
        deprecation.replacement &&
        hasPath(context.config, replacementPath(visit, deprecation.replacement))
      ) {
        continue;
      }

      const replacement = deprecation.replacement
        ? `use ${deprecation.replacement} instead`
        : 'it has no replacement and can be removed';
      const note = deprecation.note ? ` ${deprecation.note}` : '';

      migrateAll ??= migrateFileFix(context.config, context.version);
      const fixes = [migrationFix(context.config, visit), migrateAll].filter(
        (fix): fix is Fix => !!fix,
      );

      findings.push({
        ruleId: this.id,
        severity: 'warning',
        message: `${visit.pathText} is deprecated since ${deprecation.since}: ${replacement}.${note}`,
        start: visit.start,
        end: visit.end,
        fixes,
      });
    }
    return findings;
  },
};
