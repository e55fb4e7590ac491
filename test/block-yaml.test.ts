import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scalar, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  hasPlainKey,
  keyEndOf,
  keyNameOf,
  keyStartOf,
  parseBlockYaml,
  shiftOffsets,
  shiftPlainKey,
} from '../server/src/engine/block-yaml';
import { PARSE_OPTIONS } from '../server/src/engine/config-document';
import { generateConfig } from '../bench/generate.mjs';
import { SHARED_DIR, yamlFilesIn } from './support/shared';
import { treeDifference } from './support/yaml-trees';
import { random } from './support/random';

/**
 * The block-YAML fast path must build exactly the tree `yaml` builds, or give up. Each check
 * parses with both; when the fast path answers, every range, value, type and source must match.
 */

const ROOT = join(__dirname, '..');

/** Parses with both; returns the difference, or 'gave up' when the fast path declined. */
function compare(text: string): string | undefined {
  const fast = parseBlockYaml(text);
  if (!fast) return 'gave up';
  return treeDifference(fast, parseDocument(text, PARSE_OPTIONS));
}

/**
 * Compares both parsers on `rounds` edited texts from `edited`; at least a fifth of them must
 * take the fast path, so the comparison really happens.
 */
function agreesAfterEdits(rounds: number, edited: (round: number) => string): void {
  let compared = 0;
  for (let round = 0; round < rounds; round++) {
    const text = edited(round);
    const difference = compare(text);
    if (difference === 'gave up') continue;
    compared++;
    assert.equal(difference, undefined, `round ${round}:\n${text}`);
  }
  assert.ok(compared > rounds / 5, `only ${compared} edited texts took the fast path`);
}

describe('block-YAML fast path', () => {
  describe('builds the same tree as yaml', () => {
    const cases: Record<string, string> = {
      'scalars of every plain kind': [
        'a: text with spaces',
        'b: 42',
        'c: -7',
        'd: 1.5',
        'e: true',
        'f: False',
        'g: ~',
        'h: null',
        'i: 1h30m',
        'j: tcp://0.0.0.0:9091/',
        'k: a#b',
        '1: numeric key',
        'l: 0o17',
        'm: 0x1F',
        'n: 1.0e3',
        'o: 1.50',
        'p: -.inf',
        'q: .NaN',
        'r: +12',
        '',
      ].join('\n'),
      'quoted scalars with escapes': [
        `a: 'it''s'`,
        'b: "tab\\there \\"quoted\\" \\u00e9 \\x41 \\\\"',
        `c: ''`,
        'd: ""',
        `e: 'a' # note`,
        '',
      ].join('\n'),
      'comments after values, on their own lines and deeper': [
        '# head',
        'a: 1 # same line',
        '  # deeper: the scalar keeps it',
        '',
        '    # and after a blank line too',
        '# at column 0: the next key keeps it',
        'b:',
        '  c: x',
        '  # inside b, after its last entry',
        '',
        'd: 2',
        '# tail',
        '',
      ].join('\n'),
      'trailing comments handed out to the shallowest collection they fit': [
        'a:',
        '  b:',
        '    c: 1',
        '  # two',
        '# zero',
        'd:',
        '  - x',
        '',
        '  # belongs to the list',
        '',
        'e: 1',
      ].join('\n'),
      'empty values with and without comments': [
        'a:',
        'b:   # why',
        'c: 1',
        'nested:',
        '  d: # empty',
        '',
        '  e:',
        '  f: # last',
        'g: # end of file',
      ].join('\n'),
      'compact and nested lists': [
        'rules:',
        '- domain: a.example.com',
        '  policy: bypass',
        '- domain:',
        '    - b.example.com',
        '    - "c.example.com"',
        '  query:',
        '    - - key: tenant',
        '        value: t1',
        '      - key: debug',
        '    - - key: x',
        'methods: [GET, "HEAD",  PUT ]',
        'empty_list: []',
        'empty_map: {}',
        '',
      ].join('\n'),
      'literal and folded block scalars': [
        'key: |',
        '  -----BEGIN KEY-----',
        '',
        '  abc',
        '    indented',
        '',
        'folded: >-',
        '  one',
        '  two',
        '',
        '  three',
        'stripped: |-',
        '  x',
        '# after',
        'last: |',
        '  end',
      ].join('\n'),
      'Windows line ends': 'a: 1\r\nb:\r\n  c: "x" # c\r\n  d: |\r\n    y\r\n\r\n',
      'document markers': '# before\n---\n# after\na: 1\n...\n',
      'a list at the root, indented': '  - a: 1\n    b: 2\n  - c\n',
      'no line break at the end': 'a:\n  b: 1\n  # c',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, () => assert.equal(compare(text), undefined));
    }
  });

  describe('gives up on what it does not read', () => {
    const cases: Record<string, string> = {
      anchors: 'a: &x 1\nb: *x\n',
      tags: 'a: !!str 1\n',
      'multi-line plain scalars': 'a: one\n  two\n',
      'multi-line quoted scalars': 'a: "one\n  two"\n',
      'flow mappings': 'a: {b: 1}\n',
      tabs: 'a:\n\tb: 1\n',
      'a mapping in a value': 'a: b: c\n',
      'quoted keys': '"a": 1\n',
      'a second document': 'a: 1\n---\nb: 2\n',
      'bad indentation': 'a:\n    b: 1\n  c: 2\n',
      'an unclosed quote': "a: 'open\n",
      templates: 'a: {{ env "X" }}\n',
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, () => assert.equal(parseBlockYaml(text), undefined));
    }
  });

  it('leaves a nesting deeper than the stack allows to yaml', () => {
    assert.equal(parseBlockYaml(`${'- '.repeat(100_000)}x\n`), undefined);
  });

  it('keeps offsets as yaml does: range reads them, assigning range writes them', () => {
    const fast = parseBlockYaml('a: 1\nb: [x, y]\n')!;
    const map = fast.contents as YAMLMap<Scalar, unknown>;
    const list = map.items[1].value as YAMLSeq<Scalar>;
    assert.deepEqual(list.range, [8, 14, 15]);
    assert.deepEqual(list.items[1].range, [12, 13, 13]);

    list.range = [1, 2, 3];
    assert.deepEqual(list.range, [1, 2, 3]);
  });

  it("shifts the offsets at or after an edit, in our nodes and in yaml's", () => {
    const text = 'a: 1\nb: [x, y]\n';
    for (const document of [parseBlockYaml(text)!, parseDocument(text, PARSE_OPTIONS)]) {
      const map = document.contents as YAMLMap<Scalar, unknown>;
      const list = map.items[1].value as YAMLSeq<Scalar>;

      assert.equal(shiftOffsets(map.items[0].value, 6, 10), false);
      assert.deepEqual((map.items[0].value as Scalar).range, [3, 4, 5]);

      assert.equal(shiftOffsets(list, 14, 10), true);
      assert.deepEqual(list.range, [8, 24, 25]);
    }
  });

  it('makes the node of a plain key only when it is read, and reads the key without it', () => {
    const text = 'server:\n  port: 9091\n1: one\ntrue: yes\n';
    for (const document of [parseBlockYaml(text)!, parseDocument(text, PARSE_OPTIONS)]) {
      const root = document.contents as YAMLMap<Scalar, unknown>;
      const [server, one, yes] = root.items;
      assert.deepEqual(root.items.map(keyNameOf), ['server', '1', 'true']);
      assert.deepEqual([keyStartOf(server), keyEndOf(server)], [0, 6]);
      assert.deepEqual([keyStartOf(one), keyEndOf(one)], [21, 22]);
      assert.equal(one.key.value, 1);
      assert.equal(yes.key.value, true);
    }

    const fast = parseBlockYaml(text)!.contents as YAMLMap<Scalar, unknown>;
    const server = fast.items[0];
    assert.equal(hasPlainKey(server), true);
    assert.equal(hasPlainKey(fast.items[1]), false, 'a number key is made with its entry');

    assert.equal(shiftPlainKey(server, 0, 5), true);
    assert.deepEqual([keyStartOf(server), keyEndOf(server)], [5, 11]);
    const key = server.key;
    assert.equal(server.key, key, 'the key node, once made, is kept');
    assert.deepEqual(
      [key.value, key.source, key.type, key.range],
      ['server', 'server', 'PLAIN', [5, 11, 11]],
    );
    assert.equal(hasPlainKey(server), false);
    assert.equal(shiftPlainKey(server, 0, 5), false, 'a made key shifts as a node');

    const other = new Scalar('other');
    other.range = [0, 5, 5];
    server.key = other;
    assert.equal(keyNameOf(server), 'other');
  });

  it('takes the fast path on the example and generated configs', () => {
    const texts = [
      readFileSync(join(ROOT, 'examples', 'configuration.yml'), 'utf8'),
      generateConfig({ rules: 200 }),
      generateConfig({ rules: 200, broken: true }),
    ];
    for (const text of texts) assert.equal(compare(text), undefined);
  });

  it('agrees with yaml on every config of the corpus and the cases', function () {
    if (!SHARED_DIR) this.skip();
    let fast = 0;
    const files = [...yamlFilesIn(SHARED_DIR!), ...yamlFilesIn(join(ROOT, 'test'))];
    for (const file of files) {
      const difference = compare(readFileSync(file, 'utf8'));
      if (difference === 'gave up') continue;
      fast++;
      assert.equal(difference, undefined, file);
    }
    assert.ok(fast >= files.length * 0.8, `fast path on ${fast} of ${files.length} files`);
  });

  it('agrees with yaml after thousands of random line edits', function () {
    this.timeout(60_000);
    const next = random(20261203);
    const lines = [
      '# comment',
      '  # indented comment',
      '      # deep comment',
      '',
      '   ',
      'new_key: value',
      '  nested: 1',
      '    deeper: "q"',
      '- item',
      '  - item',
      '    - key: v',
      '  key: |',
      '    block',
      '  key: >-',
      '  list: [a, "b"]',
      '  empty:',
      '  empty: # c',
      '---',
      '...',
      'a: 1.50',
      'a: 0o17',
      'a: 1e3',
    ];
    const bases = [
      generateConfig({ rules: 12 }),
      readFileSync(join(ROOT, 'examples', 'configuration.yml'), 'utf8'),
    ];
    agreesAfterEdits(1500, (round) => {
      const text = bases[round % bases.length].split('\n');
      for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
        const at = Math.floor(next() * text.length);
        const choice = next();
        if (choice < 0.4) text.splice(at, 0, lines[Math.floor(next() * lines.length)]);
        else if (choice < 0.55) text.splice(at, 1);
        else if (choice < 0.7) text[at] = ' ' + text[at];
        else if (choice < 0.8) text[at] = text[at].replace(/^ /, '');
        else if (choice < 0.9) text[at] = text[at] + '  # trailing';
        else text.splice(at, 0, text[Math.floor(next() * text.length)]);
      }
      const joined = text.join(next() < 0.2 ? '\r\n' : '\n');
      return next() < 0.2 ? joined.trimEnd() : joined;
    });
  });

  it('agrees with yaml after random character edits, broken YAML included', function () {
    this.timeout(60_000);
    const next = random(42);
    // Each character on its own, and two spaces.
    const insertions = [...'a \n:-\'"#[],|>\\', '  '];
    const base = generateConfig({ rules: 12 });
    agreesAfterEdits(1500, () => {
      let text = base;
      for (let edit = 0; edit < 1 + Math.floor(next() * 3); edit++) {
        const at = Math.floor(next() * text.length);
        const insertion = next() < 0.7 ? insertions[Math.floor(next() * insertions.length)] : '';
        const removed = insertion ? 0 : 1 + Math.floor(next() * 3);
        text = text.slice(0, at) + insertion + text.slice(at + removed);
      }
      return text;
    });
  });
});
