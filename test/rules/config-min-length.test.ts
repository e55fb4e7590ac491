import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'config/min-length';

function withKey(key: string): string {
  return yaml`
    storage:
      encryption_key: ${key}
      postgres:
        address: 'tcp://postgres:5432'
        database: 'authelia'
        username: 'authelia'
    notifier:
      smtp:
        address: 'submission://mail.example.com:587'
        sender: 'authelia@example.com'
  `;
}

describe(RULE, () => {
  it('fires as an error on an encryption key under 20 characters, underlining the value', () => {
    const text = withKey("'nineteen-character!'");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'nineteen-character!'", line: 2 },
    ]);
  });

  it('gives the length but never the value', () => {
    const text = withKey("'TopSecretKey'");
    const message = onlyFinding(text, RULE).message;
    assert.equal(
      message,
      'storage.encryption_key must be at least 20 characters (it encrypts secrets in the database); it has 12.',
    );
    for (const finding of lint(text).findings) assert.doesNotMatch(finding.message, /TopSecretKey/);
  });

  it('counts the value of an unquoted number too', () => {
    assert.deepEqual(findingsOf(withKey('12345'), RULE), [
      { ruleId: RULE, severity: 'error', text: '12345', line: 2 },
    ]);
  });

  it('stays silent at exactly 20 characters and above', () => {
    assert.deepEqual(findingsOf(withKey("'exactly-twenty-chars'"), RULE), []);
    assert.deepEqual(
      findingsOf(withKey("'a-much-longer-encryption-key-from-a-secret-store'"), RULE),
      [],
    );
  });

  it('leaves template text, an empty value and a missing key alone', () => {
    assert.deepEqual(findingsOf(withKey('\'{{ secret "/k" }}\''), RULE), []);
    assert.deepEqual(findingsOf(withKey("''"), RULE), []);
    assert.deepEqual(findingsOf(withKey(''), RULE), []);
    const missing = withKey("'x'").replace("  encryption_key: 'x'\n", '');
    assert.deepEqual(findingsOf(missing, RULE), []);
  });

  it('checks a block scalar too, and ignores text that is not a config', () => {
    const block =
      "storage:\n  encryption_key: |\n    short\n  local:\n    path: '/db'\nnotifier: {}\n";
    assert.deepEqual(findingsOf(block, RULE), [
      { ruleId: RULE, severity: 'error', text: '|\n    short\n', line: 2 },
    ]);
    assert.match(onlyFinding(block, RULE).message, /it has 6\.$/);
    assert.deepEqual(findingsOf("storage:\n  encryption_key: 'short'\n", RULE), []);
  });
});
