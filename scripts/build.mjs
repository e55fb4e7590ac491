// Bundles the extension client, the language server and the CLI into dist/ with esbuild.
// Usage: node scripts/build.mjs [--dev]   (--dev adds inline source maps and skips minifying)

import { build } from 'esbuild';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alias } from './bundle-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const shebang = { js: '#!/usr/bin/env node' };

/**
 * The bundles; `executable` ones are package.json bins and get a shebang and +x. dist/server.js
 * is the server's entry point, which runs dist/language-server.js through V8's code cache.
 */
const bundles = [
  { entry: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { entry: 'server/src/main.ts', out: 'dist/server.js', executable: true },
  { entry: 'server/src/server.ts', out: 'dist/language-server.js' },
  { entry: 'server/src/cli.ts', out: 'dist/cli.js', executable: true },
];

await mkdir(join(root, 'dist'), { recursive: true });

const started = Date.now();
const sizes = await Promise.all(
  bundles.map(async ({ entry, out, external = [], executable = false }) => {
    const outfile = join(root, out);
    await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external,
      alias,
      banner: executable ? shebang : undefined,
      minify: !dev,
      sourcemap: dev ? 'inline' : false,
      // Keeps the bundled libraries' license comments, gathered at the end of each file.
      legalComments: 'eof',
      logLevel: 'warning',
    });
    if (executable) await chmod(outfile, 0o755);
    return (await stat(outfile)).size;
  }),
).catch((error) => {
  // esbuild prints its own errors with their locations; anything else is printed here.
  if (!Array.isArray(error?.errors)) console.error(error);
  console.error('build failed');
  process.exit(1);
});
bundles.forEach(({ out }, i) => {
  console.log(`${out.padEnd(24)} ${(sizes[i] / 1024).toFixed(1).padStart(7)} KiB`);
});
console.log(`built in ${Date.now() - started} ms${dev ? ' (dev)' : ''}`);
