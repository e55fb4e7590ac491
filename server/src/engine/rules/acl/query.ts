import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { hasRange } from '../../block-yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { scopedAccessRules } from './common';

const NEEDS_VALUE = new Set(['equal', 'not equal', 'pattern', 'not pattern']);

/**
 * `acl/query`: a query condition Authelia refuses: one without a `key`, a value where the
 * operator takes none (`present`, `absent`), no value where it needs one, or a pattern that
 * is not a valid regular expression. Unknown operators are `schema/enum`.
 */
export const aclQuery: Rule = {
  id: 'acl/query',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    // A whole condition is underlined on its first line only, like an access-control rule.
    const report = (node: { range?: number[] | null }, message: string) => {
      if (!hasRange(node)) return;
      const start = node.range[0];
      const end = isMap(node) ? context.config.lineEnd(start) : node.range[1];
      findings.push({ ruleId: this.id, severity: 'error', message, start, end });
    };

    const rules = scopedAccessRules(context);
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index];
      const query = rule.value('query');
      if (!isSeq(query)) continue;
      for (const group of query.items) {
        const conditions = isSeq(group) ? group.items : [group];
        for (const condition of conditions) {
          if (isMap(condition)) checkCondition(context, condition, report);
        }
      }
    }
    return findings;
  },
};

function checkCondition(
  context: RuleContext,
  condition: YAMLMap,
  report: (node: { range?: number[] | null }, message: string) => void,
): void {
  const read = (key: string) => context.config.entry(condition, key)?.pair.value;
  const key = read('key');
  const value = read('value');
  const operatorNode = read('operator');
  const written = isScalar(operatorNode) ? String(operatorNode.value ?? '') : '';
  if (written.includes('{{') || (isScalar(value) && String(value.value).includes('{{'))) return;

  const hasValue =
    value !== undefined && value !== null && !(isScalar(value) && value.value === null);
  const operator = written === '' ? (hasValue ? 'equal' : 'present') : written.toLowerCase();

  if (!isScalar(key) || key.value === null || String(key.value) === '') {
    report(condition, 'A query condition needs a key: the name of the query parameter.');
  }
  if (hasValue && (operator === 'present' || operator === 'absent')) {
    report(value as { range?: number[] }, `The ${operator} operator takes no value; remove it.`);
  }
  if (NEEDS_VALUE.has(operator) && !hasValue) {
    report(condition, `The ${operator} operator needs a value to compare with.`);
  }
  if (operator.endsWith('pattern') && isScalar(value) && typeof value.value === 'string') {
    if (!validPattern(value.value)) {
      report(value, 'The pattern is not a valid regular expression.');
    }
  }
}

/** Checks a Go (RE2) pattern with the JavaScript engine, after RE2's named-group syntax. */
function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern.replace(/\(\?P</g, '(?<'));
    return true;
  } catch {
    return false;
  }
}
