import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { keyEndOf, keyNameOf, keyStartOf, startOf, valueEndOf } from './block-yaml';
import type { ConfigDocument, KeyedPair } from './config-document';
import type { AutheliaVersion } from './finding';
import { CONFIGURATION, childSpec, knownIn, type KeySpec, type PathStep } from './model';

/**
 * One place in the config, matched against the key model: a mapping entry or a list item.
 * The schema rules all read the same walk, made once per lint. A large config has tens of
 * thousands of places, so a place holds only what the walk knows and cannot find again
 * cheaply: its offsets are read from its node, its path is built from the chain of parent
 * places when a rule asks for it, and the spec and mapping that hold it come from its parent.
 */
export class Visit {
  constructor(
    /** The place that holds this one, or undefined at the top level. */
    readonly up: Visit | undefined,
    /** The key or list index of this place in its parent. */
    readonly step: PathStep,
    /** The model's spec for the place; undefined when the model does not know the key. */
    readonly spec: KeySpec | undefined,
    /** The value node of the entry, or the list item itself. */
    readonly value: unknown,
    /** The value is template text (`{{ … }}`), which only Authelia's renderer can read. */
    readonly templated: boolean,
    /** The mapping entry's pair, for keys. */
    readonly pair?: Pair,
  ) {}

  /**
   * The spec of the mapping, named entries or list that holds the place: the parent's spec,
   * or, for a key of a mapping written where a list may stand for its one item, that list's
   * item spec. The walk goes below a place only when its spec is known.
   */
  get parentSpec(): KeySpec {
    let spec = this.up ? this.up.spec! : CONFIGURATION;
    while (this.pair && spec.kind === 'list') spec = spec.item;
    return spec;
  }

  /** The mapping that holds the entry, for keys; undefined for list items. */
  get parent(): YAMLMap | undefined {
    if (!this.pair) return undefined;
    return this.up ? (this.up.value as YAMLMap) : TOP_LEVEL.get(this.pair);
  }

  /**
   * Offsets to underline: the key, or the whole list item. Read from the node each time, so
   * they stay right when an incremental re-parse shifts the nodes after an edit.
   */
  get start(): number {
    return this.pair ? keyStartOf(this.pair)! : startOf(this.value)!;
  }

  get end(): number {
    return this.pair ? keyEndOf(this.pair)! : valueEndOf(this.value)!;
  }

  /** True when this place lies inside `ancestor`'s value. */
  isBelow(ancestor: Visit): boolean {
    for (let visit = this.up; visit; visit = visit.up) if (visit === ancestor) return true;
    return false;
  }

  /** The steps from the root, e.g. `['session', 'cookies', 0, 'domain']`. */
  get path(): PathStep[] {
    const steps: PathStep[] = [];
    for (let visit: Visit | undefined = this; visit; visit = visit.up) steps.push(visit.step);
    return steps.reverse();
  }

  /** `session.cookies[0].domain`. */
  get pathText(): string {
    return pathText(this.path);
  }

  /** The mapping entry, for keys; undefined for list items. */
  get entry(): KeyedPair | undefined {
    if (!this.pair) return undefined;
    return {
      pair: this.pair as KeyedPair['pair'],
      key: this.step as string,
      keyStart: this.start,
      keyEnd: this.end,
    };
  }
}

/**
 * The walk of a config after an incremental re-parse replaced one node: the old walk with the
 * replaced node's places swapped for a walk of the new node. Undefined when the old walk does
 * not show the replaced node (the caller then walks the whole config). Takes over the old walk,
 * as the re-parse takes over the old document: a keystroke in a large config then swaps a few
 * places in place instead of copying tens of thousands.
 */
export function rewalk(
  config: ConfigDocument,
  old: Visit[],
  replaced: unknown,
  replacement: unknown,
  version: AutheliaVersion,
): Visit[] | undefined {
  const first = placeOf(old, replaced);
  if (first < 0) return undefined;
  const after = endOfPlacesBelow(old, first);

  const visit = old[first];
  const fresh: Visit[] = [];
  if (isPair(replacement)) {
    const keyNode = replacement.key;
    if (!isScalar(keyNode) || !keyNode.range || !visit.parent) return undefined;
    const key = String(keyNode.value);
    const spec = childSpec(visit.parentSpec, key);
    const templated = isTemplated(replacement.value, config.text);
    const top = new Visit(visit.up, key, spec, replacement.value, templated, replacement);
    if (!visit.up) TOP_LEVEL.set(replacement, visit.parent);
    fresh.push(top);
    if (spec && !templated && knownIn(spec, version))
      descend(config, replacement.value, spec, top, version, fresh);
  } else {
    const range = (replacement as YamlNode | null)?.range;
    if (!range || !visit.spec) return undefined;
    const templated = isTemplated(replacement, config.text);
    const top = new Visit(visit.up, visit.step, visit.spec, replacement, templated);
    fresh.push(top);
    if (!templated) descend(config, replacement, visit.spec, top, version, fresh);
  }
  if (fresh.length > MAX_SPLICED) return [...old.slice(0, first), ...fresh, ...old.slice(after)];
  old.splice(first, after - first, ...fresh);
  return old;
}

/**
 * The index of the place of `node` in a walk: the entry whose pair it is, or the list item it
 * is; -1 when the walk does not show it. A keystroke asks this of a walk of tens of thousands
 * of places. Places follow the document, so their starts do not decrease: a binary search
 * finds the first place that starts where the node does, and the node's place is among those.
 * Where offsets disagree with that order, as in a walk whose nodes an edit has partly moved,
 * every place is tried.
 */
export function placeOf(visits: readonly Visit[], node: unknown): number {
  const isPlace = isPair(node)
    ? (visit: Visit) => visit.pair === node
    : (visit: Visit) => visit.value === node && !visit.pair;
  const start = isPair(node) ? keyStartOf(node) : startOf(node);
  if (start !== undefined) {
    let low = 0;
    let high = visits.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (visits[middle].start < start) low = middle + 1;
      else high = middle;
    }
    for (let at = low; at < visits.length && visits[at].start === start; at++) {
      if (isPlace(visits[at])) return at;
    }
  }
  return visits.findIndex(isPlace);
}

/**
 * The index just past the places below `visits[first]`: the walk lists a place's places right
 * after it, so they run up to the first place that is not below it.
 */
export function endOfPlacesBelow(visits: readonly Visit[], first: number): number {
  let after = first + 1;
  while (after < visits.length && visits[after].isBelow(visits[first])) after++;
  return after;
}

/** The most places `rewalk` passes to `splice` as arguments, far below the engine's limit. */
const MAX_SPLICED = 10_000;

/**
 * The root mapping of each top-level entry, for `Visit.parent`: every other entry's mapping is
 * its parent place's value. Weak, so a parse that is dropped takes its entries with it.
 */
const TOP_LEVEL = new WeakMap<Pair, YAMLMap>();

/** Walks the config along the model. Unknown keys and keys the version lacks end a branch. */
export function walkConfig(config: ConfigDocument, version: AutheliaVersion): Visit[] {
  const visits: Visit[] = [];
  const root = config.root;
  if (root) walkMap(config, root, CONFIGURATION, undefined, version, visits);
  return visits;
}

function walkMap(
  config: ConfigDocument,
  map: YAMLMap,
  spec: KeySpec,
  up: Visit | undefined,
  version: AutheliaVersion,
  visits: Visit[],
): void {
  const pairs = map.items;
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs[index];
    const key = keyNameOf(pair);
    if (key === undefined || key === '<<') continue;

    const child = childSpec(spec, key);
    const templated = isTemplated(pair.value, config.text);
    const visit = new Visit(up, key, child, pair.value, templated, pair);
    if (!up) TOP_LEVEL.set(pair, map);
    visits.push(visit);
    if (child && !templated && knownIn(child, version))
      descend(config, pair.value, child, visit, version, visits);
  }
}

function walkSeq(
  config: ConfigDocument,
  seq: YAMLSeq,
  spec: KeySpec & { kind: 'list' },
  up: Visit | undefined,
  version: AutheliaVersion,
  visits: Visit[],
): void {
  const items = seq.items;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (startOf(item) === undefined) continue;
    const templated = isTemplated(item, config.text);
    const visit = new Visit(up, index, spec.item, item, templated);
    visits.push(visit);
    if (!templated) descend(config, item, spec.item, visit, version, visits);
  }
}

/** Walks the places below a value, which must not be template text. */
function descend(
  config: ConfigDocument,
  value: unknown,
  spec: KeySpec,
  path: Visit | undefined,
  version: AutheliaVersion,
  visits: Visit[],
): void {
  if (isAlias(value)) return;
  if (isMap(value)) {
    if (spec.kind === 'map' || spec.kind === 'dict')
      walkMap(config, value, spec, path, version, visits);
    else if (spec.kind === 'list' && spec.allowSingle)
      descend(config, value, spec.item, path, version, visits);
  } else if (isSeq(value) && spec.kind === 'list') {
    walkSeq(config, value, spec, path, version, visits);
  }
}

/** Writes a path as `a.b[0].c`. */
export function pathText(path: readonly PathStep[]): string {
  return path
    .map((step, index) =>
      typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`,
    )
    .join('');
}

/**
 * True when a value is template text (`{{ … }}`), which only Authelia's renderer reads: a
 * scalar that holds it, or an unquoted template that YAML took for a flow mapping.
 */
export function isTemplated(value: unknown, text: string): boolean {
  if (isScalar(value)) return typeof value.value === 'string' && value.value.includes('{{');
  const start = startOf(value);
  return start !== undefined && text.startsWith('{{', start);
}
