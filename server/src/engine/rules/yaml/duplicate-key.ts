import { isMap, isPair, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { startOf } from '../../block-yaml';
import { removeEntry } from '../../yaml-edits';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';

/**
 * `yaml/duplicate-key`: a key written twice in one mapping. Authelia's YAML reader refuses the
 * file, and even readers that accept it keep only one of the values, which is rarely the one
 * the author meant. Reported on the second occurrence, with the first as related place.
 */
export const yamlDuplicateKey: Rule = {
  id: 'yaml/duplicate-key',

  local: true,

  check({ config, scope }: RuleContext): Finding[] {
    const findings: Finding[] = [];

    // Most mappings hold a handful of keys, which are compared pair by pair. Larger ones use
    // two tables shared by the whole document (the mapping a name was last seen in, and its
    // first key there), as a table per mapping would cost thousands of allocations.
    const mappingOf = new Map<string, YAMLMap>();
    const firstKeys = new Map<string, Scalar>();
    const report = (map: YAMLMap, index: number, key: Scalar, first: Scalar, name: string) => {
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `Duplicate key '${name}': Authelia refuses a mapping that names a key twice.`,
        start: key.range![0],
        end: key.range![1],
        related: [
          { start: first.range![0], end: first.range![1], message: `'${name}' is first set here` },
        ],
        fixes: [{ title: 'Remove this duplicate', edits: [removeEntry(config, map, index)] }],
      });
    };

    const checkMap = (map: YAMLMap) => {
      const items = map.items;
      if (items.length < 2) return;
      if (items.length <= SMALL_MAPPING) {
        for (let index = 1; index < items.length; index++) {
          const name = keyName(items[index].key);
          if (name === undefined) continue;
          for (let before = 0; before < index; before++) {
            if (keyName(items[before].key) !== name) continue;
            report(map, index, items[index].key as Scalar, items[before].key as Scalar, name);
            break;
          }
        }
        return;
      }
      for (let index = 0; index < items.length; index++) {
        const key = items[index].key;
        const name = keyName(key);
        if (name === undefined) continue;

        if (mappingOf.get(name) !== map) {
          mappingOf.set(name, map);
          firstKeys.set(name, key as Scalar);
          continue;
        }
        report(map, index, key as Scalar, firstKeys.get(name)!, name);
      }
    };

    // A full check of a fresh parse needs only the mappings the parser saw repeat a key.
    const candidates = scope === undefined ? config.mapsWithRepeatedKeys : undefined;
    if (candidates) for (const map of candidates) checkMap(map);
    else forEachMap(scope ?? config.document.contents, checkMap);

    return findings;
  },
};

/** Mappings with at most this many keys are checked without tables. */
const SMALL_MAPPING = 8;

/** The name of a key that can be a duplicate: a scalar with offsets, but not a merge (`<<`). */
function keyName(key: unknown): string | undefined {
  if (!isScalar(key) || startOf(key) === undefined) return undefined;
  const name = String(key.value);
  return name === '<<' ? undefined : name;
}

/** Calls `action` for every mapping under a node, depth first, without allocating paths. */
function forEachMap(node: unknown, action: (map: YAMLMap) => void): void {
  if (isMap(node)) {
    action(node);
    for (let index = 0; index < node.items.length; index++) {
      const pair = node.items[index];
      forEachMap(pair.key, action);
      forEachMap(pair.value, action);
    }
  } else if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index];
      forEachMap(isPair(item) ? item.value : item, action);
    }
  }
}
