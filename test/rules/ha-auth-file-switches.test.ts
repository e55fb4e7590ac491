import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RESET = 'ha/auth-file-password-reset';
const CHANGE = 'ha/auth-file-password-change';
const WATCH = 'ha/auth-file-watch';

const fileBackend = yaml`
  authentication_backend:
    file:
      path: '/config/users_database.yml'
  session:
    redis:
      host: 'redis'
`;

describe(RESET, () => {
  it('fires on authentication_backend when reset is on by default', () => {
    assert.deepEqual(findingsOf(fileBackend, RESET), [
      { ruleId: RESET, severity: 'information', text: 'authentication_backend', line: 1 },
    ]);
  });

  it('fires on password_reset when it is present but not disabled', () => {
    const text = fileBackend.replace(
      'authentication_backend:\n',
      "authentication_backend:\n  password_reset:\n    custom_url: 'https://reset.example.com'\n",
    );
    assert.deepEqual(findingsOf(text, RESET), [
      { ruleId: RESET, severity: 'information', text: 'password_reset', line: 2 },
    ]);
  });

  it('is silent when password_reset.disable or the old disable_reset_password is true', () => {
    const modern = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  password_reset:\n    disable: true\n',
    );
    assert.deepEqual(findingsOf(modern, RESET), []);
    const legacy = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  disable_reset_password: true\n',
    );
    assert.deepEqual(findingsOf(legacy, RESET), []);
  });

  it('is off without the file backend and in single mode', () => {
    assert.deepEqual(findingsOf(fileBackend.replace('file:', 'ldap:'), RESET), []);
    assert.deepEqual(findingsOf(fileBackend, RESET, { deployment: 'single' }), []);
  });

  it('turns a false disable into true, touching nothing else', () => {
    const text = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  password_reset:\n    disable: false  # keep\n',
    );
    const fix = onlyFinding(text, RESET).fixes![0];
    assert.equal(fix.title, 'Disable password reset');
    assert.equal(applyEdits(text, fix.edits), text.replace('disable: false', 'disable: true'));
  });

  it('turns the old key to true when the file uses it', () => {
    const text = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  disable_reset_password: false\n',
    );
    const fixed = applyEdits(text, onlyFinding(text, RESET).fixes![0].edits);
    assert.equal(
      fixed,
      text.replace('disable_reset_password: false', 'disable_reset_password: true'),
    );
  });

  it('fills an empty disable key', () => {
    const text = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  password_reset:\n    disable:\n',
    );
    const fixed = applyEdits(text, onlyFinding(text, RESET).fixes![0].edits);
    assert.match(fixed, /\n {4}disable: true\n/);
    assert.deepEqual(findingsOf(fixed, RESET), []);
  });
});

describe(CHANGE, () => {
  it('fires for 4.39 on authentication_backend', () => {
    assert.deepEqual(findingsOf(fileBackend, CHANGE), [
      { ruleId: CHANGE, severity: 'information', text: 'authentication_backend', line: 1 },
    ]);
  });

  it('does not fire for 4.38 or 4.37, which cannot change passwords', () => {
    assert.deepEqual(findingsOf(fileBackend, CHANGE, { version: '4.38' }), []);
    assert.deepEqual(findingsOf(fileBackend, CHANGE, { version: '4.37' }), []);
  });

  it('fires on password_change when present, and is silent when disabled', () => {
    const on = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  password_change:\n    disable: false\n',
    );
    assert.deepEqual(
      findingsOf(on, CHANGE).map((seen) => seen.text),
      ['password_change'],
    );
    assert.deepEqual(findingsOf(on.replace('disable: false', 'disable: true'), CHANGE), []);
  });

  it('adds password_change.disable under the backend', () => {
    const fixed = applyEdits(fileBackend, onlyFinding(fileBackend, CHANGE).fixes![0].edits);
    assert.match(
      fixed,
      /path: '\/config\/users_database\.yml'\n {2}password_change:\n {4}disable: true\n/,
    );
    assert.deepEqual(findingsOf(fixed, CHANGE), []);
  });
});

describe(WATCH, () => {
  const watched = fileBackend.replace(
    "path: '/config/users_database.yml'",
    "path: '/config/users_database.yml'\n    watch: true",
  );

  it('fires on the watch key when watching is on', () => {
    assert.deepEqual(findingsOf(watched, WATCH), [
      { ruleId: WATCH, severity: 'information', text: 'watch', line: 4 },
    ]);
  });

  it('is silent when watch is false or absent, and in single mode', () => {
    assert.deepEqual(findingsOf(watched.replace('watch: true', 'watch: false'), WATCH), []);
    assert.deepEqual(findingsOf(fileBackend, WATCH), []);
    assert.deepEqual(findingsOf(watched, WATCH, { deployment: 'single' }), []);
  });

  it('turns watching off', () => {
    const fixed = applyEdits(watched, onlyFinding(watched, WATCH).fixes![0].edits);
    assert.equal(fixed, watched.replace('watch: true', 'watch: false'));
  });
});
