import {
  isAlias,
  isMap,
  isPair,
  isSeq,
  type Document,
  type Node as YamlNode,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { hasPlainKey, shiftOffsets, shiftPlainKey, startOf } from './block-yaml';
import { ConfigDocument, parseYaml } from './config-document';
import type { TextEdit } from './finding';
import { diffEdit } from './text-diff';

/**
 * Re-parsing only what an edit touched. A keystroke changes one place, so instead of parsing
 * a large config again, the smallest enclosing list item (an access-control rule, an OIDC
 * client) or top-level section is parsed on its own and spliced into the previous document,
 * and every offset after it is shifted. Anything unusual (parse errors, anchors, flow style,
 * an edit that changes the shape around it) falls back to a full parse, so the result is
 * always the one a full parse would give.
 */

/** A stretch of text that parses on its own: whole lines, from a line start to a line start. */
interface Region {
  start: number;
  end: number;
  /**
   * Puts the node parsed from the region's new text in place of the old one and returns it, or
   * returns undefined when the new text is not one node of the same kind at the same place.
   */
  splice(reparsed: Document.Parsed, newText: string): unknown;
  /** The node the region holds now, before any splice. */
  current(): unknown;
}

/**
 * The document for `text`, spliced from `previous` where that is safe, or undefined when only a
 * full parse will do. Takes over `previous.document`: the old config must not be used after.
 */
export function reparse(previous: ConfigDocument, text: string): ConfigDocument | undefined {
  const edit = diffEdit(previous.text, text);
  if (!edit) return new ConfigDocument(text, previous.document);

  const document = previous.document;
  const root = document.contents;
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  if (!isMap(root) || root.flow) return undefined;
  previous.anchorFree ??= !hasAnchorsOrAliases(root);
  if (!previous.anchorFree) return undefined;

  const delta = edit.newText.length - (edit.end - edit.start);
  const regions = regionsAround(previous, root, edit).reverse();
  for (const region of regions) {
    const replaced = region.current();
    const fresh = spliceRegion(region, text, delta);
    if (fresh === undefined) continue;

    shiftAfter(document, region.end, delta, fresh);
    const next = new ConfigDocument(text, document);
    next.anchorFree = true;
    next.splice = { replaced, replacement: fresh, from: previous };
    previous.splice = undefined;
    return next;
  }
  return undefined;
}

/** Parses a region's new text on its own and splices it in; undefined when it does not fit. */
function spliceRegion(region: Region, text: string, delta: number): unknown {
  const newEnd = region.end + delta;
  const regionText = detachedSlice(text, region.start, newEnd);
  if (newEnd < text.length && !regionText.endsWith('\n')) return undefined;

  const { document: reparsed, fast } = parseYaml(regionText);
  if (reparsed.errors.length > 0 || reparsed.warnings.length > 0) return undefined;
  if (!fast && hasAnchorsOrAliases(reparsed.contents)) return undefined;

  shiftTree(reparsed.contents, 0, region.start);
  return region.splice(reparsed, text);
}

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a long slice a view that keeps the
 * whole text alive, and so would every key and value parsed from it. The spliced nodes live on
 * while later keystrokes make new texts: each edited list item kept a whole version of a large
 * config, 1.4 MB a place on 43,000 lines. Flattening a concatenation copies the characters.
 */
function detachedSlice(text: string, start: number, end: number): string {
  return (' ' + text.slice(start, end)).slice(1);
}

/** The regions around the edit, outermost first: its top-level section, then list items. */
function regionsAround(config: ConfigDocument, root: YAMLMap, edit: TextEdit): Region[] {
  const text = config.text;
  const index = root.items.findIndex((pair, i) => {
    const start = sectionStart(config, root, i);
    const end = sectionStart(config, root, i + 1) ?? text.length;
    return start !== undefined && start <= edit.start && edit.end <= end && pair;
  });
  if (index < 0) return [];

  const start = sectionStart(config, root, index)!;
  const end = sectionStart(config, root, index + 1) ?? text.length;
  const keyStart = (root.items[index].key as YamlNode).range![0];
  if (edit.start < keyStart && edit.end > start) return [];

  const section: Region = {
    start,
    end,
    current: () => root.items[index],
    splice: (reparsed, newText) => {
      const map = reparsed.contents;
      if (!isMap(map) || map.flow || map.items.length !== 1) return undefined;
      const keyStart = (map.items[0].key as YamlNode | null)?.range?.[0];
      if (keyStart === undefined || lineStartIn(newText, keyStart) !== keyStart) return undefined;
      root.items[index] = map.items[0];
      return map.items[0];
    },
  };

  return [section, ...listItemsAround(config, root.items[index].value, edit, start, end)];
}

/** Line start of a top-level key, or undefined past the last one. */
function sectionStart(config: ConfigDocument, root: YAMLMap, index: number): number | undefined {
  const key = root.items[index]?.key as YamlNode | undefined;
  if (!key?.range) return undefined;
  const lineStart = config.lineStart(key.range[0]);
  return index === 0 ? Math.min(lineStart, firstContentLine(config)) : lineStart;
}

/** Where the first top-level key's region begins: after any leading comments. */
function firstContentLine(config: ConfigDocument): number {
  const key = (config.root?.items[0]?.key as YamlNode | undefined)?.range?.[0] ?? 0;
  return config.lineStart(key);
}

/**
 * The block list items that hold the edit, outermost first, each as a region from its dash
 * line to the next item's dash line.
 */
function* listItemsAround(
  config: ConfigDocument,
  node: unknown,
  edit: TextEdit,
  outerStart: number,
  outerEnd: number,
): Generator<Region> {
  if (isMap(node) && !node.flow) {
    for (const pair of node.items) {
      const range = (pair.value as YamlNode | null)?.range;
      if (range && range[0] <= edit.start && edit.end <= range[2]) {
        yield* listItemsAround(config, pair.value, edit, outerStart, outerEnd);
        return;
      }
    }
    return;
  }
  if (!isSeq(node) || node.flow) return;

  // Only the last item whose line starts before the edit can hold it: its dash comes before
  // the edit, and the next item's line after it.
  const items = node.items;
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = startOf(items[middle]);
    if (start === undefined) return;
    if (config.lineStart(start) < edit.start) low = middle + 1;
    else high = middle;
  }
  const i = low - 1;
  if (i < 0) return;

  const dash = dashOffset(config.text, items[i]);
  if (dash === undefined) return;
  let end = outerEnd;
  if (i + 1 < items.length) {
    const nextDash = dashOffset(config.text, items[i + 1]);
    if (nextDash === undefined) return;
    end = config.lineStart(nextDash);
  }
  const start = config.lineStart(dash);
  if (!(dash < edit.start && edit.end <= end)) return;

  const seq = node;
  const column = dash - start;
  yield {
    start,
    end,
    current: () => seq.items[i],
    splice: (reparsed, newText) => {
      const list = reparsed.contents;
      if (!isSeq(list) || list.flow || list.items.length !== 1) return undefined;
      const newDash = dashOffset(newText, list.items[0]);
      if (newDash === undefined || newDash - start !== column) return undefined;
      seq.items[i] = list.items[0];
      return list.items[0];
    },
  };
  yield* listItemsAround(config, items[i], edit, start, end);
}

/** The offset of the `-` that starts a block list item, if only spaces stand before it. */
function dashOffset(text: string, item: unknown): number | undefined {
  const start = startOf(item);
  if (start === undefined) return undefined;
  let at = start - 1;
  while (at >= 0 && text[at] === ' ') at--;
  if (text[at] !== '-') return undefined;
  return text.slice(lineStartIn(text, at), at).trim() === '' ? at : undefined;
}

function lineStartIn(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Adds `delta` to every offset at or after `from` in a tree, skipping the `fresh` subtree. */
function shiftAfter(document: Document.Parsed, from: number, delta: number, fresh: unknown): void {
  if (delta === 0) return;
  const range = document.range as number[];
  for (let k = 0; k < range.length; k++) if (range[k] >= from) range[k] += delta;
  shiftTree(document.contents, from, delta, fresh);
}

function shiftTree(node: unknown, from: number, delta: number, fresh?: unknown): void {
  if (node === fresh && fresh !== undefined) return;
  if (isPair(node)) {
    if (!shiftPlainKey(node, from, delta)) shiftTree(node.key, from, delta, fresh);
    shiftTree(node.value, from, delta, fresh);
    return;
  }
  if (!shiftOffsets(node, from, delta)) return;
  if (isMap(node) || isSeq(node)) {
    const items = (node as YAMLMap | YAMLSeq).items;
    for (let index = 0; index < items.length; index++) shiftTree(items[index], from, delta, fresh);
  }
}

/** True when anchors or aliases tie parts of the tree together, so a splice could break them. */
function hasAnchorsOrAliases(node: unknown): boolean {
  if (isAlias(node)) return true;
  if (isPair(node)) {
    if (!hasPlainKey(node) && hasAnchorsOrAliases(node.key)) return true;
    return hasAnchorsOrAliases(node.value);
  }
  if ((node as { anchor?: string } | null)?.anchor) return true;
  if (isMap(node) || isSeq(node))
    return (node as YAMLMap | YAMLSeq).items.some(hasAnchorsOrAliases);
  return false;
}
