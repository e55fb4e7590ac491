// Generates large, realistic Authelia 4.39 configurations for the benchmark (and for tests that
// compare incremental and full linting). Deterministic: the same options always give the same
// text, from a fixed-seed PRNG; rule i and client i are the same whatever the size.
//
//   import { generateConfig } from './bench/generate.mjs';
//   const text = generateConfig({ rules: 1000, broken: true });
//
// The clean variant is complete and valid for 4.39: authelia-lint reports nothing and
// yaml-language-server with Authelia's schema reports nothing. The broken variant has the four
// high-availability problems (no session.redis, storage.local, notifier.filesystem,
// authentication_backend.file) and one typo'd key inside the middle rule (`methods` → `metods`).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Authelia's published 4.39 schema, which is what the modeline names when no local copy exists. */
export const PUBLIC_SCHEMA_URL =
  'https://www.authelia.com/schemas/v4.39/json-schema/configuration.json';

/** The local copy of the 4.39 schema, `../shared/authelia/schemas/v4.39/configuration.json`. */
export const LOCAL_SCHEMA_PATH = join(
  ROOT,
  '..',
  'shared',
  'authelia',
  'schemas',
  'v4.39',
  'configuration.json',
);

/** The schema the modeline names by default: the local copy as a file URL when it exists. */
export function defaultSchemaUrl() {
  return existsSync(LOCAL_SCHEMA_PATH) ? pathToFileURL(LOCAL_SCHEMA_PATH).href : PUBLIC_SCHEMA_URL;
}

/** The key the broken variant misspells, and how. */
export const TYPO = { key: 'methods', as: 'metods' };

/** A small, fast PRNG (mulberry32); deterministic for a given seed. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers bound to one random stream. */
function chooser(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (items) => items[int(items.length)];
  const chance = (p) => random() < p;
  /** `count` distinct items from `items`, in their original order. */
  const some = (items, count) => {
    const chosen = new Set();
    while (chosen.size < Math.min(count, items.length)) chosen.add(int(items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  };
  return { int, pick, chance, some };
}

const TEAMS = [
  'admins',
  'dev',
  'ops',
  'qa',
  'finance',
  'hr',
  'sales',
  'support',
  'security',
  'data',
];
const USERS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
  'peggy',
  'trent',
  'victor',
  'walter',
];
const APPS = [
  'grafana',
  'prometheus',
  'gitea',
  'nextcloud',
  'jellyfin',
  'vault',
  'wiki',
  'jenkins',
  'argocd',
  'minio',
  'kibana',
  'sonarr',
  'radarr',
  'portainer',
  'traefik',
  'pgadmin',
  'n8n',
  'paperless',
  'immich',
  'outline',
];
const ZONES = [
  'example.com',
  'corp.example.com',
  'lab.example.com',
  'eu.example.com',
  'us.example.com',
];
const PATHS = [
  'api',
  'admin',
  'metrics',
  'webhooks',
  'static',
  'graphql',
  'v1',
  'v2',
  'internal',
  'export',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const NETWORK_NAMES = ['internal', 'vpn', 'office'];

/** The application behind rule `index` (and behind its OIDC client, when it has one). */
function appOf(index) {
  const { pick } = chooser(prng(0xa990_0000 + index));
  return { app: `${pick(APPS)}-${String(index).padStart(4, '0')}`, zone: pick(ZONES) };
}

/** One access-control rule, as YAML lines indented for `access_control.rules`. */
function ruleLines(index, random, typo) {
  const { int, pick, chance, some } = chooser(random);
  const { app, zone } = appOf(index);
  const lines = [];
  /** `key: [a, b]` or a block list, as people write both. */
  const list = (key, items, flow) => {
    if (flow) lines.push(`      ${key}: [${items.join(', ')}]`);
    else lines.push(`      ${key}:`, ...items.map((item) => `        - ${item}`));
  };

  // Bypass only without subjects (Authelia refuses a subject on a bypass rule).
  const policy = pick([
    'two_factor',
    'two_factor',
    'two_factor',
    'one_factor',
    'one_factor',
    'deny',
    'bypass',
  ]);
  const withSubject = policy !== 'bypass' && chance(0.85);

  if (chance(0.15)) {
    lines.push(`    - domain_regex: '^${app}\\.(dev|staging)\\.${zone.replaceAll('.', '\\.')}$'`);
  } else if (chance(0.3)) {
    lines.push('    - domain:', `        - '${app}.${zone}'`, `        - '${app}-alt.${zone}'`);
  } else {
    lines.push(`    - domain: '${app}.${zone}'`);
  }
  lines.push(`      policy: '${policy}'`);

  if (withSubject) {
    if (chance(0.2)) {
      // Every entry a list: all of its subjects must match at once.
      const teams = some(TEAMS, 1 + int(2));
      list(
        'subject',
        teams.map((team) => `['group:${team}', 'user:${pick(USERS)}']`),
        false,
      );
    } else {
      const subjects = some(TEAMS, 1 + int(2)).map((team) => `'group:${team}'`);
      if (chance(0.4)) subjects.push(`'user:${pick(USERS)}'`);
      list('subject', subjects, chance(0.5));
    }
  }

  if (chance(0.6)) {
    list(
      'resources',
      some(PATHS, 1 + int(2)).map((path) => `'^/${path}([/?].*)?$'`),
      chance(0.5),
    );
  }

  if (typo || chance(0.5)) {
    const methods = some(METHODS, 1 + int(3)).map((m) => `'${m}'`);
    lines.push(`      ${typo ? TYPO.as : TYPO.key}: [${methods.join(', ')}]`);
  }

  if (chance(0.5)) {
    const networks = chance(0.6) ? [`'${pick(NETWORK_NAMES)}'`] : [];
    networks.push(`'10.${int(256)}.${int(256)}.0/24'`);
    list('networks', networks, chance(0.5));
  }

  if (policy !== 'bypass' && chance(0.05)) {
    lines.push('      query:', `        - - key: 'tenant'`, `            value: 't${index}'`);
  }
  return lines;
}

/** A deterministic pbkdf2-sha512 digest in Authelia's format (not of any real secret). */
function digest(random) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./';
  const chars = (n) =>
    Array.from({ length: n }, () => alphabet[Math.floor(random() * 64)]).join('');
  return `$pbkdf2-sha512$310000$${chars(22)}$${chars(86)}`;
}

/** One OIDC client for rule `index`, as YAML lines indented for `identity_providers.oidc.clients`. */
function clientLines(index, random) {
  const { pick, chance } = chooser(random);
  const { app, zone } = appOf(index);
  const id = `client-${String(index).padStart(4, '0')}`;
  const host = `${app}.${zone}`;
  const refresh = chance(0.5);
  const scopes = ['openid', 'profile', 'email', 'groups', ...(refresh ? ['offline_access'] : [])];
  const lines = [
    `      - client_id: '${id}'`,
    `        client_name: '${app[0].toUpperCase()}${app.slice(1)}'`,
    `        client_secret: '${digest(random)}'`,
    '        public: false',
    `        authorization_policy: '${pick(['two_factor', 'two_factor', 'one_factor', 'staff'])}'`,
    `        consent_mode: '${pick(['explicit', 'implicit', 'pre-configured'])}'`,
  ];
  if (lines.at(-1).includes('pre-configured'))
    lines.push(`        pre_configured_consent_duration: '1w'`);
  lines.push(
    '        require_pkce: true',
    `        pkce_challenge_method: 'S256'`,
    '        redirect_uris:',
    `          - 'https://${host}/oauth2/callback'`,
  );
  if (chance(0.3)) lines.push(`          - 'https://${host}/login/generic_oauth'`);
  lines.push(
    '        scopes:',
    ...scopes.map((scope) => `          - '${scope}'`),
    `        grant_types: ['authorization_code'${refresh ? ", 'refresh_token'" : ''}]`,
    `        response_types: ['code']`,
    `        token_endpoint_auth_method: '${pick(['client_secret_basic', 'client_secret_post'])}'`,
    `        userinfo_signed_response_alg: 'none'`,
  );
  return lines;
}

/** A dummy PEM block that has the shape Authelia's schema asks for (not a usable key). */
function dummyPem(random, indent) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const line = (n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * 64)]).join('');
  const body = [...Array.from({ length: 25 }, () => line(64)), `${line(20)}==`];
  return ['-----BEGIN PRIVATE KEY-----', ...body, '-----END PRIVATE KEY-----'].map(
    (l) => indent + l,
  );
}

/**
 * A complete Authelia 4.39 configuration with `rules` access-control rules and an OIDC client for
 * every tenth rule. `broken` swaps in the four HA problems and misspells one key in the middle
 * rule. `schemaUrl` is the `$schema` the yaml-language-server modeline names (by default the local
 * copy of Authelia's 4.39 schema, else the published one).
 */
export function generateConfig({ rules, broken = false, schemaUrl = defaultSchemaUrl() }) {
  if (!Number.isInteger(rules) || rules < 1)
    throw new Error(`rules must be a positive integer, not ${rules}`);
  const head = prng(0x5eed_4390);
  const typoRule = Math.floor(rules / 2);
  const clientCount = Math.floor(rules / 10);

  const out = [
    `# yaml-language-server: $schema=${schemaUrl}`,
    '# authelia-lint: version=4.39',
    `# Generated by bench/generate.mjs: ${rules} access-control rules, ${clientCount} OpenID Connect clients` +
      (broken ? ', with the four HA problems and a typo.' : '.'),
    '# The secrets are dummies; a real deployment supplies them with AUTHELIA_*_FILE.',
    '',
    "theme: 'auto'",
    "default_2fa_method: 'totp'",
    '',
    'server:',
    "  address: 'tcp://:9091/'",
    '  endpoints:',
    '    authz:',
    '      forward-auth:',
    "        implementation: 'ForwardAuth'",
    '',
    'log:',
    "  level: 'info'",
    "  format: 'json'",
    '',
    'totp:',
    "  issuer: 'example.com'",
    '  period: 30',
    '  skew: 1',
    '',
    'webauthn:',
    "  display_name: 'Example'",
    "  timeout: '60s'",
    '',
    'identity_validation:',
    '  reset_password:',
    "    jwt_secret: 'a-dummy-jwt-secret-0123456789abcdef'",
    '',
    'authentication_backend:',
  ];

  if (broken) {
    out.push('  file:', "    path: '/config/users_database.yml'", '    watch: true');
  } else {
    out.push(
      '  password_reset:',
      '    disable: false',
      "  refresh_interval: '5m'",
      '  ldap:',
      "    address: 'ldaps://ldap.example.com:636'",
      "    implementation: 'custom'",
      "    timeout: '5s'",
      "    base_dn: 'dc=example,dc=com'",
      "    additional_users_dn: 'ou=users'",
      "    users_filter: '(&({username_attribute}={input})(objectClass=person))'",
      "    additional_groups_dn: 'ou=groups'",
      "    groups_filter: '(&(member={dn})(objectClass=groupOfNames))'",
      '    attributes:',
      "      username: 'uid'",
      "      display_name: 'displayName'",
      "      mail: 'mail'",
      "      group_name: 'cn'",
      "    user: 'cn=authelia,ou=service,dc=example,dc=com'",
      "    password: 'a-dummy-ldap-password'",
    );
  }

  out.push(
    '',
    'password_policy:',
    '  zxcvbn:',
    '    enabled: true',
    '    min_score: 3',
    '',
    'regulation:',
    '  max_retries: 3',
    "  find_time: '2m'",
    "  ban_time: '5m'",
    '',
    'definitions:',
    '  network:',
    "    internal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']",
    "    vpn: '100.64.0.0/10'",
    "    office: ['203.0.113.0/24', '198.51.100.0/24']",
    '',
    'access_control:',
    "  default_policy: 'deny'",
    '  rules:',
  );

  for (let i = 0; i < rules; i++) {
    out.push(...ruleLines(i, prng(0x41c1_0000 + i), broken && i === typoRule));
  }

  out.push(
    '',
    'session:',
    "  secret: 'a-dummy-session-secret-0123456789abcdef'",
    "  name: 'authelia_session'",
    "  same_site: 'lax'",
    "  expiration: '1h'",
    "  inactivity: '5m'",
    "  remember_me: '1M'",
    '  cookies:',
    "    - domain: 'example.com'",
    "      authelia_url: 'https://auth.example.com'",
    "      default_redirection_url: 'https://www.example.com'",
  );
  if (!broken) {
    out.push(
      '  redis:',
      "    host: 'redis.example.com'",
      '    port: 6379',
      "    password: 'a-dummy-redis-password'",
      '    database_index: 0',
      '    maximum_active_connections: 8',
      '    minimum_idle_connections: 0',
    );
  }

  out.push('', 'storage:', "  encryption_key: 'a-dummy-storage-encryption-key-0123456789abcdef'");
  if (broken) {
    out.push('  local:', "    path: '/config/db.sqlite3'");
  } else {
    out.push(
      '  postgres:',
      "    address: 'tcp://postgres.example.com:5432'",
      "    database: 'authelia'",
      "    schema: 'public'",
      "    username: 'authelia'",
      "    password: 'a-dummy-postgres-password'",
      "    timeout: '5s'",
    );
  }

  out.push('', 'notifier:', '  disable_startup_check: false');
  if (broken) {
    out.push('  filesystem:', "    filename: '/config/notification.txt'");
  } else {
    out.push(
      '  smtp:',
      "    address: 'submission://smtp.example.com:587'",
      "    username: 'authelia'",
      "    password: 'a-dummy-smtp-password'",
      "    sender: 'Authelia <authelia@example.com>'",
      "    subject: '[Authelia] {title}'",
    );
  }

  out.push(
    '',
    'identity_providers:',
    '  oidc:',
    "    hmac_secret: 'a-dummy-hmac-secret-0123456789abcdef0123456789abcdef'",
    '    jwks:',
    "      - key_id: 'main'",
    "        algorithm: 'RS256'",
    "        use: 'sig'",
    '        key: |',
    ...dummyPem(head, '          '),
    '    lifespans:',
    "      access_token: '1h'",
    "      authorize_code: '1m'",
    "      id_token: '1h'",
    "      refresh_token: '90m'",
    '    cors:',
    "      endpoints: ['authorization', 'token', 'revocation', 'introspection', 'userinfo']",
    '      allowed_origins_from_client_redirect_uris: true',
    '    authorization_policies:',
    '      staff:',
    "        default_policy: 'two_factor'",
    '        rules:',
    "          - policy: 'one_factor'",
    "            subject: 'group:admins'",
    '    clients:',
  );
  for (let i = 9; i < rules; i += 10) out.push(...clientLines(i, prng(0xc11e_0000 + i)));

  return out.join('\n') + '\n';
}

/** The sizes the benchmark uses. */
export const SIZES = [100, 1000, 5000];
