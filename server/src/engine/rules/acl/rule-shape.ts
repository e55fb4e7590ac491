import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { scopedAccessRules } from './common';

/**
 * `acl/rule-shape`: an access-control rule that cannot match or act: no `domain` and no
 * `domain_regex`, or no `policy`. Authelia refuses it. A domain written like `*example.com`
 * (no dot after the star) is accepted with a warning, since it rarely means what it says.
 */
export const ruleShape: Rule = {
  id: 'acl/rule-shape',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const rule of scopedAccessRules(context)) {
      const given = (key: string) => rule.strings(key).some((s) => s.text !== '');
      const missing = [
        !given('domain') && !given('domain_regex') ? 'a domain or domain_regex' : '',
        !given('policy') ? 'a policy' : '',
      ].filter(Boolean);
      if (missing.length > 0) {
        findings.push({
          ruleId: this.id,
          severity: 'error',
          message: `Rule ${rule.index + 1} needs ${missing.join(' and ')}; Authelia refuses it.`,
          start: rule.start,
          end: rule.end,
        });
      }

      for (const domain of rule.strings('domain')) {
        if (/^\*[^.]/.test(domain.text)) {
          findings.push({
            ruleId: this.id,
            severity: 'warning',
            message: `'${domain.text}' matches any name ending in '${domain.text.slice(1)}'; for subdomains write '*.${domain.text.slice(1)}'.`,
            start: domain.start,
            end: domain.end,
          });
        }
      }
    }
    return findings;
  },
};
