/**
 * Authelia's address grammar: `[<scheme>://]<host>[:<port>][/<path>]`, or
 * `unix://<absolute path>[?query]`, or `fd://<number>[?query]`. A value with no scheme takes
 * the option's default scheme, or the socket scheme when it starts with `/`. Queries belong
 * to socket schemes only; fragments and user names are refused.
 */

export interface ParsedAddress {
  scheme: string;
  host: string;
  port?: number;
  path: string;
  query: string;
}

export type AddressVerdict =
  { valid: true; address: ParsedAddress } | { valid: false; reason: string };

const SOCKET_SCHEMES = new Set(['unix', 'fd', 'ldapi']);

export function checkAddress(
  text: string,
  schemes: readonly string[],
  defaultScheme: string,
): AddressVerdict {
  const value = text.trim();
  if (value === '') return { valid: false, reason: 'it is empty' };

  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/s.exec(value);
  let scheme: string;
  let rest: string;
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = schemeMatch[2];
  } else if (value.startsWith('/')) {
    scheme = schemes.includes('unix')
      ? 'unix'
      : schemes.includes('ldapi')
        ? 'ldapi'
        : defaultScheme;
    rest = value;
  } else {
    scheme = defaultScheme;
    rest = value;
  }

  if (!schemes.includes(scheme)) {
    return { valid: false, reason: `the scheme '${scheme}' is not one of ${schemes.join(', ')}` };
  }
  if (rest.includes('#')) return { valid: false, reason: 'an address cannot have a fragment (#)' };

  const [beforeQuery, query = ''] = splitOnce(rest, '?');
  if (query !== '' && !SOCKET_SCHEMES.has(scheme)) {
    return {
      valid: false,
      reason: `a query (?…) is only allowed for socket addresses, not ${scheme}`,
    };
  }

  if (scheme === 'unix' || (scheme === 'ldapi' && beforeQuery.startsWith('/'))) {
    if (!beforeQuery.startsWith('/')) {
      return { valid: false, reason: 'a unix socket address needs an absolute path' };
    }
    return { valid: true, address: { scheme, host: '', path: beforeQuery, query } };
  }
  if (scheme === 'fd') {
    if (!/^\d+$/.test(beforeQuery)) return { valid: false, reason: 'an fd address needs a number' };
    return { valid: true, address: { scheme, host: beforeQuery, path: '', query } };
  }

  const slash = beforeQuery.indexOf('/');
  const authority = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash === -1 ? '' : beforeQuery.slice(slash);
  if (authority.includes('@'))
    return { valid: false, reason: 'an address cannot carry a user name (@)' };

  const hostPort = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]*)(?::(\d*))?$/.exec(authority);
  if (!hostPort)
    return { valid: false, reason: 'the part after the scheme is not a host and port' };
  const host = hostPort[1];
  const portText = hostPort[2];
  if (portText !== undefined) {
    const port = Number(portText);
    if (portText === '' || port > 65535)
      return { valid: false, reason: 'the port is not a number from 0 to 65535' };
    return { valid: true, address: { scheme, host, port, path, query } };
  }
  if (host === '') return { valid: false, reason: 'it names neither a host nor a port' };
  return { valid: true, address: { scheme, host, path, query } };
}

function splitOnce(text: string, separator: string): [string, string?] {
  const index = text.indexOf(separator);
  return index === -1 ? [text] : [text.slice(0, index), text.slice(index + 1)];
}
