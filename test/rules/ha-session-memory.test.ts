import assert from 'node:assert/strict';
import { applyEdits, lint } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'ha/session-memory';

describe(RULE, () => {
  const memorySession = yaml`
    authentication_backend:
      ldap:
        address: 'ldap://ldap'
    session:
      cookies:
        - domain: 'example.com'
          authelia_url: 'https://auth.example.com'
    storage:
      postgres:
        address: 'tcp://db:5432'
  `;

  it('fires as an error on the session key when session.redis is missing', () => {
    assert.deepEqual(findingsOf(memorySession, RULE), [
      { ruleId: RULE, severity: 'error', text: 'session', line: 4 },
    ]);
  });

  it('says what breaks and links the statelessness page', () => {
    const finding = onlyFinding(memorySession, RULE);
    assert.match(finding.message, /^BREAKING/);
    assert.match(finding.message, /another replica is not logged in/);
    assert.match(finding.message, /restart logs everyone out/);
    assert.equal(finding.href, 'https://www.authelia.com/overview/authorization/statelessness/');
  });

  it('is information in single mode, since a restart still logs everyone out', () => {
    assert.deepEqual(findingsOf(memorySession, RULE, { deployment: 'single' }), [
      { ruleId: RULE, severity: 'information', text: 'session', line: 4 },
    ]);
    assert.match(onlyFinding(memorySession, RULE, { deployment: 'single' }).message, /restart/);
  });

  it('stays silent with session.redis, single server or Sentinel', () => {
    const redis = memorySession.replace('  cookies:', "  redis:\n    host: 'redis'\n  cookies:");
    assert.deepEqual(findingsOf(redis, RULE), []);

    const sentinel = memorySession.replace(
      '  cookies:',
      "  redis:\n    high_availability:\n      sentinel_name: 'mymaster'\n  cookies:",
    );
    assert.deepEqual(findingsOf(sentinel, RULE), []);
  });

  it('fires on the first line when there is no session section at all', () => {
    const text = '# my config\nstorage:\n  postgres: {}\nnotifier:\n  smtp: {}\n';
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: '# my config', line: 1 },
    ]);
  });

  it('treats a redis key that is not under session as missing', () => {
    const text = "redis:\n  host: 'r'\nsession:\n  name: 'x'\nstorage:\n  local: {}\n";
    assert.deepEqual(
      findingsOf(text, RULE).map((seen) => seen.text),
      ['session'],
    );
  });

  it('offers the Redis fix first and the single-instance fix in HA mode only', () => {
    const titles = onlyFinding(memorySession, RULE).fixes!.map((fix) => [
      fix.title,
      !!fix.preferred,
    ]);
    assert.deepEqual(titles, [
      ['Add a Redis session provider', true],
      ['This deployment runs a single instance', false],
    ]);
    const single = onlyFinding(memorySession, RULE, { deployment: 'single' }).fixes!;
    assert.deepEqual(
      single.map((fix) => fix.title),
      ['Add a Redis session provider'],
    );
  });

  it('writes the Redis block at the end of session, with no secret value', () => {
    const fix = onlyFinding(memorySession, RULE).fixes![0];
    const fixed = applyEdits(memorySession, fix.edits);
    assert.equal(
      fixed,
      memorySession.replace(
        "authelia_url: 'https://auth.example.com'\n",
        "authelia_url: 'https://auth.example.com'\n" +
          '  redis:\n' +
          "    host: 'redis'\n" +
          '    port: 6379\n' +
          '    # password: set it with AUTHELIA_SESSION_REDIS_PASSWORD_FILE\n' +
          '    # session.secret is required with Redis: set AUTHELIA_SESSION_SECRET_FILE\n',
      ),
    );
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('creates the session section when the file has none', () => {
    const text = "storage:\n  postgres:\n    address: 'tcp://db:5432'\nnotifier:\n  smtp: {}\n";
    const fixed = applyEdits(text, onlyFinding(text, RULE).fixes![0].edits);
    assert.match(fixed, /\nsession:\n {2}redis:\n {4}host: 'redis'\n/);
    assert.deepEqual(findingsOf(fixed, RULE), []);
    assert.deepEqual(
      lint(fixed).findings.filter((f) => f.ruleId === 'yaml/syntax'),
      [],
    );
  });

  it('fills an empty session key', () => {
    const text = 'session:\nstorage:\n  postgres: {}\n';
    const fixed = applyEdits(text, onlyFinding(text, RULE).fixes![0].edits);
    assert.equal(fixed.split('\n').slice(0, 3).join('\n'), "session:\n  redis:\n    host: 'redis'");
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('leaves out the session.secret reminder when a secret is already set', () => {
    const text = memorySession.replace('session:\n', "session:\n  secret: 'x'\n");
    const fixed = applyEdits(text, onlyFinding(text, RULE).fixes![0].edits);
    assert.doesNotMatch(fixed, /session\.secret is required/);
  });
});
