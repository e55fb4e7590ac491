import type { Node as YamlNode } from 'yaml';
import type { ConfigDocument } from './config-document';
import type { Finding } from './finding';
import { placeOf, type Visit } from './model-walk';
import type { RuleContext } from './rule';

/**
 * Checking again only what an edit touched. After an incremental re-parse replaced a node
 * inside a list item (an access-control rule, an OIDC client), the rules marked `local` run on
 * that item alone; their earlier findings elsewhere are kept, moved by the edit's length. The
 * other rules run on the whole document as always. The result equals a full check.
 */

/** What a lint keeps on its parse for the next one. */
export interface LastLint {
  /** Deployment, version and kind of file it was checked for. */
  target: string;
  findings: Finding[];
  /** Rule ids whose findings depend only on where they sit. */
  localRules: ReadonlySet<string>;
}

/** The list item to check again, and how the edit moved the text. */
export interface Recheck {
  scope: unknown;
  /** The item's extent after the edit. */
  start: number;
  end: number;
  /** Earlier findings of local rules outside the item, moved to the new text. */
  kept: Finding[];
}

/**
 * Plans a partial check, or returns undefined when the whole document must be checked: no
 * splice, a different target, or a splice that is not inside a list item.
 */
export function planRecheck(
  context: RuleContext,
  splice: ConfigDocument['splice'],
  target: string,
): Recheck | undefined {
  const last = splice?.from.lastLint;
  if (!splice || !last || last.target !== target) return undefined;

  const places = context.places();
  const place = placeOf(places, splice.replacement);
  if (place < 0 || places.pairs[place]) return undefined;
  const fresh = places.visit(place);
  const scopeVisit = outermostListItem(fresh);
  const range = (scopeVisit?.value as YamlNode | null)?.range;
  if (!scopeVisit || !range) return undefined;

  const delta = context.config.text.length - splice.from.text.length;
  const start = range[0];
  const end = range[2];
  const oldEnd = end - delta;

  const kept: Finding[] = [];
  for (const finding of last.findings) {
    if (!last.localRules.has(finding.ruleId)) continue;
    if (finding.start >= start && finding.start <= oldEnd) continue;
    kept.push(finding.start > oldEnd ? moved(finding, oldEnd, delta) : finding);
  }
  return { scope: scopeVisit.value, start, end, kept };
}

/** The list item closest to the root among a place and its parents. */
function outermostListItem(visit: Visit): Visit | undefined {
  let found: Visit | undefined;
  for (let place: Visit | undefined = visit; place; place = place.up) {
    if (typeof place.step === 'number' && !place.pair) found = place;
  }
  return found;
}

/** A finding with every offset at or after `from` moved by `delta`. */
function moved(finding: Finding, from: number, delta: number): Finding {
  const move = (offset: number) => (offset >= from ? offset + delta : offset);
  return {
    ...finding,
    start: move(finding.start),
    end: move(finding.end),
    related: finding.related?.map((place) => ({
      ...place,
      start: move(place.start),
      end: move(place.end),
    })),
    fixes: finding.fixes?.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, start: move(edit.start), end: move(edit.end) })),
    })),
  };
}
