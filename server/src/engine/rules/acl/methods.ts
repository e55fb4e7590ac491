import type { Scalar } from 'yaml';
import { startOf, valueEndOf } from '../../block-yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { HTTP_METHODS } from '../../model/sections/access-control';
import { forEachString, scopedAccessRules } from './common';

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
    // The verbs of the rule being read: lists of methods are short, and one visitor for every
    // rule makes no object per verb, where 5,000 rules have 10,000 verbs.
    const earlier: string[] = [];
    const visit = (scalar: Scalar, text: string) => {
      const problem = !METHODS.has(text)
        ? `'${text}' is not an HTTP method Authelia knows.`
        : earlier.includes(text)
          ? `'${text}' is listed twice.`
          : undefined;
      earlier.push(text);
      if (problem)
        findings.push({
          ruleId: this.id,
          severity: 'error',
          message: problem,
          start: startOf(scalar)!,
          end: valueEndOf(scalar)!,
        });
    };

    const rules = scopedAccessRules(context);
    for (let index = 0; index < rules.length; index++) {
      earlier.length = 0;
      forEachString(rules[index].value('methods'), visit);
    }
    return findings;
  },
};
