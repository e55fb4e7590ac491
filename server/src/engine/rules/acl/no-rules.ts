import { isSeq } from 'yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';

/**
 * `acl/no-rules`: access control with no rules. Authelia refuses to start unless the default
 * policy then asks for a login (`one_factor` or `two_factor`), and warns even then. A config
 * without an `access_control` section at all is refused for the same reason.
 */
export const noRules: Rule = {
  id: 'acl/no-rules',

  check({ config, fragment }: RuleContext): Finding[] {
    const section = config.entryAt(['access_control']);
    if (!section && fragment) return [];
    const rules = config.valueAt(['access_control', 'rules']);
    if (isSeq(rules) && rules.items.length > 0) return [];

    const policy = config.scalarAt(['access_control', 'default_policy']);
    if (typeof policy === 'string' && policy.includes('{{')) return [];
    const where = section
      ? { start: section.keyStart, end: section.keyEnd }
      : config.firstLineRange();
    const logsIn = policy === 'one_factor' || policy === 'two_factor';
    return [
      {
        ruleId: this.id,
        severity: logsIn ? 'warning' : 'error',
        message: logsIn
          ? `access_control has no rules: every request gets the default policy ${policy}.`
          : section
            ? 'access_control has no rules and its default_policy is not one_factor or two_factor: Authelia refuses to start.'
            : 'access_control is missing: Authelia needs rules, or a default_policy of one_factor or two_factor.',
        ...where,
      },
    ];
  },
};
