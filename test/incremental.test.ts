import assert from 'node:assert/strict';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ConfigDocument, lint, type LintResult } from '../server/src/engine';
import { reparse } from '../server/src/engine/incremental';
import type { Places } from '../server/src/engine/model-walk';
import { generateConfig } from '../bench/generate.mjs';
import { random } from './support/random';

/**
 * Incremental re-parsing must give exactly what a full parse gives. Random edits, from a fixed
 * seed, are applied one after another to generated configs; after each, the incremental lint
 * and a full lint must agree on every finding, and the two parse trees on every offset.
 */

const INSERTIONS = [
  'a',
  'Z',
  '1',
  ' ',
  '\n',
  ':',
  '-',
  "'",
  '"',
  '#',
  '{',
  '[',
  '  ',
  'x: 1\n',
  "    - domain: 'new.example.com'\n      policy: 'one_factor'\n",
  '\n  ',
  'two_factor',
  '{{ x }}',
];

function randomEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const choice = next();
  if (choice < 0.5) {
    const insertion = INSERTIONS[Math.floor(next() * INSERTIONS.length)];
    return text.slice(0, at) + insertion + text.slice(at);
  }
  const length = 1 + Math.floor(next() * (choice < 0.8 ? 3 : 40));
  const replacement = choice < 0.9 ? '' : INSERTIONS[Math.floor(next() * INSERTIONS.length)];
  return text.slice(0, at) + replacement + text.slice(at + length);
}

/** Every node's kind and offsets, in document order. */
function shape(config: ConfigDocument): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    const range = (node as { range?: number[] } | null)?.range;
    const kind = isMap(node)
      ? 'map'
      : isSeq(node)
        ? 'seq'
        : isScalar(node)
          ? `scalar:${String(node.value)}`
          : typeof node;
    out.push(`${kind}@${range?.join(',')}`);
    if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(config.document.contents);
  return out;
}

function findings(result: LintResult): string[] {
  return result.findings.map((finding) =>
    JSON.stringify([
      finding.ruleId,
      finding.severity,
      finding.message,
      finding.start,
      finding.end,
      finding.related,
      finding.fixes,
    ]),
  );
}

describe('incremental re-parsing', () => {
  for (const [rules, broken, seed, edits] of [
    [30, false, 1, 150],
    [30, true, 2, 150],
    [120, false, 3, 40],
  ] as const) {
    it(`agrees with a full parse over ${edits} random edits (${rules} rules${broken ? ', broken' : ''})`, function () {
      this.timeout(120_000);
      const next = random(seed);
      let text = generateConfig({ rules, broken });
      let previous = new ConfigDocument(text);
      let spliced = 0;

      for (let step = 0; step < edits; step++) {
        const edited = randomEdit(text, next);
        const full = lint(edited);
        const incremental = lint(edited, {}, previous);
        if (incremental.config && incremental.config.document !== full.config?.document) spliced++;

        assert.deepEqual(findings(incremental), findings(full), `step ${step}`);
        assert.deepEqual(shape(incremental.config!), shape(full.config!), `step ${step}`);

        text = edited;
        previous = incremental.config ?? new ConfigDocument(text);
      }
      assert.ok(spliced > edits / 4, `only ${spliced} of ${edits} edits were incremental`);
    });
  }

  it('splices a one-character edit inside one rule without a full parse', () => {
    const text = generateConfig({ rules: 50, broken: false });
    const previous = new ConfigDocument(text);
    const at = text.indexOf('-0007.') + 3;
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const spliced = reparse(previous, edited);
    assert.ok(spliced, 'expected an incremental parse');
    assert.deepEqual(shape(spliced), shape(new ConfigDocument(edited)));
  });

  it('walks the model again only below the replaced rule', () => {
    const text = generateConfig({ rules: 50, broken: true });
    const first = lint(text);
    const before = first.config!.walk!.places as Places;
    const length = before.length;
    const [firstValue, lastValue] = [before.values[0], before.values[length - 1]];
    const at = text.indexOf('-0007.') + 3;
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;

    const second = lint(edited, {}, first.config);
    const after = second.config!.walk!.places as Places;
    assert.equal(after, before, 'the walk is taken over');
    assert.equal(after.length, length);
    assert.equal(after.values[0], firstValue, 'places before the edit are kept');
    assert.equal(after.values[length - 1], lastValue, 'and places after it');
    assert.deepEqual(findings(second), findings(lint(edited)));
  });

  it("checks only the edited rule again, keeping the other rules' findings", () => {
    const text = generateConfig({ rules: 50, broken: true });
    const first = lint(text);
    const typo = first.findings.find((finding) => finding.ruleId === 'schema/unknown-key')!;
    assert.ok(typo, 'the broken config has a typo');

    const at = text.indexOf('-0045.') + 3;
    assert.ok(at > typo.end, 'the edit comes after the typo');
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const second = lint(edited, {}, first.config);
    assert.ok(second.findings.includes(typo), 'the typo finding before the edit is kept as it was');
    assert.deepEqual(findings(second), findings(lint(edited)));

    const broken = `${edited.slice(0, at)}'${edited.slice(at)}`.replace(
      "methods: ['GET'",
      "methods: ['FETCH'",
    );
    const third = lint(broken, {}, second.config);
    assert.deepEqual(findings(third), findings(lint(broken)));
  });

  it('keeps no earlier text alive when edits touch many rules', () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const original = generateConfig({ rules: 1000, broken: false });
    let text = original;
    let result = lint(text);
    const walk = result.config!.walk!.places;
    collectGarbage();
    const before = process.memoryUsage().heapUsed;

    // One keystroke in each of 30 rules: each splices a rule parsed from that version's text.
    const rules: number[] = [];
    for (
      let at = text.indexOf('\n    - domain:');
      at >= 0;
      at = text.indexOf('\n    - domain:', at + 1)
    )
      rules.push(at);
    assert.ok(rules.length >= 30 * 28, `${rules.length} rules`);
    for (let place = 0; place < 30; place++) {
      const at = text.indexOf('.example.com', rules[place * 28]) - 1;
      text = `${text.slice(0, at)}x${text.slice(at + 1)}`;
      result = lint(text, {}, result.config);
      assert.equal(result.config!.walk!.places, walk, `edit ${place} was spliced`);
    }
    collectGarbage();
    const grown = process.memoryUsage().heapUsed - before;

    // The current text is new; the rest is the few spliced rules. Kept versions would add a
    // whole text each: 30 × 290 kB.
    assert.ok(
      grown < 4 * original.length,
      `the heap grew by ${grown} bytes for a ${original.length}-character text`,
    );
  });

  it('falls back to a full parse when the document has anchors', () => {
    const text = 'session: &s\n  name: a\nstorage: *s\n';
    assert.equal(reparse(new ConfigDocument(text), text.replace('name: a', 'name: b')), undefined);
  });
});
