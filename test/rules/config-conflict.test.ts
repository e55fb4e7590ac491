import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine';
import { findingsOf, messagesOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'config/conflict';

const cookies = yaml`
  session:
    cookies:
      - domain: 'example.com'
        authelia_url: 'https://auth.example.com'
  storage:
    encryption_key: 'a-very-long-encryption-key'
    postgres:
      address: 'tcp://postgres:5432'
      database: 'authelia'
      username: 'authelia'
`;

describe(RULE, () => {
  it('stays silent on a config without conflicts', () => {
    assert.deepEqual(findingsOf(cookies, RULE), []);
  });

  it('fires on a root default_redirection_url beside session.cookies and moves it into the cookie', () => {
    const text = "default_redirection_url: 'https://home.example.com'\n" + cookies;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'default_redirection_url', line: 1 },
    ]);
    assert.equal(
      onlyFinding(text, RULE).message,
      'default_redirection_url and session.cookies cannot be set together: Authelia refuses to start. ' +
        'Set default_redirection_url on each session.cookies entry instead.',
    );
    const fix = onlyFinding(text, RULE).fixes![0];
    assert.equal(fix.title, 'Move default_redirection_url into the matching session.cookies entry');
    assert.equal(
      applyEdits(text, fix.edits),
      cookies.replace(
        "authelia_url: 'https://auth.example.com'\n",
        "authelia_url: 'https://auth.example.com'\n      default_redirection_url: 'https://home.example.com'\n",
      ),
    );
  });

  it('fires on session.domain beside session.cookies, and tolerates the legacy pair alone', () => {
    const text = cookies.replace('session:\n', "session:\n  domain: 'example.com'\n");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'domain', line: 2 },
    ]);
    assert.match(
      onlyFinding(text, RULE).message,
      /^session\.domain and session\.cookies cannot be set together/,
    );

    const legacy = yaml`
      default_redirection_url: 'https://home.example.com'
      session:
        domain: 'example.com'
      storage:
        encryption_key: 'a-very-long-encryption-key'
        local:
          path: '/config/db.sqlite3'
    `;
    for (const version of ['4.37', '4.38', '4.39'] as const) {
      assert.deepEqual(findingsOf(legacy, RULE, { version }), []);
    }
  });

  it('fires on storage.postgres.ssl beside tls and deletes the deprecated block', () => {
    const text = cookies.replace(
      "    username: 'authelia'\n",
      "    username: 'authelia'\n    ssl:\n      mode: 'require'\n    tls:\n      server_name: 'postgres'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'ssl', line: 11 },
    ]);
    const fix = onlyFinding(text, RULE).fixes![0];
    assert.equal(fix.title, 'Delete the deprecated key');
    assert.equal(
      applyEdits(text, fix.edits),
      text.replace("    ssl:\n      mode: 'require'\n", ''),
    );
  });

  it('fires on an LDAP password with an unauthenticated bind, not when the bind is authenticated', () => {
    const ldap = (flag: string) =>
      yaml`
      authentication_backend:
        password_reset:
          disable: true
        ldap:
          address: 'ldaps://ldap.example.com'
          permit_unauthenticated_bind: ${flag}
          password: 'from-a-secret'
    ` + cookies;
    assert.deepEqual(findingsOf(ldap('true'), RULE), [
      { ruleId: RULE, severity: 'error', text: 'password', line: 7 },
    ]);
    assert.deepEqual(messagesOf(ldap('true'), RULE), [
      'authentication_backend.ldap.password and authentication_backend.ldap.permit_unauthenticated_bind cannot be ' +
        'set together: Authelia refuses to start. An unauthenticated bind sends no password; remove one of the two.',
    ]);
    assert.deepEqual(findingsOf(ldap('false'), RULE), []);
  });

  // Fixed: Authelia refuses only a non-empty password (`Password != ""`, validator/authentication.go);
  // an empty `password: ''` beside permit_unauthenticated_bind: true is accepted, but the rule
  // fires because it only checks that the key exists.
  it('accepts an empty LDAP password with an unauthenticated bind', () => {
    const text =
      yaml`
      authentication_backend:
        password_reset:
          disable: true
        ldap:
          address: 'ldaps://ldap.example.com'
          permit_unauthenticated_bind: true
          password: ''
    ` + cookies;
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('fires when both password policies are enabled, not when one is off', () => {
    const policy = (standard: string) =>
      cookies +
      `password_policy:\n  standard:\n    enabled: ${standard}\n  zxcvbn:\n    enabled: true\n`;
    assert.deepEqual(findingsOf(policy('true'), RULE), [
      { ruleId: RULE, severity: 'error', text: 'enabled', line: 15 },
    ]);
    assert.deepEqual(findingsOf(policy('false'), RULE), []);
  });

  it('fires on the legacy issuer_private_key beside jwks, even when both are templated', () => {
    const text =
      cookies +
      yaml`
        identity_providers:
          oidc:
            issuer_private_key: '{{ secret "/keys/private.pem" }}'
            jwks:
              - key: '{{ secret "/keys/private.pem" | mindent 10 "|" | msquote }}'
      `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'issuer_private_key', line: 13 },
    ]);
    assert.equal(onlyFinding(text, RULE).fixes![0].title, 'Delete the deprecated key');
  });

  it('fires on a network name defined both in access_control.networks and definitions.network', () => {
    const text =
      cookies +
      yaml`
        access_control:
          networks:
            - name: 'internal'
              networks: ['10.0.0.0/8']
            - name: 'vpn'
              networks: ['10.8.0.0/24']
        definitions:
          network:
            internal: ['10.0.0.0/8']
      `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'name', line: 13 },
    ]);
    assert.deepEqual(messagesOf(text, RULE), [
      "The network 'internal' is defined in access_control.networks and definitions.network, which cannot be set " +
        'together: Authelia refuses to start. Define each network once.',
    ]);
    assert.deepEqual(findingsOf(text.replace('    internal:', '    office:'), RULE), []);
  });

  it('fires on a client with both jwks_uri and jwks', () => {
    const client = (extra: string) =>
      cookies +
      yaml`
        identity_providers:
          oidc:
            clients:
              - client_id: 'app'
                jwks_uri: 'https://app.example.com/jwks.json'
      ` +
      extra;
    const both = client("        jwks:\n          - key_id: 'main'\n");
    assert.deepEqual(findingsOf(both, RULE), [
      { ruleId: RULE, severity: 'error', text: 'jwks_uri', line: 15 },
    ]);
    assert.deepEqual(findingsOf(client(''), RULE), []);
  });
});
