import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type ConfigurationParams,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

/** The `authelia` settings section the test client answers `workspace/configuration` with. */
export interface AutheliaSettings {
  deployment?: string;
  version?: string;
  files?: string[];
}

/**
 * A minimal LSP client for tests: spawns `node <server> --stdio`, answers the server's
 * `workspace/configuration` requests from `settings`, and records every published diagnostics
 * and log message. Waiting is event driven: `nextDiagnostics` resolves when the server
 * publishes, never after a sleep.
 */
export class LspClient {
  /** What `workspace/configuration` answers for the `authelia` section; change it freely. */
  settings: AutheliaSettings;
  /** Every `workspace/configuration` request the server sent. */
  readonly configurationRequests: ConfigurationParams[] = [];
  /** Every `window/logMessage` notification the server sent. */
  readonly logMessages: LogMessageParams[] = [];
  /** Every `textDocument/publishDiagnostics` notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** What the server wrote to stderr, for failure messages. */
  stderr = '';

  private readonly unread = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiting = new Map<string, ((params: PublishDiagnosticsParams) => void)[]>();
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly process: ChildProcessWithoutNullStreams,
    private readonly connection: ProtocolConnection,
    settings: AutheliaSettings,
  ) {
    this.settings = settings;
    this.exited = once(process, 'exit').then(([code]) => {
      this.exitCode = code as number | null;
      return this.exitCode;
    });
    process.stderr.setEncoding('utf8');
    process.stderr.on('data', (chunk: string) => (this.stderr += chunk));

    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) =>
        item.section === 'authelia' ? structuredClone(this.settings) : null,
      );
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const waiter = this.waiting.get(params.uri)?.shift();
      if (waiter) waiter(params);
      else this.unread.set(params.uri, [...(this.unread.get(params.uri) ?? []), params]);
    });
    connection.listen();
  }

  /** Spawns the server, with Node options before its path, and connects to its stdio. */
  static start(
    serverPath: string,
    settings: AutheliaSettings = {},
    nodeOptions: readonly string[] = [],
  ): LspClient {
    const child = spawn(process.execPath, [...nodeOptions, serverPath, '--stdio'], {
      stdio: 'pipe',
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    return new LspClient(child, connection, settings);
  }

  /** Sends `initialize` (declaring `workspace.configuration`) and `initialized`. */
  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: 'file:///work/x',
      workspaceFolders: [{ uri: 'file:///work/x', name: 'x' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            isPreferredSupport: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
          },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async didOpen(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  /** Replaces the whole text of an open document. */
  async didChange(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async didClose(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  /** Tells the server the settings changed; it is expected to pull them again. */
  async didChangeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** The next diagnostics published for `uri` that this client has not handed out yet. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    const queued = this.unread.get(uri);
    if (queued && queued.length > 0) return Promise.resolve(queued.shift()!);
    if (this.exitCode !== undefined) {
      return Promise.reject(new Error(`server exited (${this.exitCode}): ${this.stderr}`));
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(uri, [...(this.waiting.get(uri) ?? []), resolve]);
      void this.exited.then((code) => reject(new Error(`server exited (${code}): ${this.stderr}`)));
    });
  }

  /** Opens a document and returns the diagnostics the server publishes for it. */
  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    await this.didOpen(uri, text, version);
    const params = await published;
    if (params.version !== undefined && params.version !== version) {
      throw new Error(`diagnostics for version ${params.version}, expected ${version}`);
    }
    return params.diagnostics;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(
    uri: string,
    range: Range,
    diagnostics: Diagnostic[],
  ): Promise<(Command | CodeAction)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, only: ['quickfix'] },
    });
  }

  completion(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  /** True while the server process runs. */
  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** Sends `shutdown` and `exit` and resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the server if it still runs, e.g. after a failed test. */
  kill(): void {
    this.connection.dispose();
    if (this.alive) this.process.kill('SIGKILL');
  }
}
