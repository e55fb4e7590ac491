import assert from 'node:assert/strict';
import { applyEdits, lint, type LintOptions } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'schema/deprecated-key-conflict';

/** The text is checked as an Authelia config, and the rule finds nothing in it. */
function assertSilent(text: string, options: LintOptions = {}): void {
  assert.equal(lint(text, options).checked, true);
  assert.deepEqual(findingsOf(text, RULE, options), []);
}

describe(RULE, () => {
  const both = yaml`
    jwt_secret: 'old-reset-secret'
    identity_validation:
      reset_password:
        jwt_secret: 'new-reset-secret'
    session:
      secret: 'x'
      remember_me_duration: 1M
      remember_me: 2M
    storage:
      encryption_key: 'a-very-long-encryption-key'
  `;

  it('warns where Authelia keeps the new value and drops the old one', () => {
    assert.deepEqual(findingsOf(both, RULE), [
      { ruleId: RULE, severity: 'warning', text: 'jwt_secret', line: 1 },
      { ruleId: RULE, severity: 'warning', text: 'remember_me_duration', line: 7 },
    ]);
    const messages = lint(both)
      .findings.filter((finding) => finding.ruleId === RULE)
      .map((finding) => finding.message);
    assert.deepEqual(messages, [
      'jwt_secret is deprecated and identity_validation.reset_password.jwt_secret is also set: ' +
        'Authelia uses identity_validation.reset_password.jwt_secret and ignores this value.',
      'session.remember_me_duration is deprecated and session.remember_me is also set: ' +
        'Authelia uses session.remember_me and ignores this value.',
    ]);
  });

  it('takes the finding from schema/deprecated-key, which stays silent', () => {
    assert.deepEqual(findingsOf(both, 'schema/deprecated-key'), []);
  });

  it('deletes the deprecated key, and nothing else', () => {
    const [first, second] = lint(both).findings.filter((finding) => finding.ruleId === RULE);
    assert.deepEqual(
      first.fixes!.map((fix) => [fix.title, fix.preferred]),
      [['Delete the deprecated key', true]],
    );
    assert.equal(
      applyEdits(both, first.fixes![0].edits),
      both.replace("jwt_secret: 'old-reset-secret'\n", ''),
    );
    assert.equal(
      applyEdits(both, second.fixes![0].edits),
      both.replace('  remember_me_duration: 1M\n', ''),
    );
  });

  it('is an error where Authelia refuses to start: host or port beside address, domain beside cookies, ssl beside tls', () => {
    const text = yaml`
      server:
        address: 'tcp://:9091/'
        port: 9092
      session:
        domain: example.com
        cookies:
          - domain: example.com
            authelia_url: 'https://auth.example.com'
      storage:
        encryption_key: 'a-very-long-encryption-key'
        postgres:
          address: 'tcp://db:5432'
          host: db
          ssl:
            mode: disable
          tls:
            skip_verify: false
      notifier:
        smtp:
          host: mail.example.com
          address: 'submission://mail.example.com:587'
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'port', line: 3 },
      { ruleId: RULE, severity: 'error', text: 'domain', line: 5 },
      { ruleId: RULE, severity: 'error', text: 'host', line: 13 },
      { ruleId: RULE, severity: 'error', text: 'ssl', line: 14 },
      { ruleId: RULE, severity: 'error', text: 'host', line: 20 },
    ]);
    const messages = lint(text)
      .findings.filter((finding) => finding.ruleId === RULE)
      .map((finding) => finding.message);
    assert.deepEqual(messages.slice(0, 2), [
      'server.port is deprecated and server.address is also set: Authelia refuses to start.',
      'session.domain is deprecated and session.cookies is also set: Authelia refuses to start.',
    ]);
    const domain = lint(text).findings.filter((finding) => finding.ruleId === RULE)[1];
    assert.equal(
      applyEdits(text, domain.fixes![0].edits),
      text.replace('  domain: example.com\n  cookies:', '  cookies:'),
    );
  });

  it('finds the replacement inside the same list item', () => {
    const text = yaml`
      session:
        secret: 'x'
      identity_providers:
        oidc:
          clients:
            - id: app
              client_id: app
            - id: other
              client_name: Other
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'warning', text: 'id', line: 6 },
    ]);
    assert.equal(
      onlyFinding(text, RULE).message,
      'identity_providers.oidc.clients[0].id is deprecated and identity_providers.oidc.clients[0].client_id is also set: ' +
        'Authelia uses identity_providers.oidc.clients[0].client_id and ignores this value.',
    );
    assert.deepEqual(
      findingsOf(text, 'schema/deprecated-key').map((seen) => [seen.text, seen.line]),
      [['id', 8]],
    );
  });

  it('follows the target version: 4.38 deprecations do not conflict on 4.37', () => {
    const text = yaml`
      session:
        domain: example.com
        cookies:
          - domain: example.com
            authelia_url: 'https://auth.example.com'
      storage:
        encryption_key: 'a-very-long-encryption-key'
        postgres:
          ssl:
            mode: disable
          tls:
            skip_verify: false
    `;
    assert.deepEqual(findingsOf(text, RULE, { version: '4.37' }), [
      { ruleId: RULE, severity: 'error', text: 'ssl', line: 9 },
    ]);
    assert.deepEqual(
      findingsOf(text, RULE, { version: '4.38' }).map((seen) => seen.text),
      ['domain', 'ssl'],
    );
  });

  it('does not need the replacement value to be readable: template text still conflicts', () => {
    const text = yaml`
      jwt_secret: '{{ secret "/run/secrets/old" }}'
      identity_validation:
        reset_password:
          jwt_secret: {{ secret "/run/secrets/jwt" }}
      session:
        secret: 'x'
    `;
    assert.deepEqual(findingsOf(text, 'yaml/syntax'), []);
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'warning', text: 'jwt_secret', line: 1 },
    ]);
  });

  it('never prints either secret', () => {
    for (const finding of lint(both).findings)
      assert.doesNotMatch(finding.message, /old-reset-secret|new-reset-secret/);
  });

  it('stays silent when only the deprecated key or only its replacement is set', () => {
    assertSilent(
      both.replace(/identity_validation:\n.*\n.*\n/, '').replace('  remember_me: 2M\n', ''),
    );
    assertSilent(
      both
        .replace("jwt_secret: 'old-reset-secret'\n", '')
        .replace('  remember_me_duration: 1M\n', ''),
    );
  });
});
