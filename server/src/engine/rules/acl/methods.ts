import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { HTTP_METHODS } from '../../model/sections/access-control';
import { scopedAccessRules, type ScalarText } from './common';

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
    const rules = scopedAccessRules(context);
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index];
      if (rule.value('methods') === undefined) continue;
      const methods = rule.strings('methods');
      for (let index = 0; index < methods.length; index++) {
        const method = methods[index];
        const problem = !METHODS.has(method.text)
          ? `'${method.text}' is not an HTTP method Authelia knows.`
          : listedBefore(methods, index)
            ? `'${method.text}' is listed twice.`
            : undefined;
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

/** True when the string at `index` appears earlier in the list. Lists of methods are short. */
function listedBefore(strings: readonly ScalarText[], index: number): boolean {
  for (let earlier = 0; earlier < index; earlier++)
    if (strings[earlier].text === strings[index].text) return true;
  return false;
}
