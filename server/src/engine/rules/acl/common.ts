import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { ConfigDocument, KeyedPair } from '../../config-document';
import type { RuleContext } from '../../rule';

type ScalarText = { text: string; start: number; end: number };

/**
 * One access-control rule, with its index and the offsets of its list item. Its keys are
 * indexed once, and the strings of each key read once, whichever rules ask for them.
 */
export class AccessRule {
  private keys: Map<string, KeyedPair> | undefined;
  private readonly texts = new Map<string, ScalarText[]>();

  constructor(
    private readonly config: ConfigDocument,
    readonly index: number,
    readonly map: YAMLMap,
  ) {}

  get start(): number {
    return this.map.range![0];
  }

  /** Underlines the first line of a rule only, so the squiggle stays readable. */
  get end(): number {
    return this.config.lineEnd(this.start);
  }

  /** The entry for a key of the rule. */
  entry(key: string): KeyedPair | undefined {
    if (!this.keys) {
      this.keys = new Map();
      for (const pair of this.map.items) {
        const key = pair.key;
        if (!isScalar(key) || !key.range || this.keys.has(String(key.value))) continue;
        const name = String(key.value);
        const [keyStart, keyEnd] = key.range;
        this.keys.set(name, { pair: pair as KeyedPair['pair'], key: name, keyStart, keyEnd });
      }
    }
    return this.keys.get(key);
  }

  /** The strings a key holds, one or a list of them. */
  strings(key: string): ScalarText[] {
    let texts = this.texts.get(key);
    if (!texts) {
      texts = stringsOf(this.entry(key)?.pair.value);
      this.texts.set(key, texts);
    }
    return texts;
  }
}

/** The rules under `access_control.rules` that are mappings, found once per lint. */
export function accessRules(context: RuleContext): AccessRule[] {
  return context.memo('acl/rules', () => findAccessRules(context.config));
}

/** The access-control rules a local rule checks: all, or the one in the context's scope. */
export function scopedAccessRules(context: RuleContext): AccessRule[] {
  const rules = accessRules(context);
  return context.scope === undefined ? rules : rules.filter((rule) => rule.map === context.scope);
}

function findAccessRules(config: ConfigDocument): AccessRule[] {
  const rules = config.valueAt(['access_control', 'rules']);
  if (!isSeq(rules)) return [];
  return rules.items.flatMap((item, index) => {
    if (!isMap(item) || !item.range) return [];
    return [new AccessRule(config, index, item)];
  });
}

/** The scalar strings of a value that may be one string or a list of them, with offsets. */
export function stringsOf(value: unknown): ScalarText[] {
  const nodes = isSeq(value) ? value.items : [value];
  return nodes.flatMap((node) => {
    if (isSeq(node)) return stringsOf(node);
    if (!isScalar(node) || node.value === null || !node.range) return [];
    return [{ text: String(node.value), start: node.range[0], end: node.range[1] }];
  });
}

/** The policy a rule names, as written. */
export function policyOf(rule: AccessRule): string | undefined {
  const value = rule.entry('policy')?.pair.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}
