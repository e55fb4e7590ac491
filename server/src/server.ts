import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type InitializeParams,
} from 'vscode-languageserver/node';
import {
  completeAt,
  hoverAt,
  lint,
  type Finding,
  type LintOptions,
  type LintResult,
  type Severity,
  type TextEdit,
} from './engine';
import { collectAfterLint, withRoomForLargeCheck } from './heap';
import { OPEN_DOCUMENTS, type OpenDocument } from './open-document';
import { sameLintOptions, toLintOptions, type RawSettings } from './settings';

/**
 * The language server: a thin shell that feeds open YAML documents to the engine and turns
 * its findings into diagnostics, code actions and hovers. Each document version is parsed
 * once; hovers and code actions reuse that parse.
 */

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(OPEN_DOCUMENTS);

/** The last lint of each open document, keyed by URI. */
interface CheckedDocument {
  version: number;
  options: LintOptions;
  result: LintResult;
}
const checked = new Map<string, CheckedDocument>();

/** A document's settings: asked of the client, and what it answered once it has. */
interface DocumentSettings {
  asked: Promise<LintOptions>;
  answered?: LintOptions;
}

/** Settings per document URI, filled lazily and dropped when the settings change. */
const settingsByUri = new Map<string, DocumentSettings>();
let canPullSettings = false;
let pushedSettings: RawSettings | undefined;

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

connection.onInitialize((params: InitializeParams) => {
  canPullSettings = params.capabilities.workspace?.configuration === true;
  pushedSettings = (params.initializationOptions as { authelia?: RawSettings } | undefined)
    ?.authelia;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', ':', '-'] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'authelia-language-server' },
  };
});

connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as { authelia?: RawSettings } | undefined)?.authelia;
  if (settings) pushedSettings = settings;
  settingsByUri.clear();
  checked.clear();
  for (const document of documents.all()) void validate(document);
});

documents.onDidChangeContent((change) => void validate(change.document));

documents.onDidClose((event) => {
  checked.delete(event.document.uri);
  settingsByUri.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onHover(async (params): Promise<Hover | null> => {
  const document = documents.get(params.textDocument.uri);
  const current = document && (await currentResult(document));
  return guard(
    'hover',
    () => {
      if (!document || !current) return null;

      const hover = hoverAt(current, document.offsetAt(params.position));
      if (!hover) return null;
      return {
        contents: { kind: 'markdown', value: hover.markdown },
        range: { start: document.positionAt(hover.start), end: document.positionAt(hover.end) },
      };
    },
    null,
  );
});

connection.onCodeAction(async (params): Promise<CodeAction[]> => {
  const document = documents.get(params.textDocument.uri);
  const current = document && (await currentResult(document));
  return guard(
    'code actions',
    () => {
      if (!document || !current) return [];
      if (params.context.only && !params.context.only.some((kind) => kind.startsWith('quickfix'))) {
        return [];
      }

      const actions: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== 'authelia') continue;
        const finding = current.findings.find(
          (candidate) =>
            candidate.ruleId === diagnostic.code &&
            candidate.start === document.offsetAt(diagnostic.range.start) &&
            candidate.end === document.offsetAt(diagnostic.range.end),
        );
        for (const fix of finding?.fixes ?? []) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred === true,
            edit: {
              changes: { [document.uri]: fix.edits.map((edit) => toLspEdit(document, edit)) },
            },
          });
        }
      }
      return actions;
    },
    [],
  );
});

connection.onCompletion(async (params): Promise<CompletionItem[]> => {
  const document = documents.get(params.textDocument.uri);
  const current = document && (await currentResult(document));
  return guard(
    'completion',
    () => {
      if (!document || !current) return [];
      const text = document.getText();
      return completeAt(current, text, document.offsetAt(params.position)).map(
        (completion, index) => ({
          label: completion.label,
          kind:
            completion.kind === 'key'
              ? CompletionItemKind.Property
              : completion.kind === 'value'
                ? CompletionItemKind.EnumMember
                : CompletionItemKind.Snippet,
          detail: completion.detail,
          documentation: completion.documentation
            ? { kind: 'markdown', value: completion.documentation }
            : undefined,
          insertTextFormat: completion.isSnippet
            ? InsertTextFormat.Snippet
            : InsertTextFormat.PlainText,
          textEdit: {
            range: {
              start: document.positionAt(completion.replaceStart),
              end: document.positionAt(completion.replaceEnd),
            },
            newText: completion.insertText,
          },
          sortText: String(index).padStart(4, '0'),
        }),
      );
    },
    [],
  );
});

/**
 * Lints a document with its settings and publishes the findings, unless it changed since.
 *
 * The first time, the settings are a request to the client. While it answers, the document is
 * checked with the settings the server would use without asking, which is what most clients
 * answer; if the answer differs, that check is dropped and the document checked again. On a
 * 9,000-line config the answer took 3 to 7 ms of a 60 to 110 ms open.
 */
async function validate(document: OpenDocument): Promise<void> {
  try {
    const settings = settingsFor(document.uri);
    let early: TimedLint | undefined;
    if (settings.answered === undefined) {
      // The protocol writes the request in a later turn of the loop: let it go out first.
      await new Promise((resolve) => setImmediate(resolve));
      if (documents.get(document.uri)?.version !== document.version) return;
      early = timedLint(document, toLintOptions(pushedSettings));
    }
    const options = await settings.asked;
    if (documents.get(document.uri)?.version !== document.version) return;

    const { result, ms } =
      early && sameLintOptions(early.options, options)
        ? adopt(document, options, early)
        : timedLint(document, options);

    for (const failure of result.ruleFailures) {
      connection.console.error(
        `rule ${failure.ruleId} failed on ${document.uri}: ${failure.error}`,
      );
    }
    const outcome = result.checked
      ? `${result.findings.length} finding(s) for ${result.version}, ${result.deployment}`
      : `not checked (${result.skipped})`;
    connection.console.log(
      `${document.uri} v${document.version}: ${outcome} in ${ms.toFixed(1)} ms`,
    );

    const diagnostics = result.findings.map((finding) => toDiagnostic(document, finding));
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    collectAfterLint(document.getText().length);
  } catch (error) {
    connection.console.error(`checking ${document.uri} failed: ${describe(error)}`);
  }
}

/** A check, the settings it was made with, and how long it took. */
interface TimedLint {
  result: LintResult;
  options: LintOptions;
  ms: number;
}

function timedLint(document: OpenDocument, options: LintOptions): TimedLint {
  const started = performance.now();
  const result = lintDocument(document, options);
  return { result, options, ms: performance.now() - started };
}

/**
 * Keeps a check made before the settings came as the check under those settings, so that the
 * next keystroke finds its parse under them.
 */
function adopt(document: OpenDocument, options: LintOptions, early: TimedLint): TimedLint {
  const cached = checked.get(document.uri);
  if (cached?.result === early.result) cached.options = options;
  return { ...early, options };
}

/**
 * The lint of the document's current version with its own settings, linting again only when
 * the cache is stale. Waits for the settings, so an early request sees what a later publish
 * will show.
 */
async function currentResult(document: OpenDocument): Promise<LintResult | undefined> {
  try {
    const options = await settingsFor(document.uri).asked;
    const cached = checked.get(document.uri);
    if (cached?.version === document.version && cached.options === options) return cached.result;

    return lintDocument(document, options);
  } catch (error) {
    connection.console.error(`checking ${document.uri} failed: ${describe(error)}`);
    return undefined;
  }
}

/**
 * Lints the document's current text and caches the result. When the last lint used the same
 * settings, its parse is handed to the engine, which re-parses only the part that changed.
 */
function lintDocument(document: OpenDocument, options: LintOptions): LintResult {
  const cached = checked.get(document.uri);
  const previous = cached?.options === options ? cached.result.config : undefined;
  checked.delete(document.uri);

  const text = document.getText();
  const check = () => lint(text, { ...options, path: document.uri }, previous);
  const result = previous ? check() : withRoomForLargeCheck(text.length, check);
  const parsed = result.config;
  if (parsed?.lineStarts) document.adoptLineStarts(parsed.text, parsed.lineStarts);
  checked.set(document.uri, { version: document.version, options, result });
  return result;
}

function settingsFor(uri: string): DocumentSettings {
  const known = settingsByUri.get(uri);
  if (known) return known;

  const asked = canPullSettings
    ? connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'authelia' })
        .then((raw: RawSettings | null) => toLintOptions(raw ?? pushedSettings))
        .catch(() => toLintOptions(pushedSettings))
    : Promise.resolve(toLintOptions(pushedSettings));
  const settings: DocumentSettings = { asked };
  void asked.then((options) => {
    settings.answered = options;
  });
  settingsByUri.set(uri, settings);
  return settings;
}

function toDiagnostic(document: OpenDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    source: 'authelia',
    message: finding.message,
  };
  if (finding.href) diagnostic.codeDescription = { href: finding.href };
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((place) => ({
      location: {
        uri: document.uri,
        range: { start: document.positionAt(place.start), end: document.positionAt(place.end) },
      },
      message: place.message,
    }));
  }
  return diagnostic;
}

function toLspEdit(document: OpenDocument, edit: TextEdit) {
  return {
    range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
    newText: edit.newText,
  };
}

/** Runs a request handler; a failure is logged and answered with `fallback`, never thrown. */
function guard<T>(request: string, handler: () => T, fallback: T): T {
  try {
    return handler();
  } catch (error) {
    connection.console.error(`${request} failed: ${describe(error)}`);
    return fallback;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

documents.listen(connection);
connection.listen();
