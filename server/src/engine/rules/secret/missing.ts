import type { Finding } from '../../finding';
import { secretFileVariable } from '../../model';
import type { Rule, RuleContext } from '../../rule';
import { missingOptionsOf } from '../config/required-options';

/**
 * `secret/missing`: a secret Authelia needs that the file does not hold, such as
 * `storage.encryption_key`. Deployments often supply secrets through `AUTHELIA_…_FILE`
 * variables, so this is information that names the variable, not an error.
 */
export const secretMissing: Rule = {
  id: 'secret/missing',

  check(context: RuleContext): Finding[] {
    const { config } = context;
    return missingOptionsOf(context)
      .filter((option) => option.secret)
      .map((option) => {
        const variable = secretFileVariable(option.path.split('.'));
        const where = option.anchor
          ? { start: option.anchor.keyStart, end: option.anchor.keyEnd }
          : config.firstLineRange();
        const because = option.because ? ` (${option.because})` : '';
        const supply = variable ? `; supply it with ${variable}, or add it here` : '';
        return {
          ruleId: this.id,
          severity: 'information' as const,
          message: `${option.path} is required${because} and not in this file${supply}.`,
          ...where,
        };
      });
  },
};
