// Shows that the end-to-end tests can fail: builds two deliberately broken copies of the
// committed source in a temporary folder and checks that each makes its test go red.
//   1. the client's document selector asks for language 'yamlx'  -> the VS Code test fails
//   2. the server's onCodeAction returns []                        -> the Neovim test fails
// The working tree is never touched. Usage: node scripts/e2e-fail-check.mjs (exit 0 = both red)

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

/** As in `npm run package`, which may differ in the committed tree. */
const VSCE_FLAGS = [
  '--no-dependencies',
  '--allow-missing-repository',
  '--no-rewrite-relative-links',
  '-o dist/authelia-lint.vsix',
].join(' ');

const breaks = [
  {
    name: "client document selector 'yamlx'",
    file: 'client/src/extension.ts',
    from: /language: 'yaml'/g,
    to: "language: 'yamlx'",
    count: 2,
    build: ['sh', ['-c', `node scripts/build.mjs && node_modules/.bin/vsce package ${VSCE_FLAGS}`]],
    suite: 'vscode',
    env: (copy) => ({ AUTHELIA_E2E_VSIX: join(copy, 'dist', 'authelia-lint.vsix') }),
  },
  {
    name: 'server onCodeAction returns []',
    file: 'server/src/server.ts',
    from: /connection\.onCodeAction\((?:async )?\(params\)[^{]*\{/g,
    to: '$&\n  if (params) return [];',
    count: 1,
    build: ['node', ['scripts/build.mjs']],
    suite: 'neovim',
    env: (copy) => ({ AUTHELIA_E2E_SERVER: join(copy, 'dist', 'server.js') }),
  },
];

let allRed = true;
for (const broken of breaks) {
  const copy = mkdtempSync(join(tmpdir(), 'authelia-lint-broken-'));
  try {
    // The committed tree, so that edits in progress elsewhere cannot break the build.
    execFileSync('sh', ['-c', `git -C "${root}" archive HEAD | tar -x -C "${copy}"`]);
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));

    const path = join(copy, broken.file);
    const source = readFileSync(path, 'utf8');
    const matches = source.match(broken.from)?.length ?? 0;
    if (matches !== broken.count) {
      throw new Error(
        `${broken.file}: expected ${broken.count} match(es) to break, found ${matches}`,
      );
    }
    writeFileSync(path, source.replace(broken.from, broken.to));
    execFileSync(broken.build[0], broken.build[1], { cwd: copy, stdio: 'ignore' });

    console.log(`\n#### ${broken.name}: running the ${broken.suite} test against ${copy}`);
    const run = spawnSync('node', ['scripts/e2e.mjs', '--only', broken.suite], {
      cwd: root,
      env: { ...process.env, ...broken.env(copy) },
      stdio: 'inherit',
    });
    const red = run.status !== 0;
    allRed &&= red;
    const outcome = red ? 'red, as it should' : 'GREEN (it should not)';
    console.log(`#### ${broken.name}: the ${broken.suite} test went ${outcome}`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
process.exit(allRed ? 0 : 1);
