import { isScalar, isSeq } from 'yaml';
import type { ConfigDocument } from '../../../config-document';
import type { RuleContext } from '../../../rule';
import { durationSeconds } from '../../../values/duration';
import { rangeOf, stringEntry, templated, span, type ValueProblem } from './check';

/**
 * Value checks of single sections, each after one of Authelia's own: regulation windows, TLS
 * versions, LDAP filters, TOTP, WebAuthn, URLs that must be https, and the switches Authelia
 * warns about.
 */
export function sectionChecks({ config }: RuleContext): ValueProblem[] {
  return [
    ...regulationWindow(config),
    ...tlsVersions(config),
    ...ldapFilters(config),
    ...totpValues(config),
    ...webauthnSwitches(config),
    ...httpsUrls(config),
    ...warnedSwitches(config),
    ...unauthenticatedBind(config),
  ];
}

/** `find_time` longer than `ban_time` would count failures for longer than a ban lasts. */
function regulationWindow(config: ConfigDocument): ValueProblem[] {
  const anchor =
    config.entryAt(['regulation', 'find_time']) ?? config.entryAt(['regulation', 'ban_time']);
  const seconds = (key: string, fallback: string) => {
    const value = config.scalarAt(['regulation', key]);
    if (templated(value)) return undefined;
    const parsed = durationSeconds(value ?? fallback);
    return parsed === undefined || parsed <= 0 ? durationSeconds(fallback) : parsed;
  };
  const find = seconds('find_time', '2m');
  const ban = seconds('ban_time', '5m');
  if (!anchor || find === undefined || ban === undefined || find <= ban) return [];
  return [
    {
      severity: 'error',
      message:
        'regulation.find_time must not be longer than regulation.ban_time ' +
        '(they default to 2m and 5m).',
      start: anchor.keyStart,
      end: anchor.keyEnd,
    },
  ];
}

const TLS_VERSION = /^(tls\s?)?1\.([0-3])$/i;

/** TLS blocks: a minimum above the maximum, or SSL 3.0 as the minimum. */
function tlsVersions(config: ConfigDocument): ValueProblem[] {
  const blocks = [
    ['session', 'redis', 'tls'],
    ['storage', 'mysql', 'tls'],
    ['storage', 'postgres', 'tls'],
    ['notifier', 'smtp', 'tls'],
    ['authentication_backend', 'ldap', 'tls'],
  ];
  const problems: ValueProblem[] = [];
  for (const path of blocks) {
    const block = config.mapAt(path);
    if (!block) continue;
    const minimum = stringEntry(config, block, 'minimum_version');
    const maximum = stringEntry(config, block, 'maximum_version');
    if (minimum && /^ssl\s?3\.0$/i.test(minimum.text.trim())) {
      problems.push({
        severity: 'error',
        message: 'SSL 3.0 is not accepted as a minimum TLS version.',
        ...span(minimum),
      });
    }
    const low = minimum && TLS_VERSION.exec(minimum.text.trim());
    const high = maximum && TLS_VERSION.exec(maximum.text.trim());
    if (minimum && low && high && Number(low[2]) > Number(high[2])) {
      problems.push({
        severity: 'error',
        message: `${path.join('.')}.minimum_version is above maximum_version.`,
        ...span(minimum),
      });
    }
  }
  return problems;
}

/** LDAP filters must be wrapped in parentheses and use the placeholders Authelia fills in. */
function ldapFilters(config: ConfigDocument): ValueProblem[] {
  const ldap = config.mapAt(['authentication_backend', 'ldap']);
  if (!ldap) return [];
  const problems: ValueProblem[] = [];

  for (const key of ['users_filter', 'groups_filter']) {
    const filter = stringEntry(config, ldap, key);
    if (!filter || filter.text.trim() === '' || templated(filter.text)) continue;
    const text = filter.text.trim();
    if (!text.startsWith('(') || !text.endsWith(')')) {
      problems.push({
        severity: 'error',
        message: `${key} must be wrapped in parentheses.`,
        ...span(filter),
      });
    }
    if (/\{[01]\}/.test(text)) {
      problems.push({
        severity: 'error',
        message: `${key} uses the old {0}/{1} placeholders: write {input} and {username} instead.`,
        ...span(filter),
      });
    }
    for (const placeholder of key === 'users_filter' ? ['{username_attribute}', '{input}'] : []) {
      if (text.includes(placeholder)) continue;
      problems.push({
        severity: 'error',
        message: `users_filter must contain ${placeholder}; Authelia refuses a filter without it.`,
        ...span(filter),
      });
    }
  }

  const implementation = config.scalarAt(['authentication_backend', 'ldap', 'implementation']);
  const ldapEntry = config.entryAt(['authentication_backend', 'ldap']);
  if (
    ldapEntry &&
    (implementation === undefined || implementation === null || implementation === 'custom')
  ) {
    for (const key of ['users_filter', 'groups_filter']) {
      const value = config.scalarAt(['authentication_backend', 'ldap', key]);
      if (typeof value === 'string' && value !== '') continue;
      problems.push({
        severity: 'error',
        message:
          `The custom LDAP implementation has no default ${key}: write one, or pick the ` +
          'implementation that matches your directory (activedirectory, freeipa, lldap, ...).',
        start: ldapEntry.keyStart,
        end: ldapEntry.keyEnd,
      });
    }
  }

  const mode = stringEntry(config, ldap, 'group_search_mode');
  const groups = stringEntry(config, ldap, 'groups_filter');
  if (mode?.text === 'memberof' && groups && !/\{memberof:(rdn|dn)\}/.test(groups.text)) {
    problems.push({
      severity: 'error',
      message: 'group_search_mode memberof needs {memberof:rdn} or {memberof:dn} in groups_filter.',
      ...span(mode),
    });
  }
  return problems;
}

/** TOTP digits are 6 or 8, and algorithms are SHA1, SHA256 or SHA512. */
function totpValues(config: ConfigDocument): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const digitNodes = [config.valueAt(['totp', 'digits'])];
  const allowed = config.valueAt(['totp', 'allowed_digits']);
  if (isSeq(allowed)) digitNodes.push(...allowed.items);
  for (const node of digitNodes) {
    if (!isScalar(node) || node.value === null || templated(node.value)) continue;
    if (Number(node.value) === 0) continue;
    if (Number(node.value) !== 6 && Number(node.value) !== 8) {
      problems.push({
        severity: 'error',
        message: 'TOTP codes have 6 or 8 digits.',
        ...rangeOf(node)!,
      });
    }
  }
  return problems;
}

/** Passkey switches that only work together. */
function webauthnSwitches(config: ConfigDocument): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const passkeys = config.entryAt(['webauthn', 'enable_passkey_login']);
  const passkeysOn = config.isTrue(['webauthn', 'enable_passkey_login']);
  if (passkeys && passkeysOn && config.isTrue(['webauthn', 'disable'])) {
    problems.push({
      severity: 'error',
      message: 'Passkey login needs WebAuthn, but webauthn.disable is true.',
      start: passkeys.keyStart,
      end: passkeys.keyEnd,
    });
  }
  for (const key of [
    'experimental_enable_passkey_uv_two_factors',
    'experimental_enable_passkey_upgrade',
  ]) {
    const entry = config.entryAt(['webauthn', key]);
    if (entry && config.isTrue(['webauthn', key]) && !passkeysOn) {
      problems.push({
        severity: 'error',
        message: `webauthn.${key} needs webauthn.enable_passkey_login: true.`,
        start: entry.keyStart,
        end: entry.keyEnd,
      });
    }
  }
  const discoverability = config.entryAt(['webauthn', 'selection_criteria', 'discoverability']);
  if (
    discoverability &&
    passkeysOn &&
    config.scalarAt(['webauthn', 'selection_criteria', 'discoverability']) === 'discouraged'
  ) {
    problems.push({
      severity: 'warning',
      message: 'Passkey login works poorly when discoverable credentials are discouraged.',
      start: discoverability.keyStart,
      end: discoverability.keyEnd,
    });
  }
  const filtering = config.mapAt(['webauthn', 'filtering']);
  const permitted = config.valueAt(['webauthn', 'filtering', 'permitted_aaguids']);
  const prohibited = config.valueAt(['webauthn', 'filtering', 'prohibited_aaguids']);
  if (
    filtering &&
    isSeq(permitted) &&
    isSeq(prohibited) &&
    permitted.items.length > 0 &&
    prohibited.items.length > 0
  ) {
    const entry = config.entry(filtering, 'prohibited_aaguids')!;
    problems.push({
      severity: 'error',
      message: 'Use either permitted_aaguids or prohibited_aaguids, not both.',
      start: entry.keyStart,
      end: entry.keyEnd,
    });
  }
  return problems;
}

/** URLs that Authelia accepts only as https (or http for the reset page). */
function httpsUrls(config: ConfigDocument): ValueProblem[] {
  const checks: { path: string[]; schemes: string[] }[] = [
    {
      path: ['authentication_backend', 'password_reset', 'custom_url'],
      schemes: ['http:', 'https:'],
    },
  ];
  if (config.isTrue(['privacy_policy', 'enabled'])) {
    checks.push({ path: ['privacy_policy', 'policy_url'], schemes: ['https:'] });
  }
  const problems: ValueProblem[] = [];
  for (const { path, schemes } of checks) {
    const value = stringEntry(config, config.mapAt(path.slice(0, -1)), path[path.length - 1]);
    if (!value || value.text === '' || templated(value.text)) continue;
    let protocol: string | undefined;
    try {
      protocol = new URL(value.text).protocol;
    } catch {
      protocol = undefined;
    }
    if (!protocol || !schemes.includes(protocol)) {
      const words = schemes.map((scheme) => scheme.slice(0, -1)).join(' or ');
      problems.push({
        severity: 'error',
        message: `${path.join('.')} must be an absolute ${words} URL.`,
        ...span(value),
      });
    }
  }
  return problems;
}

/** Switches Authelia accepts but warns about at every start. */
function warnedSwitches(config: ConfigDocument): ValueProblem[] {
  const warned: { path: string[]; why: string }[] = [
    {
      path: ['server', 'endpoints', 'enable_pprof'],
      why: 'exposes profiling data; keep it off in production',
    },
    {
      path: ['server', 'endpoints', 'enable_expvars'],
      why: 'exposes internal variables; keep it off in production',
    },
    {
      path: ['notifier', 'smtp', 'disable_starttls'],
      why: 'sends mail, and any reset link, without encryption',
    },
  ];
  return warned.flatMap(({ path, why }) => {
    const entry = config.entryAt(path);
    if (!entry || !config.isTrue(path)) return [];
    return [
      {
        severity: 'warning' as const,
        message: `${path.join('.')} ${why}.`,
        start: entry.keyStart,
        end: entry.keyEnd,
      },
    ];
  });
}

/** An unauthenticated LDAP bind cannot serve password resets. */
function unauthenticatedBind(config: ConfigDocument): ValueProblem[] {
  const bind = config.entryAt(['authentication_backend', 'ldap', 'permit_unauthenticated_bind']);
  if (!bind || !config.isTrue(['authentication_backend', 'ldap', 'permit_unauthenticated_bind']))
    return [];
  if (config.isTrue(['authentication_backend', 'password_reset', 'disable'])) return [];
  if (config.isTrue(['authentication_backend', 'disable_reset_password'])) return [];
  return [
    {
      severity: 'error',
      message:
        'permit_unauthenticated_bind needs authentication_backend.password_reset.disable: true.',
      start: bind.keyStart,
      end: bind.keyEnd,
    },
  ];
}
