import assert from 'node:assert/strict';
import {
  TextDocument,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-textdocument';
import { ConfigDocument } from '../server/src/engine';
import { OPEN_DOCUMENTS, OpenDocument } from '../server/src/open-document';
import { random } from './support/random';

/**
 * OpenDocument must answer exactly as the library's TextDocument does. Each check applies the
 * same changes to both and compares everything the TextDocument interface answers.
 */

/** Every difference between the two documents' answers, as a message; undefined when none. */
function difference(ours: OpenDocument, theirs: TextDocument): string | undefined {
  const text = theirs.getText();
  if (ours.getText() !== text) return `text ${JSON.stringify(ours.getText())}`;
  if (ours.version !== theirs.version) return `version ${ours.version}`;
  if (ours.lineCount !== theirs.lineCount) return `lineCount ${ours.lineCount}`;

  for (let offset = -1; offset <= text.length + 1; offset++) {
    const [a, b] = [ours.positionAt(offset), theirs.positionAt(offset)];
    if (a.line !== b.line || a.character !== b.character) {
      return `positionAt(${offset}) ${JSON.stringify(a)} instead of ${JSON.stringify(b)}`;
    }
  }
  for (let line = -1; line <= theirs.lineCount + 1; line++) {
    for (let character = -1; character <= 6; character++) {
      const position = { line, character };
      if (ours.offsetAt(position) !== theirs.offsetAt(position)) {
        return `offsetAt(${JSON.stringify(position)}) ${ours.offsetAt(position)}`;
      }
    }
    const range = JSON.stringify(ours.getLineRange(line));
    if (range !== JSON.stringify(theirs.getLineRange(line)))
      return `getLineRange(${line}) ${range}`;
    if (ours.getEOLCharacters(line) !== theirs.getEOLCharacters(line)) {
      return `getEOLCharacters(${line}) ${JSON.stringify(ours.getEOLCharacters(line))}`;
    }
  }
  return undefined;
}

/** Short texts rich in line breaks of every kind, so edits often touch them. */
const PIECES = ['a', 'key: value', ' ', '\n', '\r\n', '\r', '- x', '\n\n', '\r\r\n', ''];

function randomText(next: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

/**
 * A position on one of the document's lines, possibly past that line's end, which the protocol
 * allows. Lines past the last one are left out: the library leaves holes in its line table
 * after such an edit, and no client sends one.
 */
function randomPosition(next: () => number, lineCount: number): Position {
  return { line: Math.floor(next() * lineCount), character: Math.floor(next() * 8) };
}

function randomChange(next: () => number, document: TextDocument): TextDocumentContentChangeEvent {
  const text = randomText(next, Math.floor(next() * 4));
  if (next() < 0.05) return { text };
  const a = randomPosition(next, document.lineCount);
  const b = randomPosition(next, document.lineCount);
  return { range: { start: a, end: b }, text };
}

describe('OpenDocument', () => {
  it('answers as the library does after thousands of random edits', () => {
    const next = random(20261203);
    for (let round = 0; round < 300; round++) {
      const initial = randomText(next, 12);
      const ours = OPEN_DOCUMENTS.create('file:///c.yml', 'yaml', 1, initial);
      const theirs = TextDocument.create('file:///c.yml', 'yaml', 1, initial);
      const history: TextDocumentContentChangeEvent[][] = [];

      for (let version = 2; version < 12; version++) {
        // Sometimes ask for positions first, so the line starts are kept up to date through
        // the edit instead of being counted afresh afterwards.
        if (next() < 0.5) ours.positionAt(0);
        // Two changes in one notification; the second one's positions are in the text the
        // first one leaves, as the protocol has it.
        const first = randomChange(next, theirs);
        const probe = TextDocument.create('file:///c.yml', 'yaml', 0, theirs.getText());
        TextDocument.update(probe, [first], 0);
        const changes = [first, randomChange(next, probe)];
        history.push(changes);
        OPEN_DOCUMENTS.update(ours, changes, version);
        TextDocument.update(theirs, changes, version);

        const found = difference(ours, theirs);
        assert.equal(
          found,
          undefined,
          `round ${round}, from ${JSON.stringify(initial)} with ${JSON.stringify(history)}`,
        );
      }
    }
  });

  it('finds the line starts of \\n, \\r\\n and lone \\r line breaks', () => {
    const document = new OpenDocument('file:///c.yml', 'yaml', 1, 'a\nb\r\nc\rd');
    assert.equal(document.lineCount, 4);
    assert.deepEqual(document.positionAt(5), { line: 2, character: 0 });
    assert.deepEqual(document.positionAt(8), { line: 3, character: 1 });
    assert.equal(document.offsetAt({ line: 1, character: 9 }), 3);
  });

  it('keeps positions right after an edit that adds and removes lines', () => {
    const document = new OpenDocument('file:///c.yml', 'yaml', 1, 'a: 1\nb: 2\nc: 3\n');
    document.positionAt(0);
    document.update(
      [
        {
          range: { start: { line: 0, character: 3 }, end: { line: 1, character: 4 } },
          text: '1\nx: 0\ny: 2',
        },
      ],
      2,
    );
    assert.equal(document.getText(), 'a: 1\nx: 0\ny: 2\nc: 3\n');
    assert.deepEqual(document.positionAt(15), { line: 3, character: 0 });
  });

  it("takes the parse's line starts for the same text, and keeps its own copy", () => {
    const text = 'a: 1\r\nb:\n  - x\n\nc: 3';
    const config = new ConfigDocument(text);
    assert.deepEqual([...config.lineStarts!], [0, 6, 9, 15, 16]);

    const document = new OpenDocument('file:///c.yml', 'yaml', 1, text);
    document.adoptLineStarts(text, config.lineStarts!);
    const library = TextDocument.create('file:///c.yml', 'yaml', 1, text);
    assert.equal(difference(document, library), undefined);

    const edit: TextDocumentContentChangeEvent = {
      range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } },
      text: '10\n',
    };
    document.update([edit], 2);
    TextDocument.update(library, [edit], 2);
    assert.equal(difference(document, library), undefined);
    assert.deepEqual([...config.lineStarts!], [0, 6, 9, 15, 16], "the parse's are untouched");
  });

  it('ignores line starts found for another text, or once it has its own', () => {
    const document = new OpenDocument('file:///c.yml', 'yaml', 1, 'a: 1\nb: 2\n');
    document.adoptLineStarts('a: 1\n', new Int32Array([0, 99]));
    assert.deepEqual(document.positionAt(6), { line: 1, character: 1 });
    document.adoptLineStarts('a: 1\nb: 2\n', new Int32Array([0, 99, 100]));
    assert.deepEqual(document.positionAt(6), { line: 1, character: 1 });
  });
});
