import {
  address,
  bool,
  deprecatedSince,
  dict,
  duration,
  int,
  list,
  map,
  oneOf,
  str,
  type MapSpec,
} from '../types';

/** Schemes a listening socket accepts (server and metrics listeners). */
export const LISTENER_SCHEMES = ['tcp', 'tcp4', 'tcp6', 'unix', 'fd'] as const;

/** Read/write buffer sizes of an HTTP listener; shared by `server` and `telemetry.metrics`. */
export function listenerBuffers(summary: string): MapSpec {
  return map(summary, {
    read: int('Bytes buffered per request read; raise it when large headers get rejected.', {
      default: 4096,
    }),
    write: int('Bytes buffered per response write; 0 or less falls back to 4096.', {
      default: 4096,
    }),
  });
}

/** Read/write/idle timeouts of an HTTP listener; shared by `server` and `telemetry.metrics`. */
export function listenerTimeouts(summary: string): MapSpec {
  return map(summary, {
    read: duration('Longest time allowed to read a whole request, body included.', {
      default: '6s',
    }),
    write: duration('Longest time allowed to write a response before the connection is cut.', {
      default: '6s',
    }),
    idle: duration('How long a keep-alive connection may sit unused before it is closed.', {
      default: '30s',
    }),
  });
}

/** One rate limit of a 4.39 endpoint: on/off and the request budgets per time window. */
function rateLimit(summary: string): MapSpec {
  return map(summary, {
    enable: bool('Turns this limit on; set false when limiting happens at the proxy or in HA.', {
      default: true,
    }),
    buckets: list(
      'Request budgets, each per time window; writing any replaces all the built-in ones.',
      map('One budget: at most `requests` per client within `period`.', {
        period: duration('Length of the counting window; must be at least 10s.'),
        requests: int('Requests a client may make within the period; at least 1.', { min: 1 }),
      }),
    ),
  });
}

const AUTHZ_IMPLEMENTATIONS = ['ForwardAuth', 'AuthRequest', 'ExtAuthz', 'Legacy'] as const;

const AUTHN_STRATEGIES = [
  'HeaderAuthorization',
  'HeaderProxyAuthorization',
  'HeaderAuthRequestProxyAuthorization',
  'HeaderLegacy',
  'CookieSession',
] as const;

const authzEndpoint = map('One authorization endpoint the reverse proxy calls to check requests.', {
  implementation: oneOf(
    'Proxy protocol the endpoint speaks; pick the one your proxy uses (Traefik: ForwardAuth).',
    AUTHZ_IMPLEMENTATIONS,
  ),
  authn_strategies: list(
    'How the endpoint finds who the user is, tried in order; empty uses the built-in set.',
    map('One way of identifying the user.', {
      name: oneOf('The strategy: the session cookie or a credentials header.', AUTHN_STRATEGIES),
      schemes: list(
        'Schemes a Header…Authorization strategy accepts; not allowed on other strategies.',
        oneOf('An authorization scheme.', ['basic', 'bearer'], { caseInsensitive: true }),
        { default: 'basic' },
      ),
      scheme_basic_cache_lifespan: duration(
        'How long a verified basic-auth credential is cached in memory; 0 turns caching off.',
        { since: '4.39', default: 0 },
      ),
    }),
  ),
});

/** `server`: the HTTP listener of the portal and API, its TLS, headers and endpoints. */
export const server = map('The web server: where Authelia listens and how it serves requests.', {
  address: address(
    'Where to listen, e.g. tcp://:9091/ or unix:///run/authelia.sock; the path is a subpath.',
    LISTENER_SCHEMES,
    'tcp',
    { since: '4.38', default: 'tcp://:9091/' },
  ),
  host: str('Interface to listen on; empty means every interface.', {
    default: '0.0.0.0',
    ...deprecatedSince('4.38', 'server.address', {
      note: 'Fold host, port and path into one address such as tcp://0.0.0.0:9091/authelia.',
      conflict: 'error',
    }),
  }),
  port: int('TCP port to listen on.', {
    default: 9091,
    min: 0,
    max: 65535,
    ...deprecatedSince('4.38', 'server.address', {
      note: 'Fold host, port and path into one address such as tcp://0.0.0.0:9091/authelia.',
      conflict: 'error',
    }),
  }),
  path: str('Subpath to serve the portal under, e.g. authelia for https://example.com/authelia.', {
    ...deprecatedSince('4.38', 'server.address', {
      note: 'Put the subpath at the end of the address, e.g. tcp://:9091/authelia.',
      conflict: 'error',
    }),
  }),
  asset_path: str(
    'Directory of custom assets (logo, favicon, locales) that override the built-in ones.',
  ),
  disable_healthcheck: bool(
    'Skip writing the state file the container healthcheck reads; forced on for socket listeners.',
  ),
  tls: map('Serve HTTPS directly; usually left to the reverse proxy in front of Authelia.', {
    key: str('Path to the PEM private key file for the server certificate (a path, not a secret).'),
    certificate: str('Path to the PEM certificate file, chain included; needs key as well.'),
    client_certificates: list(
      'CA certificate files whose client certificates are required (mutual TLS).',
      str('Path to a PEM CA certificate file.'),
    ),
  }),
  headers: map('Extra response headers the portal sends.', {
    csp_template: str(
      'Custom Content-Security-Policy for the portal; put ${NONCE} where the nonce goes.',
    ),
  }),
  endpoints: map(
    'Optional and debugging endpoints, authorization endpoints and rate limits.',
    {
      enable_pprof: bool('Expose Go profiling under /debug/pprof; for troubleshooting only.'),
      enable_expvars: bool(
        'Expose Go runtime variables under /debug/vars; for troubleshooting only.',
      ),
      authz: dict(
        'Authorization endpoints for proxies; defining any replaces all four built-in ones.',
        'endpoint name',
        authzEndpoint,
      ),
      rate_limits: map(
        'Per-client request limits on sensitive endpoints; on by default and kept per instance.',
        {
          reset_password_start: rateLimit('Limits requests to start a password reset.'),
          reset_password_finish: rateLimit('Limits attempts to finish a password reset.'),
          second_factor_totp: rateLimit('Limits one-time code attempts.'),
          second_factor_duo: rateLimit('Limits Duo push attempts.'),
          session_elevation_start: rateLimit(
            'Limits requests for an elevation code; default windows scale with code_lifespan.',
          ),
          session_elevation_finish: rateLimit(
            'Limits elevation code attempts; default windows scale with elevation_lifespan.',
          ),
          openid_connect_token: rateLimit('Limits calls to the OpenID Connect token endpoint.'),
          openid_connect_pushed_authorization_request: rateLimit(
            'Limits calls to the OpenID Connect pushed authorization request endpoint.',
          ),
          openid_connect_userinfo: rateLimit(
            'Limits calls to the OpenID Connect userinfo endpoint.',
          ),
          openid_connect_introspection: rateLimit(
            'Limits calls to the OpenID Connect token introspection endpoint.',
          ),
          openid_connect_revocation: rateLimit(
            'Limits calls to the OpenID Connect token revocation endpoint.',
          ),
        },
        { since: '4.39' },
      ),
    },
    { since: '4.38' },
  ),
  buffers: listenerBuffers('Buffer sizes of the web server.'),
  timeouts: listenerTimeouts('Time limits on connections to the web server.'),
  read_buffer_size: int('Bytes buffered per request read.', {
    default: 4096,
    ...deprecatedSince('4.36', 'server.buffers.read'),
  }),
  write_buffer_size: int('Bytes buffered per response write.', {
    default: 4096,
    ...deprecatedSince('4.36', 'server.buffers.write'),
  }),
  enable_pprof: bool('Expose Go profiling under /debug/pprof; for troubleshooting only.', {
    ...deprecatedSince('4.38', 'server.endpoints.enable_pprof'),
  }),
  enable_expvars: bool('Expose Go runtime variables under /debug/vars; for troubleshooting only.', {
    ...deprecatedSince('4.38', 'server.endpoints.enable_expvars'),
  }),
});
