import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';
import { findingsOf, onlyFinding } from '../support/lint';

const RULE = 'acl/subject';

/** A config with the given OIDC clients (list items indented by 6, or '') and rules (indented by 4). */
function config(clients: string, rules: string): string {
  const oidc = clients === '' ? '' : 'identity_providers:\n  oidc:\n    clients:\n' + clients;
  return (
    'storage:\n' +
    "  encryption_key: 'a-very-long-encryption-key'\n" +
    '  local:\n' +
    "    path: '/config/db.sqlite3'\n" +
    oidc +
    'access_control:\n' +
    "  default_policy: 'deny'\n" +
    '  rules:\n' +
    rules
  );
}

const clients =
  "      - client_id: 'grafana'\n        public: true\n      - id: 'legacy-app'\n        public: true\n";

describe(RULE, () => {
  it('stays silent on users, groups and clients that are defined, in strings and nested lists', () => {
    const text = config(
      clients,
      "    - domain: 'a.example.com'\n      policy: one_factor\n      subject: 'user:john'\n" +
        "    - domain: 'b.example.com'\n      policy: two_factor\n" +
        "      subject:\n        - ['group:admins', 'user:jane']\n        - 'oauth2:client:grafana'\n" +
        "        - 'oauth2:client:legacy-app'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.equal(lint(text).checked, true);
  });

  it('fires as an error on a subject without a known prefix', () => {
    const text = config(
      '',
      "    - domain: 'a.example.com'\n      policy: one_factor\n      subject: ['users:bob', 'group:ok', 'john']\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'users:bob'", line: 10 },
      { ruleId: RULE, severity: 'error', text: "'john'", line: 10 },
    ]);
    assert.deepEqual(
      lint(text)
        .findings.filter((finding) => finding.ruleId === RULE)
        .map((finding) => finding.message),
      [
        "'users:bob' is not a subject: write user:<name>, group:<name> or oauth2:client:<id>.",
        "'john' is not a subject: write user:<name>, group:<name> or oauth2:client:<id>.",
      ],
    );
  });

  it('fires when oauth2:client:<id> names a client that is not defined', () => {
    const text = config(
      clients,
      "    - domain: 'a.example.com'\n      policy: one_factor\n      subject:\n        - - 'oauth2:client:grafana2'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'oauth2:client:grafana2'", line: 18 },
    ]);
    assert.equal(
      onlyFinding(text, RULE).message,
      "'oauth2:client:grafana2' names a client that identity_providers.oidc.clients does not define.",
    );
  });

  it('fires for any client when OpenID Connect is not configured', () => {
    const text = config(
      '',
      "    - domain: 'a.example.com'\n      policy: one_factor\n      subject: 'oauth2:client:grafana'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'oauth2:client:grafana'", line: 10 },
    ]);
  });

  it('leaves template text alone', () => {
    const text = config(
      '',
      "    - domain: 'a.example.com'\n      policy: one_factor\n" +
        '      subject: [\'{{ env "SUBJECT" }}\', \'oauth2:client:{{ env "CLIENT" }}\']\n',
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
