import assert from 'node:assert/strict';
import { applyEdits, lint, type LintOptions } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'schema/removed-key';

/** The text is checked as an Authelia config, and the rule finds nothing in it. */
function assertSilent(text: string, options: LintOptions = {}): void {
  assert.equal(lint(text, options).checked, true);
  assert.deepEqual(findingsOf(text, RULE, options), []);
}

describe(RULE, () => {
  const analytics = yaml`
    google_analytics: UA-12345-1  # the old tracker
    session:
      secret: 'a-session-secret'
    storage:
      encryption_key: 'a-very-long-encryption-key'
  `;

  it('fires as an error on google_analytics, with the reason', () => {
    assert.deepEqual(findingsOf(analytics, RULE), [
      { ruleId: RULE, severity: 'error', text: 'google_analytics', line: 1 },
    ]);
    assert.equal(
      onlyFinding(analytics, RULE).message,
      'google_analytics is no longer accepted: Analytics support was dropped; Authelia refuses to start while the key is set.',
    );
  });

  it('removes the key, its value and its comment', () => {
    const fixes = onlyFinding(analytics, RULE).fixes!;
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      ['Remove google_analytics'],
    );
    assert.equal(
      applyEdits(analytics, fixes[0].edits),
      yaml`
        session:
          secret: 'a-session-secret'
        storage:
          encryption_key: 'a-very-long-encryption-key'
      `,
    );
  });

  it('fires on trusted_cert and the old names of the password block, removing the whole block', () => {
    const text = yaml`
      session:
        secret: 'x'
      notifier:
        smtp:
          address: 'submission://mail.example.com:587'
          trusted_cert: /certs/ca.pem
          sender: 'Authelia <auth@example.com>'
      authentication_backend:
        file:
          path: /config/users.yml
          password_options:
            algorithm: argon2id
            iterations: 1
          hashing: {algorithm: sha512}
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'trusted_cert', line: 6 },
      { ruleId: RULE, severity: 'error', text: 'password_options', line: 11 },
      { ruleId: RULE, severity: 'error', text: 'hashing', line: 14 },
    ]);
    const findings = lint(text).findings.filter((finding) => finding.ruleId === RULE);
    assert.equal(
      findings[0].message,
      'notifier.smtp.trusted_cert is no longer accepted: Put the CA certificate in the directory named by certificates_directory instead.',
    );
    assert.equal(
      findings[1].message,
      'authentication_backend.file.password_options is no longer accepted: An old name: move these settings under authentication_backend.file.password.',
    );
    assert.equal(
      applyEdits(text, findings[1].fixes![0].edits),
      text.replace('    password_options:\n      algorithm: argon2id\n      iterations: 1\n', ''),
    );
    assert.equal(
      applyEdits(text, findings[2].fixes![0].edits),
      text.replace('    hashing: {algorithm: sha512}\n', ''),
    );
  });

  it('reports the removed block once, not each key inside it', () => {
    const text = yaml`
      session:
        secret: 'x'
      authentication_backend:
        file:
          path: /config/users.yml
          password_hashing:
            algorithm: argon2id
            iterations: 3
            memory: 64
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'password_hashing', line: 6 },
    ]);
  });

  it('fires in every version, and whatever the value, template text included', () => {
    for (const version of ['4.37', '4.38', '4.39'] as const) {
      assert.deepEqual(
        findingsOf(analytics, RULE, { version }).map((seen) => seen.text),
        ['google_analytics'],
      );
    }
    const templated = yaml`
      google_analytics: '{{ env "GA" }}'
      notifier:
        smtp:
          trusted_cert: {{ env "CERT" }}
      session:
        secret: 'x'
    `;
    assert.deepEqual(findingsOf(templated, 'yaml/syntax'), []);
    assert.deepEqual(
      findingsOf(templated, RULE).map((seen) => [seen.text, seen.line]),
      [
        ['google_analytics', 1],
        ['trusted_cert', 4],
      ],
    );
  });

  it('leaves the same names elsewhere alone', () => {
    const text = yaml`
      session:
        secret: 'x'
      authentication_backend:
        file:
          path: /config/users.yml
          password:
            algorithm: argon2
      storage:
        encryption_key: 'a-very-long-encryption-key'
        postgres:
          address: 'tcp://db:5432'
          tls:
            skip_verify: false
    `;
    assertSilent(text);
  });

  it('checks nothing in a file that is not an Authelia config', () => {
    const text = 'google_analytics: UA-1\nserver:\n  port: 80\n';
    assert.equal(lint(text).checked, false);
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
