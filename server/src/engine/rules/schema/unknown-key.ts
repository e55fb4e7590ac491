import { distance } from 'fastest-levenshtein';
import type { AutheliaVersion, Finding } from '../../finding';
import { knownIn } from '../../model';
import type { Visit } from '../../model-walk';
import type { Rule, RuleContext } from '../../rule';
import { parentWords } from './common';

/**
 * `schema/unknown-key`: a key that Authelia does not know at that place for the target
 * version. Authelia refuses to start on it. A fix renames it to the closest known key, when
 * one is close enough to be a typo. A named entry (`definitions.network.<name>`) whose name
 * Authelia cannot accept is reported too.
 */
export const unknownKey: Rule = {
  id: 'schema/unknown-key',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const { pairs, specs } = places;
    const [from, to] = context.scopedPlaces();
    for (let place = from; place < to; place++) {
      if (!pairs[place]) continue; // a list item, not a key
      const key = places.stepAt(place) as string;
      const parentSpec = places.parentSpec(place);
      if (parentSpec.kind === 'dict' && !NAME.test(key)) {
        const visit = places.visit(place);
        findings.push({
          ruleId: this.id,
          severity: 'error',
          message:
            `'${key}' is not a name Authelia accepts for a ${parentSpec.nameLabel}: ` +
            'use letters and digits, with / _ . : ~ - only between them.',
          start: visit.start,
          end: visit.end,
        });
        continue;
      }
      if (specs[place] || parentSpec.kind !== 'map') continue;

      const visit = places.visit(place);
      const suggestion = suggestKey(visit, key, context.version);
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `Unknown key '${key}' ${parentWords(visit)}: Authelia refuses to start.${hint}`,
        start: visit.start,
        end: visit.end,
        fixes: suggestion
          ? [
              {
                title: `Rename to '${suggestion}'`,
                preferred: true,
                edits: [{ start: visit.start, end: visit.end, newText: suggestion }],
              },
            ]
          : undefined,
      });
    }
    return findings;
  },
};

/**
 * The known key an unknown one is most likely a typo of, among those its mapping lacks. Kept
 * out of the loop over places: closures there would cost an allocation at every place.
 */
function suggestKey(visit: Visit, key: string, version: AutheliaVersion): string | undefined {
  if (visit.parentSpec.kind !== 'map') return undefined;
  const known = Object.entries(visit.parentSpec.keys)
    .filter(([, spec]) => knownIn(spec, version) && !spec.removed && !spec.deprecated)
    .map(([name]) => name);
  const present = new Set(
    visit.parent?.items.map((pair) => String((pair.key as { value?: unknown })?.value)),
  );
  return closest(
    key,
    known.filter((name) => !present.has(name)),
  );
}

/** The names Authelia accepts for named entries such as `definitions.network.<name>`. */
const NAME = /^[a-zA-Z0-9]([a-zA-Z0-9/_.:~-]*[a-zA-Z0-9])?$/;

/** The known name closest to a typo, if it is close enough to be one. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const gap = distance(lower, candidate.toLowerCase());
    if (gap < bestDistance) {
      best = candidate;
      bestDistance = gap;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}
