import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { hasRange, keyEndOf, keyNameOf, keyStartOf } from '../../block-yaml';
import type { ConfigDocument, KeyedPair } from '../../config-document';
import type { RuleContext } from '../../rule';

/** The keys of an access-control rule that the acl rules read. */
const RULE_KEYS = [
  'domain',
  'domain_regex',
  'policy',
  'subject',
  'networks',
  'methods',
  'query',
] as const;

export type RuleKey = (typeof RULE_KEYS)[number];

/** The place of each key in RULE_KEYS. */
const PLACES: ReadonlyMap<string, number> = new Map(RULE_KEYS.map((key, place) => [key, place]));

/**
 * One access-control rule, with its index and the offsets of its list item. Its entries for
 * the keys the acl rules read are found in one pass over its mapping, so that the rules then
 * look them up without comparing key names again.
 */
export class AccessRule {
  /** The first entry of each key in RULE_KEYS, at the key's place in that list. */
  private readonly pairs = new Array<KeyedPair['pair'] | undefined>(RULE_KEYS.length);

  constructor(
    private readonly config: ConfigDocument,
    readonly index: number,
    readonly map: YAMLMap,
  ) {
    for (let index = 0; index < map.items.length; index++) {
      const pair = map.items[index];
      const name = keyNameOf(pair);
      const place = name === undefined ? undefined : PLACES.get(name);
      if (place !== undefined) this.pairs[place] ??= pair as KeyedPair['pair'];
    }
  }

  get start(): number {
    return this.map.range![0];
  }

  /** Underlines the first line of a rule only, so the squiggle stays readable. */
  get end(): number {
    return this.config.lineEnd(this.start);
  }

  /** The entry for a key of the rule: the first one, when the key is written twice. */
  entry(key: RuleKey): KeyedPair | undefined {
    const pair = this.pairs[RULE_KEYS.indexOf(key)];
    if (!pair) return undefined;
    return { pair, key, keyStart: keyStartOf(pair)!, keyEnd: keyEndOf(pair)! };
  }

  /** The value node of a key of the rule, without building its entry. */
  value(key: RuleKey): unknown {
    return this.pairs[RULE_KEYS.indexOf(key)]?.value;
  }

  /** True when a key holds at least one string that is not empty. */
  hasText(key: RuleKey): boolean {
    return holdsText(this.value(key));
  }
}

/** The rules under `access_control.rules` that are mappings, found once per lint. */
export function accessRules(context: RuleContext): AccessRule[] {
  return context.memo('acl/rules', () => findAccessRules(context.config));
}

/**
 * The access-control rules a local rule checks: all, or the one in the context's scope. After a
 * keystroke in one rule, only that rule is indexed, not the thousands around it.
 */
export function scopedAccessRules(context: RuleContext): AccessRule[] {
  const scope = context.scope;
  if (scope === undefined) return accessRules(context);
  return context.memo('acl/scoped rules', () => {
    const rules = context.config.valueAt(['access_control', 'rules']);
    const index = isSeq(rules) ? rules.items.indexOf(scope) : -1;
    return index >= 0 && isMap(scope) && hasRange(scope)
      ? [new AccessRule(context.config, index, scope)]
      : [];
  });
}

/**
 * Calls `visit` with every string scalar that `key` holds in any access rule (its first entry
 * for the key, as `AccessRule` reads it), for the rules that look at every access rule on each
 * keystroke because what they check depends on other sections. A full check has indexed the
 * rules already and reads the key from that index. After a keystroke only the edited rule is
 * indexed, and the others are searched for the key without indexing them.
 */
export function forEachRuleString(
  context: RuleContext,
  key: RuleKey,
  visit: (scalar: Scalar, text: string) => void,
): void {
  if (!context.partial) {
    const indexed = accessRules(context);
    for (let index = 0; index < indexed.length; index++)
      forEachString(indexed[index].value(key), visit);
    return;
  }
  const rules = context.config.valueAt(['access_control', 'rules']);
  if (!isSeq(rules)) return;
  // Index loops: an unoptimised for-of allocates a result object per step, and this runs on
  // every keystroke over every rule.
  for (let index = 0; index < rules.items.length; index++) {
    const item = rules.items[index];
    if (!isMap(item) || !hasRange(item)) continue;
    for (let entry = 0; entry < item.items.length; entry++) {
      const pair = item.items[entry];
      if (keyNameOf(pair) === key) {
        forEachString(pair.value, visit);
        break;
      }
    }
  }
}

/** Calls `visit` with each string scalar of a value that is one string or a list of them. */
export function forEachString(value: unknown, visit: (scalar: Scalar, text: string) => void): void {
  if (isSeq(value)) {
    for (let index = 0; index < value.items.length; index++)
      forEachString(value.items[index], visit);
  } else if (isScalar(value) && value.value !== null && hasRange(value)) {
    visit(value, String(value.value));
  }
}

function findAccessRules(config: ConfigDocument): AccessRule[] {
  const rules = config.valueAt(['access_control', 'rules']);
  if (!isSeq(rules)) return [];
  const found: AccessRule[] = [];
  rules.items.forEach((item, index) => {
    if (isMap(item) && hasRange(item)) found.push(new AccessRule(config, index, item));
  });
  return found;
}

/** True when a value holds a string that is not empty, alone or in a list; like `forEachString`. */
export function holdsText(value: unknown): boolean {
  if (isSeq(value)) return value.items.some(holdsText);
  return isScalar(value) && value.value !== null && hasRange(value) && String(value.value) !== '';
}

/** The policy a rule names, as written. */
export function policyOf(rule: AccessRule): string | undefined {
  const value = rule.value('policy');
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}
