import {
  bool,
  deprecatedSince,
  duration,
  int,
  list,
  map,
  oneOf,
  secret,
  str,
  url,
  type KeySpec,
} from '../types';
import { tls } from './tls';

/**
 * Cookie settings written both at the top of `session` (defaults for every cookie) and in each
 * `session.cookies[]` entry (overrides for that domain). `perCookie` switches the wording and
 * leaves the defaults to the top level, which the entry inherits from.
 */
function cookieSettings(perCookie: boolean): Record<string, KeySpec> {
  const where = perCookie ? '(this domain; inherits the top level)' : '(default for every domain)';
  const dflt = <T extends string>(value: T) => (perCookie ? {} : { default: value });
  return {
    name: str(`Name of the session cookie ${where}.`, dflt('authelia_session')),
    same_site: oneOf(
      `SameSite attribute of the cookie; none needs HTTPS ${where}.`,
      ['none', 'lax', 'strict'],
      dflt('lax'),
    ),
    expiration: duration(`Hard lifetime of a session, active or not ${where}.`, dflt('1h')),
    inactivity: duration(`Idle time before the user must log in again ${where}.`, dflt('5m')),
    remember_me: duration(
      `Session lifetime when "remember me" is ticked; -1 hides the box ${where}.`,
      { since: '4.38', ...dflt('1M') },
    ),
  };
}

/** `session`: the session cookies and where session data lives (memory or Redis). */
export const session = map(
  'Session cookies and storage; without redis, sessions live in memory on one instance.',
  {
    secret: secret(
      'Key that encrypts session data in Redis; required with redis, identical on all replicas.',
    ),
    ...cookieSettings(false),
    remember_me_duration: duration('Old name of remember_me, the remember-me session lifetime.', {
      default: '1M',
      ...deprecatedSince('4.38', 'session.remember_me'),
    }),
    domain: str('The single cookie domain of the 4.37 layout; cannot be combined with cookies.', {
      ...deprecatedSince('4.38', 'session.cookies', {
        note: 'Move it into a session.cookies entry together with an authelia_url.',
        conflict: 'error',
      }),
    }),
    cookies: list(
      'One entry per protected root domain, each with its own cookie and portal URL.',
      map('A cookie domain and the Authelia portal that serves it.', {
        domain: str(
          'Root domain the cookie covers, lower-case, no wildcard and not a public suffix.',
        ),
        authelia_url: url('Absolute https URL of the Authelia portal, inside this cookie domain.'),
        default_redirection_url: url(
          'Where users land after login when no target was given; https, inside the domain.',
        ),
        ...cookieSettings(true),
      }),
      { since: '4.38' },
    ),
    redis: map(
      'Keep sessions in Redis so several instances share them and restarts keep users in.',
      {
        host: str('Redis host name or IP, or an absolute unix socket path (then port is ignored).'),
        port: int('Redis TCP port; 0 picks the default (26379 when using Sentinel).', {
          default: 6379,
          min: 0,
          max: 65535,
        }),
        username: str('User for Redis ACL authentication; leave empty for password-only auth.'),
        password: secret('Password for Redis authentication (requirepass or the ACL user).'),
        database_index: int('Number of the Redis logical database to use.', {
          default: 0,
          min: 0,
        }),
        timeout: duration('How long to wait when connecting to Redis.', {
          since: '4.38',
          default: '5s',
        }),
        max_retries: int('Times a failed Redis command is retried; 0 means no retries.', {
          since: '4.38',
          default: 0,
          min: 0,
        }),
        maximum_active_connections: int('Upper bound on open connections to Redis.', {
          default: 8,
        }),
        minimum_idle_connections: int('Idle connections kept open to Redis for reuse.', {
          default: 0,
        }),
        tls: tls('Connect to Redis over TLS; writing this block turns TLS on.'),
        high_availability: map(
          'Use Redis Sentinel for failover; the host and nodes are then sentinels.',
          {
            sentinel_name: str('Name of the Sentinel master set to follow; required here.'),
            sentinel_username: str('User for authenticating to the sentinels.'),
            sentinel_password: secret('Password for the sentinels; set it with sentinel_username.'),
            nodes: list(
              'Additional sentinels to try besides redis.host.',
              map('One sentinel node, by host and port.', {
                host: str('Sentinel host name or IP; required for each node.'),
                port: int('TCP port this sentinel listens on.', {
                  default: 26379,
                  min: 0,
                  max: 65535,
                }),
              }),
            ),
            route_by_latency: bool('Send read-only commands to the replica that answers fastest.'),
            route_randomly: bool('Send read-only commands to a random replica.'),
          },
        ),
      },
    ),
  },
);
