import {
  address,
  bool,
  deprecatedSince,
  dict,
  duration,
  int,
  map,
  oneOf,
  secret,
  str,
  url,
  type KeySpec,
} from '../types';
import { tls } from './tls';

const VALUE_TYPES = ['string', 'integer', 'boolean'] as const;

/** The typing shared by file `extra_attributes.<name>` and LDAP `attributes.extra.<name>`. */
function attributeTyping(): Record<string, KeySpec> {
  return {
    multi_valued: bool('The attribute holds a list of values rather than a single one.'),
    value_type: oneOf('Type of each value: string, integer or boolean; required.', VALUE_TYPES),
  };
}

/** A legacy flat hashing key, read only with the legacy algorithm names argon2id / sha512. */
function legacyHashing(summary: string, replacement: string, note: string): KeySpec {
  return int(summary, {
    ...deprecatedSince('4.37', `authentication_backend.file.password.${replacement}`, { note }),
  });
}

/** An old name of the `password` block: Authelia refuses it with a pointed error. */
function removedHashing(name: string): KeySpec {
  const reason = 'An old name: move these settings under authentication_backend.file.password.';
  const old = (what: string) => str(`Old ${what} setting under ${name}; refused.`);
  return map(
    `Old name of the password hashing block; Authelia refuses to start with it.`,
    {
      algorithm: old('algorithm'),
      iterations: old('iterations'),
      key_length: old('key length'),
      salt_length: old('salt length'),
      memory: old('memory'),
      parallelism: old('parallelism'),
    },
    { removed: reason },
  );
}

const password = map('How Authelia hashes passwords it writes to the users file.', {
  algorithm: oneOf(
    'Hash for new passwords; argon2id and sha512 are legacy spellings of argon2 and sha2crypt.',
    ['argon2', 'sha2crypt', 'pbkdf2', 'bcrypt', 'scrypt', 'argon2id', 'sha512'],
    { default: 'argon2' },
  ),
  argon2: map('Argon2 tuning; the recommended algorithm.', {
    variant: oneOf(
      'Argon2 flavour; argon2id resists both side-channel and GPU attacks.',
      ['argon2id', 'argon2i', 'argon2d', 'id', 'i', 'd'],
      { default: 'argon2id' },
    ),
    iterations: int('Passes over memory (t); more is slower for attackers and for logins.', {
      default: 3,
      min: 1,
    }),
    memory: int('Memory per hash in KiB (m); must be at least 8 times parallelism.', {
      default: 65536,
      min: 8,
      max: 4294967295,
    }),
    parallelism: int('Threads per hash (p); memory must be at least 8 KiB per thread.', {
      default: 4,
      min: 1,
      max: 16777215,
    }),
    key_length: int('Length of the derived hash in bytes.', {
      default: 32,
      min: 4,
      max: 2147483647,
    }),
    salt_length: int('Length of the random salt in bytes.', {
      default: 16,
      min: 1,
      max: 2147483647,
    }),
  }),
  sha2crypt: map('SHA-crypt ($5$/$6$) tuning; for compatibility with older systems.', {
    variant: oneOf(
      'SHA-2 function underneath: sha512 ($6$) or sha256 ($5$).',
      ['sha256', 'sha512'],
      { default: 'sha512' },
    ),
    iterations: int('Rounds of hashing; more is slower for attackers and logins alike.', {
      default: 50000,
      min: 1000,
      max: 999999999,
    }),
    salt_length: int('Length of the random salt in characters.', {
      default: 16,
      min: 1,
      max: 16,
    }),
  }),
  pbkdf2: map('PBKDF2 tuning; for FIPS-style requirements.', {
    variant: oneOf(
      'Underlying HMAC hash; the default iteration count suits sha512.',
      ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'],
      { default: 'sha512' },
    ),
    iterations: int('Rounds of hashing; weaker variants need more.', {
      default: 310000,
      min: 100000,
      max: 2147483647,
    }),
    salt_length: int('Length of the random salt in bytes.', {
      default: 16,
      min: 8,
      max: 2147483647,
    }),
  }),
  bcrypt: map('Bcrypt tuning; only the first 72 bytes of a password count.', {
    variant: oneOf(
      'standard, or sha256 which pre-hashes to lift the 72-byte limit.',
      ['standard', 'sha256'],
      { default: 'standard' },
    ),
    cost: int('Work factor as a power of two; each step doubles the time.', {
      default: 12,
      min: 10,
      max: 31,
    }),
  }),
  scrypt: map('Scrypt or yescrypt tuning; memory-hard like Argon2.', {
    variant: oneOf('scrypt, or yescrypt (which needs parallelism 1).', ['scrypt', 'yescrypt'], {
      since: '4.39',
      default: 'scrypt',
    }),
    iterations: int('Cost exponent (ln); each step doubles time and memory.', {
      default: 16,
      min: 1,
      max: 58,
    }),
    block_size: int('Block size (r); scales memory use.', {
      default: 8,
      min: 1,
      max: 36028797018963967,
    }),
    parallelism: int('Parallel lanes (p); must be 1 for yescrypt.', {
      default: 1,
      min: 1,
      max: 1073741823,
    }),
    key_length: int('Length of the derived hash in bytes.', {
      default: 32,
      min: 1,
      max: 137438953440,
    }),
    salt_length: int('Length of the random salt in bytes.', {
      default: 16,
      min: 8,
      max: 1024,
    }),
  }),
  iterations: legacyHashing(
    'Legacy iteration count, used only with algorithm argon2id or sha512.',
    'argon2.iterations',
    'With algorithm sha512 it maps to sha2crypt.iterations instead.',
  ),
  memory: legacyHashing(
    'Legacy Argon2 memory in MiB (not KiB), used only with algorithm argon2id.',
    'argon2.memory',
    'The new key counts KiB: multiply the old value by 1024.',
  ),
  parallelism: legacyHashing(
    'Legacy Argon2 thread count, used only with algorithm argon2id.',
    'argon2.parallelism',
    'Only read when algorithm is argon2id.',
  ),
  key_length: legacyHashing(
    'Legacy Argon2 hash length, used only with algorithm argon2id.',
    'argon2.key_length',
    'Only read when algorithm is argon2id.',
  ),
  salt_length: legacyHashing(
    'Legacy salt length, used only with algorithm argon2id or sha512.',
    'argon2.salt_length',
    'With algorithm sha512 it maps to sha2crypt.salt_length (at most 16).',
  ),
});

const file = map('Users kept in a YAML file; simple, but awkward with several instances.', {
  path: str('Path of the users YAML file; Authelia writes a sample and exits if it is missing.'),
  watch: bool('Reload the users file when it changes on disk; refresh_interval turns to always.'),
  search: map(
    'How the login name is matched against the users file.',
    {
      email: bool('Let users log in with their email address as well as their username.'),
      case_insensitive: bool('Match usernames regardless of case; needs lower-case names in file.'),
    },
    { experimental: true },
  ),
  extra_attributes: dict(
    'Extra per-user fields from the users file, usable in expressions and OIDC claims.',
    'attribute name',
    map('How one extra attribute from the users file is typed.', attributeTyping()),
    { since: '4.39' },
  ),
  password,
  password_options: removedHashing('password_options'),
  password_hashing: removedHashing('password_hashing'),
  hashing: removedHashing('hashing'),
});

/** A 4.37 top-level LDAP attribute key that 4.38 moved under `attributes`. */
function legacyAttribute(what: string, key: string, dflt: string): KeySpec {
  return str(`LDAP attribute holding the ${what} (4.37 layout).`, {
    default: dflt,
    ...deprecatedSince('4.38', `authentication_backend.ldap.attributes.${key}`),
  });
}

/** A 4.39 profile attribute: the LDAP attribute that fills one OIDC-style user claim. */
function profile(what: string): KeySpec {
  return str(`LDAP attribute that supplies the user's ${what}.`, { since: '4.39' });
}

const attributes = map(
  'Which LDAP attributes hold user and group details; implementation presets fill most.',
  {
    distinguished_name: str('Attribute with the entry DN; needed for {memberof:dn} in filters.'),
    username: str('Attribute with the unique login name; must never change for a user.', {
      default: 'uid',
    }),
    display_name: str('Attribute with the name shown to the user.', { default: 'displayName' }),
    family_name: profile('family name'),
    given_name: profile('given name'),
    middle_name: profile('middle name'),
    nickname: profile('nickname'),
    gender: profile('gender'),
    birthdate: profile('birth date'),
    website: profile('website URL'),
    profile: profile('profile page URL'),
    picture: profile('picture URL'),
    zoneinfo: profile('time zone'),
    locale: profile('locale'),
    phone_number: profile('phone number'),
    phone_extension: profile('phone extension'),
    street_address: profile('street address'),
    locality: profile('city or locality'),
    region: profile('region or state'),
    postal_code: profile('postal code'),
    country: profile('country'),
    mail: str('Attribute with the email address; the first value is used.', { default: 'mail' }),
    member_of: str('Attribute listing the groups a user belongs to; for memberof search.'),
    group_name: str('Attribute with the group name used in access rules.', { default: 'cn' }),
    extra: dict(
      'Further LDAP attributes to load, usable in expressions and OIDC claims.',
      'LDAP attribute name',
      map('How one extra LDAP attribute is exposed.', {
        name: str('Name Authelia uses for it; defaults to the LDAP attribute name.'),
        ...attributeTyping(),
      }),
      { since: '4.39' },
    ),
  },
  { since: '4.38' },
);

const ldap = map('Users and groups from an LDAP directory; the choice for several instances.', {
  address: address(
    'Directory server, e.g. ldaps://ldap.example.com; plain host names default to ldaps.',
    ['ldap', 'ldaps', 'ldapi'],
    'ldaps',
    { since: '4.38' },
  ),
  url: url('Directory server as ldap:// or ldaps:// URL (4.37 layout).', {
    ...deprecatedSince('4.38', 'authentication_backend.ldap.address'),
  }),
  implementation: oneOf(
    'Directory flavour; anything but custom pre-fills filters and attribute names.',
    ['custom', 'activedirectory', 'rfc2307bis', 'freeipa', 'lldap', 'glauth'],
    { default: 'custom' },
  ),
  timeout: duration('How long to wait when connecting; 5s before 4.39 and for presets.', {
    default: '20s',
  }),
  start_tls: bool('Upgrade a plain ldap:// connection with StartTLS.'),
  tls: tls('TLS settings for ldaps:// or StartTLS connections.'),
  pooling: map(
    'Keep a pool of open directory connections instead of dialling per request.',
    {
      enable: bool('Turn connection pooling on; off means a new connection per request.'),
      count: int('Number of directory connections the pool keeps open.', { default: 5, min: 1 }),
      retries: int('Attempts to get a free connection before giving up.', { default: 2 }),
      timeout: duration('How long to wait for a free connection on each attempt.', {
        default: '10s',
      }),
    },
    { since: '4.39' },
  ),
  base_dn: str('DN under which all searches happen, e.g. dc=example,dc=com.'),
  additional_users_dn: str('Extra RDN put in front of base_dn when searching users.'),
  users_filter: str('Search filter for users; must contain {username_attribute} and {input}.'),
  additional_groups_dn: str('Extra RDN put in front of base_dn when searching groups.'),
  groups_filter: str("Search filter for a user's groups, e.g. using {dn} or {memberof:rdn}."),
  group_search_mode: oneOf(
    'Find groups with groups_filter, or from the member_of attribute of the user.',
    ['filter', 'memberof'],
    { since: '4.38', default: 'filter' },
  ),
  attributes,
  username_attribute: legacyAttribute('login name', 'username', 'uid'),
  mail_attribute: legacyAttribute('email address', 'mail', 'mail'),
  display_name_attribute: legacyAttribute('display name', 'display_name', 'displayName'),
  group_name_attribute: legacyAttribute('group name', 'group_name', 'cn'),
  permit_referrals: bool('Follow referrals to other servers; only used for password changes.'),
  permit_unauthenticated_bind: bool(
    'Bind without a password; needs password_reset.disable and no password set.',
  ),
  permit_feature_detection_failure: bool(
    "Carry on when the server's supported features cannot be read; dropped in 4.39.16.",
    {
      ...deprecatedSince('4.39.16', undefined, {
        note: 'No longer needed: Authelia ignores the key and logs a warning.',
      }),
    },
  ),
  user: str('DN of the service account Authelia binds with, e.g. cn=authelia,dc=example,dc=com.'),
  password: secret('Password of the bind account; leave out only with unauthenticated bind.'),
  skip_verify: bool('Old switch to skip certificate checks; use tls.skip_verify.', {
    ...deprecatedSince('4.25', 'authentication_backend.ldap.tls.skip_verify'),
  }),
  minimum_tls_version: str('Old oldest-TLS-version setting; use tls.minimum_version.', {
    ...deprecatedSince('4.25', 'authentication_backend.ldap.tls.minimum_version'),
  }),
});

/** `authentication_backend`: where users and their passwords and groups come from. */
export const authenticationBackend = map(
  'Where users, passwords and groups come from; configure exactly one of file or ldap.',
  {
    password_reset: map(
      'The "forgot password" flow, which mails users a link to set a new password.',
      {
        disable: bool('Hide the reset-password link and turn its API off.'),
        custom_url: url('Send users to your own reset page (http or https) instead.'),
      },
    ),
    password_change: map(
      'Letting logged-in users change their own password.',
      {
        disable: bool('Turn password changes off, e.g. so replicas never write the users file.'),
      },
      { since: '4.39' },
    ),
    refresh_interval: duration(
      'How often user details and groups are re-read: a duration, always, or disable.',
      { values: ['always', 'disable'], default: '5m' },
    ),
    disable_reset_password: bool('Old switch for turning password reset off.', {
      ...deprecatedSince('4.36', 'authentication_backend.password_reset.disable'),
    }),
    file,
    ldap,
  },
);
