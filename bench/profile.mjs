// Where the time goes on a generated config.
//
//   node bench/profile.mjs [--rules 5000] [--broken] [--runs 5]
//     lint() in this process: time per phase and per rule, then the top functions of a CPU
//     profile.
//   node bench/profile.mjs --checks-only [--rules 5000] [--broken] [--runs 20]
//     the rules and the model walk alone, on one parse: what lint() adds to parsing, with less
//     noise (no parse between runs, no garbage of it to collect).
//   --cpu, with either of the above: CPU time of this process (all its threads, the garbage collector's too)
//     instead of wall time, which a busy machine disturbs less.
//   node bench/profile.mjs --server [--rules 5000] [--broken] [--runs 20]
//     our language server, with the Node options of server/src/launch.ts, run with --cpu-prof
//     through didOpen and `runs` one-character didChange edits.
//
// Both bundle server/src with esbuild like dist/, but unminified and with a source map, so the
// profile names the original functions and files. Profiles are written to bench/.generated/
// (open them in Chrome DevTools).

import { build } from 'esbuild';
import { alias } from '../scripts/bundle-options.mjs';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap, createRequire } from 'node:module';
import { Session } from 'node:inspector/promises';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateConfig } from './generate.mjs';
import { LspServer, killAll } from './lsp.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', '.generated');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const RULES = Number(option('rules', '5000'));
const BROKEN = args.includes('--broken');
const SERVER = args.includes('--server');
const CHECKS_ONLY = args.includes('--checks-only');
const RUNS = Number(option('runs', SERVER || CHECKS_ONLY ? '20' : '5'));
/** With --cpu, this process's CPU time instead of wall time: steadier beside other work. */
const CPU = args.includes('--cpu');
const now = CPU
  ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
  : () => performance.now();

const text = generateConfig({ rules: RULES, broken: BROKEN });
const filePath = join(OUT, `rules-${RULES}-${BROKEN ? 'broken' : 'clean'}.yml`);
const uri = pathToFileURL(filePath).href;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
mkdirSync(OUT, { recursive: true });

/** Source maps of the bundles built here, by path. */
const sourceMaps = new Map();

/** Bundles like scripts/build.mjs, unminified and with a source map; returns the file. */
async function bundle(options, name) {
  const outfile = join(OUT, name);
  await build({
    absWorkingDir: ROOT,
    outfile,
    bundle: true,
    alias,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    ...options,
  });
  sourceMaps.set(outfile, new SourceMap(JSON.parse(readFileSync(`${outfile}.map`, 'utf8'))));
  return outfile;
}

if (SERVER) {
  await profileServer();
} else {
  await profileLint();
}

async function profileLint() {
  const file = await bundle(
    {
      stdin: {
        contents:
          "export * from './server/src/engine/index';\nexport { RuleContext } from './server/src/engine/rule';\n",
        resolveDir: ROOT,
        loader: 'ts',
        sourcefile: 'bench-engine-entry.ts',
      },
    },
    'engine-dev.cjs',
  );
  const engine = createRequire(import.meta.url)(file);
  const { RuleContext } = engine;

  // Per phase: a walk of the key model that the parse did not make (with --checks-only) is
  // timed on its own and taken out of the rule that happens to ask for it first.
  const spent = new Map();
  const add = (name, ms) => spent.set(name, [...(spent.get(name) ?? []), ms]);
  let walkMs = 0;
  const places = RuleContext.prototype.places;
  RuleContext.prototype.places = function timedPlaces() {
    const started = now();
    const fresh = this.walked === undefined;
    const result = places.call(this);
    if (fresh) walkMs += now() - started;
    return result;
  };
  for (const rule of engine.RULES) {
    const check = rule.check;
    rule.check = (context) => {
      const walkBefore = walkMs;
      const started = now();
      try {
        return check.call(rule, context);
      } finally {
        rule.elapsed += now() - started - (walkMs - walkBefore);
      }
    };
  }

  // --checks-only: one parse, checked again and again by every rule on a fresh context.
  const parsed = CHECKS_ONLY ? new engine.ConfigDocument(text) : undefined;
  const checkAll = () => {
    parsed.walk = undefined;
    const context = new RuleContext(parsed, 'highAvailability', '4.39');
    for (const rule of engine.RULES) rule.check(context);
  };
  const warmUps = CHECKS_ONLY ? 3 : 1;

  for (let run = 0; run < RUNS + warmUps; run++) {
    walkMs = 0;
    for (const rule of engine.RULES) rule.elapsed = 0;
    let started = now();
    if (!CHECKS_ONLY) new engine.ConfigDocument(text, undefined, '4.39');
    const parse = now() - started;
    started = now();
    if (CHECKS_ONLY) checkAll();
    else engine.lint(text, { path: uri });
    const total = now() - started;
    if (run < warmUps) continue;
    if (CHECKS_ONLY) {
      add('rules and model walk', total);
    } else {
      add('lint() total', total);
      add('parse and model walk (ConfigDocument, measured apart)', parse);
    }
    if (CHECKS_ONLY) add('model walk (RuleContext.places)', walkMs);
    for (const rule of engine.RULES) add(`rule ${rule.id}`, rule.elapsed);
    if (!CHECKS_ONLY)
      add(
        'rules',
        engine.RULES.reduce((sum, rule) => sum + rule.elapsed, walkMs),
      );
  }

  const lines = text.split('\n').length - 1;
  console.log(
    `${CHECKS_ONLY ? 'rules alone' : 'lint()'} on ${RULES} rules${BROKEN ? ' (broken)' : ''}, ` +
      `${lines} lines: medians of ${RUNS} runs, ${CPU ? 'CPU ' : ''}ms`,
  );
  const rows = [...spent]
    .map(([name, values]) => [name, median(values)])
    .sort((a, b) => b[1] - a[1]);
  for (const [name, ms] of rows.filter(([, ms]) => ms >= 0.05))
    console.log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);

  // CPU profile of plain lint() runs (the wrappers above are cheap next to them).
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  for (let run = 0; run < RUNS; run++) {
    if (CHECKS_ONLY) checkAll();
    else engine.lint(text, { path: uri });
  }
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const profilePath = join(OUT, `lint-${RULES}.cpuprofile`);
  writeFileSync(profilePath, JSON.stringify(profile));
  summarize(profile, RUNS, CHECKS_ONLY ? 'run of the rules' : 'lint() run');
  console.log(`\nprofile written to ${relative(ROOT, profilePath)}`);
}

/** Our server through didOpen and RUNS edits, under --cpu-prof. */
async function profileServer() {
  const script = await bundle({ entryPoints: ['server/src/server.ts'] }, 'server-dev.cjs');
  const launch = await bundle({ entryPoints: ['server/src/launch.ts'] }, 'launch-dev.cjs');
  const { SERVER_NODE_OPTIONS } = createRequire(import.meta.url)(launch);
  writeFileSync(filePath, text);
  const dir = join(OUT, 'server-profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const server = new LspServer(
    'authelia-language-server (profiled)',
    [
      ...SERVER_NODE_OPTIONS,
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      '--cpu-prof-interval',
      '200',
      script,
      '--stdio',
    ],
    (section) => (section === 'authelia' ? {} : null),
  );
  try {
    await server.initialize(pathToFileURL(OUT).href);
    let version = 1;
    const next = () =>
      server.nextDiagnostics(
        (params) => params.uri === uri && params.version === version,
        120_000,
        `diagnostics v${version}`,
      );
    let waiting = next();
    let started = performance.now();
    await server.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
    const open = (await waiting).at - started;
    const at =
      text.indexOf(
        `-${String(Math.floor(RULES / 2) + 1).padStart(4, '0')}`,
        text.indexOf('\naccess_control:'),
      ) + 4;
    const before = text.slice(0, at);
    const position = {
      line: before.split('\n').length - 1,
      character: at - before.lastIndexOf('\n') - 1,
    };
    const changes = [];
    for (let i = 0; i < RUNS; i++) {
      version += 1;
      waiting = next();
      started = performance.now();
      await server.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [
          {
            range: { start: position, end: { ...position, character: position.character + 1 } },
            text: 'abcdefghijklmnopqrstuvwxyz'[i % 26],
          },
        ],
      });
      changes.push((await waiting).at - started);
    }
    const { peak } = server.memory();
    await server.stop(30_000);
    console.log(
      `server on ${RULES} rules${BROKEN ? ' (broken)' : ''}: open ${open.toFixed(0)} ms, change median ${RUNS > 0 ? median(changes).toFixed(0) : '-'} ms, peak RSS ${(peak / 1048576).toFixed(0)} MB (unminified bundle, under the profiler)`,
    );
  } finally {
    killAll();
  }
  const [name] = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  if (!name) throw new Error(`no profile in ${dir}: the server did not exit cleanly`);
  summarize(JSON.parse(readFileSync(join(dir, name), 'utf8')), RUNS + 1, 'open or change');
  console.log(`\nprofile written to ${relative(ROOT, join(dir, name))}`);
}

/** Prints the top functions and files by self time, per unit of work (`units` of them). */
function summarize(profile, units, unit) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  /** The original file and line of a frame, through the bundle's source map. */
  const where = (frame) => {
    if (!frame.url) return { file: '(native)', line: 0 };
    let path = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
    let line = frame.lineNumber + 1;
    const entry = sourceMaps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry?.originalSource) {
      const source = entry.originalSource;
      path = source.startsWith('file:') ? fileURLToPath(source) : join(OUT, source);
      line = entry.originalLine + 1;
    }
    const file = path.startsWith('node:') ? path : relative(ROOT, path);
    return {
      file: file.replace(/^node_modules\/yaml\/dist\//, 'yaml/').replace(/^node_modules\//, ''),
      line,
    };
  };
  const functions = new Map();
  const files = new Map();
  let total = 0;
  for (const [node, ms] of self) {
    const frame = node.callFrame;
    if (['(idle)', '(program)', '(root)'].includes(frame.functionName)) continue;
    total += ms;
    const { file, line } = where(frame);
    const name = `${frame.functionName || '(anonymous)'}  ${file}${frame.url ? `:${line}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const top = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(
        ([name, ms]) =>
          `  ${(ms / units).toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`,
      )
      .join('\n');
  console.log(
    `\nCPU profile, self time per ${unit} (${(total / units).toFixed(0)} ms sampled per run); top functions:`,
  );
  console.log(top(functions, 15));
  console.log('\nby file:');
  console.log(top(files, 10));
}
