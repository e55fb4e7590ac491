import { isMap, isScalar, isSeq } from 'yaml';
import type { ConfigDocument, KeyedPair } from '../../config-document';
import type { Finding, Fix } from '../../finding';
import { migrationFix } from '../../migrations';
import type { Rule, RuleContext } from '../../rule';

/** Two settings Authelia refuses to see together. */
interface Conflict {
  /** Where to report, when present. */
  at: string[];
  /** The other setting that must not be there. */
  with: string[];
  /** Only when this also holds. */
  when?: (config: ConfigDocument) => boolean;
  why: string;
}

const CONFLICTS: Conflict[] = [
  {
    at: ['default_redirection_url'],
    with: ['session', 'cookies'],
    why: 'set default_redirection_url on each session.cookies entry instead',
  },
  {
    at: ['session', 'domain'],
    with: ['session', 'cookies'],
    why: 'the old single domain and the cookies list cannot be used together; move it into cookies',
  },
  {
    at: ['storage', 'postgres', 'ssl'],
    with: ['storage', 'postgres', 'tls'],
    why: 'use tls only; ssl is its deprecated predecessor',
  },
  {
    at: ['authentication_backend', 'ldap', 'password'],
    with: ['authentication_backend', 'ldap', 'permit_unauthenticated_bind'],
    when: (config) =>
      config.isTrue(['authentication_backend', 'ldap', 'permit_unauthenticated_bind']) &&
      !['', null, undefined].includes(
        config.scalarAt(['authentication_backend', 'ldap', 'password']) as string,
      ),
    why: 'an unauthenticated bind sends no password; remove one of the two',
  },
  {
    at: ['password_policy', 'zxcvbn', 'enabled'],
    with: ['password_policy', 'standard', 'enabled'],
    when: (config) =>
      config.isTrue(['password_policy', 'zxcvbn', 'enabled']) &&
      config.isTrue(['password_policy', 'standard', 'enabled']),
    why: 'only one password policy can be enabled',
  },
  {
    at: ['identity_providers', 'oidc', 'issuer_private_key'],
    with: ['identity_providers', 'oidc', 'jwks'],
    why: 'keep the keys in jwks only',
  },
];

/**
 * `config/conflict`: settings that Authelia refuses to see together, such as a root
 * `default_redirection_url` beside `session.cookies`, or `session.domain` beside
 * `session.cookies`. Also: the same network name under both `access_control.networks` and
 * `definitions.network`, and an OIDC client with both `jwks` and `jwks_uri`.
 */
export const configConflict: Rule = {
  id: 'config/conflict',

  check(context: RuleContext): Finding[] {
    const { config } = context;
    const findings: Finding[] = [];

    for (const conflict of CONFLICTS) {
      const entry = config.entryAt(conflict.at);
      if (!entry || !config.entryAt(conflict.with) || (conflict.when && !conflict.when(config)))
        continue;
      findings.push(
        conflictFinding(
          this.id,
          entry,
          `${conflict.at.join('.')} and ${conflict.with.join('.')}`,
          conflict.why,
          movingFix(context, conflict.at),
        ),
      );
    }

    findings.push(...networkNameClashes(this.id, config));
    findings.push(...clientKeyClashes(this.id, config));
    return findings;
  },
};

function conflictFinding(
  ruleId: string,
  entry: KeyedPair,
  what: string,
  why: string,
  fix?: Fix,
): Finding {
  return {
    ruleId,
    severity: 'error',
    message: `${what} cannot be set together: Authelia refuses to start. ${capitalize(why)}.`,
    start: entry.keyStart,
    end: entry.keyEnd,
    fixes: fix ? [fix] : undefined,
  };
}

/** The migration fix for a deprecated key that conflicts with its replacement. */
function movingFix(context: RuleContext, path: string[]): Fix | undefined {
  const visit = context.places().find((candidate) => candidate.path.join('.') === path.join('.'));
  return visit ? migrationFix(context.config, visit) : undefined;
}

function networkNameClashes(ruleId: string, config: ConfigDocument): Finding[] {
  const legacy = config.valueAt(['access_control', 'networks']);
  const definitions = config.mapAt(['definitions', 'network']);
  if (!isSeq(legacy) || !definitions) return [];

  const findings: Finding[] = [];
  for (const item of legacy.items) {
    const name = isMap(item) ? config.entry(item, 'name') : undefined;
    const value = name && isScalar(name.pair.value) ? String(name.pair.value.value) : undefined;
    if (name && value && config.entry(definitions, value)) {
      findings.push(
        conflictFinding(
          ruleId,
          name,
          `The network '${value}' is defined in access_control.networks and definitions.network, which`,
          'define each network once',
        ),
      );
    }
  }
  return findings;
}

function clientKeyClashes(ruleId: string, config: ConfigDocument): Finding[] {
  const clients = config.valueAt(['identity_providers', 'oidc', 'clients']);
  if (!isSeq(clients)) return [];
  return clients.items.flatMap((client) => {
    const jwksUri = isMap(client) ? config.entry(client, 'jwks_uri') : undefined;
    if (!jwksUri || !config.entry(client, 'jwks')) return [];
    return [
      conflictFinding(
        ruleId,
        jwksUri,
        'A client’s jwks_uri and jwks',
        'give the client’s keys one way only',
      ),
    ];
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
