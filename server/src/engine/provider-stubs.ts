import { compareVersions, type AutheliaVersion } from './finding';
import type { StubEntry } from './yaml-edits';

/**
 * Starting blocks for the stateless providers that the quick fixes write. They use the target
 * version's syntax (`address` URLs from 4.38, `host` and `port` before) and never hold a
 * secret: where a password belongs, a comment names the `_FILE` variable that supplies it.
 */

function usesAddress(version: AutheliaVersion): boolean {
  return compareVersions(version, '4.38') >= 0;
}

function secretComment(key: string, variable: string): StubEntry {
  return { comment: `${key}: set it with ${variable}` };
}

/** `session.redis`: one Redis server. Redis kept `host` and `port` in every version. */
export function redisStub(needsSessionSecret: boolean): StubEntry[] {
  const entries: StubEntry[] = [
    { key: 'host', value: "'redis'" },
    { key: 'port', value: '6379' },
    secretComment('password', 'AUTHELIA_SESSION_REDIS_PASSWORD_FILE'),
  ];
  if (needsSessionSecret) {
    entries.push({
      comment: 'session.secret is required with Redis: set AUTHELIA_SESSION_SECRET_FILE',
    });
  }
  return entries;
}

/** `storage.postgres` or `storage.mysql` (MySQL and MariaDB). */
export function sqlStub(engine: 'postgres' | 'mysql', version: AutheliaVersion): StubEntry[] {
  const port = engine === 'postgres' ? '5432' : '3306';
  const location: StubEntry[] = usesAddress(version)
    ? [{ key: 'address', value: `'tcp://${engine}:${port}'` }]
    : [
        { key: 'host', value: `'${engine}'` },
        { key: 'port', value: port },
      ];
  return [
    ...location,
    { key: 'database', value: "'authelia'" },
    { key: 'username', value: "'authelia'" },
    secretComment('password', `AUTHELIA_STORAGE_${engine.toUpperCase()}_PASSWORD_FILE`),
  ];
}

/** `notifier.smtp` on the submission port. */
export function smtpStub(version: AutheliaVersion): StubEntry[] {
  const location: StubEntry[] = usesAddress(version)
    ? [{ key: 'address', value: "'submission://smtp.example.com:587'" }]
    : [
        { key: 'host', value: "'smtp.example.com'" },
        { key: 'port', value: '587' },
      ];
  return [
    ...location,
    { key: 'sender', value: "'Authelia <authelia@example.com>'" },
    { key: 'username', value: "'authelia@example.com'" },
    secretComment('password', 'AUTHELIA_NOTIFIER_SMTP_PASSWORD_FILE'),
  ];
}

/** `authentication_backend.ldap` with a generic directory layout. */
export function ldapStub(version: AutheliaVersion): StubEntry[] {
  const location: StubEntry = usesAddress(version)
    ? { key: 'address', value: "'ldap://ldap.example.com:389'" }
    : { key: 'url', value: "'ldap://ldap.example.com:389'" };
  return [
    location,
    { key: 'implementation', value: "'custom'" },
    { key: 'base_dn', value: "'dc=example,dc=com'" },
    { key: 'users_filter', value: "'(&({username_attribute}={input})(objectClass=person))'" },
    { key: 'groups_filter', value: "'(&(member={dn})(objectClass=groupOfNames))'" },
    { key: 'user', value: "'cn=authelia,ou=service,dc=example,dc=com'" },
    secretComment('password', 'AUTHELIA_AUTHENTICATION_BACKEND_LDAP_PASSWORD_FILE'),
  ];
}
