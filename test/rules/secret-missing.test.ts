import assert from 'node:assert/strict';
import { findingsOf, messagesOf, yaml } from '../support/lint';

const RULE = 'secret/missing';

/** A config with every secret left to the environment. */
const noSecrets = yaml`
  authentication_backend:
    ldap:
      address: 'ldaps://ldap.example.com'
      implementation: 'lldap'
      user: 'uid=authelia,ou=people,dc=example,dc=com'
  session:
    cookies:
      - domain: 'example.com'
        authelia_url: 'https://auth.example.com'
    redis:
      host: 'redis'
  storage:
    postgres:
      address: 'tcp://postgres:5432'
      database: 'authelia'
      username: 'authelia'
  notifier:
    smtp:
      address: 'submission://mail.example.com:587'
      sender: 'authelia@example.com'
`;

/** The same config with every secret in the file. */
const allSecrets = noSecrets
  .replace(
    "    user: 'uid=authelia,ou=people,dc=example,dc=com'\n",
    "    user: 'uid=authelia,ou=people,dc=example,dc=com'\n    password: 'ldap-password'\n",
  )
  .replace('session:\n', "session:\n  secret: 'a-session-secret'\n")
  .replace('storage:\n', "storage:\n  encryption_key: 'a-very-long-encryption-key'\n")
  .concat("identity_validation:\n  reset_password:\n    jwt_secret: 'a-jwt-secret'\n");

describe(RULE, () => {
  it('reports each missing secret as information on the closest parent', () => {
    assert.deepEqual(findingsOf(noSecrets, RULE), [
      { ruleId: RULE, severity: 'information', text: 'authentication_backend', line: 1 },
      { ruleId: RULE, severity: 'information', text: 'ldap', line: 2 },
      { ruleId: RULE, severity: 'information', text: 'session', line: 6 },
      { ruleId: RULE, severity: 'information', text: 'storage', line: 12 },
    ]);
  });

  it('names the AUTHELIA_…_FILE variable that supplies each secret', () => {
    assert.deepEqual(messagesOf(noSecrets, RULE), [
      'identity_validation.reset_password.jwt_secret is required (password reset is on) and not in this file; ' +
        'supply it with AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET_FILE, or add it here.',
      'authentication_backend.ldap.password is required and not in this file; ' +
        'supply it with AUTHELIA_AUTHENTICATION_BACKEND_LDAP_PASSWORD_FILE, or add it here.',
      'session.secret is required (sessions are stored in Redis) and not in this file; ' +
        'supply it with AUTHELIA_SESSION_SECRET_FILE, or add it here.',
      'storage.encryption_key is required and not in this file; ' +
        'supply it with AUTHELIA_STORAGE_ENCRYPTION_KEY_FILE, or add it here.',
    ]);
  });

  it('stays silent when every secret is in the file, even as template text', () => {
    assert.deepEqual(findingsOf(allSecrets, RULE), []);
    const templated = allSecrets.replace(
      "'a-session-secret'",
      '\'{{ secret "/secrets/session" }}\'',
    );
    assert.deepEqual(findingsOf(templated, RULE), []);
  });

  it('treats an empty secret as missing', () => {
    const text = allSecrets.replace("secret: 'a-session-secret'", "secret: ''");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'information', text: 'session', line: 7 },
    ]);
  });

  it('wants session.secret only with Redis', () => {
    const memory = allSecrets
      .replace("  secret: 'a-session-secret'\n", '')
      .replace("  redis:\n    host: 'redis'\n", '');
    assert.deepEqual(findingsOf(memory, RULE), []);
    const redis = allSecrets.replace("  secret: 'a-session-secret'\n", '');
    assert.deepEqual(messagesOf(redis, RULE), [
      'session.secret is required (sessions are stored in Redis) and not in this file; ' +
        'supply it with AUTHELIA_SESSION_SECRET_FILE, or add it here.',
    ]);
  });

  it('wants no JWT secret when password reset is disabled, by the new or the old key', () => {
    const withoutJwt = allSecrets.replace(/identity_validation:\n.*\n.*\n$/, '');
    assert.notEqual(withoutJwt, allSecrets);
    assert.deepEqual(findingsOf(withoutJwt, RULE), [
      { ruleId: RULE, severity: 'information', text: 'authentication_backend', line: 1 },
    ]);
    const disabled = withoutJwt.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  password_reset:\n    disable: true\n',
    );
    assert.deepEqual(findingsOf(disabled, RULE), []);
    const legacy = withoutJwt.replace(
      'authentication_backend:\n',
      'authentication_backend:\n  disable_reset_password: true\n',
    );
    assert.deepEqual(findingsOf(legacy, RULE), []);
  });

  it('anchors the JWT secret on password_reset when it is there but not disabled', () => {
    const withoutJwt = allSecrets.replace(/identity_validation:\n.*\n.*\n$/, '');
    const text = withoutJwt.replace(
      'authentication_backend:\n',
      "authentication_backend:\n  password_reset:\n    custom_url: 'https://reset.example.com'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'information', text: 'password_reset', line: 2 },
    ]);
  });

  it('accepts the deprecated root jwt_secret from 4.38 on', () => {
    const withoutJwt = allSecrets.replace(/identity_validation:\n.*\n.*\n$/, '');
    const root = "jwt_secret: 'a-legacy-jwt-secret'\n" + withoutJwt;
    assert.deepEqual(findingsOf(root, RULE, { version: '4.38' }), []);
    assert.deepEqual(findingsOf(root, RULE, { version: '4.39' }), []);
  });

  it('wants the root jwt_secret in 4.37, named AUTHELIA_JWT_SECRET_FILE, on the first line', () => {
    const withoutJwt = allSecrets.replace(/identity_validation:\n.*\n.*\n$/, '');
    assert.deepEqual(findingsOf(withoutJwt, RULE, { version: '4.37' }), [
      { ruleId: RULE, severity: 'information', text: 'authentication_backend:', line: 1 },
    ]);
    assert.deepEqual(messagesOf(withoutJwt, RULE, { version: '4.37' }), [
      'jwt_secret is required (password reset is on) and not in this file; ' +
        'supply it with AUTHELIA_JWT_SECRET_FILE, or add it here.',
    ]);
    // The 4.38 location does not count for 4.37, and the root key satisfies it.
    assert.equal(findingsOf(allSecrets, RULE, { version: '4.37' }).length, 1);
    assert.deepEqual(
      findingsOf("jwt_secret: 'a-jwt-secret'\n" + withoutJwt, RULE, { version: '4.37' }),
      [],
    );
  });

  it('wants both Duo keys once Duo is configured, and none when it is disabled', () => {
    const duo = allSecrets + "duo_api:\n  hostname: 'api-123.duosecurity.com'\n";
    assert.deepEqual(findingsOf(duo, RULE), [
      { ruleId: RULE, severity: 'information', text: 'duo_api', line: 27 },
      { ruleId: RULE, severity: 'information', text: 'duo_api', line: 27 },
    ]);
    assert.deepEqual(
      messagesOf(duo, RULE).map((message) => /AUTHELIA_\w+_FILE/.exec(message)?.[0]),
      ['AUTHELIA_DUO_API_INTEGRATION_KEY_FILE', 'AUTHELIA_DUO_API_SECRET_KEY_FILE'],
    );
    assert.deepEqual(findingsOf(duo + '  disable: true\n', RULE), []);
  });

  it('needs no LDAP password with an unauthenticated bind', () => {
    const text = allSecrets
      .replace("    password: 'ldap-password'\n", '    permit_unauthenticated_bind: true\n')
      .replace(
        'authentication_backend:\n',
        'authentication_backend:\n  password_reset:\n    disable: true\n',
      );
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
