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

    // For each key name, the mapping it was last seen in and its first key there: two tables
    // for the whole document, as a table per mapping would cost thousands of allocations.
    const mappingOf = new Map<string, YAMLMap>();
    const firstKeys = new Map<string, Scalar>();
    forEachMap(scope ?? config.document.contents, (map) => {
      const items = map.items;
      if (items.length < 2) return;
      for (let index = 0; index < items.length; index++) {
        const key = items[index].key;
        if (!isScalar(key) || startOf(key) === undefined) continue;
        const name = String(key.value);
        if (name === '<<') continue;

        if (mappingOf.get(name) !== map) {
          mappingOf.set(name, map);
          firstKeys.set(name, key);
          continue;
        }
        const first = firstKeys.get(name)!;
        findings.push({
          ruleId: this.id,
          severity: 'error',
          message: `Duplicate key '${name}': Authelia refuses a mapping that names a key twice.`,
          start: key.range![0],
          end: key.range![1],
          related: [
            {
              start: first.range![0],
              end: first.range![1],
              message: `'${name}' is first set here`,
            },
          ],
          fixes: [{ title: 'Remove this duplicate', edits: [removeEntry(config, map, index)] }],
        });
      }
    });

    return findings;
  },
};

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
