import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  lstatSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What happened to the code cache of one start. */
export type CodeCacheOutcome =
  /** V8 took the compiled code of an earlier start. */
  | 'used'
  /** There was none yet, or V8 refused it. */
  | 'missing'
  /** The cache directory is missing or not safely ours: the bundle ran without a cache. */
  | 'off';

/**
 * Runs a CommonJS bundle with V8's code cache: the bytecode of every function an earlier start
 * compiled is read from disk instead of being compiled again when first called.
 *
 * A fresh server compiles each function the first time it runs, and its first lint runs nearly
 * all of them: on a 1,000-line config that was about two thirds of the first lint, and the
 * compiler's scratch memory stayed in the process. With the cache, the open of such a config
 * took about a third less time and the server a few MB less memory.
 *
 * Each start writes the cache again when its process exits, with whatever it compiled, so the
 * cache follows what the server really runs. It lives in a directory of the user's own that no
 * one else may write to, under a name made of a hash of the bundle's text, the Node version
 * and the Node options: V8 checks the version and the options itself, but of the source it
 * checks only the length.
 */
export function runWithCodeCache(
  bundlePath: string,
  directory = defaultCacheDirectory(),
): CodeCacheOutcome {
  const source = readFileSync(bundlePath, 'utf8');
  const cacheFile = privateDirectory(directory)
    ? join(directory, `${cacheKey(source)}.v8cache`)
    : undefined;

  let cachedData: Buffer | undefined;
  if (cacheFile && existsSync(cacheFile)) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }

  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundlePath, cachedData });
  if (cacheFile) process.once('exit', () => writeCache(cacheFile, script));

  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));

  if (!cacheFile) return 'off';
  return cachedData && !script.cachedDataRejected ? 'used' : 'missing';
}

/** A directory in the system's temporary directory, one per user. */
function defaultCacheDirectory(): string {
  let user: string;
  try {
    user = process.getuid ? String(process.getuid()) : userInfo().username;
  } catch {
    user = 'user';
  }
  return join(tmpdir(), `authelia-language-server-${user}`);
}

/**
 * Creates the directory when missing, then tells whether it is safe to load code from: a real
 * directory, not a link, that is ours and writable by no one else. Where the system has no
 * owners and modes (Windows), the temporary directory is the user's own already.
 */
function privateDirectory(directory: string): boolean {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = lstatSync(directory);
    if (!stat.isDirectory()) return false;
    if (process.platform === 'win32' || !process.getuid) return true;
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function cacheKey(source: string): string {
  return createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`)
    .digest('hex')
    .slice(0, 32);
}

/** How long a cache no start has written stays: another bundle's, or another Node's. */
const STALE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Writes the compiled code through a temporary file, so no reader ever sees half a cache, then
 * removes the caches no start has written for a month, such as those of earlier versions.
 */
function writeCache(cacheFile: string, script: Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, cacheFile);
    removeStaleCaches(dirname(cacheFile));
  } catch {
    // A cache is only ever a shortcut: without it the next start compiles as usual.
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}

function removeStaleCaches(directory: string): void {
  const now = Date.now();
  for (const name of readdirSync(directory)) {
    if (!name.endsWith('.v8cache')) continue;
    const file = join(directory, name);
    if (now - lstatSync(file).mtimeMs > STALE_AFTER_MS) unlinkSync(file);
  }
}
