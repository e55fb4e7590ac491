import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'ha/storage-sqlite';

describe(RULE, () => {
  const sqlite = yaml`
    session:
      redis:
        host: 'redis'
    storage:
      encryption_key: 'a-very-long-encryption-key'  # from a Secret
      local:
        path: '/config/db.sqlite3'
      timeout: '5s'
  `;

  it('fires as an error on the local key', () => {
    assert.deepEqual(findingsOf(sqlite, RULE), [
      { ruleId: RULE, severity: 'error', text: 'local', line: 6 },
    ]);
    assert.match(
      onlyFinding(sqlite, RULE).message,
      /^BREAKING.*SQLite.*PostgreSQL, MySQL or MariaDB/s,
    );
  });

  it('is off in single mode', () => {
    assert.deepEqual(findingsOf(sqlite, RULE, { deployment: 'single' }), []);
  });

  it('stays silent for postgres and mysql, and for a local key elsewhere', () => {
    assert.deepEqual(findingsOf(sqlite.replace('local:', 'postgres:'), RULE), []);
    assert.deepEqual(findingsOf(sqlite.replace('local:', 'mysql:'), RULE), []);
    const elsewhere = 'session:\n  local: {}\nstorage:\n  postgres: {}\n';
    assert.deepEqual(findingsOf(elsewhere, RULE), []);
  });

  it('replaces only the local block with PostgreSQL in 4.39 syntax', () => {
    const fix = onlyFinding(sqlite, RULE).fixes![0];
    assert.equal(fix.title, 'Replace SQLite with PostgreSQL');
    assert.equal(fix.preferred, true);
    assert.equal(
      applyEdits(sqlite, fix.edits),
      yaml`
        session:
          redis:
            host: 'redis'
        storage:
          encryption_key: 'a-very-long-encryption-key'  # from a Secret
          postgres:
            address: 'tcp://postgres:5432'
            database: 'authelia'
            username: 'authelia'
            # password: set it with AUTHELIA_STORAGE_POSTGRES_PASSWORD_FILE
          timeout: '5s'
      `,
    );
  });

  it('writes host and port for 4.37, which has no address key', () => {
    const fix = onlyFinding(sqlite, RULE, { version: '4.37' }).fixes![1];
    assert.equal(fix.title, 'Replace SQLite with MySQL');
    const fixed = applyEdits(sqlite, fix.edits);
    assert.match(fixed, /\n {2}mysql:\n {4}host: 'mysql'\n {4}port: 3306\n/);
    assert.doesNotMatch(fixed, /address/);
  });

  it('keeps flow style inside a flow mapping', () => {
    const flow = "session: {}\nstorage: {encryption_key: 'k', local: {path: /db.sqlite3}}\n";
    const fixed = applyEdits(flow, onlyFinding(flow, RULE).fixes![0].edits);
    assert.equal(
      fixed,
      "session: {}\nstorage: {encryption_key: 'k', postgres: {address: 'tcp://postgres:5432', " +
        "database: 'authelia', username: 'authelia'}}\n",
    );
  });
});
