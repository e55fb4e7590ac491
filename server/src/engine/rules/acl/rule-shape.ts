import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { isScalar, isSeq } from 'yaml';
import { hasRange, startOf, valueEndOf } from '../../block-yaml';
import { holdsText, scopedAccessRules } from './common';

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
    const rules = scopedAccessRules(context);
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index];
      const domains = rule.value('domain');
      const noDomain = !holdsText(domains) && !rule.hasText('domain_regex');
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
      checkDomainEndings(domains, findings);
    }
    return findings;
  },
};

/**
 * Warns of each domain in a value (one or a list of them) that matches any ending; a loop of
 * its own rather than a callback, which would cost an allocation for each of thousands of rules.
 */
function checkDomainEndings(value: unknown, findings: Finding[]): void {
  if (isSeq(value)) {
    for (let index = 0; index < value.items.length; index++)
      checkDomainEndings(value.items[index], findings);
    return;
  }
  if (!isScalar(value) || value.value === null || !hasRange(value)) return;
  const domain = String(value.value);
  if (!matchesAnyEnding(domain)) return;
  findings.push({
    ruleId: ruleShape.id,
    severity: 'warning',
    message: `'${domain}' matches any name ending in '${domain.slice(1)}'; for subdomains write '*.${domain.slice(1)}'.`,
    start: startOf(value)!,
    end: valueEndOf(value)!,
  });
}

/** A domain like `*example.com`: a star not followed by a dot. */
function matchesAnyEnding(domain: string): boolean {
  return domain.length > 1 && domain[0] === '*' && domain[1] !== '.';
}
