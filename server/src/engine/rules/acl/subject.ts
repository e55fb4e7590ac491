import { isMap, isScalar, isSeq } from 'yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { accessRules } from './common';

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
    for (const rule of accessRules(context)) {
      for (const subject of rule.strings('subject')) {
        if (subject.text.includes('{{')) continue;
        if (USER_OR_GROUP.test(subject.text)) continue;
        const client = CLIENT.exec(subject.text)?.[1];
        let problem: string | undefined;
        if (client === undefined)
          problem = `'${subject.text}' is not a subject: write user:<name>, group:<name> or oauth2:client:<id>.`;
        else if (!clients.has(client))
          problem = `'${subject.text}' names a client that identity_providers.oidc.clients does not define.`;
        if (problem) {
          findings.push({
            ruleId: this.id,
            severity: 'error',
            message: problem,
            start: subject.start,
            end: subject.end,
          });
        }
      }
    }
    return findings;
  },
};
