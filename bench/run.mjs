// `npm run bench`: how fast authelia-lint checks large configs, next to the `yaml` parse it
// builds on and to yaml-language-server with Authelia's schema (issue 5).
//
//   node bench/run.mjs [--sizes 100,1000,5000] [--opens 3] [--changes 7] [--runs 7] [--timeout 120000]
//
// Expects a current build (`npm run bench` builds first). Generates the configs into
// bench/.generated/, measures, prints a table and writes it to bench/results.md.
//
//   (a) yaml's parseDocument with a LineCounter, in this process, from the same bundle as (b)
//   (a') our block-YAML parser, which the engine uses instead of (a) when it can
//   (b) the engine's lint(), from an esbuild bundle of server/src/engine made like dist/
//   (c) dist/server.js over stdio, with the Node options of server/src/launch.ts: the median of
//       --opens didOpen → publishDiagnostics of version 1, each in a fresh process (ours and
//       yaml-language-server take turns, so a slow spell of the machine hits both), and in the
//       first of them the median of the didChange → publishDiagnostics round trips (one character
//       replaced in the domain of the rule after the middle one, incremental sync): at least
//       --changes of them and at least 1.5 s of them, so small files are measured warm too.
//       One start before them leaves the code cache that later starts of a user's server find.
//   (d) the same for yaml-language-server, told to validate, with the v4.39 schema from
//       ../shared through the modeline on the first line of each file
//   (e) the peak resident set (VmHWM) of our server process after its runs
//
// Every wait is on an event (a response, a publishDiagnostics) and has a timeout that fails the
// run; servers are killed at the end and on failure.

import { build } from 'esbuild';
import { alias } from '../scripts/bundle-options.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LOCAL_SCHEMA_PATH, TYPO, generateConfig } from './generate.mjs';
import { LspServer, killAll } from './lsp.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', '.generated');
const RESULTS = join(ROOT, 'bench', 'results.md');
const SERVER = join(ROOT, 'dist', 'server.js');
const YLS = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const SIZES = option('sizes', '100,1000,5000').split(',').map(Number);
const CHANGES = Number(option('changes', '7'));
/**
 * Fresh server processes per file and tool, for the open: one open is at the mercy of noise. On
 * this kind of 2-core machine, the median of five opens of the same 9,000-line file by our
 * server ranged from 56 to 83 ms between runs, so three were too few; and five opens of the
 * same 43,000-line file in one run ranged from 120 to 169 ms, so the median is of nine.
 */
const OPENS = Number(option('opens', '9'));
const RUNS = Number(option('runs', '7'));

/**
 * Warm-up for (a) and (b): V8 needs a few dozen runs on a small file before its times settle, and
 * two on a large one. Measured runs likewise go on to a minimum time, so small files get more.
 */
const WARMUP = { runs: 2, ms: 1500, maxRuns: 60 };
const MEASURE = { ms: 1500, maxRuns: 60 };
/** Changes go on until both CHANGES and this much time are reached, or CHANGE_MAX. */
const CHANGE_MS = 1500;
const CHANGE_MAX = 40;

/**
 * V8's full collection, for this process. Before each timed open it collects the garbage of
 * what it measured before (parses of large configs, the other server's messages), so that none
 * of its own pauses falls inside either server's time.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

/** Per-wait limits: generous for a loaded 2-core machine, but a hang still fails the run. */
const INIT_TIMEOUT = 30_000;
const DIAGNOSTICS_TIMEOUT = Number(option('timeout', '120000'));
/** The whole run: a few minutes is normal. */
const RUN_TIMEOUT = 20 * 60_000;

/** The codes the broken variant must give from our server. */
const BROKEN_CODES = [
  'ha/session-memory',
  'ha/storage-sqlite',
  'ha/notifier-filesystem',
  'ha/auth-file',
  'schema/unknown-key',
];

// ---------------------------------------------------------------------------------------------

function fail(message) {
  throw new Error(message);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The engine, bundled by esbuild with the options scripts/build.mjs uses for dist/, together with
 * the `yaml` functions it parses with, for (a).
 */
async function bundleEngine() {
  const outfile = join(OUT, 'engine.cjs');
  await build({
    absWorkingDir: ROOT,
    stdin: {
      contents: [
        "export { lint } from './server/src/engine/index';",
        "export { LineCounter, parseDocument } from 'yaml';",
        "export { parseBlockYaml } from './server/src/engine/block-yaml';",
        "export { SERVER_NODE_OPTIONS } from './server/src/launch';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'bench-engine.ts',
    },
    outfile,
    bundle: true,
    alias,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  return require(outfile);
}

/** Writes the clean and broken config of every size; returns their descriptions. */
function generateFiles() {
  mkdirSync(OUT, { recursive: true });
  const files = [];
  for (const rules of SIZES) {
    for (const broken of [false, true]) {
      const text = generateConfig({ rules, broken });
      const path = join(OUT, `rules-${rules}-${broken ? 'broken' : 'clean'}.yml`);
      writeFileSync(path, text);
      files.push({
        rules,
        broken,
        path,
        text,
        uri: pathToFileURL(path).href,
        lines: text.split('\n').length - 1,
      });
    }
  }
  return files;
}

/**
 * (a) and (b), interleaved so that drift in machine load hits both alike. No forced GC: a
 * collection forced before each run shrinks the heap and makes the next run slower than any run
 * in the server.
 */
function measureInProcess(engine, file) {
  const parse = () =>
    engine.parseDocument(file.text, {
      lineCounter: new engine.LineCounter(),
      uniqueKeys: false,
      prettyErrors: false,
      strict: false,
    });
  const ownParse = () => engine.parseBlockYaml(file.text);
  const lint = () => engine.lint(file.text, { path: file.uri });
  if (!ownParse()) fail(`the block-YAML parser leaves ${file.path} to yaml`);
  const parseTimes = [];
  const ownParseTimes = [];
  const lintTimes = [];
  // CPU time as well: on a shared machine it moves less than wall time when others run.
  const parseCpu = [];
  const lintCpu = [];
  const cpuMs = (usage) => (usage.user + usage.system) / 1000;
  let result;
  const warmupStarted = performance.now();
  let warmupRuns = 0;
  let measureStarted;
  for (let i = 0; ; i++) {
    const warming =
      measureStarted === undefined &&
      (warmupRuns < WARMUP.runs || performance.now() - warmupStarted < WARMUP.ms) &&
      warmupRuns < WARMUP.maxRuns;
    if (warming) {
      warmupRuns += 1;
    } else {
      measureStarted ??= performance.now();
      const enough = parseTimes.length >= RUNS && performance.now() - measureStarted >= MEASURE.ms;
      if (enough || parseTimes.length >= MEASURE.maxRuns) break;
    }

    let cpu = process.cpuUsage();
    let started = performance.now();
    parse();
    const parsed = performance.now() - started;
    const parsedCpu = cpuMs(process.cpuUsage(cpu));

    started = performance.now();
    ownParse();
    const ownParsed = performance.now() - started;

    cpu = process.cpuUsage();
    started = performance.now();
    result = lint();
    const linted = performance.now() - started;
    const lintedCpu = cpuMs(process.cpuUsage(cpu));

    if (!warming) {
      parseTimes.push(parsed);
      ownParseTimes.push(ownParsed);
      lintTimes.push(linted);
      parseCpu.push(parsedCpu);
      lintCpu.push(lintedCpu);
    }
  }
  if (!result.checked) fail(`lint() did not check ${file.path}: ${result.skipped}`);
  if (result.ruleFailures.length)
    fail(`rules failed on ${file.path}: ${JSON.stringify(result.ruleFailures)}`);
  return {
    parse: median(parseTimes),
    ownParse: median(ownParseTimes),
    lint: median(lintTimes),
    parseCpu: median(parseCpu),
    lintCpu: median(lintCpu),
    runs: parseTimes.length,
    warmupRuns,
    findings: result.findings.map((f) => f.ruleId),
  };
}

/** The one-character edits: the last digit of the domain of the rule after the middle one. */
function editSite(file) {
  const index = Math.floor(file.rules / 2) + 1;
  const marker = `-${String(index).padStart(4, '0')}`;
  const offset = file.text.indexOf(marker, file.text.indexOf('\naccess_control:'));
  if (offset < 0) fail(`no rule ${index} in ${file.path}`);
  const at = offset + marker.length - 1;
  const before = file.text.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  return { at, line, character };
}

const YLS_SETTINGS = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    schemas: {},
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    format: { enable: false },
    yamlVersion: '1.2',
    customTags: [],
    disableAdditionalProperties: false,
  },
  http: { proxy: '', proxyStrictSSL: false },
  '[yaml]': {},
  editor: {},
};

/**
 * (c) or (d): open in a fresh server, then, with `edit`, one-character edits, each awaited: at
 * least CHANGES and at least CHANGE_MS of them, at most CHANGE_MAX.
 */
async function measureServer(kind, file, nodeOptions, edit = true) {
  const ours = kind === 'ours';
  const server = ours
    ? new LspServer('authelia-language-server', [...nodeOptions, SERVER, '--stdio'], (section) =>
        section === 'authelia' ? {} : null,
      )
    : new LspServer(
        'yaml-language-server',
        [YLS, '--stdio'],
        (section) => YLS_SETTINGS[section] ?? null,
      );
  try {
    await server.initialize(pathToFileURL(OUT).href, INIT_TIMEOUT);
    // yaml-language-server pulls its settings after `initialized`; validation must be on first.
    if (!ours) await server.configurationAsked('yaml', INIT_TIMEOUT);
    const idle = server.memory();

    // Ours sends the document version; yaml-language-server does not, so its diagnostics are
    // matched by order: one validation (debounced) per open or change, each awaited in turn.
    const forVersion = (version) => (params) =>
      params.uri === file.uri && (!ours || params.version === version);
    const what = (version) => `publishDiagnostics for ${relative(ROOT, file.path)} v${version}`;

    let text = file.text;
    let version = 1;
    let waiting = server.nextDiagnostics(forVersion(version), DIAGNOSTICS_TIMEOUT, what(version));
    collectGarbage();
    let started = performance.now();
    await server.notify('textDocument/didOpen', {
      textDocument: { uri: file.uri, languageId: 'yaml', version, text },
    });
    let event = await waiting;
    const open = event.at - started;
    const openDiagnostics = event.params.diagnostics;
    const afterOpen = server.memory();

    const site = editSite(file);
    const changes = [];
    const changeDiagnostics = [];
    const changesStarted = performance.now();
    for (let i = 0; edit && i < CHANGE_MAX; i++) {
      if (i >= CHANGES && performance.now() - changesStarted >= CHANGE_MS) break;
      // A letter for the digit, a different one each time: every version is a new text.
      const replacement = 'abcdefghijklmnopqrstuvwxyz'[i % 26];
      text = text.slice(0, site.at) + replacement + text.slice(site.at + 1);
      version += 1;
      const range = {
        start: { line: site.line, character: site.character },
        end: { line: site.line, character: site.character + 1 },
      };
      const contentChanges = server.syncKind === 2 ? [{ range, text: replacement }] : [{ text }];
      waiting = server.nextDiagnostics(forVersion(version), DIAGNOSTICS_TIMEOUT, what(version));
      started = performance.now();
      await server.notify('textDocument/didChange', {
        textDocument: { uri: file.uri, version },
        contentChanges,
      });
      event = await waiting;
      changes.push(event.at - started);
      changeDiagnostics.push(event.params.diagnostics.length);
    }

    const memory = server.memory();
    // Our server logs how long each lint took: the rest of a round trip is transport.
    const lintLogs = ours
      ? server.logs
          .map(({ message }) => /v(\d+): .* in ([\d.]+) ms$/.exec(message))
          .filter(Boolean)
          .map((match) => ({ version: Number(match[1]), ms: Number(match[2]) }))
      : [];
    const serverLint = lintLogs.filter((log) => log.version > 1).map((log) => log.ms);
    const openLint = lintLogs.find((log) => log.version === 1)?.ms;
    await server.stop();

    const strays = server.publishes.filter(
      (publish) => publish.params.uri === file.uri && !publish.matched,
    );
    return {
      open,
      change: median(changes),
      changes,
      diagnostics: openDiagnostics,
      changeDiagnostics,
      memory,
      idle,
      afterOpen,
      serverLint: serverLint.length ? median(serverLint) : undefined,
      openLint,
      strays: strays.length,
      syncKind: server.syncKind,
      unknownRequests: [...server.unknownRequests],
    };
  } catch (error) {
    server.kill();
    throw error;
  }
}

/**
 * Starts our server once, opens a file and stops it, so the measured starts find the code cache
 * that dist/server.js keeps (server/src/code-cache.ts), as every start after a user's first does.
 */
async function primeCodeCache(file, nodeOptions) {
  await measureServer('ours', file, nodeOptions, false);
}

/**
 * The first run (the one with the edits) with the open time replaced by the median over all
 * runs; `opens` keeps each run's.
 */
function medianOfOpens(runs) {
  const opens = runs.map((run) => run.open);
  const lints = runs.map((run) => run.openLint).filter((lint) => lint !== undefined);
  return {
    ...runs[0],
    open: median(opens),
    opens,
    openLint: lints.length ? median(lints) : undefined,
  };
}

/** Fails unless the diagnostics show that each tool really checked the file. */
function checkDiagnostics(file, measured, ours, yls) {
  const name = relative(ROOT, file.path);
  const codes = ours.diagnostics.map((d) => d.code);
  if (codes.length !== measured.findings.length) {
    fail(
      `${name}: the server published ${codes.length} diagnostics, lint() found ${measured.findings.length}`,
    );
  }
  if (file.broken) {
    const missing = BROKEN_CODES.filter((code) => !codes.includes(code));
    if (missing.length)
      fail(`${name}: our server did not report ${missing.join(', ')} (got ${codes.join(', ')})`);
    if (!yls.diagnostics.some((d) => d.message.includes(TYPO.as))) {
      fail(
        `${name}: yaml-language-server did not report the typo '${TYPO.as}', so it is not validating against the schema: ${JSON.stringify(yls.diagnostics.slice(0, 3))}`,
      );
    }
  } else {
    if (codes.length) fail(`${name}: the clean config has findings: ${codes.join(', ')}`);
    if (yls.diagnostics.length) {
      fail(
        `${name}: yaml-language-server reports the clean config: ${JSON.stringify(yls.diagnostics.slice(0, 3))}`,
      );
    }
  }
  for (const [tool, result] of [
    ['ours', ours],
    ['yaml-language-server', yls],
  ]) {
    if (result.changeDiagnostics.some((count) => count !== result.diagnostics.length)) {
      fail(
        `${name}: ${tool} diagnostics changed with an edit that changes nothing: ${result.changeDiagnostics}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------

const ms = (value) =>
  value === undefined ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0);
const ratio = (value) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);

function table(rows) {
  const header = [
    'file',
    'lines',
    '(a) parse',
    "(a') our parse",
    '(b) lint',
    '(b)/(a)',
    '(c) open',
    '(c) change',
    '(d) open',
    '(d) change',
    '(d)/(c) open',
    '(d)/(c) change',
    '(e) peak RSS',
    'yls RSS',
    'diagnostics c / d',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`,
  ];
  for (const { file, measured, ours, yls } of rows) {
    lines.push(
      `| ${[
        `${file.rules} ${file.broken ? 'broken' : 'clean'}`,
        file.lines.toLocaleString('en'),
        ms(measured.parse),
        ms(measured.ownParse),
        ms(measured.lint),
        ratio(measured.lint / measured.parse),
        ms(ours.open),
        ms(ours.change),
        ms(yls.open),
        ms(yls.change),
        ratio(yls.open / ours.open),
        ratio(yls.change / ours.change),
        `${mb(ours.memory.peak)} MB`,
        `${mb(yls.memory.peak)} MB`,
        `${ours.diagnostics.length} / ${yls.diagnostics.length}`,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function verdicts(rows) {
  const worst = (values) => Math.min(...values);
  const largest = Math.max(...rows.map((row) => row.file.rules));
  const parseRatio = Math.max(...rows.map(({ measured }) => measured.lint / measured.parse));
  const openRatio = worst(rows.map(({ ours, yls }) => yls.open / ours.open));
  const changeRatio = worst(rows.map(({ ours, yls }) => yls.change / ours.change));
  const peak = Math.max(
    ...rows.filter((row) => row.file.rules === largest).map(({ ours }) => ours.memory.peak),
  );
  const mark = (ok) => (ok ? 'met' : '**missed**');
  return [
    `- (d)/(c) ≥ 10 on every size: open worst ${ratio(openRatio)} (${mark(openRatio >= 10)}), change worst ${ratio(changeRatio)} (${mark(changeRatio >= 10)})`,
    `- (b)/(a) ≤ 1.5: worst ${ratio(parseRatio)} (${mark(parseRatio <= 1.5)})`,
    `- (e) < 80 MB on the largest file: ${mb(peak)} MB (${mark(peak < 80 * 1024 * 1024)})`,
  ].join('\n');
}

/** Microseconds some task spent waiting for a CPU (Linux PSI), or undefined. */
function cpuPressure() {
  try {
    const total = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1];
    return total === undefined ? undefined : Number(total);
  } catch {
    return undefined;
  }
}

/** How much of the run something waited for a CPU: near 0% on a quiet machine. */
function contention(before, startedAt) {
  const after = cpuPressure();
  if (before === undefined || after === undefined) return '';
  const share = (after - before) / 1000 / (performance.now() - startedAt);
  const verdict =
    share > 0.3
      ? '**the times are inflated by other work on the machine**'
      : share > 0.1
        ? 'some other work ran meanwhile'
        : 'a quiet machine';
  return `; something waited for a CPU ${(100 * share).toFixed(0)}% of the run (PSI): ${verdict}`;
}

function gitDescription() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'server', 'scripts/build.mjs'],
      { cwd: ROOT, encoding: 'utf8' },
    ).trim();
    return `${commit}${dirty ? ' + uncommitted changes in server/' : ''}`;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const pressureBefore = cpuPressure();

  const engine = await bundleEngine();
  const files = generateFiles();
  console.log(`generated ${files.length} configs in ${relative(ROOT, OUT)}/`);

  const rows = files.map((file) => ({ file }));
  for (const row of rows) {
    row.measured = measureInProcess(engine, row.file);
    console.log(
      `${relative(ROOT, row.file.path)}: parse ${ms(row.measured.parse)} ms, lint ${ms(row.measured.lint)} ms`,
    );
  }
  await primeCodeCache(rows[0].file, engine.SERVER_NODE_OPTIONS);
  for (const row of rows) {
    const ours = [];
    const yls = [];
    for (let k = 0; k < OPENS; k++) {
      ours.push(await measureServer('ours', row.file, engine.SERVER_NODE_OPTIONS, k === 0));
      yls.push(await measureServer('yls', row.file, undefined, k === 0));
    }
    row.ours = medianOfOpens(ours);
    row.yls = medianOfOpens(yls);
    console.log(
      `${relative(ROOT, row.file.path)}: ours open ${ms(row.ours.open)} ms (${row.ours.opens.map(ms).join(', ')}; lint ${ms(row.ours.openLint)} ms of it), change ${ms(row.ours.change)} ms (lint ${ms(row.ours.serverLint)} ms of it)`,
    );
    console.log(
      `${relative(ROOT, row.file.path)}: yaml-language-server open ${ms(row.yls.open)} ms (${row.yls.opens.map(ms).join(', ')}), change ${ms(row.yls.change)} ms`,
    );
    checkDiagnostics(row.file, row.measured, row.ours, row.yls);
    for (const [tool, result] of [
      ['ours', row.ours],
      ['yaml-language-server', row.yls],
    ]) {
      if (result.strays)
        console.warn(
          `warning: ${tool} published ${result.strays} unexpected diagnostics for ${row.file.uri}`,
        );
      if (result.unknownRequests.length)
        console.warn(
          `note: ${tool} sent requests answered with null: ${result.unknownRequests.join(', ')}`,
        );
    }
  }

  const ylsVersion = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8'),
  ).version;
  const yamlVersion = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', 'yaml', 'package.json'), 'utf8'),
  ).version;
  const cpu = cpus();
  const report = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString()}; overwritten by each run.`,
    '',
    `- node ${process.version}, ${cpu.length} cores (${cpu[0]?.model?.trim() ?? 'unknown CPU'}), load average ${loadBefore.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end${contention(pressureBefore, started)}`,
    `- authelia-lint ${gitDescription()}, yaml ${yamlVersion}, yaml-language-server ${ylsVersion}`,
    `- times in ms, medians. (a) and (b): at least ${RUNS} runs and ${MEASURE.ms / 1000} s after a warm-up of at least ${WARMUP.runs} runs and ${WARMUP.ms / 1000} s (runs per file: ${rows.map(({ measured }) => measured.runs).join(', ')}). Open: the median of ${OPENS} didOpens, each in a fresh server process, ours and yaml-language-server taking turns, each after this process collected its own garbage (ours: ${rows.map(({ ours }) => ours.opens.map(ms).join('/')).join(', ')}; yaml-language-server: ${rows.map(({ yls }) => yls.opens.map(ms).join('/')).join(', ')}). Change: one-character edits, each awaited, at least ${CHANGES} and ${CHANGE_MS / 1000} s of them (ours: ${rows.map(({ ours }) => ours.changes.length).join(', ')}; yaml-language-server: ${rows.map(({ yls }) => yls.changes.length).join(', ')})`,
    '',
    table(rows),
    '',
    "(a) `yaml`'s parseDocument with a LineCounter. (a') our block-YAML parser, which the engine uses instead when it can (it can on every generated file; the run checks that) and which builds the same tree. (b) the engine's `lint()` with our parse, bundled like dist/.",
    `(c) \`node ${engine.SERVER_NODE_OPTIONS.join(' ')} dist/server.js --stdio\` (the Node options our VS Code client starts it with), started once before the measured starts so that they find its code cache as every start after a user's first does, didOpen or didChange (incremental sync) to its publishDiagnostics of that version; the server's own lint took (medians) ${rows.map(({ ours }) => `${ms(ours.openLint)}/${ms(ours.serverLint)}`).join(', ')} ms (open/change), the rest is transport, settings and start-up.`,
    `(d) yaml-language-server --stdio with \`yaml.validate: true\` and the schema ${relative(ROOT, LOCAL_SCHEMA_PATH)} from the modeline; its times include its fixed 200 ms validation debounce, as an editor user feels it.`,
    `(e) VmHWM of our server process after open and changes, in the first run (${[...new Set(rows.map(({ ours }) => mb(ours.idle.rss)))].join(' to ')} MB of it before the file was opened; ${rows.map(({ ours }) => mb(ours.afterOpen.peak)).join(', ')} MB right after the open). "yls RSS" is the same for yaml-language-server.`,
    '',
    'Targets (issue 5):',
    '',
    verdicts(rows),
    '',
  ].join('\n');
  writeFileSync(RESULTS, report);

  console.log(`\n${table(rows)}\n\n${verdicts(rows)}\n`);
  console.log(
    `wrote ${relative(ROOT, RESULTS)} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${RUN_TIMEOUT / 60000} minutes; stopping`);
  killAll();
  process.exit(1);
}, RUN_TIMEOUT);
watchdog.unref();

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

main().then(
  () => {
    killAll();
  },
  (error) => {
    console.error(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
    killAll();
    process.exit(1);
  },
);
