import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'acl/no-rules';

const base = yaml`
  session:
    cookies:
      - domain: 'example.com'
        authelia_url: 'https://auth.example.com'
  storage:
    encryption_key: 'a-very-long-encryption-key'
    local:
      path: '/config/db.sqlite3'
`;

describe(RULE, () => {
  it('fires as an error on the first line when access_control is missing', () => {
    assert.deepEqual(findingsOf(base, RULE), [
      { ruleId: RULE, severity: 'error', text: 'session:', line: 1 },
    ]);
    assert.equal(
      onlyFinding(base, RULE).message,
      'access_control is missing: Authelia needs rules, or a default_policy of one_factor or two_factor.',
    );
  });

  it('fires as an error on access_control without rules and with a default policy that lets through or denies', () => {
    const expected = [{ ruleId: RULE, severity: 'error', text: 'access_control', line: 9 }];
    const message =
      'access_control has no rules and its default_policy is not one_factor or two_factor: Authelia refuses to start.';
    for (const section of [
      "access_control:\n  default_policy: 'deny'\n",
      "access_control:\n  default_policy: 'bypass'\n  rules: []\n",
      'access_control:\n  rules:\n',
      'access_control:\n',
      'access_control: {}\n',
    ]) {
      const text = base + section;
      assert.deepEqual(findingsOf(text, RULE), expected, section);
      assert.equal(onlyFinding(text, RULE).message, message);
    }
  });

  it('only warns when the default policy asks for a login', () => {
    for (const policy of ['one_factor', 'two_factor']) {
      const text = base + `access_control:\n  default_policy: '${policy}'\n  rules: []\n`;
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'warning', text: 'access_control', line: 9 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        `access_control has no rules: every request gets the default policy ${policy}.`,
      );
    }
  });

  it('stays silent when there is at least one rule, whatever the default policy', () => {
    const text =
      base +
      yaml`
        access_control:
          default_policy: 'deny'
          rules:
            - domain: '{{ env "DOMAIN" }}'
              policy: 'two_factor'
      `;
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.equal(lint(text).checked, true);
  });

  // Fixed: a templated default_policy is reported as an error ("is not one_factor or two_factor:
  // Authelia refuses to start"), although only the template decides it; FACTS §2 asks to treat
  // {{ … }} as opaque, and every other rule skips template text.
  it('does not claim Authelia refuses a templated default policy', () => {
    const text = base + 'access_control:\n  default_policy: \'{{ env "DEFAULT_POLICY" }}\'\n';
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
