import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { ConfigDocument } from '../../config-document';
import type { RuleContext } from '../../rule';

/** One access-control rule, with its index and the offsets of its list item. */
export interface AccessRule {
  index: number;
  map: YAMLMap;
  start: number;
  end: number;
}

/** The rules under `access_control.rules` that are mappings, found once per lint. */
export function accessRules(context: RuleContext): AccessRule[] {
  return context.memo('acl/rules', () => findAccessRules(context.config));
}

function findAccessRules(config: ConfigDocument): AccessRule[] {
  const rules = config.valueAt(['access_control', 'rules']);
  if (!isSeq(rules)) return [];
  return rules.items.flatMap((item, index) => {
    if (!isMap(item) || !item.range) return [];
    return [{ index, map: item, start: item.range[0], end: firstLineEnd(config, item.range[0]) }];
  });
}

/** Underlines the first line of a rule only, so the squiggle stays readable. */
function firstLineEnd(config: ConfigDocument, start: number): number {
  return config.lineEnd(start);
}

/** The scalar strings of a value that may be one string or a list of them, with offsets. */
export function stringsOf(value: unknown): { text: string; start: number; end: number }[] {
  const nodes = isSeq(value) ? value.items : [value];
  return nodes.flatMap((node) => {
    if (isSeq(node)) return stringsOf(node);
    if (!isScalar(node) || node.value === null || !node.range) return [];
    return [{ text: String(node.value), start: node.range[0], end: node.range[1] }];
  });
}

/** The policy a rule names, as written. */
export function policyOf(config: ConfigDocument, rule: AccessRule): string | undefined {
  const value = config.entry(rule.map, 'policy')?.pair.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}
