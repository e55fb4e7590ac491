import {
  address,
  deprecatedSince,
  duration,
  int,
  list,
  map,
  oneOf,
  secret,
  str,
  type KeySpec,
} from '../types';
import { tls } from './tls';

const SQL_SCHEMES = ['tcp', 'tcp4', 'tcp6', 'unix'] as const;
const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/** The 4.37 `host` + `port` pair that 4.38 folded into `address` (both set is an error). */
function legacyHostPort(engine: 'mysql' | 'postgres', port: number): Record<string, KeySpec> {
  const replacement = `storage.${engine}.address`;
  const moved = deprecatedSince('4.38', replacement, {
    note: 'Write tcp://host:port (or unix:///path) in address instead.',
    conflict: 'error',
  });
  return {
    host: str('Database host name, IP or absolute socket path (4.37 layout).', {
      default: 'localhost',
      ...moved,
    }),
    port: int(`Database TCP port (4.37 layout); ${port} when left out.`, {
      default: port,
      min: 1,
      max: 65535,
      ...moved,
    }),
  };
}

/** Keys MySQL and PostgreSQL share. */
function sqlCommon(engine: 'mysql' | 'postgres', port: number): Record<string, KeySpec> {
  return {
    address: address(
      `Where the database listens, e.g. tcp://db:${port}; port ${port} is filled in if left out.`,
      SQL_SCHEMES,
      'tcp',
      { since: '4.38' },
    ),
    ...legacyHostPort(engine, port),
    database: str('Name of the database Authelia creates its tables in; required.'),
    username: str('Database user; required and needs rights to create and alter tables.'),
    password: secret('Password of the database user; keep it out of the file via a secret.'),
    timeout: duration('How long to wait for the database to connect or answer.', {
      default: '5s',
    }),
    tls: tls('Connect to the database over TLS; writing this block turns TLS on.'),
  };
}

/** `storage`: the database for users' devices, preferences, bans and OIDC state. */
export const storage = map(
  'Database for 2FA devices, bans, consents and more; pick exactly one of local, mysql, postgres.',
  {
    encryption_key: secret(
      'Key encrypting sensitive columns; at least 20 characters, never change it after setup.',
    ),
    local: map('SQLite file on local disk; fine for one instance, unsuitable for several.', {
      path: str('Path of the SQLite database file; created if missing. Required.'),
    }),
    mysql: map('MySQL or MariaDB server; safe to share between several instances.', {
      ...sqlCommon('mysql', 3306),
    }),
    postgres: map('PostgreSQL server; safe to share between several instances.', {
      ...sqlCommon('postgres', 5432),
      schema: str('PostgreSQL schema that holds the tables.', { default: 'public' }),
      servers: list(
        'Fallback servers tried in order when the main address is down; other settings shared.',
        map('One fallback PostgreSQL server, tried after the main address.', {
          address: address('Where this fallback server listens; required.', SQL_SCHEMES, 'tcp'),
          tls: tls('TLS for this fallback server; writing the block turns TLS on.'),
        }),
        { since: '4.39' },
      ),
      sslmode: oneOf('Very old spelling of ssl.mode, itself replaced by tls.', SSL_MODES, {
        ...deprecatedSince('4.36', 'storage.postgres.ssl.mode'),
      }),
      ssl: map(
        'Old libpq-style TLS settings; cannot be combined with tls.',
        {
          mode: oneOf('How strictly the server certificate is checked.', SSL_MODES, {
            default: 'disable',
          }),
          root_certificate: str('Path of the CA certificate file used to verify the server.'),
          certificate: str('Path of the client certificate file for mutual TLS.'),
          key: secret('Path of the client private key file for mutual TLS.'),
        },
        {
          ...deprecatedSince('4.37', 'storage.postgres.tls', {
            note: 'Rewrite it as a tls block; ssl and tls together refuse to start.',
            conflict: 'error',
          }),
        },
      ),
    }),
  },
);
