import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * runWithCodeCache, each start in a fresh Node process as the server's would be: the outcome,
 * the cache file it leaves, and a bundle that runs the same whatever happens to the cache.
 */

const CODE_CACHE = join(__dirname, '..', 'server', 'src', 'code-cache.ts');

/** A bundle that uses what a CommonJS module gets, and says what it saw. */
const BUNDLE = `
const path = require('node:path');
function greet(name) { return 'hello ' + name; }
module.exports.seen = [greet('cache'), path.basename(__filename), path.basename(__dirname)];
process.stdout.write(JSON.stringify(module.exports.seen) + '\\n');
`;

describe('runWithCodeCache', () => {
  let root: string;
  let bundle: string;
  let cache: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'code-cache-test-'));
    bundle = join(root, 'bundle.js');
    cache = join(root, 'cache');
    writeFileSync(bundle, BUNDLE);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** One start: the bundle's output line and the outcome. */
  function start(): { seen: string[]; outcome: string } {
    const script =
      `const outcome = require(${JSON.stringify(CODE_CACHE)})` +
      `.runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});` +
      'process.stdout.write(outcome);';
    const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      encoding: 'utf8',
    });
    const [line, outcome] = output.split('\n');
    return { seen: JSON.parse(line), outcome };
  }

  const cacheFiles = () => readdirSync(cache).filter((name) => name.endsWith('.v8cache'));

  it('runs the bundle as a CommonJS module, then from the cache its first start left', () => {
    const first = start();
    assert.deepEqual(first.seen, ['hello cache', 'bundle.js', root.split(/[\\/]/).pop()]);
    assert.equal(first.outcome, 'missing');
    assert.equal(cacheFiles().length, 1);

    const second = start();
    assert.deepEqual(second.seen, first.seen);
    assert.equal(second.outcome, 'used');
  });

  it('runs without the cache when V8 refuses it, and leaves a good one', () => {
    start();
    writeFileSync(join(cache, cacheFiles()[0]), 'not a code cache');

    const refused = start();
    assert.equal(refused.seen[0], 'hello cache');
    assert.equal(refused.outcome, 'missing');
    assert.equal(start().outcome, 'used');
  });

  it('does not use the cache of another bundle of the same length', () => {
    start();
    writeFileSync(bundle, BUNDLE.replace("'hello '", "'howdy '"));

    const changed = start();
    assert.equal(changed.seen[0], 'howdy cache');
    assert.equal(changed.outcome, 'missing');
    assert.equal(cacheFiles().length, 2);
  });

  it('runs without a cache in a directory others may write to', function () {
    if (process.platform === 'win32') this.skip();
    start();
    chmodSync(cache, 0o777);

    const shared = start();
    assert.equal(shared.seen[0], 'hello cache');
    assert.equal(shared.outcome, 'off');
  });

  it('runs without a cache when the directory is a link', function () {
    if (process.platform === 'win32') this.skip();
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, cache);

    const linked = start();
    assert.equal(linked.seen[0], 'hello cache');
    assert.equal(linked.outcome, 'off');
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it('removes the caches no start has written for a month, and keeps the others', () => {
    start();
    const [own] = cacheFiles();
    const old = join(cache, 'from-an-old-version.v8cache');
    writeFileSync(old, 'old');
    writeFileSync(join(cache, 'from-another-node.v8cache'), 'recent');
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old, longAgo, longAgo);

    start();
    assert.deepEqual(cacheFiles().sort(), [own, 'from-another-node.v8cache'].sort());
  });
});
