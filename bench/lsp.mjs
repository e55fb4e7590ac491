// A minimal LSP client for the benchmark: starts a server over stdio, answers the requests a
// server sends to its client, and waits for publishDiagnostics events. Every wait has a timeout
// that throws; nothing sleeps.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

/** Every server started and not yet stopped, so a failure anywhere can end them all. */
const running = new Set();

/** Ends every server still running (SIGKILL); for failures and process exit. */
export function killAll() {
  for (const server of running) server.kill();
}

/** One language server process and the client side of its connection. */
export class LspServer {
  /**
   * @param {string} name for messages
   * @param {string[]} args node arguments: the script and its flags
   * @param {(section: string | undefined) => unknown} settings answers to workspace/configuration
   */
  constructor(name, args, settings) {
    this.name = name;
    this.settings = settings;
    this.stderr = '';
    this.logs = [];
    this.publishes = [];
    this.waiters = [];
    this.configRequests = [];
    this.configWaiters = [];
    this.unknownRequests = new Set();
    this.exited = false;

    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    running.add(this);
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        running.delete(this);
        const error = new Error(
          `${name} exited (code ${code}, signal ${signal}); stderr: ${this.stderr.slice(-2000)}`,
        );
        for (const waiter of [...this.waiters.splice(0), ...this.configWaiters.splice(0)])
          waiter.reject(error);
        resolve({ code, signal });
      });
    });
    this.child.once('error', (error) => {
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-20000);
    });
    // A write to a server that died must not crash the benchmark with EPIPE; the exit handler
    // reports it.
    this.child.stdin.on('error', () => {});

    const connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.connection = connection;

    connection.onRequest('workspace/configuration', (params) => {
      const sections = params.items.map((item) => item.section);
      this.configRequests.push(sections);
      const answer = params.items.map((item) => this.settings(item.section) ?? null);
      // Resolved after the answer is sent: the handler's return value is written first.
      for (const waiter of this.configWaiters.filter((w) => sections.includes(w.section))) {
        setImmediate(waiter.resolve);
      }
      return answer;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => null);
    connection.onRequest((method) => {
      this.unknownRequests.add(method);
      return null;
    });
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const event = { at: performance.now(), params };
      const index = this.waiters.findIndex((waiter) => waiter.matches(params));
      if (index >= 0) {
        const [waiter] = this.waiters.splice(index, 1);
        event.matched = true;
        waiter.resolve(event);
      }
      this.publishes.push(event);
    });
    connection.onNotification('window/logMessage', (params) => {
      this.logs.push({ at: performance.now(), message: params.message });
      if (this.logs.length > 2000) this.logs.splice(0, 1000);
    });
    connection.onNotification(() => {});
    connection.onError(([error]) => {
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    });
    connection.listen();
  }

  /** Rejects after `ms` with a message naming the server and what was awaited. */
  timeout(promise, ms, what) {
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${this.name}: no ${what} within ${ms} ms; stderr: ${this.stderr.slice(-2000)}`,
            ),
          ),
        ms,
      );
    });
    return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
  }

  /** Sends initialize and initialized; resolves with the server's capabilities. */
  async initialize(rootUri, ms = 30000) {
    const result = await this.timeout(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: 'authelia-lint-bench' },
        rootUri,
        workspaceFolders: null,
        capabilities: {
          workspace: {
            configuration: true,
            didChangeConfiguration: { dynamicRegistration: false },
            workspaceFolders: false,
          },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
          },
        },
        initializationOptions: {},
      }),
      ms,
      'initialize response',
    );
    await this.connection.sendNotification('initialized', {});
    this.capabilities = result.capabilities;
    const sync = result.capabilities.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
    return result.capabilities;
  }

  /** Resolves once the server has asked for configuration `section` (and been answered). */
  async configurationAsked(section, ms = 30000) {
    if (this.configRequests.some((sections) => sections.includes(section))) return;
    let waiter;
    const promise = new Promise((resolve, reject) => {
      waiter = { section, resolve, reject };
      this.configWaiters.push(waiter);
    });
    await this.timeout(promise, ms, `workspace/configuration request for '${section}'`).finally(
      () => {
        this.configWaiters = this.configWaiters.filter((other) => other !== waiter);
      },
    );
  }

  /** A promise for the next publishDiagnostics that `matches`, registered before the cause is sent. */
  nextDiagnostics(matches, ms, what) {
    let waiter;
    const promise = new Promise((resolve, reject) => {
      waiter = { matches, resolve, reject };
      this.waiters.push(waiter);
    });
    return this.timeout(promise, ms, what).catch((error) => {
      this.waiters = this.waiters.filter((other) => other !== waiter);
      throw error;
    });
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  /** VmHWM (peak resident set) and VmRSS of the server process, in bytes. */
  memory() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const field = (name) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { peak: field('VmHWM'), rss: field('VmRSS') };
  }

  /** shutdown, exit, and SIGKILL if the process is still there after `ms`. */
  async stop(ms = 5000) {
    if (this.exited) return;
    try {
      await this.timeout(this.connection.sendRequest('shutdown'), ms, 'shutdown response');
      await this.connection.sendNotification('exit');
      await this.timeout(this.exitPromise, ms, 'exit');
    } catch {
      // Killed below.
    } finally {
      this.kill();
    }
  }

  kill() {
    if (!this.exited) this.child.kill('SIGKILL');
    try {
      this.connection.dispose();
    } catch {
      // Already disposed.
    }
    running.delete(this);
  }
}
