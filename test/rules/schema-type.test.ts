import assert from 'node:assert/strict';
import { lint, type LintOptions } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'schema/type';

/** The text is checked as an Authelia config, and the rule finds nothing in it. */
function assertSilent(text: string, options: LintOptions = {}): void {
  assert.equal(lint(text, options).checked, true);
  assert.deepEqual(findingsOf(text, RULE, options), []);
}

describe(RULE, () => {
  const wrong = yaml`
    session:
      secret: 'a-session-secret'
      cookies: example.com
    storage:
      encryption_key: 'a-very-long-encryption-key'
    totp:
      period: thirty
      issuer: {name: Authelia}
  `;

  it('fires as an error on the key of each value of the wrong kind', () => {
    assert.deepEqual(findingsOf(wrong, RULE), [
      { ruleId: RULE, severity: 'error', text: 'cookies', line: 3 },
      { ruleId: RULE, severity: 'error', text: 'period', line: 7 },
      { ruleId: RULE, severity: 'error', text: 'issuer', line: 8 },
    ]);
  });

  it('says what was expected and what was found', () => {
    const messages = lint(wrong)
      .findings.filter((finding) => finding.ruleId === RULE)
      .map((finding) => finding.message);
    assert.deepEqual(messages, [
      'session.cookies expects a list, but it is a string.',
      'totp.period expects a whole number, but it is a string.',
      'totp.issuer expects a string, but it is a mapping.',
    ]);
  });

  it('reports a section written as a list, and a list item of the wrong kind', () => {
    const text = yaml`
      session:
        secret: 'x'
      storage:
        encryption_key: 'a-very-long-encryption-key'
      totp: []
      webauthn:
        disable: [true]
      access_control:
        rules: {domain: example.com, policy: bypass}
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'totp', line: 5 },
      { ruleId: RULE, severity: 'error', text: 'disable', line: 7 },
      { ruleId: RULE, severity: 'error', text: 'rules', line: 9 },
    ]);
    const item = yaml`
      session:
        secret: 'x'
      totp:
        allowed_periods: [30, sixty]
    `;
    assert.deepEqual(findingsOf(item, RULE), [
      { ruleId: RULE, severity: 'error', text: 'sixty', line: 4 },
    ]);
    assert.equal(
      onlyFinding(item, RULE).message,
      'totp.allowed_periods[1] expects a whole number, but it is a string.',
    );
  });

  it('reads values loosely, as Authelia does', () => {
    const text = yaml`
      session:
        secret: 12345678901234567890
        expiration: 3600
        inactivity: '5m'
        remember_me: -1
      storage:
        encryption_key: 'a-very-long-encryption-key'
      totp:
        disable: 'true'
        period: '30'
        issuer: 42
      regulation:
        ban_time: 1.0e3
    `;
    assertSilent(text);
  });

  it('rejects a YAML word that is not a boolean', () => {
    const text = yaml`
      session:
        secret: 'x'
      totp:
        disable: yes
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'disable', line: 4 },
    ]);
    assert.equal(
      onlyFinding(text, RULE).message,
      'totp.disable expects true or false, but it is a string.',
    );
  });

  // BUG: Authelia decodes with WeaklyTypedInput: true (internal/configuration/provider.go), so an
  // integer for a boolean is read as true/false, just as the rule already accepts the string '1'.
  // Actual: schema/type error "totp.disable expects true or false, but it is a whole number."
  it('accepts an integer for a boolean, as Go reads it loosely', () => {
    const text = yaml`
      session:
        secret: 'x'
      totp:
        disable: 1
    `;
    assertSilent(text);
  });

  it('accepts a single item where a list may be written as one value', () => {
    const text = yaml`
      session:
        secret: 'x'
      storage:
        encryption_key: 'a-very-long-encryption-key'
      definitions:
        network:
          internal: 10.0.0.0/8
          lan:
            - 192.168.1.0/24
      access_control:
        rules:
          - domain: example.com
            policy: bypass
            methods: GET
    `;
    assertSilent(text);
    const mapping = text.replace('internal: 10.0.0.0/8', 'internal: {cidr: 10.0.0.0/8}');
    assert.deepEqual(findingsOf(mapping, RULE), [
      { ruleId: RULE, severity: 'error', text: 'internal', line: 7 },
    ]);
    assert.equal(
      onlyFinding(mapping, RULE).message,
      'definitions.network.internal expects a list (or a single item), but it is a mapping.',
    );
  });

  it('never checks template text, quoted or not', () => {
    const text = yaml`
      session:
        secret: 'x'
        cookies: '{{ env "COOKIES" }}'
      storage:
        encryption_key: 'a-very-long-encryption-key'
      totp:
        period: '{{ env "TOTP_PERIOD" }}'
        skew: {{ env "TOTP_SKEW" }}
        disable: '{{ if eq (env "TOTP") "off" }}true{{ else }}false{{ end }}'
    `;
    assert.deepEqual(findingsOf(text, 'yaml/syntax'), []);
    assertSilent(text);
  });

  it('accepts empty values, aliases and anchors', () => {
    const text = yaml`
      session:
        secret:
        expiration: &hour 1h
        inactivity: *hour
      totp:
        period:
    `;
    assertSilent(text);
  });

  it('never prints a secret value in its message', () => {
    const text = yaml`
      session:
        secret: [hunter2-session-secret]
      storage:
        encryption_key: {value: hunter2-encryption-key}
      notifier:
        smtp:
          password: [hunter2-smtp-password]
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'secret', line: 2 },
      { ruleId: RULE, severity: 'error', text: 'encryption_key', line: 4 },
      { ruleId: RULE, severity: 'error', text: 'password', line: 7 },
    ]);
    const messages = lint(text)
      .findings.filter((finding) => finding.ruleId === RULE)
      .map((finding) => finding.message);
    assert.deepEqual(messages, [
      'session.secret expects a string, but it is a list.',
      'storage.encryption_key expects a string, but it is a mapping.',
      'notifier.smtp.password expects a string, but it is a list.',
    ]);
    for (const finding of lint(text).findings) assert.doesNotMatch(finding.message, /hunter2/);
  });

  it('stays silent on a valid config', () => {
    const text = yaml`
      session:
        secret: 'a-session-secret'
        cookies:
          - domain: example.com
            authelia_url: 'https://auth.example.com'
        redis:
          host: redis
          port: 6379
      storage:
        encryption_key: 'a-very-long-encryption-key'
        postgres:
          address: 'tcp://db:5432'
          timeout: 5s
      totp:
        disable: false
        period: 30
        allowed_digits: [6, 8]
    `;
    assertSilent(text);
  });
});
