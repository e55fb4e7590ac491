import { isMap, isSeq } from 'yaml';
import type { RuleContext } from '../../../rule';
import { stringEntry, templated, span, type ValueProblem } from './check';

const DIGEST = /^\$(argon2(id|i|d)?|pbkdf2(-sha\d+)?|2[aby]?|6|5|sha\d+|scrypt|bcrypt)\$/;

/**
 * OpenID Connect client checks Authelia makes at start: unique, short client ids; no secret on
 * a public client; an authorization policy that exists; https for `jwks_uri`; and a warning
 * for a client secret kept as plain text rather than a digest. Secret values are never shown.
 */
export function oidcChecks({ config }: RuleContext): ValueProblem[] {
  const clients = config.valueAt(['identity_providers', 'oidc', 'clients']);
  if (!isSeq(clients)) return [];

  const policies = config.mapAt(['identity_providers', 'oidc', 'authorization_policies']);
  const problems: ValueProblem[] = [];
  const ids = new Set<string>();

  for (const client of clients.items) {
    if (!isMap(client)) continue;

    const id = stringEntry(config, client, 'client_id') ?? stringEntry(config, client, 'id');
    if (id && !templated(id.text)) {
      if (id.text.length > 100) {
        problems.push({
          severity: 'error',
          message: 'A client_id may be at most 100 characters long.',
          ...span(id),
        });
      } else if (ids.has(id.text)) {
        problems.push({
          severity: 'error',
          message: `The client_id '${id.text}' is used by two clients.`,
          ...span(id),
        });
      }
      ids.add(id.text);
    }

    const secret =
      stringEntry(config, client, 'client_secret') ?? stringEntry(config, client, 'secret');
    if (secret && isPublic(config, client)) {
      problems.push({
        severity: 'error',
        message: 'A public client must not have a client_secret.',
        start: secret.entry.keyStart,
        end: secret.entry.keyEnd,
      });
    } else if (
      secret &&
      !templated(secret.text) &&
      !DIGEST.test(secret.text) &&
      !usesSecretJwt(config, client)
    ) {
      problems.push({
        severity: 'warning',
        message:
          'client_secret is stored as plain text; store a digest made with authelia crypto hash generate.',
        start: secret.entry.keyStart,
        end: secret.entry.keyEnd,
      });
    }

    const policy = stringEntry(config, client, 'authorization_policy');
    if (policy && !templated(policy.text) && !['one_factor', 'two_factor'].includes(policy.text)) {
      if (!policies || !config.entry(policies, policy.text)) {
        problems.push({
          severity: 'error',
          message: `authorization_policy '${policy.text}' is neither one_factor, two_factor nor a policy under authorization_policies.`,
          ...span(policy),
        });
      }
    }

    const jwksUri = stringEntry(config, client, 'jwks_uri');
    if (jwksUri && !templated(jwksUri.text) && !jwksUri.text.startsWith('https://')) {
      problems.push({
        severity: 'error',
        message: 'jwks_uri must be an https URL.',
        ...span(jwksUri),
      });
    }
  }
  return problems;
}

function isPublic(config: RuleContext['config'], client: unknown): boolean {
  const value = config.entry(client, 'public')?.pair.value as { value?: unknown } | undefined;
  return value?.value === true;
}

function usesSecretJwt(config: RuleContext['config'], client: unknown): boolean {
  const method = stringEntry(config, client, 'token_endpoint_auth_method');
  return method?.text === 'client_secret_jwt';
}
