import { isMap, isScalar, type Scalar, type YAMLMap } from 'yaml';
import type { ConfigDocument, KeyedPair } from './config-document';
import type { TextEdit } from './finding';

/**
 * A piece of YAML to write: mapping entries, nested entries, and comment lines. Scalars are
 * written already quoted as they should appear, e.g. `'tcp://postgres:5432'`.
 */
export type StubEntry =
  { key: string; value: string | StubEntry[] } | { comment: string } | { raw: string[] };

/**
 * Minimal text edits on a parsed config. Each edit touches one mapping or one entry, follows
 * the file's own indentation and style (block or flow), and leaves every other line alone.
 */

/** Renders entries as block YAML lines at `column`, one indentation step per level. */
export function renderBlock(entries: StubEntry[], column: number, unit: number): string[] {
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  for (const entry of entries) {
    if ('comment' in entry) {
      lines.push(`${pad}# ${entry.comment}`);
    } else if ('raw' in entry) {
      lines.push(...entry.raw.map((line) => pad + line));
    } else if (typeof entry.value === 'string') {
      lines.push(`${pad}${entry.key}: ${entry.value}`);
    } else {
      lines.push(`${pad}${entry.key}:`, ...renderBlock(entry.value, column + unit, unit));
    }
  }
  return lines;
}

/** Renders entries as the inside of a flow mapping; comments have no place there. */
export function renderFlow(entries: StubEntry[]): string {
  return entries
    .flatMap((entry) => {
      if ('comment' in entry || 'raw' in entry) return [];
      const value = typeof entry.value === 'string' ? entry.value : `{${renderFlow(entry.value)}}`;
      return [`${entry.key}: ${value}`];
    })
    .join(', ');
}

/** Replaces one entry, key and value, with other entries written in the same place. */
export function replaceEntry(
  config: ConfigDocument,
  parent: YAMLMap,
  entry: KeyedPair,
  replacement: StubEntry[],
): TextEdit {
  const start = entry.keyStart;
  const end = valueEnd(entry);

  if (parent.flow) return { start, end, newText: renderFlow(replacement) };

  const column = config.column(start);
  const lines = renderBlock(replacement, column, config.indentUnit);
  let newText = lines.join(config.eol).slice(column);
  if (config.text[end - 1] === '\n') newText += config.eol;
  return { start, end, newText };
}

/** Adds entries at the end of a mapping, in its own style and at its own indentation. */
export function insertIntoMap(
  config: ConfigDocument,
  map: YAMLMap,
  entries: StubEntry[],
): TextEdit {
  if (map.flow) return insertIntoFlowMap(config, map, entries);

  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  const column = isScalar(first?.key) ? config.column(first.key.range?.[0] ?? 0) : 0;
  const lines = renderBlock(entries, column, config.indentUnit);
  const lastEnd = last ? pairEnd(last) : (map.range?.[0] ?? 0);
  return insertLinesAfter(config, lastEnd, lines);
}

/** Adds entries under a key whose value is empty (`session:` with nothing after it). */
export function insertUnderEmptyKey(
  config: ConfigDocument,
  entry: KeyedPair,
  entries: StubEntry[],
): TextEdit {
  const column = config.column(entry.keyStart) + config.indentUnit;
  const lines = renderBlock(entries, column, config.indentUnit);
  const value = entry.pair.value;
  const end = isScalar(value) && value.range ? value.range[1] : entry.keyEnd;
  return insertLinesAfter(config, end, lines);
}

/** Adds top-level entries to a document whose root is a mapping, or that is empty. */
export function insertAtTopLevel(config: ConfigDocument, entries: StubEntry[]): TextEdit {
  const root = config.root;
  if (root && root.items.length > 0) return insertIntoMap(config, root, entries);

  const lines = renderBlock(entries, 0, config.indentUnit);
  const text = config.text;
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  const newText = (needsBreak ? config.eol : '') + lines.join(config.eol) + config.eol;
  return { start: text.length, end: text.length, newText };
}

/**
 * Makes the key path hold `value`, writing only what is missing: it replaces a scalar that
 * is already there, or adds the missing keys under the deepest mapping that exists. Returns
 * undefined when the path already holds that value, or when a step is not a mapping.
 */
export function setValue(
  config: ConfigDocument,
  path: readonly string[],
  value: string,
): TextEdit | undefined {
  let map: YAMLMap | undefined = config.root;
  let parentEntry: KeyedPair | undefined;

  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth];
    const found: KeyedPair | undefined = config.entry(map, key);
    const rest = path.slice(depth + 1);

    if (!found) {
      const entries = nestEntries([key, ...rest], value);
      if (map) return insertIntoMap(config, map, entries);
      if (parentEntry) return insertUnderEmptyKey(config, parentEntry, entries);
      return insertAtTopLevel(config, entries);
    }

    const child = found.pair.value;
    if (rest.length === 0) {
      if (isScalar(child) && child.range) {
        if (child.source === value || String(child.value) === value) return undefined;
        const [start, end] = child.range;
        const spaced = start === end && config.text[start - 1] === ':' ? ` ${value}` : value;
        return { start, end, newText: spaced };
      }
      return undefined;
    }

    if (isMap(child)) {
      map = child;
    } else if (isEmptyValue(child)) {
      return insertUnderEmptyKey(config, found, nestEntries(rest, value));
    } else if (isScalar(child) && child.value === null && child.range) {
      const [start, end] = child.range;
      return { start, end, newText: `{${renderFlow(nestEntries(rest, value))}}` };
    } else {
      return undefined;
    }
    parentEntry = found;
  }
  return undefined;
}

/**
 * Removes one entry of a mapping: its whole lines in block style, or the entry and the comma
 * before it in flow style.
 */
export function removeEntry(config: ConfigDocument, map: YAMLMap, index: number): TextEdit {
  const pair = map.items[index];
  const keyStart = (pair.key as { range?: number[] }).range?.[0] ?? 0;
  const end = pairEnd(pair);

  if (map.flow) {
    const start = index > 0 ? pairEnd(map.items[index - 1]) : keyStart;
    const after = index > 0 ? end : nextFlowItemStart(config, end);
    return { start, end: after, newText: '' };
  }

  const lineStart = config.lineStart(keyStart);
  const startsLine = config.text.slice(lineStart, keyStart).trim() === '';
  const next = map.items[index + 1]?.key as { range?: number[] } | undefined;
  if (!startsLine && next?.range) {
    // The first entry of a list item (`- key: …`): the next entry moves up beside the dash.
    return { start: keyStart, end: next.range[0], newText: '' };
  }
  const start = startsLine ? lineStart : keyStart;
  if (config.text[end - 1] === '\n') return { start, end, newText: '' };
  const lineEnd = config.lineEnd(end);
  const breakLength = config.text.startsWith('\r\n', lineEnd)
    ? 2
    : config.text[lineEnd] === '\n'
      ? 1
      : 0;
  return { start, end: lineEnd + breakLength, newText: '' };
}

/** Replaces a scalar's value, keeping the quotes it was written with. */
export function replaceScalar(scalar: Scalar, value: string): TextEdit | undefined {
  if (!scalar.range) return undefined;
  const quote = scalar.type === 'QUOTE_SINGLE' ? "'" : scalar.type === 'QUOTE_DOUBLE' ? '"' : '';
  return { start: scalar.range[0], end: scalar.range[1], newText: `${quote}${value}${quote}` };
}

/** Removes a mapping entry found by key, as `removeEntry` does. */
export function removeKeyedEntry(config: ConfigDocument, map: YAMLMap, entry: KeyedPair): TextEdit {
  return removeEntry(config, map, map.items.indexOf(entry.pair as never));
}

function nextFlowItemStart(config: ConfigDocument, end: number): number {
  const match = /^\s*,\s*/.exec(config.text.slice(end));
  return match ? end + match[0].length : end;
}

/** Combines edits that insert at the same offset into one, keeping their order. */
export function mergeEdits(edits: readonly (TextEdit | undefined)[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    if (!edit) continue;
    const twin = merged.find((other) => other.start === edit.start && other.end === edit.end);
    if (twin && edit.start === edit.end) twin.newText += edit.newText;
    else merged.push({ ...edit });
  }
  return merged;
}

/** Applies offset edits to a text, as an editor would. Edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of ordered) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/** True for a key with nothing after it, such as `session:` alone on its line. */
export function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  return isScalar(node) && node.value === null && (node.source ?? '') === '';
}

function nestEntries(path: readonly string[], value: string): StubEntry[] {
  const [key, ...rest] = path;
  return [{ key, value: rest.length === 0 ? value : nestEntries(rest, value) }];
}

function insertIntoFlowMap(config: ConfigDocument, map: YAMLMap, entries: StubEntry[]): TextEdit {
  const body = renderFlow(entries);
  const last = map.items[map.items.length - 1];
  if (last) {
    const end = pairEnd(last);
    return { start: end, end, newText: `, ${body}` };
  }
  const close = config.text.lastIndexOf('}', (map.range?.[1] ?? 1) - 1);
  return { start: close, end: close, newText: body };
}

/** Inserts whole lines after the line that holds `offset` (after any comment on it). */
function insertLinesAfter(config: ConfigDocument, offset: number, lines: string[]): TextEdit {
  const eol = config.eol;
  if (offset > 0 && config.text[offset - 1] === '\n') {
    return { start: offset, end: offset, newText: lines.join(eol) + eol };
  }
  const at = config.lineEnd(offset);
  return { start: at, end: at, newText: eol + lines.join(eol) };
}

function valueEnd(entry: KeyedPair): number {
  return pairEnd(entry.pair);
}

function pairEnd(pair: { key: unknown; value: unknown }): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  if (value?.range) return value.range[1];
  const key = pair.key as { range?: [number, number, number] } | null;
  return key?.range?.[1] ?? 0;
}
