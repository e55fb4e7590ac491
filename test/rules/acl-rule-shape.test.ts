import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';
import { findingsOf, messagesOf } from '../support/lint';
import { withAccessRules } from '../support/acl';

const RULE = 'acl/rule-shape';

describe(RULE, () => {
  it('stays silent on rules with a domain or domain_regex and a policy', () => {
    const text = withAccessRules(
      "    - domain: 'public.example.com'\n      policy: 'bypass'\n" +
        "    - domain: ['*.example.com', 'example.com']\n      policy: 'two_factor'\n" +
        "    - domain_regex: '^(?P<User>\\w+)\\.example\\.com$'\n      policy: 'one_factor'\n" +
        "    - domain: '*.{{ env \"ROOT_DOMAIN\" }}'\n      policy: 'deny'\n",
    );
    assert.equal(
      lint(text).findings.filter((finding) => finding.ruleId === 'acl/no-rules').length,
      0,
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('fires as an error on the first line of a rule without a domain', () => {
    const text = withAccessRules("    - policy: 'one_factor'\n      resources: ['^/api']\n");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "policy: 'one_factor'", line: 8 },
    ]);
    assert.deepEqual(messagesOf(text, RULE), [
      'Rule 1 needs a domain or domain_regex; Authelia refuses it.',
    ]);
  });

  it('fires on a rule without a policy, and names both gaps at once', () => {
    const text = withAccessRules(
      "    - domain: 'a.example.com'\n      policy: 'deny'\n" +
        "    - domain: 'b.example.com'\n" +
        "    - {resources: ['^/api']}\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "domain: 'b.example.com'", line: 10 },
      { ruleId: RULE, severity: 'error', text: "{resources: ['^/api']}", line: 11 },
    ]);
    assert.deepEqual(messagesOf(text, RULE), [
      'Rule 2 needs a policy; Authelia refuses it.',
      'Rule 3 needs a domain or domain_regex and a policy; Authelia refuses it.',
    ]);
  });

  it('warns about a star without a dot, on that domain only', () => {
    const text = withAccessRules(
      "    - domain: ['*example.com', '*.example.org', 'example.net']\n      policy: 'one_factor'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'warning', text: "'*example.com'", line: 8 },
    ]);
    assert.deepEqual(messagesOf(text, RULE), [
      "'*example.com' matches any name ending in 'example.com'; for subdomains write '*.example.com'.",
    ]);
  });

  // Fixed: an empty policy or an empty domain counts as present because only the key is checked.
  // Authelia refuses both: `case "": errFmtAccessControlRuleNoPolicy` and
  // `len(rule.Domains)+len(rule.DomainsRegex) == 0` (validator/access_control.go; FACTS §9 #43).
  // No other rule reports them either.
  it('treats an empty policy or domain as missing', () => {
    const text = withAccessRules(
      "    - domain: 'a.example.com'\n      policy: ''\n" +
        "    - domain:\n      policy: 'deny'\n" +
        "    - domain: []\n      policy: 'deny'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "domain: 'a.example.com'", line: 8 },
      { ruleId: RULE, severity: 'error', text: 'domain:', line: 10 },
      { ruleId: RULE, severity: 'error', text: 'domain: []', line: 12 },
    ]);
  });
});
