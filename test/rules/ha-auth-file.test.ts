import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine';
import { findingsOf, onlyFinding, ruleIds, yaml } from '../support/lint';

const RULE = 'ha/auth-file';

describe(RULE, () => {
  const fileBackend = yaml`
    authentication_backend:
      file:
        path: '/config/users_database.yml'
    session:
      redis:
        host: 'redis'
  `;

  it('fires as information on the file key while the file can be written', () => {
    assert.deepEqual(findingsOf(fileBackend, RULE), [
      { ruleId: RULE, severity: 'information', text: 'file', line: 2 },
    ]);
    assert.match(onlyFinding(fileBackend, RULE).message, /^MEDIUM.*LDAP/s);
  });

  it('drops to a hint once reset, change and watching are all off', () => {
    const locked = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  password_reset:\n    disable: true\n' +
        '  password_change:\n    disable: true\n',
    );
    assert.deepEqual(findingsOf(locked, RULE), [
      { ruleId: RULE, severity: 'hint', text: 'file', line: 6 },
    ]);
  });

  it('needs only reset off for 4.38, which has no password change', () => {
    const text = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  disable_reset_password: true\n',
    );
    assert.equal(findingsOf(text, RULE, { version: '4.38' })[0].severity, 'hint');
    assert.equal(findingsOf(text, RULE, { version: '4.39' })[0].severity, 'information');
  });

  it('stays information while watching is on', () => {
    const text = fileBackend
      .replace(
        'authentication_backend:\n',
        'authentication_backend:\n  password_reset: {disable: true}\n  password_change: {disable: true}\n',
      )
      .replace("path: '/config/users_database.yml'", "path: '/u.yml'\n    watch: true");
    assert.equal(findingsOf(text, RULE)[0].severity, 'information');
  });

  it('is off in single mode, with all the file-backend rules', () => {
    assert.deepEqual(
      ruleIds(fileBackend, { deployment: 'single' }).filter((id) => id.startsWith('ha/auth')),
      [],
    );
  });

  it('stays silent for LDAP', () => {
    const ldap =
      "authentication_backend:\n  ldap:\n    address: 'ldap://x'\nsession: {redis: {}}\n";
    assert.deepEqual(
      ruleIds(ldap).filter((id) => id.startsWith('ha/auth')),
      [],
    );
  });

  it('replaces the file block with an LDAP stub, leaving the rest of the backend', () => {
    const text = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  refresh_interval: 5m\n',
    );
    const fix = onlyFinding(text, RULE).fixes!.find(
      (f) => f.title === 'Replace the file backend with LDAP',
    )!;
    assert.equal(
      applyEdits(text, fix.edits),
      yaml`
        authentication_backend:
          refresh_interval: 5m
          ldap:
            address: 'ldap://ldap.example.com:389'
            implementation: 'custom'
            base_dn: 'dc=example,dc=com'
            users_filter: '(&({username_attribute}={input})(objectClass=person))'
            groups_filter: '(&(member={dn})(objectClass=groupOfNames))'
            user: 'cn=authelia,ou=service,dc=example,dc=com'
            # password: set it with AUTHELIA_AUTHENTICATION_BACKEND_LDAP_PASSWORD_FILE
        session:
          redis:
            host: 'redis'
      `,
    );
  });

  it('writes ldap url for 4.37', () => {
    const fix = onlyFinding(fileBackend, RULE, { version: '4.37' }).fixes![0];
    assert.match(
      applyEdits(fileBackend, fix.edits),
      /ldap:\n {4}url: 'ldap:\/\/ldap\.example\.com:389'/,
    );
  });

  it('keeps the file backend by writing only the missing switches', () => {
    const text = fileBackend
      .replace(
        'authentication_backend:\n',
        'authentication_backend:\n  password_reset:\n    disable: true\n',
      )
      .replace("path: '/config/users_database.yml'", "path: '/u.yml'\n    watch: true");
    const keep = onlyFinding(text, RULE).fixes!.find((f) =>
      f.title.startsWith('Keep the file backend'),
    )!;
    assert.equal(keep.preferred, true);
    assert.equal(
      applyEdits(text, keep.edits),
      yaml`
        authentication_backend:
          password_reset:
            disable: true
          file:
            path: '/u.yml'
            watch: false
          password_change:
            disable: true
        session:
          redis:
            host: 'redis'
      `,
    );
  });

  it('does not write password_change for 4.38', () => {
    const keep = onlyFinding(fileBackend, RULE, { version: '4.38' }).fixes!.find((f) =>
      f.title.startsWith('Keep the file backend'),
    )!;
    const fixed = applyEdits(fileBackend, keep.edits);
    assert.match(fixed, /password_reset:\n {4}disable: true/);
    assert.doesNotMatch(fixed, /password_change/);
  });

  it('offers no keep fix once everything is off', () => {
    const locked = fileBackend.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  password_reset: {disable: true}\n  password_change: {disable: true}\n',
    );
    const titles = onlyFinding(locked, RULE).fixes!.map((fix) => fix.title);
    assert.deepEqual(titles, [
      'Replace the file backend with LDAP',
      'This deployment runs a single instance',
    ]);
  });
});
