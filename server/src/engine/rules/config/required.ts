import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { missingOptionsOf } from './required-options';

/**
 * `config/required`: an option Authelia needs that the config lacks, such as a database's
 * `address`, the SMTP `sender` or the users file `path`. Authelia refuses to start without
 * it. Missing secrets are `secret/missing` instead, since they often come from the environment.
 */
export const configRequired: Rule = {
  id: 'config/required',

  check(context: RuleContext): Finding[] {
    const { config, fragment } = context;
    return missingOptionsOf(context)
      .filter((option) => !option.secret && !(fragment && !option.path.includes('.')))
      .map((option) => {
        const where = option.anchor
          ? { start: option.anchor.keyStart, end: option.anchor.keyEnd }
          : config.firstLineRange();
        const because = option.because ? ` (${option.because})` : '';
        return {
          ruleId: this.id,
          severity: 'error' as const,
          message: `${option.path} is required${because}: Authelia refuses to start without it.`,
          ...where,
        };
      });
  },
};
