import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar } from 'yaml';

/** How every config is parsed: duplicate keys are our own rule, and errors carry no source. */
export const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: false } as const;

/**
 * A fast path for the YAML that Authelia configs are written in: block mappings and lists,
 * one-line plain and quoted scalars, one-line flow lists, literal and folded block scalars,
 * and comments. It builds the very tree that `yaml`'s `parseDocument` builds for the same text
 * (node kinds, values, scalar types and sources, and all three offsets of every range), about
 * ten times faster and with far less garbage, because it reads lines instead of tokens.
 *
 * Anything outside that subset (anchors, tags, multi-line flow or plain scalars, tabs, several
 * documents, and every syntax error) makes it give up and return undefined, and the caller
 * parses with `yaml` instead. test/block-yaml.test.ts compares both parsers on every config
 * we have and on thousands of edited ones.
 */
export function parseBlockYaml(text: string): Document.Parsed | undefined {
  return readBlockYaml(text)?.document;
}

/**
 * Hears of the entries and list items as the fast path reads them, so that a walk of them (the
 * model walk, in model-walk.ts) is made in the same pass instead of over the finished tree.
 * Each entry or item it records gets a place number; a spec is whatever the recorder walks
 * with, and undefined where it walks no further.
 */
export interface ParseRecorder {
  /** The spec the root mapping's entries are walked with. */
  readonly rootSpec: unknown;
  /**
   * Records an entry named `name` of a mapping walked with `spec`, under the place `up` (-1 at
   * the top): returns its place, or -1 for an entry the walk skips, and sets `inner`.
   */
  entry(up: number, spec: unknown, name: string): number;
  /** The spec to walk the value of the entry recorded last with. */
  readonly inner: unknown;
  /** Records item `index` of a list whose items are walked with `spec`: returns its place. */
  item(up: number, spec: unknown, index: number): number;
  /** The node read at a place: the entry's value and the entry, or the list item. */
  read(place: number, value: unknown, pair?: unknown): void;
  /** The spec a mapping is walked with when it is the value of a place walked with `spec`. */
  mappingSpec(spec: unknown): unknown;
  /** The spec the items of a list are walked with when it is a value walked with `spec`. */
  itemSpec(spec: unknown): unknown;
  /** The walk is complete: the text's root is the mapping `root`. */
  done(root: unknown): void;
}

/** What the fast path found besides the tree. */
export interface BlockYamlParse {
  document: Document.Parsed;
  /**
   * Every mapping in which two keys read the same (`String(key.value)`), in no particular
   * order. Comparing the keys while they are built is nearly free; looking for repeats in the
   * finished tree means visiting every node again.
   */
  mapsWithRepeatedKeys: YAMLMap[];
  /** The offset where each line of the text starts, the first line's (0) included. */
  lineStarts: Int32Array;
}

/**
 * `parseBlockYaml`, with what the parse found on the way. A `recorder` hears of the entries and
 * items of a root mapping; its walk is complete when the parse succeeds and calls `done`.
 */
export function readBlockYaml(text: string, recorder?: ParseRecorder): BlockYamlParse | undefined {
  try {
    const parser = new BlockYamlParser(text, recorder);
    const document = parser.parse();
    if (!document) return undefined;
    return {
      document,
      mapsWithRepeatedKeys: parser.mapsWithRepeatedKeys as unknown as YAMLMap[],
      lineStarts: parser.lineStarts(),
    };
  } catch {
    // GIVE_UP, or a stack too deep for a nesting nobody writes: `yaml` knows what to say.
    return undefined;
  }
}

/**
 * Characters that `yaml` reads in ways this parser does not follow: tabs and other controls,
 * delete, NEL, the Unicode line and paragraph separators, and the byte-order mark.
 */
const UNSUPPORTED_CHARACTER = /[\x00-\x08\t\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]/;

/** A carriage return that does not end a line. */
const LONE_RETURN = /\r(?!\n)/;

/** How many short texts the parser remembers for sharing (a power of two). */
const SHORT_TEXTS = 1024;

/** Thrown inside the parser when the text leaves the supported subset. */
const GIVE_UP = Symbol('give up');

function giveUp(): never {
  throw GIVE_UP;
}

type Range = [number, number, number];

/** A node of the tree: a scalar or a collection. */
type Node = ScalarNode | MapNode | SeqNode;

/*
 * Node classes that `yaml`'s isScalar/isMap/isSeq/isPair recognise and whose prototypes are
 * `yaml`'s own, built without the property definition `yaml` runs for every node.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');

class ScalarNode {
  /** Set only on numbers written in octal, hexadecimal or exponent form. */
  declare format?: string;
  /** Set only on floats written with trailing zeros. */
  declare minFractionDigits?: number;
  declare range: Range;

  constructor(
    public value: unknown,
    public startOffset: number,
    public valueEndOffset: number,
    public endOffset: number,
    public source: string,
    public type: Scalar.Type,
  ) {}
}

/**
 * A scalar whose value is a string: its source is that string, as in `yaml`, so it keeps no
 * field of its own for it. Nearly every scalar of a config is one, 65,000 on 43,000 lines.
 */
class StringScalarNode {
  declare range: Range;

  constructor(
    public value: string,
    public startOffset: number,
    public valueEndOffset: number,
    public endOffset: number,
    public type: Scalar.Type,
  ) {}

  get source(): string {
    return this.value;
  }
}

/**
 * A mapping entry. Its key is nearly always a plain word (29,500 of them on 43,000 lines), so
 * the entry keeps the word and its offsets, and makes the key's node only when something reads
 * `key`: the first check of a large config then builds a fifth fewer objects. `keyNameOf`,
 * `keyStartOf` and `keyEndOf` read an entry's key without making its node.
 */
class PairNode {
  declare key: ScalarNode;

  constructor(
    /** The key's node: made from the start for a key that is not a plain string, else later. */
    public keyNode: ScalarNode | undefined,
    /** The key as written, which is its value while `keyNode` is not made. */
    public keyText: string,
    public keyStart: number,
    public keyEnd: number,
    public value: unknown,
  ) {}
}

Object.defineProperty(PairNode.prototype, 'key', {
  get(this: PairNode): ScalarNode {
    this.keyNode ??= new StringScalarNode(
      this.keyText,
      this.keyStart,
      this.keyEnd,
      this.keyEnd,
      'PLAIN',
    );
    return this.keyNode;
  },
  set(this: PairNode, key: ScalarNode) {
    this.keyNode = key;
  },
});

class MapNode {
  declare range: Range;

  constructor(
    public items: PairNode[],
    public startOffset: number,
    public valueEndOffset: number,
    public endOffset: number,
    public flow?: boolean,
  ) {}
}

class SeqNode {
  declare range: Range;

  constructor(
    public items: Node[],
    public startOffset: number,
    public valueEndOffset: number,
    public endOffset: number,
    public flow?: boolean,
  ) {}
}

for (const [node, base, type] of [
  [ScalarNode, Scalar, 'yaml.scalar'],
  [PairNode, Pair, 'yaml.pair'],
  [MapNode, YAMLMap, 'yaml.map'],
  [SeqNode, YAMLSeq, 'yaml.seq'],
] as const) {
  Object.setPrototypeOf(node.prototype, base.prototype);
  Object.defineProperty(node.prototype, NODE_TYPE, { value: Symbol.for(type) });
}

// A string scalar is one of ours wherever a scalar of ours is: its prototype comes after
// ScalarNode's, which comes after `yaml`'s Scalar.
Object.setPrototypeOf(StringScalarNode.prototype, ScalarNode.prototype);

/**
 * `range` as `yaml` has it, read from and written to the three offsets a node of ours keeps.
 * A large config has over a hundred thousand nodes, and an array of three offsets for each was
 * a third of the tree's memory and half of the objects the parser made. Reading `range` makes
 * a new array, so code that changes offsets in place goes through `shiftOffsets`.
 */
for (const node of [ScalarNode, MapNode, SeqNode]) {
  Object.defineProperty(node.prototype, 'range', {
    get(this: ScalarNode): Range {
      return [this.startOffset, this.valueEndOffset, this.endOffset];
    },
    set(this: ScalarNode, range: Range) {
      this.startOffset = range[0];
      this.valueEndOffset = range[1];
      this.endOffset = range[2];
    },
  });
}

/**
 * True for an entry of this parser whose key node is not made yet: a plain word, without
 * anchor, tag or comment.
 */
export function hasPlainKey(pair: unknown): pair is PairNode & { keyNode: undefined } {
  // Only our entries have a key text; two property loads cost far less than `instanceof`
  // before V8 optimises the code, as in the first check of a large config.
  const ours = pair as PairNode | null;
  return ours?.keyText !== undefined && ours.keyNode === undefined;
}

/**
 * The name of a mapping entry's key, `String(key.value)`, when the key is a scalar with
 * offsets; undefined for any other key. For our entries, read without making the key's node.
 */
export function keyNameOf(pair: Pair): string | undefined {
  if (hasPlainKey(pair)) return pair.keyText;
  const key = pair.key;
  return isScalar(key) && startOf(key) !== undefined ? String(key.value) : undefined;
}

/** Where a mapping entry's key starts, as `startOf(pair.key)`. */
export function keyStartOf(pair: Pair): number | undefined {
  return hasPlainKey(pair) ? pair.keyStart : startOf(pair.key);
}

/** Where a mapping entry's key ends (`range[1]`), as `valueEndOf(pair.key)`. */
export function keyEndOf(pair: Pair): number | undefined {
  return hasPlainKey(pair) ? pair.keyEnd : valueEndOf(pair.key);
}

/**
 * `shiftOffsets` for the key of one of our entries whose key node is not made yet: returns
 * false, changing nothing, for any other entry, whose key the caller shifts as a node.
 */
export function shiftPlainKey(pair: unknown, from: number, delta: number): boolean {
  if (!hasPlainKey(pair)) return false;
  if (pair.keyStart >= from) pair.keyStart += delta;
  if (pair.keyEnd >= from) pair.keyEnd += delta;
  return true;
}

/** What a value is, as `yaml`'s isScalar, isMap, isSeq and isAlias tell it. */
export const enum NodeKind {
  Other = 0,
  Scalar = 1,
  Map = 2,
  Seq = 3,
  Alias = 4,
}

const SCALAR_TYPE = Symbol.for('yaml.scalar');
const MAP_TYPE = Symbol.for('yaml.map');
const SEQ_TYPE = Symbol.for('yaml.seq');
const ALIAS_TYPE = Symbol.for('yaml.alias');

/**
 * The kind of a value, for our nodes and `yaml`'s alike, with one property load: loops over
 * every node that asked `yaml`'s isAlias, isMap and isSeq in turn made three calls a node.
 */
export function nodeKindOf(node: unknown): NodeKind {
  if (!node || typeof node !== 'object') return NodeKind.Other;
  switch ((node as Record<symbol, unknown>)[NODE_TYPE]) {
    case SCALAR_TYPE:
      return NodeKind.Scalar;
    case MAP_TYPE:
      return NodeKind.Map;
    case SEQ_TYPE:
      return NodeKind.Seq;
    case ALIAS_TYPE:
      return NodeKind.Alias;
    default:
      return NodeKind.Other;
  }
}

/** True for the node classes of this parser. */
function isOurs(node: unknown): node is ScalarNode | MapNode | SeqNode {
  return node instanceof ScalarNode || node instanceof MapNode || node instanceof SeqNode;
}

/**
 * Where a node starts, for our nodes and `yaml`'s alike, or undefined when it has no range.
 * Unlike `node.range[0]` it makes no array for ours, which matters in loops over every node.
 */
export function startOf(node: unknown): number | undefined {
  // Only our nodes have `startOffset`: one property load instead of three `instanceof`.
  const start = (node as ScalarNode | null)?.startOffset;
  if (start !== undefined) return start;
  return (node as { range?: number[] } | null)?.range?.[0];
}

/** True when a node has offsets: what `!!node.range` tells, without making an array for ours. */
export function hasRange<T>(node: T): node is T & { range: [number, number, number] } {
  return startOf(node) !== undefined;
}

/** Where a node's value ends (`range[1]`), as `startOf` reads its start. */
export function valueEndOf(node: unknown): number | undefined {
  const end = (node as ScalarNode | null)?.valueEndOffset;
  if (end !== undefined) return end;
  return (node as { range?: number[] } | null)?.range?.[1];
}

/**
 * Adds `delta` to each offset of a node's range that is at or after `from`, for our nodes and
 * `yaml`'s alike. Returns false, changing nothing, when the whole node ends before `from`, so
 * nothing inside it needs shifting either.
 */
export function shiftOffsets(node: unknown, from: number, delta: number): boolean {
  if (isOurs(node)) {
    if (node.endOffset < from) return false;
    if (node.startOffset >= from) node.startOffset += delta;
    if (node.valueEndOffset >= from) node.valueEndOffset += delta;
    node.endOffset += delta;
    return true;
  }
  const range = (node as { range?: number[] } | null)?.range;
  if (!range) return true;
  if (range[2] < from) return false;
  for (let k = 0; k < range.length; k++) if (range[k] >= from) range[k] += delta;
  return true;
}

const enum Line {
  Blank = 0,
  Comment = 1,
  Content = 2,
}

const enum Char {
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Apostrophe = 39,
  Plus = 43,
  Comma = 44,
  Dash = 45,
  Dot = 46,
  Colon = 58,
  Greater = 62,
  Question = 63,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  Bar = 124,
  CloseBrace = 125,
}

/**
 * One parse of one text. The text is first cut into lines (start, indentation, and whether a
 * line is blank, a comment or content); the collections are then read line by line, each
 * method leaving in `next` the line where its parent goes on.
 */
class BlockYamlParser {
  /**
   * Offset of the start of each line. The line tables are typed arrays: growing plain arrays
   * line by line left more garbage than the tree's scalars did.
   */
  private readonly starts: Int32Array;
  /** Columns of each line's first non-space character. */
  private readonly indents: Int32Array;
  /** What each line holds. */
  private readonly kinds: Uint8Array;
  private readonly lineCount: number;
  /**
   * Comment and blank lines after the last value that no scalar took in. `yaml` hands them
   * outwards, collection by collection, until one is indented no deeper than a comment among
   * them; that collection's range then ends where the next content starts. This is the deepest
   * indentation of a comment among them, or -1 when there is nothing to hand out.
   */
  private trailingIndent = -1;
  /** Where those lines end: the first character of the next content line, or the text's end. */
  private trailingEnd = 0;
  /** The line after the node parsed last: the next content line, or the line count. */
  private next = 0;
  /**
   * The items of the collections being read, nested ones above their parents' items: each
   * collection gets an array of exactly its size, where pushing would leave room for 17.
   */
  private readonly items: (Node | PairNode)[] = [];
  /** The number of items on that stack. */
  private top = 0;
  /** Short texts seen last, by a hash of their length and ends; see `slice`. */
  private readonly shortTexts: (string | undefined)[] = new Array(SHORT_TEXTS);
  /** The mappings with a key that reads the same as an earlier one; see `BlockYamlParse`. */
  readonly mapsWithRepeatedKeys: MapNode[] = [];
  /** True when the value parsed last was an empty one. */
  private endsEmpty = false;

  /** Reads the text's lines, and gives up on characters `yaml` reads in ways we do not. */
  constructor(
    private readonly text: string,
    /** Hears of the entries and items of a root mapping, when given. */
    private readonly recorder?: ParseRecorder,
  ) {
    if (UNSUPPORTED_CHARACTER.test(text)) giveUp();
    if (text.includes('\r') && LONE_RETURN.test(text)) giveUp();

    const lines = readLines(text);
    this.lineCount = lines.count;
    this.starts = lines.starts;
    this.indents = lines.indents;
    this.kinds = lines.kinds;
  }

  /** The offset where each line starts: a view of the line table, one entry per line. */
  lineStarts(): Int32Array {
    return this.starts.subarray(0, this.lineCount);
  }

  /** The document, or undefined for a text without content, which `yaml` reads as null. */
  parse(): Document.Parsed | undefined {
    let line = this.nextContent(0);
    if (line === this.lineCount) return undefined;

    let documentStart: number | undefined;
    if (this.isMarker(line, '---')) {
      if (this.restOfLine(this.starts[line] + 3) !== undefined) giveUp();
      documentStart = this.starts[line];
      line = this.nextContent(line + 1);
      if (line === this.lineCount) giveUp();
    }
    if (this.startsWith(line, '%')) giveUp();

    const indent = this.indents[line];
    const at = this.starts[line] + indent;
    const recorder = this.recorder;
    const root = this.isListItem(at)
      ? this.parseList(line, indent, -1, undefined, -1)
      : this.parseMapping(line, at, indent, recorder?.rootSpec, -1);
    this.close(root, indent);

    const after = this.next;
    if (after < this.lineCount) {
      if (!this.isMarker(after, '...')) giveUp();
      if (this.restOfLine(this.starts[after] + 3) !== undefined) giveUp();
      if (this.nextContent(after + 1) !== this.lineCount) giveUp();
    }

    const document = new Document(undefined, PARSE_OPTIONS) as Document.Parsed;
    document.contents = root as unknown as Document.Parsed['contents'];
    // After an empty last value, `yaml` keeps the final line breaks with that entry.
    const contentEnd = root.endOffset;
    const end = this.endsEmpty && after === this.lineCount ? contentEnd : this.text.length;
    document.range = [documentStart ?? this.starts[line], contentEnd, end];
    if (documentStart !== undefined) document.directives!.docStart = true;
    if (recorder && root instanceof MapNode) recorder.done(root);
    return document;
  }

  /**
   * A block mapping whose first key starts at `at` on `line`, with keys at column `indent`. Its
   * entries are recorded under the place `up` when `spec` is defined.
   */
  private parseMapping(
    line: number,
    at: number,
    indent: number,
    spec: unknown,
    up: number,
  ): MapNode {
    const base = this.top;
    let next = line;
    let end = at;

    for (;;) {
      const keyStart = next === line ? at : this.starts[next] + indent;
      const colon = this.keyColon(keyStart);
      if (colon < 0) giveUp();
      const keySource = this.slice(keyStart, colon);
      const keyNode = isPlainString(keySource)
        ? undefined
        : plainScalar(keySource, keyStart, colon);

      let place = -1;
      let inner: unknown;
      if (spec !== undefined) {
        const name = keyNode === undefined ? keySource : String(keyNode.value);
        place = this.recorder!.entry(up, spec, name);
        inner = this.recorder!.inner;
      }
      const value = this.parseValue(next, colon + 1, indent, inner, place);
      const pair = new PairNode(keyNode, keySource, keyStart, colon, value);
      this.items[this.top++] = pair;
      if (place >= 0) this.recorder!.read(place, value, pair);
      end = value.endOffset;
      next = this.next;

      if (next === this.lineCount || this.indents[next] < indent) break;
      if (this.indents[next] > indent) giveUp();
      if (this.isListItem(this.starts[next] + indent)) giveUp();
      if (this.isMarker(next, '---') || this.isMarker(next, '...')) break;
      this.trailingIndent = -1;
    }

    this.next = next;
    const pairs = this.collected(base) as PairNode[];
    const map = new MapNode(pairs, at, end, end);
    if (pairs.length > 1 && repeatsKey(pairs)) this.mapsWithRepeatedKeys.push(map);
    return map;
  }

  /**
   * A block list whose dashes stand at column `indent`; `parentIndent` is its mapping's. Its
   * items are recorded under the place `up` when `spec`, the list's own, is defined.
   */
  private parseList(
    line: number,
    indent: number,
    parentIndent: number,
    spec: unknown,
    up: number,
  ): SeqNode {
    const itemSpec = spec === undefined ? undefined : this.recorder!.itemSpec(spec);
    const base = this.top;
    let next = line;
    let end = 0;

    for (;;) {
      const dash = this.starts[next] + indent;
      const place =
        itemSpec === undefined ? -1 : this.recorder!.item(up, itemSpec, this.top - base);
      const value = this.parseListItem(next, dash, indent, itemSpec, place);
      this.items[this.top++] = value;
      if (place >= 0) this.recorder!.read(place, value);
      end = value.endOffset;
      next = this.next;

      if (next === this.lineCount || this.indents[next] < indent) break;
      if (this.indents[next] > indent) giveUp();
      if (!this.isListItem(this.starts[next] + indent)) {
        if (parentIndent === indent) break;
        if (this.isMarker(next, '---') || this.isMarker(next, '...')) break;
        giveUp();
      }
      this.trailingIndent = -1;
    }

    this.next = next;
    const start = this.starts[line] + indent;
    return new SeqNode(this.collected(base) as Node[], start, end, end);
  }

  /** One list item: the value after the dash at `dash`, walked with `spec` as the place `up`. */
  private parseListItem(
    line: number,
    dash: number,
    indent: number,
    spec: unknown,
    up: number,
  ): Node {
    const text = this.text;
    let at = dash + 1;
    while (text.charCodeAt(at) === Char.Space) at++;
    const first = text.charCodeAt(at);
    if (this.atLineEnd(at) || first === Char.Hash) giveUp();

    const column = at - this.starts[line];
    if (first === Char.Dash && this.isListItem(at)) {
      const list = this.parseList(line, column, -1, spec, up);
      this.close(list, column);
      return list;
    }
    if (this.keyColon(at) >= 0) {
      const mapping = this.parseMapping(line, at, column, this.mappingSpec(spec), up);
      this.close(mapping, column);
      return mapping;
    }
    return this.parseInlineValue(line, at, indent, spec, up);
  }

  /**
   * The value of a mapping entry whose colon ends just before `afterColon` on `line`, in a
   * mapping at column `indent`: on the same line, or below it, or empty. It is walked with
   * `spec` as the place `up`.
   */
  private parseValue(
    line: number,
    afterColon: number,
    indent: number,
    spec: unknown,
    up: number,
  ): Node {
    const text = this.text;
    let at = afterColon;
    while (text.charCodeAt(at) === Char.Space) at++;
    if (!this.atLineEnd(at) && text.charCodeAt(at) !== Char.Hash) {
      return this.parseInlineValue(line, at, indent, spec, up);
    }

    const next = this.nextContent(line + 1);
    if (next < this.lineCount) {
      const column = this.indents[next];
      const first = this.starts[next] + column;
      if (column > indent || (column === indent && this.isListItem(first))) {
        const nested = this.isListItem(first)
          ? this.parseList(next, column, indent, spec, up)
          : this.parseMapping(next, first, column, this.mappingSpec(spec), up);
        this.close(nested, column);
        return nested;
      }
    }
    return this.emptyValue(line, at, next, indent);
  }

  /**
   * An entry with nothing after its colon. `yaml` places the empty scalar after the colon's
   * spaces; a comment on the key line stretches its range to where the comment's lines end.
   */
  private emptyValue(line: number, at: number, next: number, indent: number): ScalarNode {
    for (let between = line + 1; between < next; between++) {
      if (this.kinds[between] === Line.Comment) giveUp();
    }
    let end = at;
    if (this.text.charCodeAt(at) === Char.Hash) {
      const sameIndent = next < this.lineCount && this.indents[next] === indent;
      end =
        next === this.lineCount
          ? this.text.length
          : sameIndent && next > line + 1
            ? this.starts[line + 1]
            : this.starts[next] + this.indents[next];
    }
    this.trailingIndent = -1;
    this.endsEmpty = true;
    this.next = next;
    return new ScalarNode(null, at, at, end, '', 'PLAIN');
  }

  /**
   * A value that starts at `at` on its entry's line: a scalar, a block scalar, a flow list or
   * an empty flow mapping (`{}`). `indent` is the column of the collection that holds it. A
   * flow list's items are walked with the list's `spec` under the place `up`.
   */
  private parseInlineValue(
    line: number,
    at: number,
    indent: number,
    spec: unknown,
    up: number,
  ): Node {
    const first = this.text.charCodeAt(at);
    if (first === Char.Bar || first === Char.Greater)
      return this.parseBlockScalar(line, at, indent);

    let node: ScalarNode | MapNode | SeqNode;
    let valueEnd: number;
    if (first === Char.Apostrophe || first === Char.Quote) {
      const quoted = this.parseQuoted(at);
      node = quoted;
      valueEnd = quoted.valueEndOffset;
    } else if (first === Char.OpenBracket) {
      const list = this.parseFlowList(at, spec, up);
      node = list;
      valueEnd = list.valueEndOffset;
    } else if (first === Char.OpenBrace) {
      if (this.text.charCodeAt(at + 1) !== Char.CloseBrace) giveUp();
      valueEnd = at + 2;
      node = new MapNode([], at, valueEnd, valueEnd, true);
    } else {
      node = this.parsePlain(at);
      valueEnd = node.valueEndOffset;
    }

    const comment = this.restOfLine(valueEnd);
    if (
      comment !== undefined &&
      (comment === valueEnd || this.text.charCodeAt(comment) !== Char.Hash)
    )
      giveUp();

    const next = this.nextContent(line + 1);
    if (next < this.lineCount && this.indents[next] > indent) giveUp();
    node.endOffset = this.absorbComments(line, next, indent);
    this.endsEmpty = false;
    this.next = next;
    return node;
  }

  /**
   * Where a scalar's range ends: after its line, and after any comment lines that follow it
   * indented deeper than its collection (with the blank lines between them), which `yaml` counts
   * as the scalar's own. Records the lines left over as trailing.
   */
  private absorbComments(line: number, next: number, indent: number): number {
    let end = this.lineEnd(line);
    let commentIndent = -1;
    let absorbing = true;
    for (let between = line + 1; between < next; between++) {
      if (this.kinds[between] !== Line.Comment) continue;
      const column = this.indents[between];
      if (absorbing && column > indent) {
        end = this.lineEnd(between);
      } else {
        absorbing = false;
        commentIndent = Math.max(commentIndent, column);
      }
    }
    this.trailingIndent = commentIndent;
    this.trailingEnd =
      next === this.lineCount ? this.text.length : this.starts[next] + this.indents[next];
    return end;
  }

  /**
   * Ends a collection at column `indent`: trailing comments stay in it (and stretch its range)
   * when one of them is indented at least as deep as the collection, except at column 0.
   */
  private close(node: MapNode | SeqNode, indent: number): void {
    if (this.trailingIndent < 0 || indent === 0) return;
    if (this.trailingIndent >= indent) {
      node.endOffset = this.trailingEnd;
      this.trailingIndent = -1;
    }
  }

  /** A plain scalar on one line from `at`, up to a comment or the line's end. */
  private parsePlain(at: number): ScalarNode {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (isIndicator(first)) giveUp();
    if (first === Char.Question || first === Char.Colon || first === Char.Dash) {
      const after = text.charCodeAt(at + 1);
      if (after === Char.Space || this.atLineEnd(at + 1)) giveUp();
    }

    let end = at;
    let cursor = at;
    for (;;) {
      const code = text.charCodeAt(cursor);
      if (cursor >= text.length || code === Char.Newline || code === Char.Return) break;
      if (code === Char.Hash && text.charCodeAt(cursor - 1) === Char.Space) break;
      if (code === Char.Colon) {
        const after = text.charCodeAt(cursor + 1);
        if (after === Char.Space || this.atLineEnd(cursor + 1)) giveUp();
      }
      if (code !== Char.Space) end = cursor + 1;
      cursor++;
    }
    const source = this.slice(at, end);
    return plainScalar(source, at, end);
  }

  /** A single- or double-quoted scalar that closes on its own line. */
  private parseQuoted(at: number): ScalarNode {
    const text = this.text;
    const quote = text.charCodeAt(at);
    const close = text.indexOf(quote === Char.Apostrophe ? "'" : '"', at + 1);
    if (close > 0 && text.charCodeAt(close + 1) !== Char.Apostrophe) {
      const value = this.slice(at + 1, close);
      const plain = quote === Char.Apostrophe ? !value.includes('\n') : !/[\n\\]/.test(value);
      if (plain) {
        const type = quote === Char.Apostrophe ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
        return new StringScalarNode(value, at, close + 1, close + 1, type);
      }
    }

    let value = '';
    let from = at + 1;
    let cursor = from;
    for (;;) {
      if (this.atLineEnd(cursor)) giveUp();
      const code = text.charCodeAt(cursor);
      if (code === quote) {
        if (quote === Char.Apostrophe && text.charCodeAt(cursor + 1) === Char.Apostrophe) {
          value += text.slice(from, cursor + 1);
          cursor += 2;
          from = cursor;
          continue;
        }
        break;
      }
      if (code === Char.Backslash && quote === Char.Quote) {
        value += text.slice(from, cursor);
        const escaped = unescape(text, cursor);
        value += escaped.text;
        cursor = escaped.end;
        from = cursor;
        continue;
      }
      cursor++;
    }
    value += text.slice(from, cursor);
    const end = cursor + 1;
    const type = quote === Char.Apostrophe ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
    return new StringScalarNode(value, at, end, end, type);
  }

  /**
   * A flow list of scalars on one line, such as `['GET', 'HEAD']`, whose items are recorded
   * under the place `up` when `spec`, the list's own, is defined.
   */
  private parseFlowList(at: number, spec: unknown, up: number): SeqNode {
    const itemSpec = spec === undefined ? undefined : this.recorder!.itemSpec(spec);
    const text = this.text;
    const base = this.top;
    let cursor = at + 1;
    while (text.charCodeAt(cursor) === Char.Space) cursor++;

    if (text.charCodeAt(cursor) !== Char.CloseBracket) {
      for (;;) {
        const first = text.charCodeAt(cursor);
        const item =
          first === Char.Apostrophe || first === Char.Quote
            ? this.parseQuoted(cursor)
            : this.parseFlowPlain(cursor);
        cursor = item.valueEndOffset;
        while (text.charCodeAt(cursor) === Char.Space) cursor++;
        item.endOffset = cursor;
        if (itemSpec !== undefined) {
          const place = this.recorder!.item(up, itemSpec, this.top - base);
          this.recorder!.read(place, item);
        }
        this.items[this.top++] = item;

        const separator = text.charCodeAt(cursor);
        if (separator === Char.CloseBracket) break;
        if (separator !== Char.Comma) giveUp();
        cursor++;
        while (text.charCodeAt(cursor) === Char.Space) cursor++;
        if (text.charCodeAt(cursor) === Char.CloseBracket) giveUp();
      }
    }
    const end = cursor + 1;
    return new SeqNode(this.collected(base) as Node[], at, end, end, true);
  }

  /** The spec a mapping value of a place walked with `spec` is walked with. */
  private mappingSpec(spec: unknown): unknown {
    return spec === undefined ? undefined : this.recorder!.mappingSpec(spec);
  }

  /** The items read since `base`, as an array of their own, taken off the stack. */
  private collected(base: number): (Node | PairNode)[] {
    const items = this.items.slice(base, this.top);
    this.top = base;
    return items;
  }

  /**
   * The text between two offsets. A short one is looked up first among the short texts seen
   * before, by length and first and last character, and shared when it matches: access rules
   * repeat the same keys and values thousands of times.
   */
  private slice(start: number, end: number): string {
    const length = end - start;
    if (length > 16 || length === 0) return this.text.slice(start, end);
    const text = this.text;
    const slot =
      (length * 977 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1)) & (SHORT_TEXTS - 1);
    const seen = this.shortTexts[slot];
    if (seen !== undefined && seen.length === length && text.startsWith(seen, start)) return seen;
    const fresh = text.slice(start, end);
    this.shortTexts[slot] = fresh;
    return fresh;
  }

  /** A plain scalar inside a flow list: up to a comma or the closing bracket. */
  private parseFlowPlain(at: number): ScalarNode {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (isIndicator(first) || first === Char.Dash || first === Char.Question) giveUp();
    let end = at;
    let cursor = at;
    for (;;) {
      if (this.atLineEnd(cursor)) giveUp();
      const code = text.charCodeAt(cursor);
      if (code === Char.Comma || code === Char.CloseBracket) break;
      if (code === Char.Colon || code === Char.OpenBracket || code === Char.OpenBrace) giveUp();
      if (code === Char.CloseBrace || code === Char.Hash) giveUp();
      if (code !== Char.Space) end = cursor + 1;
      cursor++;
    }
    if (end === at) giveUp();
    const source = this.slice(at, end);
    return plainScalar(source, at, end);
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `at`, in a collection at
   * column `indent`. Clip and strip chomping; no explicit indentation, no comment on the header.
   */
  private parseBlockScalar(line: number, at: number, indent: number): ScalarNode {
    const text = this.text;
    const folded = text.charCodeAt(at) === Char.Greater;
    let cursor = at + 1;
    const strip = text.charCodeAt(cursor) === Char.Dash;
    if (strip) cursor++;
    if (this.restOfLine(cursor) !== undefined) giveUp();

    let contentIndent = -1;
    let last = line;
    const lines: string[] = [];
    let next = line + 1;
    for (; next < this.lineCount; next++) {
      const column = this.indents[next];
      if (this.kinds[next] === Line.Blank) {
        if (contentIndent >= 0 ? column > contentIndent : column > indent) giveUp();
        lines.push('');
        continue;
      }
      if (contentIndent < 0) {
        if (column <= indent) break;
        contentIndent = column;
      }
      if (column < contentIndent) {
        if (column > indent) giveUp();
        break;
      }
      const content = text.slice(this.starts[next] + contentIndent, this.contentEnd(next));
      if (folded && column > contentIndent) giveUp();
      lines.push(content);
      last = next;
    }
    if (contentIndent < 0) giveUp();

    lines.length = last - line;
    let value = folded ? foldLines(lines) : lines.join('\n');
    if (!strip) value += '\n';
    // A block scalar keeps none of the comments after it.
    this.next = this.nextContent(last + 1);
    const end = this.absorbComments(last, this.next, Infinity);
    this.endsEmpty = false;
    const type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    return new StringScalarNode(value, at, end, end, type);
  }

  /**
   * The offset of the colon that ends a plain key starting at `at`, or -1 when the line holds
   * no key there.
   */
  private keyColon(at: number): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (isIndicator(first) || first === Char.Question || first === Char.Colon) return -1;
    if (first === Char.Dash && (text.charCodeAt(at + 1) === Char.Space || this.atLineEnd(at + 1)))
      return -1;
    for (let cursor = at; ; cursor++) {
      const code = text.charCodeAt(cursor);
      if (cursor >= text.length || code === Char.Newline || code === Char.Return) return -1;
      if (code === Char.Hash && text.charCodeAt(cursor - 1) === Char.Space) return -1;
      if (code === Char.Colon) {
        const after = text.charCodeAt(cursor + 1);
        if (after === Char.Space || this.atLineEnd(cursor + 1)) {
          if (text.charCodeAt(cursor - 1) === Char.Space) giveUp();
          return cursor;
        }
      }
    }
  }

  /** True when a block list item's dash stands at `at`. */
  private isListItem(at: number): boolean {
    return (
      this.text.charCodeAt(at) === Char.Dash &&
      (this.text.charCodeAt(at + 1) === Char.Space || this.atLineEnd(at + 1))
    );
  }

  /** True at a line break or the text's end. */
  private atLineEnd(at: number): boolean {
    const code = this.text.charCodeAt(at);
    return at >= this.text.length || code === Char.Newline || code === Char.Return;
  }

  /**
   * After `at` on its line: undefined when only spaces follow, else the offset of the first
   * other character.
   */
  private restOfLine(at: number): number | undefined {
    const text = this.text;
    while (text.charCodeAt(at) === Char.Space) at++;
    return this.atLineEnd(at) ? undefined : at;
  }

  /** The first line from `line` on that holds content, or the line count. */
  private nextContent(line: number): number {
    while (line < this.lineCount && this.kinds[line] !== Line.Content) line++;
    return line;
  }

  /** Offset just after a line's line break, or the text's end. */
  private lineEnd(line: number): number {
    return line + 1 < this.lineCount ? this.starts[line + 1] : this.text.length;
  }

  /** Offset of a line's end, before `\r\n` or `\n`. */
  private contentEnd(line: number): number {
    let end = line + 1 < this.lineCount ? this.starts[line + 1] - 1 : this.text.length;
    if (end > 0 && this.text.charCodeAt(end - 1) === Char.Return && end !== this.text.length) end--;
    return end;
  }

  private startsWith(line: number, prefix: string): boolean {
    return this.text.startsWith(prefix, this.starts[line] + this.indents[line]);
  }

  /** True when a line at column 0 starts with a document marker followed by a space or its end. */
  private isMarker(line: number, marker: '---' | '...'): boolean {
    const start = this.starts[line];
    if (this.indents[line] !== 0 || !this.text.startsWith(marker, start)) return false;
    const after = this.text.charCodeAt(start + 3);
    return after === Char.Space || this.atLineEnd(start + 3);
  }
}

/** Where each line of a text starts, how deep it is indented, and what it holds. */
interface LineTable {
  count: number;
  /** Offset of the start of each line; the tables may be longer than the line count. */
  starts: Int32Array;
  /** Columns of each line's first non-space character. */
  indents: Int32Array;
  kinds: Uint8Array;
}

/**
 * Reads the line table in one pass over the text. The tables start at a length guessed from
 * the text's and double when a text has more lines: counting the lines first was a second
 * pass, 2 ms of a first check on 43,000 lines. A function of its own, so that V8 optimises this
 * loop on its own while it runs.
 */
function readLines(text: string): LineTable {
  const length = text.length;
  let capacity = Math.max(64, length >> 4);
  let starts = new Int32Array(capacity);
  let indents = new Int32Array(capacity);
  let kinds = new Uint8Array(capacity);

  let line = 0;
  let start = 0;
  for (;;) {
    if (line === capacity) {
      capacity *= 2;
      starts = grown(starts, new Int32Array(capacity));
      indents = grown(indents, new Int32Array(capacity));
      kinds = grown(kinds, new Uint8Array(capacity));
    }
    let at = start;
    while (at < length && text.charCodeAt(at) === Char.Space) at++;
    const first = at < length ? text.charCodeAt(at) : Char.Newline;
    starts[line] = start;
    indents[line] = at - start;
    kinds[line] =
      first === Char.Newline || first === Char.Return
        ? Line.Blank
        : first === Char.Hash
          ? Line.Comment
          : Line.Content;
    line++;

    const lineBreak = text.indexOf('\n', at);
    if (lineBreak === -1) break;
    start = lineBreak + 1;
  }
  return { count: line, starts, indents, kinds };
}

/** `larger`, holding `table` at its start. */
export function grown<T extends Int32Array | Uint8Array>(table: T, larger: T): T {
  larger.set(table);
  return larger;
}

/** Characters that cannot start a plain scalar or key. */
function isIndicator(code: number): boolean {
  switch (code) {
    case Char.Hash:
    case Char.Quote:
    case Char.Apostrophe:
    case Char.OpenBracket:
    case Char.CloseBracket:
    case Char.OpenBrace:
    case Char.CloseBrace:
    case Char.Comma:
    case Char.Bar:
    case Char.Greater:
    case 33: // !
    case 37: // %
    case 38: // &
    case 42: // *
    case 64: // @
    case 96: // `
      return true;
    default:
      return false;
  }
}

/** An entry's key name, as `String(key.value)`, without making its key node. */
function nameOf(pair: PairNode): string {
  return pair.keyNode === undefined ? pair.keyText : String(pair.keyNode.value);
}

/** True when two keys of a mapping read the same, as `String(key.value)`. */
function repeatsKey(pairs: PairNode[]): boolean {
  if (pairs.length > 8) return repeatsKeyInMany(pairs);
  for (let index = 1; index < pairs.length; index++) {
    const name = nameOf(pairs[index]);
    for (let before = 0; before < index; before++) {
      if (nameOf(pairs[before]) === name) return true;
    }
  }
  return false;
}

/**
 * `repeatsKey` for a large mapping, with a table. A function of its own: the few large
 * mappings of a config come late, and V8 threw away the optimised code of the small-mapping
 * loop when the first one arrived.
 */
function repeatsKeyInMany(pairs: PairNode[]): boolean {
  const seen = new Set<string>();
  for (let index = 0; index < pairs.length; index++) {
    const name = nameOf(pairs[index]);
    if (seen.has(name)) return true;
    seen.add(name);
  }
  return false;
}

/** True when `plainScalar` reads a text as a string, whose node is then a string scalar. */
function isPlainString(source: string): boolean {
  const first = source.charCodeAt(0);
  if (first >= 48 && first <= 57) return false;
  if (first === Char.Dash || first === Char.Plus || first === Char.Dot) return false;
  if (mayBeNullOrBoolean(source)) return !NULL_WORD.test(source) && !BOOLEAN_WORD.test(source);
  return true;
}

/**
 * False for a text that cannot be a null or a boolean word: one longer than `false`, or
 * starting with a letter other than n, t or f (of either case) and other than `~`. Compares
 * character codes: `includes` and the regular expressions made V8's optimising compiler take
 * several milliseconds over the functions asking this of every key.
 */
function mayBeNullOrBoolean(source: string): boolean {
  if (source.length > 5) return false;
  switch (source.charCodeAt(0) | 0x20) {
    case 0x6e: // n or N
    case 0x74: // t or T
    case 0x66: // f or F
    case 0x7e: // ~
      return true;
    default:
      return source === '';
  }
}

const NULL_WORD = /^(?:~|[Nn]ull|NULL)?$/;
const BOOLEAN_WORD = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/**
 * A plain scalar node, its value resolved under YAML 1.2's core schema as `yaml` resolves it:
 * null, booleans, integers (with the format `yaml` notes for octal and hexadecimal), floats
 * (with the exponent format, or the fraction digits a trailing zero asks to keep), infinities
 * and NaN; everything else is a string.
 */
function plainScalar(source: string, start: number, end: number): ScalarNode {
  const first = source.charCodeAt(0);
  const numeric =
    (first >= 48 && first <= 57) ||
    first === Char.Dash ||
    first === Char.Plus ||
    first === Char.Dot;

  if (!numeric) {
    if (mayBeNullOrBoolean(source)) {
      if (NULL_WORD.test(source)) {
        return new ScalarNode(null, start, end, end, source, 'PLAIN');
      }
      if (BOOLEAN_WORD.test(source)) {
        return new ScalarNode('tT'.includes(source[0]), start, end, end, source, 'PLAIN');
      }
    }
    return new StringScalarNode(source, start, end, end, 'PLAIN');
  }

  const node = new ScalarNode(source, start, end, end, source, 'PLAIN');
  if (/^0o[0-7]+$/.test(source)) {
    node.value = parseInt(source.substring(2), 8);
    node.format = 'OCT';
  } else if (/^[-+]?[0-9]+$/.test(source)) {
    node.value = parseInt(source, 10);
  } else if (/^0x[0-9a-fA-F]+$/.test(source)) {
    node.value = parseInt(source.substring(2), 16);
    node.format = 'HEX';
  } else if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    const nan = source.slice(-3).toLowerCase() === 'nan';
    node.value = nan ? NaN : first === Char.Dash ? -Infinity : Infinity;
  } else if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) {
    node.value = parseFloat(source);
    node.format = 'EXP';
  } else if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) {
    node.value = parseFloat(source);
    const dot = source.indexOf('.');
    if (source.endsWith('0')) node.minFractionDigits = source.length - dot - 1;
  } else {
    return new StringScalarNode(source, start, end, end, 'PLAIN');
  }
  return node;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The character a double-quoted escape at `at` (the backslash) stands for. */
function unescape(text: string, at: number): { text: string; end: number } {
  const letter = text[at + 1];
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return { text: simple, end: at + 2 };
  const length = HEX_ESCAPE_LENGTHS[letter];
  if (length === undefined) giveUp();
  const digits = text.slice(at + 2, at + 2 + length);
  if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== length) giveUp();
  const code = parseInt(digits, 16);
  if (code > 0x10ffff) giveUp();
  return { text: String.fromCodePoint(code), end: at + 2 + length };
}

/**
 * Folds the lines of a `>` scalar (none more indented): a line break between two lines becomes
 * a space, and each empty line a line break. Trailing empty lines are already gone.
 */
function foldLines(lines: string[]): string {
  let value = '';
  let breaks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') {
      breaks++;
      continue;
    }
    if (started && breaks === 0) value += ' ';
    else value += '\n'.repeat(breaks);
    started = true;
    breaks = 0;
    value += line;
  }
  return value;
}
