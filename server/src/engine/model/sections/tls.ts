import { bool, map, oneOf, secret, str, type MapSpec } from '../types';

/** TLS versions Authelia parses: `TLS1.2`, `TLS 1.2` or `1.2`, any case. */
const TLS_VERSIONS = [
  'TLS1.0',
  'TLS1.1',
  'TLS1.2',
  'TLS1.3',
  'TLS 1.0',
  'TLS 1.1',
  'TLS 1.2',
  'TLS 1.3',
  '1.0',
  '1.1',
  '1.2',
  '1.3',
] as const;

/**
 * The client TLS block shared by Redis, MySQL, PostgreSQL (and its fallback servers), SMTP and
 * LDAP. For Redis and the SQL databases, writing the block at all switches TLS on.
 */
export function tls(summary: string, extra: Partial<Omit<MapSpec, 'kind' | 'summary'>> = {}) {
  return map(
    summary,
    {
      server_name: str(
        'Host name the certificate must match; leave empty to use the host from the address.',
      ),
      skip_verify: bool(
        'Accept any certificate without checking it; only for testing, never in production.',
      ),
      minimum_version: oneOf(
        'Oldest TLS version allowed for the connection; TLS1.2 unless set.',
        TLS_VERSIONS,
        { caseInsensitive: true, default: 'TLS1.2' },
      ),
      maximum_version: oneOf(
        'Newest TLS version allowed; must not be older than minimum_version.',
        TLS_VERSIONS,
        { caseInsensitive: true, default: 'TLS1.3' },
      ),
      certificate_chain: secret(
        'PEM client certificate (and intermediates) presented to the server for mutual TLS.',
      ),
      private_key: secret('PEM private key matching certificate_chain, for mutual TLS.'),
    },
    extra,
  );
}
