import {
  Document,
  LineCounter,
  Pair,
  Scalar,
  YAMLMap,
  isMap,
  isScalar,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';
import { PARSE_OPTIONS, keyEndOf, keyNameOf, keyStartOf, readBlockYaml } from './block-yaml';
import type { AutheliaVersion } from './finding';
import { ParseWalk, type Places } from './model-walk';

export { PARSE_OPTIONS };

/**
 * Parses with the block-YAML fast path when the text stays within what it reads, else with
 * `yaml`; both give the same tree. `fast` tells which one did, and so that the tree holds no
 * anchors or aliases, which the fast path gives up on. Only the fast path tells the mappings
 * with repeated keys, and only it walks the model for a `version` as it parses.
 */
export function parseYaml(
  text: string,
  version?: AutheliaVersion,
): {
  document: Document.Parsed;
  fast: boolean;
  mapsWithRepeatedKeys?: YAMLMap[];
  walk?: { version: AutheliaVersion; places: Places };
  lineStarts?: Int32Array;
} {
  const recorder = version === undefined ? undefined : new ParseWalk(text, version);
  const fast = readBlockYaml(text, recorder);
  if (!fast) return { document: parseDocument(text, PARSE_OPTIONS), fast: false };
  return {
    document: fast.document,
    fast: true,
    mapsWithRepeatedKeys: fast.mapsWithRepeatedKeys,
    lineStarts: fast.lineStarts,
    walk: recorder?.complete ? { version: version!, places: recorder.places } : undefined,
  };
}

/** A mapping entry whose key is a plain scalar, as the rules see it. */
export interface KeyedPair {
  pair: Pair<Scalar, unknown>;
  key: string;
  /** Offsets of the key text. */
  keyStart: number;
  keyEnd: number;
}

/**
 * One parsed config: the text, the `yaml` document with its offsets, and lookups by key path.
 * Parsing never throws; errors stay in `document.errors` for the syntax rule to report.
 */
export class ConfigDocument {
  readonly document: Document.Parsed;

  /**
   * Parses `text`, with the block-YAML fast path when the text stays within what it reads and
   * with `yaml` otherwise (both give the same tree), or wraps a document already parsed from
   * it (an incremental re-parse hands over the document it spliced together). Given the
   * version the text will be checked for, the fast path walks the model for it as it parses.
   */
  constructor(
    readonly text: string,
    document?: Document.Parsed,
    version?: AutheliaVersion,
  ) {
    if (document) {
      this.document = document;
      return;
    }
    const parsed = parseYaml(text, version);
    this.document = parsed.document;
    this.mapsWithRepeatedKeys = parsed.mapsWithRepeatedKeys;
    this.walk = parsed.walk;
    this.lineStarts = parsed.lineStarts;
    if (parsed.fast) this.anchorFree = true;
  }

  /**
   * Every mapping in which two keys read the same, when the parse of this whole text found
   * them (the fast path does); undefined when unknown, as after `yaml` or an incremental
   * re-parse.
   */
  readonly mapsWithRepeatedKeys: YAMLMap[] | undefined;

  /**
   * The offset where each line of the text starts, when the fast path parsed it (its line
   * table). Read only: the server copies it for its open document, which then needs no scan
   * of its own before it turns the first findings into positions.
   */
  readonly lineStarts: Int32Array | undefined;

  /** Line starts of the text, for turning offsets into lines and columns; built when asked. */
  get lineCounter(): LineCounter {
    if (!this.lines) {
      this.lines = new LineCounter();
      this.lines.addNewLine(0);
      for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) {
        this.lines.addNewLine(at + 1);
      }
    }
    return this.lines;
  }

  private lines: LineCounter | undefined;

  /** Known to hold no anchors or aliases, which incremental re-parsing needs; unset when unknown. */
  anchorFree: boolean | undefined;

  /**
   * What an incremental re-parse changed: the node it replaced and the one it put in, with
   * the parse it came from, so the model walk can be patched instead of redone.
   */
  splice: { replaced: unknown; replacement: unknown; from: ConfigDocument } | undefined;

  /** The findings of the last lint of this parse, for a partial check after the next edit. */
  lastLint: import('./recheck').LastLint | undefined;

  /**
   * The last model walk of this parse, for one target version: made by the fast path while it
   * parsed, or by the rule context.
   */
  walk: { version: string; places: Places } | undefined;

  /** The top-level mapping, or undefined when the document is not a mapping. */
  get root(): YAMLMap | undefined {
    const contents = this.document.contents;
    return isMap(contents) ? contents : undefined;
  }

  /** The first entry named `key` in `map`, if `map` is a mapping. */
  entry(map: unknown, key: string): KeyedPair | undefined {
    if (!isMap(map)) return undefined;
    for (let index = 0; index < map.items.length; index++) {
      const pair = map.items[index];
      if (keyNameOf(pair) === key) {
        const keyStart = keyStartOf(pair)!;
        const keyEnd = keyEndOf(pair)!;
        return { pair: pair as Pair<Scalar, unknown>, key, keyStart, keyEnd };
      }
    }
    return undefined;
  }

  /** The entry at a key path from the root, e.g. `['storage', 'local']`. */
  entryAt(path: readonly string[]): KeyedPair | undefined {
    let map: unknown = this.root;
    let found: KeyedPair | undefined;
    for (const key of path) {
      found = this.entry(map, key);
      if (!found) return undefined;
      map = found.pair.value;
    }
    return found;
  }

  /** The value node at a key path, or undefined when a step is missing. */
  valueAt(path: readonly string[]): unknown {
    return this.entryAt(path)?.pair.value ?? undefined;
  }

  /** The mapping at a key path, or undefined when absent or not a mapping. */
  mapAt(path: readonly string[]): YAMLMap | undefined {
    const value = path.length === 0 ? this.root : this.valueAt(path);
    return isMap(value) ? value : undefined;
  }

  /** The plain value of the scalar at a key path. */
  scalarAt(path: readonly string[]): unknown {
    const value = this.valueAt(path);
    return isScalar(value) ? value.value : undefined;
  }

  /** True when the scalar at the path is a YAML `true` (or the string "true", as Go decodes). */
  isTrue(path: readonly string[]): boolean {
    return isTrueValue(this.scalarAt(path));
  }

  /** Like `isTrue`, for a key of a mapping node such as a list item. */
  isTrueIn(map: unknown, key: string): boolean {
    const value = this.entry(map, key)?.pair.value;
    return isScalar(value) && isTrueValue(value.value);
  }

  /** The names of the top-level keys. */
  topLevelKeys(): string[] {
    const root = this.root;
    if (!root) return [];
    return root.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
  }

  /** Column (0-based) of an offset. */
  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** Offset of the start of the line that holds `offset`. */
  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset of the end of the line that holds `offset` (before its line break). */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    const end = newline === -1 ? this.text.length : newline;
    return end > 0 && this.text[end - 1] === '\r' ? end - 1 : end;
  }

  /** The offsets of the first line that holds something other than white space. */
  firstLineRange(): { start: number; end: number } {
    const match = /\S/.exec(this.text);
    const start = match ? this.lineStart(match.index) : 0;
    return { start, end: this.lineEnd(start) };
  }

  /** The line break the file uses. */
  get eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  /**
   * The file's own indentation step: the smallest positive difference between a block
   * mapping's column and the column of a block mapping nested in it. Two when unknown.
   */
  get indentUnit(): number {
    if (this.cachedIndentUnit === undefined) this.cachedIndentUnit = this.measureIndentUnit();
    return this.cachedIndentUnit;
  }

  private cachedIndentUnit: number | undefined;

  private measureIndentUnit(): number {
    let best = Infinity;
    const visit = (map: YAMLMap, depth: number): void => {
      if (depth > 6 || map.flow) return;
      const mapColumn = this.nodeColumn(map);
      for (const pair of map.items) {
        if (!isMap(pair.value) || pair.value.flow) continue;
        const step = this.nodeColumn(pair.value) - mapColumn;
        if (step > 0 && step < best && isScalar(pair.key) && this.startsLine(pair.value)) {
          best = step;
        }
        visit(pair.value, depth + 1);
      }
    };
    if (this.root) visit(this.root, 0);
    return Number.isFinite(best) ? best : 2;
  }

  /** Column of a node's first character. */
  nodeColumn(node: YamlNode): number {
    return this.column(node.range?.[0] ?? 0);
  }

  /** True when only white space stands before the node on its line. */
  private startsLine(node: YamlNode): boolean {
    const start = node.range?.[0] ?? 0;
    return this.text.slice(this.lineStart(start), start).trim() === '';
  }
}

function isTrueValue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}
