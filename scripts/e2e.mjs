// End-to-end tests in real editors: Neovim and VS Code (code-server in headless Chromium).
// `npm run test:e2e` builds the .vsix first, then runs this.
//
// Usage: node scripts/e2e.mjs [--only neovim|vscode] [--update-screenshots]
//   --update-screenshots   write the README screenshots to docs/ instead of .cache/e2e/
// Environment, to test other builds than dist/ (used to check that the tests can fail):
//   AUTHELIA_E2E_SERVER    the server bundle Neovim runs (default dist/server.js)
//   AUTHELIA_E2E_VSIX      the .vsix VS Code installs (default dist/authelia-lint.vsix)

import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools } from '../test/e2e/install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const workspace = join(root, 'test', 'e2e', 'workspace');
const server = resolve(process.env.AUTHELIA_E2E_SERVER ?? join(root, 'dist', 'server.js'));

const results = [];
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs one suite as a child process, forwarding its output; resolves to its exit code. */
function runSuite(name, command, commandArgs, env) {
  return new Promise((resolveRun) => {
    const suiteStarted = Date.now();
    console.log(`\n== ${name}`);
    const child = spawn(command, commandArgs, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // Ctrl+C reaches the child too (same process group); it stops its own code-server.
    child.on('exit', (code, signal) => {
      const status = code ?? (signal ? 128 : 1);
      results.push({ name, ok: status === 0, took: seconds(suiteStarted), status });
      resolveRun(status);
    });
    child.on('error', (error) => {
      console.log(`  FAIL cannot start ${command}: ${error.message}`);
      results.push({ name, ok: false, took: seconds(suiteStarted), status: 'not started' });
      resolveRun(1);
    });
  });
}

if (!only || only === 'neovim') {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (version.error) {
    console.log('  FAIL nvim is not installed (apt-get install neovim)');
    results.push({ name: 'neovim', ok: false, took: '0 s', status: 'no nvim' });
  } else {
    await runSuite(
      'neovim',
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', 'luafile test/e2e/neovim.lua'],
      { AUTHELIA_E2E_SERVER: server, AUTHELIA_E2E_WORKSPACE: workspace },
    );
  }
}

if (!only || only === 'vscode') {
  const setupStarted = Date.now();
  let ready = true;
  try {
    ensureTools();
  } catch (error) {
    ready = false;
    console.log(`  FAIL installing code-server: ${error.message}`);
    results.push({
      name: 'vscode',
      ok: false,
      took: seconds(setupStarted),
      status: 'no code-server',
    });
  }
  if (ready) {
    const env = args.includes('--update-screenshots')
      ? { AUTHELIA_E2E_SCREENSHOTS: join(root, 'docs') }
      : {};
    await runSuite('vscode', process.execPath, ['test/e2e/vscode.mjs'], env);
  }
}

console.log(`\n== end-to-end summary (${seconds(started)})`);
for (const { name, ok, took, status } of results) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name} (${took}${ok ? '' : `, exit ${status}`})`);
}
process.exit(results.length > 0 && results.every(({ ok }) => ok) ? 0 : 1);
