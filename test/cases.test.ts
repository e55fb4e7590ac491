import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import {
  ConfigDocument,
  RULES,
  lint,
  parseDeployment,
  parseVersion,
  type LintOptions,
} from '../server/src/engine';
import { SHARED_DIR } from './support/shared';

/**
 * Every file in the shared cases folder is a test: lint it with its context, then check its
 * `expect`, `expect-not` and `fix` lines. A case whose expectations name rules the engine does
 * not have yet is marked pending, with the missing rules in its title.
 */

interface CaseExpectation {
  severity: string;
  ruleId: string;
  keyPath: string;
}

interface Case {
  name: string;
  text: string;
  options: LintOptions;
  expect: CaseExpectation[];
  expectNot: string[];
  fixes: string[];
}

function readCase(file: string): Case {
  const text = readFileSync(file, 'utf8');
  const header = text.split('\n').filter((line) => line.startsWith('# '));
  const options: LintOptions = {};
  const expect: CaseExpectation[] = [];
  const expectNot: string[] = [];
  const fixes: string[] = [];

  for (const line of header) {
    let match;
    if ((match = /^# context: (.*)$/.exec(line))) {
      options.deployment = parseDeployment(/deployment=(\S+)/.exec(match[1])?.[1]);
      options.version = parseVersion(/version=(\S+)/.exec(match[1])?.[1]);
    } else if ((match = /^# expect: (\S+) (\S+) at (\S+)/.exec(line))) {
      expect.push({ severity: match[1], ruleId: match[2], keyPath: match[3] });
    } else if ((match = /^# expect-not: (\S+)/.exec(line))) {
      expectNot.push(match[1]);
    } else if ((match = /^# fix: (.*)$/.exec(line))) {
      fixes.push(match[1]);
    }
  }
  return { name: file.split('/').pop()!, text, options, expect, expectNot, fixes };
}

/** Lines (1-based) of every key at a dotted path such as `session.cookies[0].domain`. */
function linesOfKeyPath(text: string, keyPath: string): number[] {
  const config = new ConfigDocument(text);
  const steps = keyPath.split(/\.|(?=\[)/);
  let nodes: unknown[] = [config.document.contents];
  let keyOffsets: number[] = [];

  for (const step of steps) {
    const index = /^\[(\d+)\]$/.exec(step);
    const next: unknown[] = [];
    keyOffsets = [];
    for (const node of nodes) {
      if (index && isSeq(node)) {
        const item = node.items[Number(index[1])] as { range?: number[] } | undefined;
        if (item) next.push(item);
        if (item?.range) keyOffsets.push(item.range[0]);
      } else if (!index && isMap(node)) {
        for (const pair of node.items) {
          if (isScalar(pair.key) && String(pair.key.value) === step && pair.key.range) {
            next.push(pair.value);
            keyOffsets.push(pair.key.range[0]);
          }
        }
      }
    }
    nodes = next;
  }
  return keyOffsets.map((offset) => text.slice(0, offset).split('\n').length);
}

/**
 * A fix line is a description, not a title: it matches a title that starts with the same
 * words, once `(stub)`-style remarks and punctuation are left out.
 */
function sameFix(described: string, title: string): boolean {
  const normalize = (words: string) =>
    words
      .replace(/\(.*?\)/g, ' ')
      .toLowerCase()
      .replace(/[^a-z0-9_.]+/g, ' ')
      .trim();
  return normalize(title).startsWith(normalize(described));
}

/** The one descriptive fix line that asks for a fix on every expected finding. */
const FIX_PER_KEY = /^a fix per key\b/;

const known = new Set(RULES.map((rule) => rule.id));
const caseFiles = SHARED_DIR
  ? readdirSync(join(SHARED_DIR, 'cases'))
      .filter((name) => name.endsWith('.yml'))
      .sort()
  : [];

describe('shared cases', () => {
  it('finds the shared cases folder', () => {
    assert.ok(SHARED_DIR, 'the shared folder is missing');
    assert.ok(caseFiles.length >= 6);
  });

  for (const file of caseFiles) {
    const testCase = readCase(join(SHARED_DIR!, 'cases', file));
    const missing = [
      ...new Set(testCase.expect.map((e) => e.ruleId).filter((id) => !known.has(id))),
    ];

    if (missing.length > 0) {
      it.skip(`${file} (needs ${missing.join(', ')})`);
      continue;
    }

    it(file, () => {
      const result = lint(testCase.text, testCase.options);
      assert.equal(result.checked, true, 'not recognised as an Authelia config');
      const found = result.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        line: testCase.text.slice(0, finding.start).split('\n').length,
      }));

      for (const expected of testCase.expect) {
        const lines = linesOfKeyPath(testCase.text, expected.keyPath);
        assert.ok(lines.length > 0, `${expected.keyPath} is not in the case`);
        const hit = found.find(
          (f) =>
            f.ruleId === expected.ruleId &&
            f.severity === expected.severity &&
            lines.includes(f.line),
        );
        assert.ok(
          hit,
          `expected ${expected.severity} ${expected.ruleId} at ${expected.keyPath} (line ` +
            `${lines.join('/')}); found ${JSON.stringify(found)}`,
        );
      }

      for (const ruleId of testCase.expectNot) {
        assert.deepEqual(
          found.filter((f) => f.ruleId === ruleId),
          [],
          `${ruleId} must not fire`,
        );
      }

      const titles = result.findings.flatMap((finding) =>
        (finding.fixes ?? []).map((fix) => fix.title),
      );
      for (const described of testCase.fixes.filter((line) => FIX_PER_KEY.test(line))) {
        const expectedRules = new Set(testCase.expect.map((e) => e.ruleId));
        for (const finding of result.findings.filter((f) => expectedRules.has(f.ruleId))) {
          const ownFixes = (finding.fixes ?? []).filter(
            (fix) => !fix.title.startsWith('Migrate this file'),
          );
          assert.ok(
            ownFixes.length > 0,
            `${described}: ${finding.ruleId} at ${finding.start} has none`,
          );
        }
      }
      for (const described of testCase.fixes.filter((line) => !FIX_PER_KEY.test(line))) {
        assert.ok(
          titles.some((title) => sameFix(described, title)),
          `no fix like "${described}" among ${JSON.stringify(titles)}`,
        );
      }
    });
  }
});
