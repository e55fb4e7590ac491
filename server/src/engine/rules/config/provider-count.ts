import { isMap } from 'yaml';
import type { Finding, Fix } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { isEmptyValue, removeKeyedEntry } from '../../yaml-edits';

/** Sections that need exactly one provider, and the providers each knows. */
const PROVIDER_SECTIONS: { section: string; providers: string[] }[] = [
  { section: 'authentication_backend', providers: ['file', 'ldap'] },
  { section: 'storage', providers: ['local', 'mysql', 'postgres'] },
  { section: 'notifier', providers: ['filesystem', 'smtp'] },
];

/**
 * `config/provider-count`: `authentication_backend`, `storage` or `notifier` with no provider
 * or with more than one. Authelia needs exactly one and refuses to start otherwise; with two it
 * does not guess which one was meant. A missing section is `config/required` instead.
 */
export const providerCount: Rule = {
  id: 'config/provider-count',

  check({ config }: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { section, providers } of PROVIDER_SECTIONS) {
      const entry = config.entryAt([section]);
      const map = entry?.pair.value;
      if (!entry || (!isMap(map) && !isEmptyValue(map))) continue;

      const present = providers.filter((provider) => config.entry(map, provider));
      if (present.length === 1) continue;

      const choices = providers.join(', ');
      const message =
        present.length === 0
          ? `${section} has no provider: Authelia needs exactly one of ${choices}.`
          : `${section} has ${present.length} providers (${present.join(', ')}): Authelia needs exactly one.`;
      const fixes: Fix[] = isMap(map)
        ? present.map((provider) => ({
            title: `Remove ${section}.${provider}`,
            edits: [removeKeyedEntry(config, map, config.entry(map, provider)!)],
          }))
        : [];

      findings.push({
        ruleId: this.id,
        severity: 'error',
        message,
        start: entry.keyStart,
        end: entry.keyEnd,
        fixes,
      });
    }
    return findings;
  },
};
