// The packaged extension in a real VS Code: code-server 4.139.1 in Debian's headless Chromium,
// driven by playwright-core. Run by scripts/e2e.mjs, which builds the .vsix and installs the
// tools first; see ../shared/E2E.md for the recipe and the DOM hooks.
//
// Environment:
//   AUTHELIA_E2E_VSIX          the .vsix to install (default dist/authelia-lint.vsix)
//   AUTHELIA_E2E_SCREENSHOTS   where the README screenshots go (default .cache/e2e/screenshots)
//   AUTHELIA_E2E_CHROMIUM      the browser (default /usr/bin/chromium)

import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { cacheDir, toolPaths } from './install.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsix = resolve(process.env.AUTHELIA_E2E_VSIX ?? join(root, 'dist', 'authelia-lint.vsix'));
const screenshotDir = resolve(
  process.env.AUTHELIA_E2E_SCREENSHOTS ?? join(cacheDir, 'screenshots'),
);
const browserPath = process.env.AUTHELIA_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** How long one wait may take before its check fails. */
const STEP_TIMEOUT_MS = 30_000;
/** The whole run, from starting code-server to stopping it. */
const RUN_TIMEOUT_MS = 110_000;

const CONFIG = 'authelia/configuration.yml';
/**
 * YAML files that are not Authelia configs, with the language VS Code gives them: the Home
 * Assistant config is YAML, so the client sends it and the server must skip it; VS Code opens
 * compose files as "Compose", which the client never sends.
 */
const NOT_AUTHELIA = [
  { relative: 'homeassistant/configuration.yaml', mode: 'YAML' },
  { relative: 'docker-compose.yml', mode: 'Compose' },
];
const RULE_IDS = [
  'ha/session-memory',
  'ha/storage-sqlite',
  'ha/notifier-filesystem',
  'ha/auth-file',
  'ha/auth-file-password-reset',
  'ha/auth-file-password-change',
];

const runDir = join(cacheDir, 'run');
const dirs = {
  userData: join(runDir, 'user-data'),
  extensions: join(runDir, 'extensions'),
  xdgConfig: join(runDir, 'xdg-config'),
  xdgData: join(runDir, 'xdg-data'),
  xdgCache: join(runDir, 'xdg-cache'),
  workspace: join(runDir, 'workspace'),
};

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const failures = [];
let codeServer;
let browser;

// ---------------------------------------------------------------------------------------------
// code-server

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

function codeServerEnv() {
  const { nodeDir } = toolPaths();
  return {
    ...process.env,
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
}

/** Fresh user data, extensions, XDG folders and a copy of the workspace fixture. */
function prepareFolders() {
  rmSync(runDir, { recursive: true, force: true });
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'test', 'e2e', 'workspace'), dirs.workspace, { recursive: true });

  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
        'git.enabled': false,
        'security.workspace.trust.enabled': false,
      },
      null,
      2,
    ),
  );
}

function installExtension() {
  const { node, codeServer: entry } = toolPaths();
  const args = [
    entry,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--install-extension',
    vsix,
    '--force',
  ];
  const result = spawnSync(node, args, { env: codeServerEnv(), encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (${result.status}):\n${output}`);
  }
  console.log(`installed ${vsix} (${elapsed()})`);
}

/** Starts code-server in its own process group and resolves once it listens. */
function startCodeServer(port) {
  const { node, codeServer: entry } = toolPaths();
  const args = [
    entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    dirs.workspace,
  ];
  codeServer = spawn(node, args, {
    env: codeServerEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  console.log(`code-server started, pid ${codeServer.pid}, port ${port}`);

  const logPath = join(runDir, 'code-server.log');
  let log = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(
      () => reject(new Error('code-server did not listen within 30 s')),
      30_000,
    );
    const onOutput = (chunk) => {
      log += chunk;
      writeFileSync(logPath, log);
      if (/HTTP server listening on/.test(log)) {
        clearTimeout(timer);
        resolveStart();
      }
    };
    codeServer.stdout.on('data', onOutput);
    codeServer.stderr.on('data', onOutput);
    codeServer.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${code ?? signal}); see ${logPath}`));
    });
  });
}

/** Stops code-server and everything it started, by its process id (and its group). */
async function stopCodeServer() {
  const child = codeServer;
  codeServer = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // The parent is gone; whatever of its group is left (extension host, server) goes too.
  signalGroup(child.pid, 'SIGKILL');
  console.log(`code-server (pid ${child.pid}) stopped`);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Runs one check; a failure is recorded with a screenshot and the run goes on. */
async function check(page, name, body) {
  const stepStarted = Date.now();
  try {
    await body();
    console.log(`  ok   ${name} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
    return true;
  } catch (error) {
    const message = String(error?.message ?? error).split('\n')[0];
    failures.push(`${name}: ${message}`);
    console.log(`  FAIL ${name}: ${message}`);
    if (page) {
      const shot = join(runDir, `failure-${failures.length}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      console.log(`       screenshot: ${shot}`);
    }
    return false;
  }
}

function fileUri(port, relative) {
  return `vscode-remote://127.0.0.1:${port}${join(dirs.workspace, relative)}`;
}

/** Opens a file through Quick Open and waits for its tab to be the active one. */
async function openFile(page, relative) {
  const name = relative.split('/').pop();
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relative);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().click();
  await page.waitForSelector(`.tab.active[data-resource-name="${name}"]`);
}

/** Brings an open file's tab to the front. */
async function showTab(page, relative) {
  const name = relative.split('/').pop();
  await page.click(`.tab[data-resource-name="${name}"]`);
  await page.waitForSelector(`.tab.active[data-resource-name="${name}"]`);
}

/** The diagnostics squiggles in the visible editor, each with the text of its line. */
function squiggles(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return [];
    const lineText = new Map();
    for (const line of editor.querySelectorAll('.view-lines .view-line')) {
      lineText.set(line.style.top, line.textContent.replace(/\u00a0/g, ' '));
    }
    return [...editor.querySelectorAll('.view-overlays .cdr[class*="squiggly-"]')].map((mark) => {
      const kind = [...mark.classList].find((name) => name.startsWith('squiggly-'));
      return {
        kind: kind.slice('squiggly-'.length),
        line: lineText.get(mark.parentElement.style.top) ?? '',
      };
    });
  });
}

/** Waits until `predicate(squiggles)` holds; the failure message shows the last squiggles. */
async function waitForSquiggles(page, predicate, what) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last = [];
  // Re-reads the squiggles whenever the editor's DOM changes, not on a timer.
  const handle = await page.evaluateHandle(() => {
    const state = { changed: true };
    new MutationObserver(() => (state.changed = true)).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
    return state;
  });
  while (Date.now() < deadline) {
    await page
      .waitForFunction((state) => state.changed, handle, { timeout: deadline - Date.now() })
      .catch(() => {});
    await handle.evaluate((state) => (state.changed = false));
    last = await squiggles(page);
    if (predicate(last)) return last;
  }
  const seen = last.map(({ kind, line }) => `${kind} on "${line.trim()}"`).join(', ') || 'none';
  throw new Error(`timed out waiting for ${what}; squiggles: ${seen}`);
}

/** The kinds of squiggle on the line whose text starts with `key:`. */
function kindsOn(marks, key) {
  return marks.filter(({ line }) => line.trim().startsWith(`${key}:`)).map(({ kind }) => kind);
}

/** The status bar's error count now. */
async function readErrorCount(page) {
  const label = (await page.locator('[id="status.problems"]').getAttribute('aria-label')) ?? '';
  const errors = /Errors: (\d+)/.exec(label);
  return errors ? Number(errors[1]) : 0;
}

/** Waits for the status bar's error count; its aria-label reads like "Errors: 2, Warnings: 1". */
async function errorCount(page, wanted) {
  await page
    .waitForFunction((count) => {
      const label = document.querySelector('[id="status.problems"]')?.getAttribute('aria-label');
      if (label == null) return false;
      const errors = /Errors: (\d+)/.exec(label);
      return (errors ? Number(errors[1]) : 0) === count;
    }, wanted)
    .catch(async () => {
      const label = await page.locator('[id="status.problems"]').getAttribute('aria-label');
      throw new Error(`the status bar does not count ${wanted} error(s): "${label}"`);
    });
}

async function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((row) => row.textContent ?? ''),
  );
}

/** Reads the Authelia output channel's log file, where the server logs what it checked. */
function channelLog() {
  const logs = join(dirs.userData, 'logs');
  if (!existsSync(logs)) return '';
  const found = readdirSync(logs, { recursive: true }).filter((path) =>
    path.endsWith('Authelia.log'),
  );
  return found.map((path) => readFileSync(join(logs, path), 'utf8')).join('\n');
}

/** Waits until the server has logged that it skipped `relative` as not an Authelia config. */
function waitForSkipLog(relative) {
  const wanted = `${join(dirs.workspace, relative)} v1: not checked`;
  const logs = join(dirs.userData, 'logs');
  return new Promise((resolveLog, reject) => {
    // The extension host writes the channel's log file; every write wakes the watcher up.
    const watcher = watch(logs, { recursive: true }, () => {
      if (channelLog().includes(wanted)) done();
    });
    const timer = setTimeout(
      () => done(new Error(`the server never logged "${wanted}"`)),
      STEP_TIMEOUT_MS,
    );
    function done(error) {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolveLog();
    }
    if (channelLog().includes(wanted)) done();
  });
}

async function hoverWord(page, key) {
  const span = page
    .locator('.editor-group-container.active .view-lines .view-line span span', {
      hasText: new RegExp(`^${key}$`),
    })
    .first();
  await span.waitFor({ state: 'visible' });
  return span;
}

// ---------------------------------------------------------------------------------------------
// The run

async function drive(port) {
  browser = await chromium.launch({
    executablePath: browserPath,
    headless: true,
    // This script's own handlers close the browser and stop code-server on a signal.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  mkdirSync(screenshotDir, { recursive: true });

  const payload = JSON.stringify([['openFile', fileUri(port, CONFIG)]]);
  const query = new URLSearchParams({ folder: dirs.workspace, payload });
  const url = `http://127.0.0.1:${port}/?${query}`;

  const opened = await check(page, 'the workbench opens the Authelia config', async () => {
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench');
    await page.waitForSelector('.tab.active[data-resource-name="configuration.yml"]');
    console.log(`       workbench up at ${elapsed()}`);
  });
  if (!opened) return;

  const linted = await check(
    page,
    'squiggles: error on session and local, warning on filesystem, info on file',
    async () => {
      await waitForSquiggles(
        page,
        (marks) =>
          kindsOn(marks, 'session').includes('error') &&
          kindsOn(marks, 'local').includes('error') &&
          kindsOn(marks, 'filesystem').includes('warning') &&
          kindsOn(marks, 'file').includes('info'),
        'the squiggles',
      );
    },
  );

  if (!linted) {
    // Without diagnostics every later check would only wait for its own timeout.
    console.log('       the extension published no diagnostics; the remaining checks are skipped');
    return;
  }

  // Other rule families may add errors of their own; the HA ones are on session and local.
  let errors = 0;
  await check(page, 'status bar counts the errors', async () => {
    await page.waitForFunction(() =>
      /Errors: \d+/.test(
        document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '',
      ),
    );
    errors = await readErrorCount(page);
    if (errors < 2) throw new Error(`only ${errors} error(s)`);
    console.log(`       ${errors} errors`);
  });

  await check(page, 'Problems panel lists every rule id', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row');
    await page
      .waitForFunction((ids) => {
        const text = [...document.querySelectorAll('.markers-panel .monaco-list-row')]
          .map((row) => row.textContent ?? '')
          .join('\n');
        return ids.every((id) => text.includes(`${id}`));
      }, RULE_IDS)
      .catch(async () => {
        throw new Error(`rows: ${JSON.stringify(await problemRows(page))}`);
      });
    await page.screenshot({ path: join(screenshotDir, 'e2e-problems.png') });
  });

  for (const { relative, mode } of NOT_AUTHELIA) {
    await check(page, `${relative} gets no diagnostics from us`, async () => {
      await openFile(page, relative);
      // The status bar follows the active editor a moment after its tab.
      await page
        .waitForFunction(
          (wanted) =>
            document.querySelector('[id="status.editor.mode"]')?.textContent?.trim() === wanted,
          mode,
        )
        .catch(async () => {
          const shown = await page.locator('[id="status.editor.mode"]').textContent();
          throw new Error(`opens as "${shown?.trim()}", not "${mode}"`);
        });
      // A YAML file goes to the server: wait until it has looked at this one and skipped it.
      if (mode === 'YAML') await waitForSkipLog(relative);
      const marks = await squiggles(page);
      if (marks.length > 0) throw new Error(`squiggles: ${JSON.stringify(marks)}`);
      const rows = (await problemRows(page)).filter((row) =>
        row.includes(relative.split('/').pop()),
      );
      if (rows.length > 0) throw new Error(`Problems rows: ${JSON.stringify(rows)}`);
    });
  }

  await check(page, 'back to the Authelia config', () => showTab(page, CONFIG));

  await check(page, 'hover over `local` shows BREAKING and the way out', async () => {
    const span = await hoverWord(page, 'local');
    const box = await span.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.monaco-hover:not(.hidden)')].some(
        (hover) => hover.textContent.includes('BREAKING') && hover.textContent.includes('Way out'),
      ),
    );
    // The hover fades in; the screenshot waits for that to end.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.monaco-hover:not(.hidden)')].every((hover) =>
        hover
          .getAnimations({ subtree: true })
          .every((animation) => animation.playState !== 'running'),
      ),
    );
    await page.screenshot({ path: join(screenshotDir, 'e2e-hover.png') });
    // The hover box covers the lines above `local`, `session` among them: wait until it is gone.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.monaco-hover:not(.hidden)')].every(
        (hover) => !hover.textContent.includes('BREAKING'),
      ),
    );
  });

  await check(
    page,
    'quick fix on `session` adds a redis block; the error count drops by one',
    async () => {
      const span = await hoverWord(page, 'session');
      await span.click();
      await page.waitForFunction(() =>
        /^Ln 15,/.test(
          document.querySelector('[id="status.editor.selection"]')?.textContent?.trim() ?? '',
        ),
      );
      await page.keyboard.press('Control+.');
      const redisFix = page.locator('.action-widget .monaco-list-row.action', {
        hasText: 'Add a Redis session provider',
      });
      await redisFix.waitFor({ state: 'visible' }).catch(async () => {
        const offered = await page.$$eval('.action-widget .monaco-list-row', (rows) =>
          rows.map((row) => row.getAttribute('aria-label')),
        );
        throw new Error(`the Redis fix is not offered; menu: ${JSON.stringify(offered)}`);
      });
      await page.screenshot({ path: join(screenshotDir, 'e2e-quickfix.png') });
      await redisFix.click();
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.editor-group-container.active .view-line')].some((line) =>
          /^\s+redis:\s*$/.test(line.textContent.replace(/\u00a0/g, ' ')),
        ),
      );
      await errorCount(page, errors - 1);
      errors -= 1;
    },
  );

  await check(
    page,
    'authelia.deployment: single removes the SQLite diagnostic without a reload',
    async () => {
      await waitForSquiggles(
        page,
        (marks) => kindsOn(marks, 'local').includes('error'),
        'the error on `local`',
      );
      mkdirSync(join(dirs.workspace, '.vscode'), { recursive: true });
      writeFileSync(
        join(dirs.workspace, '.vscode', 'settings.json'),
        `${JSON.stringify({ 'authelia.deployment': 'single' }, null, 2)}\n`,
      );
      // In single mode the SQLite finding is off and the filesystem notifier drops to
      // information. The notifier's line has moved below the fold by now, so its severity is
      // read from the Problems panel.
      await waitForSquiggles(
        page,
        (marks) => kindsOn(marks, 'local').length === 0,
        'no squiggle on `local`',
      );
      await page
        .waitForFunction(() => {
          const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
          const text = rows.map((row) => row.textContent ?? '').join('\n');
          const notifier = rows.find((row) => row.textContent.includes('ha/notifier-filesystem'));
          return (
            notifier?.getAttribute('aria-label')?.startsWith('Info') === true &&
            !text.includes('ha/storage-sqlite')
          );
        })
        .catch(async () => {
          throw new Error(`Problems rows: ${JSON.stringify(await problemRows(page))}`);
        });
      await errorCount(page, errors - 1);
    },
  );
}

async function main() {
  const port = await freePort();
  const watchdog = setTimeout(() => {
    failures.push(`the run took longer than ${RUN_TIMEOUT_MS / 1000} s`);
    console.log(`  FAIL the run took longer than ${RUN_TIMEOUT_MS / 1000} s`);
    void finish(1);
  }, RUN_TIMEOUT_MS);
  try {
    if (!existsSync(vsix)) throw new Error(`no .vsix at ${vsix}; run npm run package`);
    prepareFolders();
    installExtension();
    await startCodeServer(port);
    console.log(`code-server listening at ${elapsed()}`);
    await drive(port);
  } catch (error) {
    failures.push(String(error?.message ?? error));
    console.log(`  FAIL ${error?.message ?? error}`);
  } finally {
    clearTimeout(watchdog);
  }
  await finish(failures.length > 0 ? 1 : 0);
}

let finishing;
function finish(code) {
  finishing ??= (async () => {
    await browser?.close().catch(() => {});
    await stopCodeServer().catch((error) => console.log(`stopping code-server: ${error.message}`));
    if (failures.length === 0) {
      console.log(`vscode: all checks passed in ${elapsed()}; screenshots in ${screenshotDir}`);
    } else {
      console.log(`vscode: ${failures.length} check(s) failed in ${elapsed()}:`);
      for (const failure of failures) console.log(`  - ${failure}`);
    }
    process.exit(code || (failures.length > 0 ? 1 : 0));
  })();
  return finishing;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    failures.push(`interrupted by ${signal}`);
    void finish(1);
  });
}
// Last resort if the process ends some other way: never leave code-server behind.
process.on('exit', () => {
  if (codeServer) signalGroup(codeServer.pid, 'SIGKILL');
});

await main();
