/**
 * Links from a key path to the page of Authelia's documentation that describes it. Findings
 * outside the `ha/*` rules point there, so an editor can open the page from the diagnostic.
 */

const BASE = 'https://www.authelia.com/configuration/';

/** Pages per top-level section, with the sub-keys that have a page of their own. */
const PAGES: Record<string, { page: string; below?: Record<string, string> }> = {
  authentication_backend: {
    page: 'first-factor/introduction',
    below: { file: 'first-factor/file', ldap: 'first-factor/ldap' },
  },
  session: { page: 'session/introduction', below: { redis: 'session/redis' } },
  storage: {
    page: 'storage/introduction',
    below: { local: 'storage/sqlite', mysql: 'storage/mysql', postgres: 'storage/postgres' },
  },
  notifier: {
    page: 'notifications/introduction',
    below: { filesystem: 'notifications/file', smtp: 'notifications/smtp' },
  },
  access_control: { page: 'security/access-control' },
  password_policy: { page: 'security/password-policy' },
  regulation: { page: 'security/regulation' },
  identity_providers: { page: 'identity-providers/openid-connect/provider' },
  identity_validation: {
    page: 'identity-validation/introduction',
    below: {
      reset_password: 'identity-validation/reset-password',
      elevated_session: 'identity-validation/elevated-session',
    },
  },
  totp: { page: 'second-factor/time-based-one-time-password' },
  webauthn: { page: 'second-factor/webauthn' },
  duo_api: { page: 'second-factor/duo' },
  log: { page: 'miscellaneous/logging' },
  ntp: { page: 'miscellaneous/ntp' },
  privacy_policy: { page: 'miscellaneous/privacy-policy' },
  server: { page: 'miscellaneous/server' },
  definitions: {
    page: 'definitions/introduction',
    below: { network: 'definitions/network', user_attributes: 'definitions/user-attributes' },
  },
  telemetry: { page: 'telemetry/metrics' },
};

/** The page for a key path such as `['storage', 'postgres', 'address']`. */
export function docsUrl(path: readonly (string | number)[]): string {
  const [section, child, grandchild] = path;
  if (section === 'server' && child === 'endpoints') {
    if (grandchild === 'rate_limits') return `${BASE}miscellaneous/server-endpoint-rate-limits/`;
    if (grandchild === 'authz') return `${BASE}miscellaneous/server-endpoints-authz/`;
  }
  if (section === 'identity_providers' && path.includes('clients')) {
    return `${BASE}identity-providers/openid-connect/clients/`;
  }
  const entry = typeof section === 'string' ? PAGES[section] : undefined;
  if (!entry) return `${BASE}miscellaneous/introduction/`;
  const page = (typeof child === 'string' && entry.below?.[child]) || entry.page;
  return `${BASE}${page}/`;
}

/** Where secrets supplied from files and the environment are explained. */
export const SECRETS_URL = `${BASE}methods/secrets/`;

/** The overview of the configuration, for findings that belong to no one key. */
export const CONFIGURATION_URL = `${BASE}prologue/introduction/`;
