import assert from 'node:assert/strict';
import { lint, type LintOptions } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'schema/version';

/** The text is checked as an Authelia config, and the rule finds nothing in it. */
function assertSilent(text: string, options: LintOptions = {}): void {
  assert.equal(lint(text, options).checked, true);
  assert.deepEqual(findingsOf(text, RULE, options), []);
}

describe(RULE, () => {
  const cookies = yaml`
    session:
      secret: 'a-session-secret'
      cookies:
        - domain: example.com
          authelia_url: 'https://auth.example.com'
          remember_me: 1M
    storage:
      encryption_key: 'a-very-long-encryption-key'
  `;

  it('fires as an error on session.cookies for 4.37', () => {
    assert.deepEqual(findingsOf(cookies, RULE, { version: '4.37' }), [
      { ruleId: RULE, severity: 'error', text: 'cookies', line: 3 },
    ]);
    assert.equal(
      onlyFinding(cookies, RULE, { version: '4.37' }).message,
      'session.cookies arrived in 4.38; Authelia 4.37 does not know it.',
    );
  });

  it('stays silent on session.cookies for 4.38 and 4.39', () => {
    assertSilent(cookies, { version: '4.38' });
    assertSilent(cookies);
  });

  it('reports 4.39 keys for 4.38, and 4.38 and 4.39 keys for 4.37', () => {
    const text = yaml`
      session:
        secret: 'x'
      storage:
        encryption_key: 'a-very-long-encryption-key'
        postgres:
          address: 'tcp://db:5432'
          servers:
            - address: 'tcp://db2:5432'
      server:
        endpoints:
          enable_pprof: false
          rate_limits:
            second_factor_totp:
              enable: false
      definitions:
        network:
          lan: 10.0.0.0/8
      authentication_backend:
        password_change:
          disable: true
      totp:
        allowed_digits: [6]
    `;
    assertSilent(text, { version: '4.39' });
    assert.deepEqual(findingsOf(text, RULE, { version: '4.38' }), [
      { ruleId: RULE, severity: 'error', text: 'servers', line: 7 },
      { ruleId: RULE, severity: 'error', text: 'rate_limits', line: 12 },
      { ruleId: RULE, severity: 'error', text: 'definitions', line: 15 },
      { ruleId: RULE, severity: 'error', text: 'password_change', line: 19 },
    ]);
    assert.deepEqual(findingsOf(text, RULE, { version: '4.37' }), [
      { ruleId: RULE, severity: 'error', text: 'address', line: 6 },
      { ruleId: RULE, severity: 'error', text: 'servers', line: 7 },
      { ruleId: RULE, severity: 'error', text: 'endpoints', line: 10 },
      { ruleId: RULE, severity: 'error', text: 'definitions', line: 15 },
      { ruleId: RULE, severity: 'error', text: 'password_change', line: 19 },
      { ruleId: RULE, severity: 'error', text: 'allowed_digits', line: 22 },
    ]);
    const messages = lint(text, { version: '4.38' }).findings.filter(
      (finding) => finding.ruleId === RULE,
    );
    assert.equal(
      messages[0].message,
      'storage.postgres.servers arrived in 4.39; Authelia 4.38 does not know it.',
    );
  });

  it('reports keys inside list items', () => {
    const text = yaml`
      session:
        secret: 'x'
      identity_providers:
        oidc:
          clients:
            - client_id: grafana
              client_name: Grafana
    `;
    assert.deepEqual(findingsOf(text, RULE, { version: '4.37' }), [
      { ruleId: RULE, severity: 'error', text: 'client_id', line: 6 },
      { ruleId: RULE, severity: 'error', text: 'client_name', line: 7 },
    ]);
    assert.equal(
      onlyFinding(text.replace(/\n *client_name: Grafana/, ''), RULE, { version: '4.37' }).message,
      'identity_providers.oidc.clients[0].client_id arrived in 4.38; Authelia 4.37 does not know it.',
    );
  });

  it('takes the version from an in-file comment or the schema modeline', () => {
    assert.deepEqual(
      findingsOf(`# authelia-lint: version=4.37\n${cookies}`, RULE).map((seen) => [
        seen.text,
        seen.line,
      ]),
      [['cookies', 4]],
    );
    const modeline =
      '# yaml-language-server: $schema=https://www.authelia.com/schemas/v4.38/json-schema/configuration.json\n';
    const text = `${modeline}definitions:\n  network:\n    lan: 10.0.0.0/8\n`;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'definitions', line: 2 },
    ]);
    assert.equal(
      onlyFinding(text, RULE).message,
      'definitions arrived in 4.39; Authelia 4.38 does not know it.',
    );
  });

  it('reports the key even when its value is template text', () => {
    const text = yaml`
      session:
        secret: 'x'
        cookies: '{{ env "COOKIES" }}'
      storage:
        encryption_key: 'a-very-long-encryption-key'
      identity_validation: {{ fileContent "/config/identity_validation.yml" }}
    `;
    assert.deepEqual(findingsOf(text, RULE, { version: '4.37' }), [
      { ruleId: RULE, severity: 'error', text: 'cookies', line: 3 },
      { ruleId: RULE, severity: 'error', text: 'identity_validation', line: 6 },
    ]);
    assertSilent(text);
  });

  it('leaves deprecated keys, which every version still reads, to the deprecation rules', () => {
    const text = yaml`
      jwt_secret: 'a-reset-secret'
      session:
        domain: example.com
        remember_me_duration: 1M
      storage:
        encryption_key: 'a-very-long-encryption-key'
        mysql:
          host: db
          port: 3306
    `;
    for (const version of ['4.37', '4.38', '4.39'] as const) assertSilent(text, { version });
  });

  it('leaves unknown keys to schema/unknown-key', () => {
    const text = yaml`
      session:
        cookie: []
      storage:
        encryption_key: 'a-very-long-encryption-key'
    `;
    assertSilent(text, { version: '4.37' });
    assert.deepEqual(
      findingsOf(text, 'schema/unknown-key', { version: '4.37' }).map((seen) => seen.text),
      ['cookie'],
    );
  });

  it('stays silent on a 4.37 layout linted for 4.37', () => {
    const text = yaml`
      server:
        host: 0.0.0.0
        port: 9091
      session:
        domain: example.com
        expiration: 1h
        redis:
          host: redis
      storage:
        encryption_key: 'a-very-long-encryption-key'
        mysql:
          host: db
          database: authelia
      notifier:
        smtp:
          host: mail.example.com
          port: 587
          sender: 'Authelia <auth@example.com>'
      totp:
        issuer: example.com
    `;
    assertSilent(text, { version: '4.37' });
  });
});
