import {
  isPair,
  type Node as YamlNode,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import {
  NodeKind,
  type ParseRecorder,
  grown,
  keyEndOf,
  keyNameOf,
  keyStartOf,
  nodeKindOf,
  startOf,
  valueEndOf,
} from './block-yaml';
import type { ConfigDocument, KeyedPair } from './config-document';
import type { AutheliaVersion } from './finding';
import { CONFIGURATION, childSpec, knownIn, type KeySpec, type PathStep } from './model';
import { addToIndex, emptyIndex, type PlaceIndex } from './place-index';

/**
 * The places of a config matched against the key model: every mapping entry and list item the
 * walk reached, in document order, each listed before the places below it. The schema rules
 * all read the same walk, made once per lint.
 *
 * A large config has tens of thousands of places, so they are kept as columns, one array per
 * field, instead of an object each: as objects they were a third of what the first check of a
 * 43,000-line config kept, and the young-generation collector copied each of them twice. A rule
 * reads the columns by index in its loop, and asks for a `Visit` only for a place it reports.
 */
export class Places {
  /**
   * The index of the place that holds each place, or -1 at the top level. This column and
   * `templated` hold numbers only, so they are typed arrays: their memory is outside V8's heap,
   * zeroed by the system page by page as it is written, where an array of 70,000 slots is
   * filled first and then scanned by every collection.
   */
  ups: Int32Array;
  /**
   * The index of each list item in its list, and -1 for a mapping entry, whose step in the
   * path is its key (`stepAt`).
   */
  indexes: Int32Array;
  /** The model's spec for each place; undefined when the model does not know the key. */
  specs: (KeySpec | undefined)[];
  /** The value node of each entry, or the list item itself. */
  values: unknown[];
  /** 1 where the value is template text (`{{ … }}`), which only Authelia's renderer reads. */
  templated: Uint8Array;
  /** The entry's pair, for keys; undefined for list items. */
  pairs: (Pair | undefined)[];

  /** How many places there are; the columns may have room for more while a walk adds them. */
  length = 0;

  /**
   * The places sorted by the features of their specs, when the walk that made them sorted them
   * on the way; dropped when places change.
   */
  index: PlaceIndex | undefined;

  /**
   * `capacity` is a guess at how many places will be added. The columns are made that long at
   * once, and grow by doubling past it: pushing onto six arrays at each of 65,000 places was
   * slower, in a first check, than making one object per place.
   */
  constructor(
    /** The top-level mapping, which holds the top-level entries. */
    public root: YAMLMap | undefined,
    /** The index the first place added gets: where these places will stand in a larger walk. */
    private readonly base = 0,
    capacity = 16,
  ) {
    this.ups = new Int32Array(capacity);
    this.indexes = new Int32Array(capacity);
    this.specs = new Array(capacity);
    this.values = new Array(capacity);
    this.templated = new Uint8Array(capacity);
    this.pairs = new Array(capacity);
  }

  /** Adds a place after the others and returns its index. */
  add(
    up: number,
    step: PathStep,
    spec: KeySpec | undefined,
    value: unknown,
    templated: boolean,
    pair: Pair | undefined,
  ): number {
    const index = this.length++;
    if (index === this.ups.length) this.grow(Math.max(16, 2 * index));
    this.ups[index] = up;
    this.indexes[index] = typeof step === 'number' ? step : -1;
    this.specs[index] = spec;
    this.values[index] = value;
    this.templated[index] = templated ? 1 : 0;
    this.pairs[index] = pair;
    return this.base + index;
  }

  /**
   * Cuts the columns to the places added, once a walk is done. Columns less than half full, as
   * for a long text of few places (a YAML file that is not an Authelia config), are copied
   * out, so that the room guessed for them is given back.
   */
  trim(): this {
    const length = this.length;
    if (length < this.ups.length / 2) {
      this.ups = this.ups.slice(0, length);
      this.indexes = this.indexes.slice(0, length);
      this.specs = this.specs.slice(0, length);
      this.values = this.values.slice(0, length);
      this.templated = this.templated.slice(0, length);
      this.pairs = this.pairs.slice(0, length);
      return this;
    }
    this.ups = this.ups.subarray(0, length);
    this.indexes = this.indexes.subarray(0, length);
    this.specs.length = length;
    this.values.length = length;
    this.templated = this.templated.subarray(0, length);
    this.pairs.length = length;
    return this;
  }

  /** Makes each column `size` long, keeping the places; it runs when the columns are full. */
  private grow(size: number): void {
    this.ups = grown(this.ups, new Int32Array(size));
    this.indexes = grown(this.indexes, new Int32Array(size));
    this.specs = resized(this.specs, size, this.length);
    this.values = resized(this.values, size, this.length);
    this.templated = grown(this.templated, new Uint8Array(size));
    this.pairs = resized(this.pairs, size, this.length);
  }

  /** The key of an entry or the index of a list item: its step in the path. */
  stepAt(index: number): PathStep {
    const pair = this.pairs[index];
    return pair ? keyNameOf(pair)! : this.indexes[index];
  }

  /** The place at an index, with what can be derived from it. */
  visit(index: number): Visit {
    return new Visit(this, index);
  }

  /**
   * Where a place starts: its key, or its list item. Read from the node each time, so it stays
   * right when an incremental re-parse shifts the nodes after an edit.
   */
  start(index: number): number {
    const pair = this.pairs[index];
    return pair ? keyStartOf(pair)! : startOf(this.values[index])!;
  }

  /**
   * The spec of the mapping, named entries or list that holds a place: the parent's spec, or,
   * for a key of a mapping written where a list may stand for its one item, that list's item
   * spec. The walk goes below a place only when its spec is known.
   */
  parentSpec(index: number): KeySpec {
    const up = this.ups[index];
    let spec = up < 0 ? CONFIGURATION : this.specs[up]!;
    if (this.pairs[index]) while (spec.kind === 'list') spec = spec.item;
    return spec;
  }

  /** The first place, in document order, for which `predicate` holds. */
  find(predicate: (visit: Visit) => unknown): Visit | undefined {
    for (let index = 0; index < this.length; index++) {
      const visit = this.visit(index);
      if (predicate(visit)) return visit;
    }
    return undefined;
  }

  /** Swaps `count` places from `first` on for `fresh`, which was made with `first` as base. */
  replace(first: number, count: number, fresh: Places): void {
    const delta = fresh.length - count;
    const after = first + count;
    this.ups = replacedNumbers(this.ups, this.length, first, count, fresh.ups);
    this.indexes = replacedNumbers(this.indexes, this.length, first, count, fresh.indexes);
    replaceRange(this.specs, first, count, fresh.specs);
    replaceRange(this.values, first, count, fresh.values);
    this.templated = replacedNumbers(this.templated, this.length, first, count, fresh.templated);
    replaceRange(this.pairs, first, count, fresh.pairs);
    this.length += delta;
    this.index = undefined;
    if (delta === 0) return;
    const ups = this.ups;
    for (let index = first + fresh.length; index < this.length; index++) {
      if (ups[index] >= after) ups[index] += delta;
    }
  }
}

/** The most items `replaceRange` passes to `splice` as arguments, far below the engine's limit. */
const MAX_SPLICED = 10_000;

/** The first `kept` items of a column, in a new column `size` long. */
function resized<T>(column: T[], size: number, kept: number): T[] {
  // Native copies: a loop over the items ran unoptimised in a first check.
  const fresh = column.slice(0, kept);
  fresh.length = size;
  return fresh;
}

/**
 * A numeric column of `length` places with `count` of them from `first` on swapped for
 * `items`: the same column when as many come as go, else a new one of the new length.
 */
function replacedNumbers<T extends Int32Array | Uint8Array>(
  column: T,
  length: number,
  first: number,
  count: number,
  items: T,
): T {
  if (items.length === count) {
    column.set(items, first);
    return column;
  }
  const replaced = new (column.constructor as new (size: number) => T)(
    length - count + items.length,
  );
  replaced.set(column.subarray(0, first));
  replaced.set(items, first);
  replaced.set(column.subarray(first + count, length), first + items.length);
  return replaced;
}

/** `column.splice(first, count, ...items)`, for any number of items. */
function replaceRange<T>(column: T[], first: number, count: number, items: readonly T[]): void {
  if (items.length <= MAX_SPLICED) {
    column.splice(first, count, ...items);
    return;
  }
  const tail = column.slice(first + count);
  column.length = first;
  for (const item of items) column.push(item);
  for (const item of tail) column.push(item);
}

/**
 * One place of a walk, for the rules that report it or look around it: its path, its offsets,
 * the spec and mapping that hold it. Made on request; two visits of the same place are equal
 * in `index`, not identical.
 */
export class Visit {
  constructor(
    readonly places: Places,
    readonly index: number,
  ) {}

  /** The place that holds this one, or undefined at the top level. */
  get up(): Visit | undefined {
    const up = this.places.ups[this.index];
    return up < 0 ? undefined : new Visit(this.places, up);
  }

  /** The key or list index of this place in its parent. */
  get step(): PathStep {
    return this.places.stepAt(this.index);
  }

  /** The model's spec for the place; undefined when the model does not know the key. */
  get spec(): KeySpec | undefined {
    return this.places.specs[this.index];
  }

  /** The value node of the entry, or the list item itself. */
  get value(): unknown {
    return this.places.values[this.index];
  }

  /** The value is template text (`{{ … }}`), which only Authelia's renderer can read. */
  get templated(): boolean {
    return this.places.templated[this.index] === 1;
  }

  /** The mapping entry's pair, for keys. */
  get pair(): Pair | undefined {
    return this.places.pairs[this.index];
  }

  /** The spec of the mapping, named entries or list that holds the place; see `Places`. */
  get parentSpec(): KeySpec {
    return this.places.parentSpec(this.index);
  }

  /** The mapping that holds the entry, for keys; undefined for list items. */
  get parent(): YAMLMap | undefined {
    if (!this.pair) return undefined;
    const up = this.places.ups[this.index];
    return up < 0 ? this.places.root : (this.places.values[up] as YAMLMap);
  }

  /** Offsets to underline: the key, or the whole list item. */
  get start(): number {
    return this.places.start(this.index);
  }

  get end(): number {
    const pair = this.pair;
    return pair ? keyEndOf(pair)! : valueEndOf(this.value)!;
  }

  /** True when this place lies inside `ancestor`'s value. */
  isBelow(ancestor: Visit): boolean {
    const ups = this.places.ups;
    for (let up = ups[this.index]; up >= 0; up = ups[up]) if (up === ancestor.index) return true;
    return false;
  }

  /** The steps from the root, e.g. `['session', 'cookies', 0, 'domain']`. */
  get path(): PathStep[] {
    const places = this.places;
    const path: PathStep[] = [];
    for (let place = this.index; place >= 0; place = places.ups[place])
      path.push(places.stepAt(place));
    return path.reverse();
  }

  /** `session.cookies[0].domain`. */
  get pathText(): string {
    return pathText(this.path);
  }

  /** The mapping entry, for keys; undefined for list items. */
  get entry(): KeyedPair | undefined {
    const pair = this.pair;
    if (!pair) return undefined;
    return {
      pair: pair as KeyedPair['pair'],
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
  old: Places,
  replaced: unknown,
  replacement: unknown,
  version: AutheliaVersion,
): Places | undefined {
  const first = placeOf(old, replaced);
  if (first < 0) return undefined;
  const after = endOfPlacesBelow(old, first);

  const visit = old.visit(first);
  const up = old.ups[first];
  const fresh = new Places(old.root, first);
  if (isPair(replacement)) {
    const key = keyNameOf(replacement);
    if (key === undefined || !visit.parent) return undefined;
    const spec = childSpec(visit.parentSpec, key);
    const kind = nodeKindOf(replacement.value);
    const templated = isTemplatedKind(replacement.value, kind, config.text);
    const top = fresh.add(up, key, spec, replacement.value, templated, replacement);
    if (spec && !templated && knownIn(spec, version))
      descend(config, replacement.value, kind, spec, top, version, fresh);
  } else {
    const range = (replacement as YamlNode | null)?.range;
    if (!range || !visit.spec) return undefined;
    const kind = nodeKindOf(replacement);
    const templated = isTemplatedKind(replacement, kind, config.text);
    const top = fresh.add(up, visit.step, visit.spec, replacement, templated, undefined);
    if (!templated) descend(config, replacement, kind, visit.spec, top, version, fresh);
  }
  old.replace(first, after - first, fresh.trim());
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
export function placeOf(places: Places, node: unknown): number {
  const { pairs, values } = places;
  const isPlace = isPair(node)
    ? (index: number) => pairs[index] === node
    : (index: number) => values[index] === node && !pairs[index];
  const start = isPair(node) ? keyStartOf(node) : startOf(node);
  if (start !== undefined) {
    let low = 0;
    let high = places.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (places.start(middle) < start) low = middle + 1;
      else high = middle;
    }
    for (let at = low; at < places.length && places.start(at) === start; at++) {
      if (isPlace(at)) return at;
    }
  }
  for (let index = 0; index < places.length; index++) if (isPlace(index)) return index;
  return -1;
}

/**
 * The index just past the places below `places[first]`. The walk lists a place's places right
 * after it, and each of them is held by `first` or by one of them, so they run up to the first
 * place held by a place before `first`.
 */
export function endOfPlacesBelow(places: Places, first: number): number {
  const ups = places.ups;
  let after = first + 1;
  while (after < places.length && ups[after] >= first) after++;
  return after;
}

/**
 * The model walk made while the block-YAML fast path parses a text (see `readBlockYaml`): the
 * places `walkConfig` finds in the finished tree, found as the parser reads them. Walking the
 * tree again took a seventh of the first check of a 43,000-line config; recording the places
 * as they are read made that check 5% faster (medians of 30 alternating fresh processes). The
 * test suite compares both walks on every config it has and on hundreds of edited ones.
 */
export class ParseWalk implements ParseRecorder {
  readonly places: Places;
  readonly rootSpec: KeySpec = CONFIGURATION;
  inner: KeySpec | undefined;
  /** True once the parse has read a root mapping to its end. */
  complete = false;

  constructor(
    text: string,
    private readonly version: AutheliaVersion,
  ) {
    this.places = new Places(undefined, 0, expectedPlaces(text));
    this.places.index = emptyIndex();
  }

  entry(up: number, spec: KeySpec, name: string): number {
    if (name === '<<') {
      this.inner = undefined;
      return -1;
    }
    const child =
      spec.kind === 'map'
        ? Object.hasOwn(spec.keys, name)
          ? spec.keys[name]
          : undefined
        : childSpec(spec, name);
    this.inner = child && knownIn(child, this.version) ? child : undefined;
    const place = this.places.add(up, name, child, undefined, false, undefined);
    if (child) addToIndex(this.places.index!, place, child);
    return place;
  }

  item(up: number, spec: KeySpec, index: number): number {
    const place = this.places.add(up, index, spec, undefined, false, undefined);
    addToIndex(this.places.index!, place, spec);
    return place;
  }

  read(place: number, value: unknown, pair?: Pair): void {
    const places = this.places;
    places.values[place] = value;
    places.pairs[place] = pair;
    // Only a scalar can be template text here: a collection the fast path reads starts with a
    // key, a dash, `[` or `{}`, never with `{{`.
    if (nodeKindOf(value) === NodeKind.Scalar) {
      const text = (value as Scalar).value;
      places.templated[place] = typeof text === 'string' && text.includes('{{') ? 1 : 0;
    }
  }

  mappingSpec(spec: KeySpec): KeySpec | undefined {
    // As `descend` does for a mapping: a list that may stand for its one item walks the
    // mapping as that item.
    let walked: KeySpec | undefined = spec;
    while (walked.kind === 'list' && walked.allowSingle) walked = walked.item;
    return walked.kind === 'map' || walked.kind === 'dict' ? walked : undefined;
  }

  itemSpec(spec: KeySpec): KeySpec | undefined {
    return spec.kind === 'list' ? spec.item : undefined;
  }

  done(root: YAMLMap): void {
    this.places.root = root;
    this.places.trim();
    this.complete = true;
  }
}

/** Walks the config along the model. Unknown keys and keys the version lacks end a branch. */
export function walkConfig(config: ConfigDocument, version: AutheliaVersion): Places {
  const root = config.root;
  const places = new Places(root, 0, expectedPlaces(config.text));
  if (root) walkMap(config, root, CONFIGURATION, -1, version, places);
  return places.trim();
}

/**
 * About as many places as a config of this length has, a little more for most: one per 20
 * characters (the generated configs have one per 22 to 24, the example one per 30), and at
 * most 131,072, so that a long text of few places cannot claim much memory for them. Room is
 * not free: making six columns of plain arrays 90,000 long took 5.4 ms in a fresh process, and
 * 72,000 long 3.2 ms. Three of them are typed arrays now, which cost next to nothing until
 * written.
 */
function expectedPlaces(text: string): number {
  return Math.max(16, Math.min(Math.floor(text.length / 20), 1 << 17));
}

function walkMap(
  config: ConfigDocument,
  map: YAMLMap,
  spec: KeySpec,
  up: number,
  version: AutheliaVersion,
  places: Places,
): void {
  const pairs = map.items;
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs[index];
    const key = keyNameOf(pair);
    if (key === undefined || key === '<<') continue;

    const child = childSpec(spec, key);
    const value = pair.value;
    const kind = nodeKindOf(value);
    const templated = isTemplatedKind(value, kind, config.text);
    const place = places.add(up, key, child, value, templated, pair);
    if (child && !templated && knownIn(child, version))
      descend(config, value, kind, child, place, version, places);
  }
}

function walkSeq(
  config: ConfigDocument,
  seq: YAMLSeq,
  spec: KeySpec & { kind: 'list' },
  up: number,
  version: AutheliaVersion,
  places: Places,
): void {
  const items = seq.items;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (startOf(item) === undefined) continue;
    const kind = nodeKindOf(item);
    const templated = isTemplatedKind(item, kind, config.text);
    const place = places.add(up, index, spec.item, item, templated, undefined);
    if (!templated) descend(config, item, kind, spec.item, place, version, places);
  }
}

/** Walks the places below a value of the given kind, which must not be template text. */
function descend(
  config: ConfigDocument,
  value: unknown,
  kind: NodeKind,
  spec: KeySpec,
  up: number,
  version: AutheliaVersion,
  places: Places,
): void {
  if (kind === NodeKind.Map) {
    if (spec.kind === 'map' || spec.kind === 'dict')
      walkMap(config, value as YAMLMap, spec, up, version, places);
    else if (spec.kind === 'list' && spec.allowSingle)
      descend(config, value, kind, spec.item, up, version, places);
  } else if (kind === NodeKind.Seq && spec.kind === 'list') {
    walkSeq(config, value as YAMLSeq, spec, up, version, places);
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
  return isTemplatedKind(value, nodeKindOf(value), text);
}

/** `isTemplated` for a value whose kind the caller has read already. */
function isTemplatedKind(value: unknown, kind: NodeKind, text: string): boolean {
  if (kind === NodeKind.Scalar) {
    const scalar = (value as Scalar).value;
    return typeof scalar === 'string' && scalar.includes('{{');
  }
  const start = startOf(value);
  return start !== undefined && text.startsWith('{{', start);
}
