import { isMap, isSeq } from 'yaml';
import type { TextEdit } from '../../../finding';
import { AUTHELIA_URL_PLACEHOLDER, urlInside } from '../../../migrations';
import type { RuleContext } from '../../../rule';
import { stringEntry, templated, span, type ValueProblem } from './check';

const DOMAIN_SHAPE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
const IP_ADDRESS = /^(\d{1,3}\.){3}\d{1,3}$|^\[?[0-9a-f]*:[0-9a-f:.]*\]?$/i;

/** Well-known public suffixes people try as cookie domains; a browser refuses their cookies. */
const PUBLIC_SUFFIXES = new Set([
  'duckdns.org',
  'dyndns.org',
  'no-ip.org',
  'ddns.net',
  'freedns.org',
  'github.io',
  'herokuapp.com',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'workers.dev',
  'co.uk',
  'com.au',
  'co.jp',
  'co.nz',
  'com.br',
  'org.uk',
  'ts.net',
  'synology.me',
  'myfritz.net',
]);

/**
 * Session cookie checks: each `session.cookies` domain must be a plain lower-case domain that
 * is not a public suffix, used once and not nested in another entry; its `authelia_url` must
 * be an https URL inside the domain; a `default_redirection_url` too, and not the portal itself.
 * A leading dot or a port is accepted with a warning, and a fix removes it.
 */
export function cookieChecks({ config }: RuleContext): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const cookies = config.valueAt(['session', 'cookies']);
  const seen: string[] = [];

  const legacy = stringEntry(config, config.mapAt(['session']), 'domain');
  if (legacy && !templated(legacy.text)) problems.push(...domainProblems(legacy, []));

  if (!isSeq(cookies)) return problems;
  for (const item of cookies.items) {
    if (!isMap(item)) continue;
    const domain = stringEntry(config, item, 'domain');
    if (!domain || templated(domain.text)) continue;

    problems.push(...domainProblems(domain, seen));
    const cookieDomain = domain.text.toLowerCase().replace(/^\./, '').replace(/:\d+$/, '');
    seen.push(cookieDomain);

    if (cookieDomain === '') continue;
    const portal = stringEntry(config, item, 'authelia_url');
    if (portal && !templated(portal.text)) problems.push(...portalProblems(portal, cookieDomain));

    const redirect = stringEntry(config, item, 'default_redirection_url');
    if (redirect && !templated(redirect.text)) {
      const problem = urlProblem(redirect.text, cookieDomain, ['https:']);
      if (problem) {
        problems.push({
          severity: 'error',
          message: `default_redirection_url ${problem}.`,
          ...span(redirect),
        });
      } else if (portal && sameUrl(portal.text, redirect.text)) {
        problems.push({
          severity: 'error',
          message:
            'default_redirection_url must differ from authelia_url, or users land on the portal again.',
          ...span(redirect),
        });
      }
    }
  }
  return problems;
}

type StringEntry = NonNullable<ReturnType<typeof stringEntry>>;

function domainProblems(domain: StringEntry, earlier: string[]): ValueProblem[] {
  const text = domain.text;
  const edit = (newText: string): TextEdit => ({
    start: domain.start,
    end: domain.end,
    newText: `'${newText}'`,
  });

  if (text.trim() === '')
    return [{ severity: 'error', message: 'A cookie domain cannot be empty.', ...span(domain) }];
  if (text.startsWith('*.')) {
    return [
      {
        severity: 'error',
        message: `A cookie domain cannot be a wildcard: write '${text.slice(2)}', which covers its subdomains too.`,
        ...span(domain),
        fixes: [{ title: 'Remove the wildcard', preferred: true, edits: [edit(text.slice(2))] }],
      },
    ];
  }

  const problems: ValueProblem[] = [];
  let bare = text;
  if (bare.startsWith('.')) {
    bare = bare.slice(1);
    problems.push({
      severity: 'warning',
      message: `A cookie domain takes no leading dot: write '${bare.replace(/:\d+$/, '')}'.`,
      ...span(domain),
      fixes: [
        {
          title: 'Remove the leading dot',
          preferred: true,
          edits: [edit(bare.replace(/:\d+$/, ''))],
        },
      ],
    });
  }
  const port = /:(\d+)$/.exec(bare);
  if (port) {
    bare = bare.slice(0, port.index);
    problems.push({
      severity: 'warning',
      message: `Cookies are not bound to a port: write '${bare.slice(0, port.index)}'.`,
      ...span(domain),
      fixes: [{ title: 'Remove the port', preferred: true, edits: [edit(bare)] }],
    });
  }

  if (!IP_ADDRESS.test(text) && !DOMAIN_SHAPE.test(text)) {
    const reason =
      text !== bare
        ? `Authelia refuses the ${text.startsWith('.') ? 'leading dot' : 'port'} in it; write '${bare}'`
        : /[A-Z]/.test(bare)
          ? 'it must be lower case'
          : !bare.includes('.')
            ? 'it needs at least one dot, such as example.com'
            : 'it may hold only letters, digits, hyphens and dots';
    problems.push({
      severity: 'error',
      message: `The cookie domain is not valid: ${reason}.`,
      ...span(domain),
    });
  } else if (PUBLIC_SUFFIXES.has(bare)) {
    problems.push({
      severity: 'error',
      message: `'${bare}' is a public suffix: browsers refuse cookies for it. Use your own subdomain of it.`,
      ...span(domain),
    });
  } else if (earlier.includes(bare)) {
    problems.push({
      severity: 'error',
      message: `The cookie domain '${bare}' is listed twice.`,
      ...span(domain),
    });
  } else {
    const parent = earlier.find((other) => bare.endsWith(`.${other}`));
    if (parent) {
      problems.push({
        severity: 'error',
        message: `'${bare}' lies inside the cookie domain '${parent}' of an earlier entry, which already covers it.`,
        ...span(domain),
      });
    }
  }
  return problems;
}

function portalProblems(portal: StringEntry, cookieDomain: string): ValueProblem[] {
  if (portal.text === AUTHELIA_URL_PLACEHOLDER) {
    return [
      {
        severity: 'error',
        message:
          'authelia_url still holds the placeholder from the migration: write the URL of the Authelia portal.',
        ...span(portal),
      },
    ];
  }
  const problem = urlProblem(portal.text, cookieDomain, ['https:', 'wss:']);
  return problem
    ? [{ severity: 'error', message: `authelia_url ${problem}.`, ...span(portal) }]
    : [];
}

/** Why a URL does not fit a cookie domain, or undefined. */
function urlProblem(text: string, cookieDomain: string, schemes: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL such as https://auth.example.com';
  }
  if (!schemes.includes(url.protocol))
    return `must use ${schemes.map((s) => s.slice(0, -1)).join(' or ')}`;
  if (!urlInside(text, cookieDomain)) return `must be inside the cookie domain '${cookieDomain}'`;
  return undefined;
}

function sameUrl(a: string, b: string): boolean {
  const normalize = (text: string) => text.replace(/\/+$/, '').toLowerCase();
  return normalize(a) === normalize(b);
}
