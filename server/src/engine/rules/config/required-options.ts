import { isMap, isScalar, isSeq } from 'yaml';
import type { ConfigDocument, KeyedPair } from '../../config-document';
import { compareVersions, type AutheliaVersion } from '../../finding';
import type { RuleContext } from '../../rule';

/**
 * The options Authelia requires, shared by `config/required` (plain options) and
 * `secret/missing` (secrets, which deployments often supply from the environment).
 */
export interface MissingOption {
  /** Dotted path of the missing option, for the message. */
  path: string;
  /** The entry to underline: the closest parent that is there. */
  anchor: KeyedPair | undefined;
  secret: boolean;
  /** Why it is needed, when that is not obvious. */
  because?: string;
}

/** `missingOptions` of the context's config and version, worked out once for both rules. */
export function missingOptionsOf(context: RuleContext): MissingOption[] {
  return context.memo('missing options', () => missingOptions(context.config, context.version));
}

/** Every required option that the config lacks. */
export function missingOptions(config: ConfigDocument, version: AutheliaVersion): MissingOption[] {
  const missing: MissingOption[] = [];
  type Need = { secret?: boolean; because?: string; also?: string[]; fallback?: KeyedPair };
  const need = (parent: string[], key: string, options: Need = {}) => {
    const map = config.mapAt(parent);
    const present = [key, ...(options.also ?? [])].some((name) => hasValue(config, map, name));
    if (!present) {
      missing.push({
        path: [...parent, key].join('.'),
        anchor: nearestEntry(config, parent) ?? options.fallback,
        secret: options.secret ?? false,
        because: options.because,
      });
    }
  };
  const from438 = compareVersions(version, '4.38') >= 0;

  for (const section of ['authentication_backend', 'storage', 'notifier']) {
    if (!config.entryAt([section]))
      missing.push({ path: section, anchor: undefined, secret: false });
  }

  if (config.entryAt(['storage'])) need(['storage'], 'encryption_key', { secret: true });
  if (config.mapAt(['storage', 'local'])) need(['storage', 'local'], 'path');
  for (const engine of ['mysql', 'postgres']) {
    if (!config.mapAt(['storage', engine])) continue;
    need(['storage', engine], from438 ? 'address' : 'host', { also: ['address', 'host'] });
    need(['storage', engine], 'database');
    need(['storage', engine], 'username');
  }

  if (config.mapAt(['notifier', 'filesystem'])) need(['notifier', 'filesystem'], 'filename');
  if (config.mapAt(['notifier', 'smtp'])) {
    need(['notifier', 'smtp'], from438 ? 'address' : 'host', { also: ['address', 'host', 'port'] });
    need(['notifier', 'smtp'], 'sender');
  }

  if (config.mapAt(['authentication_backend', 'file']))
    need(['authentication_backend', 'file'], 'path');
  const ldap = config.mapAt(['authentication_backend', 'ldap']);
  if (ldap) {
    const path = ['authentication_backend', 'ldap'];
    need(path, from438 ? 'address' : 'url', { also: ['address', 'url'] });
    if (!config.isTrue([...path, 'permit_unauthenticated_bind'])) {
      need(path, 'user');
      need(path, 'password', { secret: true });
    }
    if (compareVersions(version, '4.39') < 0) need(path, 'base_dn', { because: 'before 4.39' });
  }

  const session = config.mapAt(['session']);
  if (session) {
    if (config.mapAt(['session', 'redis'])) {
      need(['session'], 'secret', { secret: true, because: 'sessions are stored in Redis' });
      const sentinel = config.mapAt(['session', 'redis', 'high_availability']);
      if (sentinel) {
        need(['session', 'redis', 'high_availability'], 'sentinel_name');
        const nodes = config.valueAt(['session', 'redis', 'high_availability', 'nodes']);
        const hasNodes = isSeq(nodes) && nodes.items.length > 0;
        if (!hasNodes)
          need(['session', 'redis'], 'host', { because: 'Redis Sentinel has no nodes' });
      } else {
        need(['session', 'redis'], 'host');
      }
    }
    if (from438) need(['session'], 'cookies', { also: ['domain'] });
    else need(['session'], 'domain');

    const cookies = config.valueAt(['session', 'cookies']);
    if (from438 && isSeq(cookies)) {
      cookies.items.forEach((cookie, index) => {
        if (!isMap(cookie)) return;
        for (const key of ['domain', 'authelia_url']) {
          if (!hasValue(config, cookie, key)) {
            const first = cookie.items[0]?.key as { range?: number[]; value?: unknown } | undefined;
            missing.push({
              path: `session.cookies[${index}].${key}`,
              anchor: first?.range
                ? {
                    pair: cookie.items[0] as KeyedPair['pair'],
                    key: String(first.value),
                    keyStart: first.range[0],
                    keyEnd: first.range[1],
                  }
                : config.entryAt(['session', 'cookies']),
              secret: false,
            });
          }
        }
      });
    }
  }

  const resetDisabled =
    config.isTrue(['authentication_backend', 'password_reset', 'disable']) ||
    config.isTrue(['authentication_backend', 'disable_reset_password']);
  if (!resetDisabled && config.entryAt(['authentication_backend'])) {
    if (from438 && !hasValue(config, config.root, 'jwt_secret')) {
      need(['identity_validation', 'reset_password'], 'jwt_secret', {
        secret: true,
        because: 'password reset is on',
        fallback:
          config.entryAt(['authentication_backend', 'password_reset']) ??
          config.entryAt(['authentication_backend']),
      });
    } else if (!from438) {
      need([], 'jwt_secret', { secret: true, because: 'password reset is on' });
    }
  }

  const duo = config.mapAt(['duo_api']);
  if (duo && !config.isTrue(['duo_api', 'disable'])) {
    const keys = ['hostname', 'integration_key', 'secret_key'];
    if (keys.some((key) => hasValue(config, duo, key))) {
      need(['duo_api'], 'hostname');
      need(['duo_api'], 'integration_key', { secret: true });
      need(['duo_api'], 'secret_key', { secret: true });
    }
  }

  if (config.mapAt(['identity_providers', 'oidc'])) {
    const oidc = ['identity_providers', 'oidc'];
    need(oidc, 'jwks', { also: ['issuer_private_key'], because: 'tokens must be signed' });
    need(oidc, 'clients');

    const clients = config.valueAt([...oidc, 'clients']);
    if (isSeq(clients)) {
      clients.items.forEach((client, index) => {
        if (!isMap(client) || config.isTrueIn(client, 'public')) return;
        if (hasValue(config, client, 'client_secret') || hasValue(config, client, 'secret')) return;
        const id = config.entry(client, 'client_id') ?? config.entry(client, 'id');
        missing.push({
          path: `identity_providers.oidc.clients[${index}].client_secret`,
          anchor: id ?? config.entryAt([...oidc, 'clients']),
          secret: false,
          because: 'the client is not public',
        });
      });
    }
  }

  if (config.isTrue(['privacy_policy', 'enabled'])) need(['privacy_policy'], 'policy_url');
  return missing;
}

/** The entry at the path, or at the closest of its parents that is there. */
function nearestEntry(config: ConfigDocument, path: string[]): KeyedPair | undefined {
  for (let length = path.length; length > 0; length--) {
    const entry = config.entryAt(path.slice(0, length));
    if (entry) return entry;
  }
  return undefined;
}

/** True when a mapping has the key with something other than an empty value. */
function hasValue(config: ConfigDocument, map: unknown, key: string): boolean {
  const entry = config.entry(map, key);
  if (!entry) return false;
  const value = entry.pair.value;
  if (value === null || value === undefined) return false;
  if (isScalar(value)) return value.value !== null && value.value !== '';
  return true;
}
