import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from './support/shared';

/**
 * The golden corpus: Authelia's own suite, example and loader configs, linted by the built CLI
 * for high availability and 4.39. Its `ha/*` lines must equal test/golden/corpus-ha.txt, which
 * was read and checked by hand against each file's providers. Run with UPDATE_GOLDEN=1 to
 * rewrite the golden file after a deliberate change, then read the diff.
 */

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const GOLDEN = join(__dirname, 'golden', 'corpus-ha.txt');

describe('golden corpus', () => {
  const corpus = SHARED_DIR ? join(SHARED_DIR, 'authelia', 'corpus') : '';
  const files = SHARED_DIR
    ? ['suites', 'examples', 'test_resources'].flatMap((folder) =>
        readdirSync(join(corpus, folder))
          .filter((name) => name.endsWith('.yml'))
          .sort()
          .map((name) => `${folder}/${name}`),
      )
    : [];

  it('lints every corpus config without a crash, and its ha/* findings match the golden file', () => {
    assert.ok(files.length >= 30, 'the shared corpus is missing');
    const run = spawnSync(process.execPath, [CLI, ...files], { cwd: corpus, encoding: 'utf8' });

    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    for (const line of run.stderr.split('\n').filter(Boolean)) {
      assert.match(line, /: not an Authelia configuration, skipped$/);
    }

    const haLines = run.stdout.split('\n').filter((line) => / \[ha\/[a-z-]+\]$/.test(line));
    const actual = `${haLines.join('\n')}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, actual);
    assert.equal(actual, readFileSync(GOLDEN, 'utf8'));
  });

  it('finds nothing in the configs built for high availability', () => {
    const stateless = ['suites/HighAvailability.yml', 'examples/suites-example-kube.yml'];
    const run = spawnSync(process.execPath, [CLI, ...stateless], { cwd: corpus, encoding: 'utf8' });
    assert.equal(run.stdout.split('\n').filter((line) => line.includes('[ha/')).length, 0);
  });
});
