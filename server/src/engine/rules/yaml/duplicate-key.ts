import { isScalar, visit } from 'yaml';
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

  check({ config }: RuleContext): Finding[] {
    const findings: Finding[] = [];

    visit(config.document, {
      Map: (_, map) => {
        const seen = new Map<string, [number, number]>();
        for (const [index, pair] of map.items.entries()) {
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const name = String(pair.key.value);
          if (name === '<<') continue;

          const [start, end] = pair.key.range;
          const first = seen.get(name);
          if (!first) {
            seen.set(name, [start, end]);
            continue;
          }
          findings.push({
            ruleId: this.id,
            severity: 'error',
            message: `Duplicate key '${name}': Authelia refuses a mapping that names a key twice.`,
            start,
            end,
            related: [{ start: first[0], end: first[1], message: `'${name}' is first set here` }],
            fixes: [{ title: 'Remove this duplicate', edits: [removeEntry(config, map, index)] }],
          });
        }
      },
    });

    return findings;
  },
};

