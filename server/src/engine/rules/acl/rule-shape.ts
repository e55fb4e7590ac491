import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { isNotEmpty, scopedAccessRules } from './common';

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
      const domains = rule.strings('domain');
      const noDomain = !domains.some(isNotEmpty) && !rule.hasText('domain_regex');
      const noPolicy = !rule.hasText('policy');
      if (noDomain || noPolicy) {
        const missing = [noDomain ? 'a domain or domain_regex' : '', noPolicy ? 'a policy' : ''];
        findings.push({
          ruleId: this.id,
          severity: 'error',
          message: `Rule ${rule.index + 1} needs ${missing.filter(Boolean).join(' and ')}; Authelia refuses it.`,
          start: rule.start,
          end: rule.end,
        });
      }

      for (const domain of domains) {
        if (matchesAnyEnding(domain.text)) {
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

/** A domain like `*example.com`: a star not followed by a dot. */
function matchesAnyEnding(domain: string): boolean {
  return domain.length > 1 && domain[0] === '*' && domain[1] !== '.';
}
