import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';

/** The offset of an LSP position (UTF-16 units, `\n` line ends) in `text`. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const end = text.indexOf('\n', offset);
    if (end < 0) throw new Error(`line ${position.line} is past the end of the text`);
    offset = end + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const length = (lineEnd < 0 ? text.length : lineEnd) - offset;
  if (position.character > length) {
    throw new Error(`character ${position.character} is past the end of line ${position.line}`);
  }
  return offset + position.character;
}

/** The LSP position of an offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Applies LSP text edits that all refer to the original text, as a client does. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((edit, index) => ({
      start: offsetAt(text, edit.range.start),
      end: offsetAt(text, edit.range.end),
      newText: edit.newText,
      index,
    }))
    .sort((a, b) => b.start - a.start || b.index - a.index);
  let result = text;
  for (let i = 0; i < resolved.length; i++) {
    const edit = resolved[i];
    if (edit.end < edit.start) throw new Error('edit ends before it starts');
    if (i > 0 && edit.end > resolved[i - 1].start) throw new Error('overlapping edits');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/**
 * The range of the mapping key `key` on the `occurrence`-th line (0-based) that starts,
 * after indentation, with `key:`. Used to compute expected diagnostic ranges from a file.
 */
export function keyRange(text: string, key: string, occurrence = 0): Range {
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    const match = /^(\s*(?:- )?)(\S+):/.exec(lines[line]);
    if (match && match[2] === key && seen++ === occurrence) {
      const character = match[1].length;
      return {
        start: { line, character },
        end: { line, character: character + key.length },
      };
    }
  }
  throw new Error(`no key '${key}' (occurrence ${occurrence}) in the text`);
}

/** A position `delta` characters into a range's start, e.g. inside a key. */
export function inside(range: Range, delta = 1): Position {
  return { line: range.start.line, character: range.start.character + delta };
}
