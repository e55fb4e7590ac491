/**
 * The VS Code side of authelia-lint: a thin client that starts the bundled language server
 * (`dist/server.js`) and hands it the YAML documents. All checking happens in the server; this
 * file only wires the editor to it.
 */

import { window, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../server/src/launch';

/**
 * The client id. VS Code reads `<id>.trace.server` for protocol tracing, so it must match the
 * `authelia` settings section in package.json.
 */
const CLIENT_ID = 'authelia';

/** The name shown on the output channel and in the client's own messages. */
const CLIENT_NAME = 'Authelia';

/** The settings section the server reads and whose changes it is told about. */
const SETTINGS_SECTION = 'authelia';

/** The bundled language server, relative to the extension's root. */
const SERVER_MODULE = 'dist/server.js';

/** The port a debugger can attach to when the extension runs in development mode. */
const SERVER_DEBUG_PORT = 6009;

let client: LanguageClient | undefined;

/**
 * Starts the language server when the first YAML document opens. The server decides per file
 * whether it is an Authelia configuration, so every YAML file is sent to it.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const log: LogOutputChannel = window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(log);

  const serverModule = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS] },
    },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: {
        execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', `--inspect=${SERVER_DEBUG_PORT}`],
      },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    // Sends workspace/didChangeConfiguration when an `authelia.*` setting changes, so the server
    // re-checks open configs with the new deployment, version or file globs.
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel: log,
    traceOutputChannel: log,
  };

  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  try {
    await client.start();
  } catch {
    // The client has already written the cause to the "Authelia" channel and shown it in a
    // notification; failing the activation as well would only report it a second time.
  }
}

/**
 * Stops the language server, giving it the chance to shut down cleanly. A server that never got
 * running has nothing to shut down, and its process ends with the extension host.
 */
export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping?.isRunning()) await stopping.stop();
}
