import { isScalar } from 'yaml';
import { hasRange } from '../../block-yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';

/** Values with a minimum length, and why. */
const MINIMUM_LENGTHS: { path: string[]; length: number; why: string }[] = [
  { path: ['storage', 'encryption_key'], length: 20, why: 'it encrypts secrets in the database' },
];

/**
 * `config/min-length`: a value that is too short, such as `storage.encryption_key` under 20
 * characters. Authelia refuses to start. The message gives the length, never the value.
 */
export const configMinLength: Rule = {
  id: 'config/min-length',

  check({ config }: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const { path, length, why } of MINIMUM_LENGTHS) {
      const value = config.valueAt(path);
      if (!isScalar(value) || value.value === null || !hasRange(value)) continue;
      const text = String(value.value);
      if (text === '' || text.includes('{{') || text.length >= length) continue;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `${path.join('.')} must be at least ${length} characters (${why}); it has ${text.length}.`,
        start: value.range[0],
        end: value.range[1],
      });
    }
    return findings;
  },
};
