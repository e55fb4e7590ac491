import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { HTTP_METHODS } from '../../model/sections/access-control';
import { scopedAccessRules } from './common';

/** HTTP verbs Authelia matches, from the key model. */
const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/**
 * `acl/methods`: a rule's `methods` with a verb Authelia does not know or a verb listed twice.
 * Authelia refuses the rule.
 */
export const aclMethods: Rule = {
  id: 'acl/methods',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const rule of scopedAccessRules(context)) {
      const seen = new Set<string>();
      for (const method of rule.strings('methods')) {
        const verb = method.text;
        const problem = !METHODS.has(verb)
          ? `'${method.text}' is not an HTTP method Authelia knows.`
          : seen.has(verb)
            ? `'${method.text}' is listed twice.`
            : undefined;
        seen.add(verb);
        if (problem)
          findings.push({
            ruleId: this.id,
            severity: 'error',
            message: problem,
            start: method.start,
            end: method.end,
          });
      }
    }
    return findings;
  },
};
