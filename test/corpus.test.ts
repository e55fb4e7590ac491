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

/**
 * Runs the CLI over one group of files for one version and returns its error lines that are
 * not `ha/*` findings: what Authelia's validator would refuse.
 */
function refusals(cwd: string, version: string, files: string[]): string[] {
  const run = spawnSync(process.execPath, [CLI, '--authelia-version', version, ...files], {
    cwd,
    encoding: 'utf8',
  });
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.includes(': error: ') && !/ \[ha\/[a-z-]+\]$/.test(line));
}

describe('golden refusals', () => {
  const authelia = SHARED_DIR ? join(SHARED_DIR, 'authelia') : '';
  const golden = readFileSync(join(__dirname, 'golden', 'corpus-errors.txt'), 'utf8').split('\n');

  it('gives every error in the golden file a reason', () => {
    golden.forEach((line, index) => {
      if (line === '' || line.startsWith('#')) return;
      const previous = golden[index - 1] ?? '';
      assert.ok(
        previous.startsWith('#') || previous.includes(': error: '),
        `line ${index + 1} has no reason`,
      );
    });
  });

  it('finds no errors in the suites and examples, and only the recorded ones elsewhere', () => {
    assert.ok(SHARED_DIR, 'the shared folder is missing');
    const corpus = (folder: string) =>
      readdirSync(join(authelia, 'corpus', folder))
        .filter((name) => name.endsWith('.yml'))
        .sort()
        .map((name) => `corpus/${folder}/${name}`);

    const actual = [
      ...refusals(authelia, '4.39', [
        ...corpus('suites'),
        ...corpus('examples'),
        ...corpus('test_resources'),
      ]),
      ...refusals(authelia, '4.37', ['reference/config.template.v4.37.5.yml']),
      ...refusals(authelia, '4.38', ['reference/config.template.v4.38.19.yml']),
      ...refusals(authelia, '4.39', ['reference/config.template.yml']),
      ...refusals(authelia, '4.39', [
        'reference/config.template.v4.37.5.yml',
        'reference/config.template.v4.38.19.yml',
      ]),
    ];
    const expected = golden.filter((line) => line !== '' && !line.startsWith('#'));
    assert.deepEqual(actual, expected);
    assert.deepEqual(
      actual.filter((line) => /^corpus\/(suites|examples)\//.test(line)),
      [],
    );
  });

  it('warns about deprecated keys when the 4.37 template is linted for 4.39', () => {
    const run = spawnSync(process.execPath, [CLI, 'reference/config.template.v4.37.5.yml'], {
      cwd: authelia,
      encoding: 'utf8',
    });
    const deprecated = run.stdout
      .split('\n')
      .filter((line) => line.endsWith('[schema/deprecated-key]'));
    assert.ok(deprecated.length >= 8, run.stdout);
    assert.ok(
      deprecated.some((line) => line.includes(': warning: jwt_secret is deprecated since 4.38')),
    );
  });
});
