import assert from 'node:assert/strict';
import { applyEdits, ConfigDocument, lint } from '../../server/src/engine';
import { RuleContext } from '../../server/src/engine/rule';
import { yamlDuplicateKey } from '../../server/src/engine/rules/yaml/duplicate-key';
import { findingsOf, yaml } from '../support/lint';

describe('yaml/syntax', () => {
  const broken = yaml`
    session:
      name: 'authelia_session
    storage:
      local:
        path: '/db'
  `;

  it('reports broken YAML at the error position', () => {
    const found = findingsOf(broken, 'yaml/syntax');
    assert.ok(found.length >= 1);
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].line, 2);
  });

  it('still checks what parses before the error', () => {
    const text = "storage:\n  local:\n    path: '/db'\nsession:\n  name: [unclosed\n";
    const ids = lint(text).findings.map((finding) => finding.ruleId);
    assert.ok(ids.includes('yaml/syntax'));
    assert.ok(ids.includes('ha/storage-sqlite'));
  });

  it('never quotes the offending text, which may be a secret', () => {
    const text = "session:\n  secret: 'hunter2-SECRET\nstorage:\n  local: {}\n";
    for (const finding of lint(text).findings) assert.doesNotMatch(finding.message, /hunter2/);
    const flow = 'session: {secret: hunter2-SECRET]}\nstorage: {local: {}}\n';
    for (const finding of lint(flow).findings) assert.doesNotMatch(finding.message, /hunter2/);
  });

  it('is silent on valid YAML', () => {
    assert.deepEqual(findingsOf('session: {}\nstorage: {}\n', 'yaml/syntax'), []);
  });
});

describe('yaml/duplicate-key', () => {
  const duplicated = yaml`
    session:
      redis:
        host: 'redis'
    storage:
      postgres: {}
    session:
      name: 'x'
  `;

  it('fires on the second occurrence with the first as related place', () => {
    const finding = lint(duplicated).findings.find((f) => f.ruleId === 'yaml/duplicate-key')!;
    assert.equal(duplicated.slice(finding.start, finding.end), 'session');
    assert.equal(finding.start, duplicated.lastIndexOf('session:'));
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.related, [
      { start: 0, end: 7, message: "'session' is first set here" },
    ]);
  });

  it('finds duplicates inside nested mappings and list items', () => {
    const text =
      "session:\n  cookies:\n    - domain: 'a.com'\n      domain: 'b.com'\nstorage: {}\n";
    assert.deepEqual(findingsOf(text, 'yaml/duplicate-key'), [
      { ruleId: 'yaml/duplicate-key', severity: 'error', text: 'domain', line: 4 },
    ]);
  });

  it('reports every repeat after the first, in small and in large mappings', () => {
    for (const size of [3, 12]) {
      const keys = Array.from({ length: size }, (_, index) => `  key${index}: ${index}`);
      keys.splice(1, 0, '  key0: again');
      keys.push('  key0: third');
      const text = `session:\n${keys.join('\n')}\nstorage: {}\n`;

      const found = lint(text).findings.filter((f) => f.ruleId === 'yaml/duplicate-key');
      assert.deepEqual(
        found.map((f) => [text.slice(f.start, f.end), f.start, f.related?.[0]?.start]),
        [
          ['key0', text.indexOf('key0: again'), text.indexOf('key0: 0')],
          ['key0', text.indexOf('key0: third'), text.indexOf('key0: 0')],
        ],
        `${size} keys`,
      );
    }
  });

  it('finds the same duplicates in the mappings the parser saw repeat a key as by visiting all', () => {
    const large = Array.from({ length: 10 }, (_, index) => `    key${index}: ${index}`);
    const text = [
      'session:',
      '  name: a',
      '  cookies:',
      '    - domain: a.com',
      '      domain: b.com',
      '  name: b',
      'access_control:',
      '  rules:',
      ...large,
      '    key3: again',
      '    1: one',
      '    01: same number',
      'storage: {}',
      '',
    ].join('\n');
    const parsed = new ConfigDocument(text);
    const visited = new ConfigDocument(text, parsed.document);
    assert.equal(parsed.mapsWithRepeatedKeys?.length, 3);
    assert.equal(visited.mapsWithRepeatedKeys, undefined);

    const found = (config: ConfigDocument) =>
      yamlDuplicateKey
        .check(new RuleContext(config, 'highAvailability', '4.39'))
        .map((f) => `${text.slice(f.start, f.end)}@${f.start}<-${f.related?.[0]?.start}`)
        .sort();
    assert.deepEqual(found(parsed), found(visited));
    assert.equal(found(parsed).length, 4);
  });

  it('allows the same key in sibling mappings', () => {
    const text = 'session:\n  name: a\nstorage:\n  name: b\n';
    assert.deepEqual(findingsOf(text, 'yaml/duplicate-key'), []);
  });
});

describe('yaml/duplicate-key fix', () => {
  const removeFix = (text: string) => {
    const finding = lint(text).findings.find((f) => f.ruleId === 'yaml/duplicate-key')!;
    const fix = finding.fixes![0];
    assert.equal(fix.title, 'Remove this duplicate');
    return applyEdits(text, fix.edits);
  };

  it('removes the whole second entry in block style', () => {
    const text =
      "notifier:\n  smtp:\n    address: 'a'\n    address: 'b'  # second\n    sender: 'x'\nsession: {}\n";
    assert.equal(
      removeFix(text),
      "notifier:\n  smtp:\n    address: 'a'\n    sender: 'x'\nsession: {}\n",
    );
  });

  it('removes a nested block with it', () => {
    const text = 'session:\n  redis:\n    host: a\nstorage: {}\nsession:\n  redis:\n    host: b\n';
    assert.equal(removeFix(text), 'session:\n  redis:\n    host: a\nstorage: {}\n');
  });

  it('removes the entry and its comma in flow style', () => {
    const text = 'session: {name: a, name: b, secret: c}\nstorage: {}\n';
    assert.equal(removeFix(text), 'session: {name: a, secret: c}\nstorage: {}\n');
  });
});

describe('yaml/syntax on an unclosed quote', () => {
  it('sits on the opening quote, not at the end of the file', () => {
    const text = "session:\n  name: 'abc\nstorage:\n  local: {}\n";
    assert.deepEqual(findingsOf(text, 'yaml/syntax'), [
      { ruleId: 'yaml/syntax', severity: 'error', text: "'abc", line: 2 },
    ]);
    const double = 'session:\n  name: "abc\nstorage:\n  local: {}\n';
    assert.deepEqual(findingsOf(double, 'yaml/syntax'), [
      { ruleId: 'yaml/syntax', severity: 'error', text: '"abc', line: 2 },
    ]);
  });
});
