import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { ConfigDocument, KeyedPair } from '../../config-document';
import type { RuleContext } from '../../rule';

/** A string in the config, with the offsets of its scalar. */
export type ScalarText = { text: string; start: number; end: number };

/**
 * One access-control rule, with its index and the offsets of its list item. The names of its
 * keys are read once, whichever rules ask for them.
 */
export class AccessRule {
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

  /** The entry for a key of the rule: the first one, when the key is written twice. */
  entry(key: string): KeyedPair | undefined {
    const pair = this.pair(key);
    if (!pair) return undefined;
    const [keyStart, keyEnd] = pair.key.range!;
    return { pair, key, keyStart, keyEnd };
  }

  /** The value node of a key of the rule, without building its entry. */
  value(key: string): unknown {
    return this.pair(key)?.value;
  }

  /** The strings a key holds, one or a list of them. */
  strings(key: string): ScalarText[] {
    return stringsOf(this.value(key));
  }

  /** True when a key holds at least one string that is not empty. */
  hasText(key: string): boolean {
    return this.strings(key).some((string) => string.text !== '');
  }

  /** The name of each entry's key, in order; undefined where the key is not a plain scalar. */
  private names: (string | undefined)[] | undefined;

  private pair(key: string): KeyedPair['pair'] | undefined {
    const items = this.map.items;
    this.names ??= items.map((pair) =>
      isScalar(pair.key) && pair.key.range ? String(pair.key.value) : undefined,
    );
    const index = this.names.indexOf(key);
    return index < 0 ? undefined : (items[index] as KeyedPair['pair']);
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
  const found: AccessRule[] = [];
  rules.items.forEach((item, index) => {
    if (isMap(item) && item.range) found.push(new AccessRule(config, index, item));
  });
  return found;
}

/** The scalar strings of a value that may be one string or a list of them, with offsets. */
export function stringsOf(value: unknown): ScalarText[] {
  const texts: ScalarText[] = [];
  addStrings(value, texts);
  return texts;
}

function addStrings(value: unknown, texts: ScalarText[]): void {
  if (isSeq(value)) {
    for (const item of value.items) addStrings(item, texts);
  } else if (isScalar(value) && value.value !== null && value.range) {
    texts.push({ text: String(value.value), start: value.range[0], end: value.range[1] });
  }
}

/** The policy a rule names, as written. */
export function policyOf(rule: AccessRule): string | undefined {
  const value = rule.value('policy');
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}
