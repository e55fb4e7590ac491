import { isMap, isScalar, isSeq } from 'yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { forEachRuleString } from './common';

const USER_OR_GROUP = /^(user|group):.+$/;
const CLIENT = /^oauth2:client:(.+)$/;

/**
 * `acl/subject`: a subject that is not `user:<name>`, `group:<name>` or
 * `oauth2:client:<id>`, or that names an OpenID Connect client the config does not define.
 * Authelia refuses the rule.
 */
export const aclSubject: Rule = {
  id: 'acl/subject',

  check(context: RuleContext): Finding[] {
    const { config } = context;
    const clients = new Set<string>();
    const clientList = config.valueAt(['identity_providers', 'oidc', 'clients']);
    if (isSeq(clientList)) {
      for (const client of clientList.items) {
        const id = isMap(client)
          ? (config.entry(client, 'client_id') ?? config.entry(client, 'id'))?.pair.value
          : undefined;
        if (isScalar(id)) clients.add(String(id.value));
      }
    }

    const findings: Finding[] = [];
    forEachRuleString(context, 'subject', (scalar, subject) => {
      if (subject.includes('{{') || USER_OR_GROUP.test(subject)) return;
      const client = CLIENT.exec(subject)?.[1];
      const problem =
        client === undefined
          ? `'${subject}' is not a subject: write user:<name>, group:<name> or oauth2:client:<id>.`
          : !clients.has(client)
            ? `'${subject}' names a client that identity_providers.oidc.clients does not define.`
            : undefined;
      if (problem) {
        const [start, end] = scalar.range!;
        findings.push({ ruleId: this.id, severity: 'error', message: problem, start, end });
      }
    });
    return findings;
  },
};
