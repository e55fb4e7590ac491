import assert from 'node:assert/strict';
import { applyEdits, lint } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'config/provider-count';

describe(RULE, () => {
  const twoBackends = yaml`
    authentication_backend:
      file:
        path: '/config/users.yml'
      ldap:
        address: 'ldaps://ldap.example.com'
    storage:
      encryption_key: 'a-very-long-encryption-key'
      local:
        path: '/config/db.sqlite3'
  `;

  it('fires as an error on the section key when two providers are configured', () => {
    assert.deepEqual(findingsOf(twoBackends, RULE), [
      { ruleId: RULE, severity: 'error', text: 'authentication_backend', line: 1 },
    ]);
    assert.equal(
      onlyFinding(twoBackends, RULE).message,
      'authentication_backend has 2 providers (file, ldap): Authelia needs exactly one.',
    );
  });

  it('offers to remove either provider, touching nothing else', () => {
    const fixes = onlyFinding(twoBackends, RULE).fixes!;
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      ['Remove authentication_backend.file', 'Remove authentication_backend.ldap'],
    );
    assert.equal(
      applyEdits(twoBackends, fixes[0].edits),
      yaml`
        authentication_backend:
          ldap:
            address: 'ldaps://ldap.example.com'
        storage:
          encryption_key: 'a-very-long-encryption-key'
          local:
            path: '/config/db.sqlite3'
      `,
    );
    assert.equal(
      applyEdits(twoBackends, fixes[1].edits),
      yaml`
        authentication_backend:
          file:
            path: '/config/users.yml'
        storage:
          encryption_key: 'a-very-long-encryption-key'
          local:
            path: '/config/db.sqlite3'
      `,
    );
  });

  it('fires on a section with no provider, in block and flow style, without a fix', () => {
    const text = yaml`
      notifier:
        disable_startup_check: true
      storage: {encryption_key: 'a-very-long-encryption-key'}
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'notifier', line: 1 },
      { ruleId: RULE, severity: 'error', text: 'storage', line: 3 },
    ]);
    const messages = findingsOfMessages(text);
    assert.deepEqual(messages, [
      'notifier has no provider: Authelia needs exactly one of filesystem, smtp.',
      'storage has no provider: Authelia needs exactly one of local, mysql, postgres.',
    ]);
    const fixes = lint(text)
      .findings.filter((finding) => finding.ruleId === RULE)
      .map((finding) => finding.fixes ?? []);
    assert.deepEqual(fixes, [[], []]);
  });

  it('counts three storage providers', () => {
    const text = yaml`
      notifier:
        filesystem:
          filename: '/config/notification.txt'
      storage:
        local:
          path: '/config/db.sqlite3'
        mysql:
          address: 'tcp://mysql:3306'
        postgres:
          address: 'tcp://postgres:5432'
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'storage', line: 4 },
    ]);
    assert.equal(onlyFinding(text, RULE).fixes!.length, 3);
  });

  it('stays silent with exactly one provider each, in every version', () => {
    const text = yaml`
      authentication_backend:
        ldap:
          address: 'ldaps://ldap.example.com'
      storage:
        postgres:
          address: 'tcp://postgres:5432'
      notifier:
        smtp:
          address: 'submission://mail.example.com:587'
    `;
    for (const version of ['4.37', '4.38', '4.39'] as const) {
      assert.deepEqual(findingsOf(text, RULE, { version }), []);
    }
  });

  it('leaves a missing section to config/required', () => {
    const text = yaml`
      session:
        name: 'authelia_session'
      access_control:
        default_policy: 'one_factor'
    `;
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('is not confused by template text inside the provider', () => {
    const text = yaml`
      storage:
        encryption_key: '{{ secret "/secrets/storage" }}'
        local:
          path: '{{ env "DB_PATH" }}'
      notifier:
        filesystem:
          filename: '{{ env "NOTIFY_FILE" }}'
    `;
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  // Fixed: an empty section (`storage:` with no value) gives no finding at all: provider-count
  // skips it because its value is not a mapping, and config/required sees the key as present.
  // Authelia reads it as a storage without a provider and refuses to start (FACTS §6.2, §9 #77).
  it('fires on a section left empty', () => {
    const text = yaml`
      storage:
      notifier:
        filesystem:
          filename: '/config/notification.txt'
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'storage', line: 1 },
    ]);
  });
});

function findingsOfMessages(text: string): string[] {
  return lint(text)
    .findings.filter((finding) => finding.ruleId === RULE)
    .map((finding) => finding.message);
}
