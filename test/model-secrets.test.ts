import assert from 'node:assert/strict';
import { CONFIGURATION, secretFileVariable, type KeySpec } from '../server/src/engine/model';

/**
 * The keys Authelia 4.39 lets an `AUTHELIA_…_FILE` variable supply (FACTS §8): every one must
 * be a secret in our model, so hovers and `secret/missing` name the right variable, and no
 * message ever prints its value.
 */
const FILE_SECRETS_439 = [
  'authentication_backend.ldap.password',
  'authentication_backend.ldap.tls.certificate_chain',
  'authentication_backend.ldap.tls.private_key',
  'duo_api.integration_key',
  'duo_api.secret_key',
  'identity_providers.oidc.hmac_secret',
  'identity_providers.oidc.issuer_certificate_chain',
  'identity_providers.oidc.issuer_private_key',
  'identity_validation.reset_password.jwt_secret',
  'notifier.smtp.password',
  'notifier.smtp.tls.certificate_chain',
  'notifier.smtp.tls.private_key',
  'session.redis.high_availability.sentinel_password',
  'session.redis.password',
  'session.redis.tls.certificate_chain',
  'session.redis.tls.private_key',
  'session.secret',
  'storage.encryption_key',
  'storage.mysql.password',
  'storage.mysql.tls.certificate_chain',
  'storage.mysql.tls.private_key',
  'storage.postgres.password',
  'storage.postgres.ssl.key',
  'storage.postgres.tls.certificate_chain',
  'storage.postgres.tls.private_key',
  'jwt_secret',
];

function specOf(path: string): KeySpec | undefined {
  let spec: KeySpec | undefined = CONFIGURATION;
  for (const key of path.split('.')) spec = spec?.kind === 'map' ? spec.keys[key] : undefined;
  return spec;
}

describe('secrets in the key model', () => {
  it('marks every key Authelia reads from a _FILE variable as a secret', () => {
    const notSecret = FILE_SECRETS_439.filter((path) => specOf(path)?.secret !== true);
    assert.deepEqual(notSecret, []);
  });

  it('names the variable as Authelia does', () => {
    assert.equal(
      secretFileVariable(['storage', 'encryption_key']),
      'AUTHELIA_STORAGE_ENCRYPTION_KEY_FILE',
    );
    assert.equal(
      secretFileVariable(['identity_validation', 'reset_password', 'jwt_secret']),
      'AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET_FILE',
    );
    assert.equal(
      secretFileVariable(['identity_providers', 'oidc', 'clients', 0 as never, 'client_secret']),
      undefined,
    );
  });
});
