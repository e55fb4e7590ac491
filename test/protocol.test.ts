import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CodeAction,
  Diagnostic,
  MarkupContent,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, type AutheliaSettings } from './helpers/lsp-client';
import { underTest } from './helpers/rules';
import { applyTextEdits, inside, keyRange, offsetAt, positionAt } from './helpers/text';
import { lint } from '../server/src/engine';
import { LARGE_TEXT } from '../server/src/heap';
import { SERVER_NODE_OPTIONS } from '../server/src/launch';
import { generateConfig } from '../bench/generate.mjs';

const ROOT = join(__dirname, '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const EXAMPLE = readFileSync(join(ROOT, 'examples', 'configuration.yml'), 'utf8');
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8');

const URI = 'file:///work/x/configuration.yml';
const HREF = 'https://www.authelia.com/overview/authorization/statelessness/';
const HA: AutheliaSettings = { deployment: 'highAvailability', version: '4.39' };
const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

/** Code, severity and range of each diagnostic, in the order the server sent them. */
function summary(diagnostics: Diagnostic[]) {
  return diagnostics.map(({ code, severity, range }) => ({ code, severity, range }));
}

function codes(diagnostics: Diagnostic[]): unknown[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((diagnostic) => diagnostic.code === code);
  assert.equal(found.length, 1, `expected one ${code} in ${JSON.stringify(codes(diagnostics))}`);
  return found[0];
}

function messageOf(diagnostic: Diagnostic): string {
  assert.equal(typeof diagnostic.message, 'string');
  return diagnostic.message as string;
}

function markdownOf(hover: { contents: unknown } | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

function editsFor(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `action '${action.title}' has no edits for ${uri}`);
  return edits;
}

/**
 * What examples/configuration.yml (or an edit of it) yields with the default HA settings, with
 * ranges computed from the text; `omit` leaves out rules an edit has fixed.
 */
function exampleExpectations(text: string, ...omit: string[]) {
  const expected: [string, number, string][] = [
    ['ha/auth-file-password-reset', INFORMATION, 'authentication_backend'],
    ['ha/auth-file-password-change', INFORMATION, 'authentication_backend'],
    ['ha/auth-file', INFORMATION, 'file'],
    ['ha/auth-file-watch', INFORMATION, 'watch'],
    ['ha/session-memory', ERROR, 'session'],
    ['ha/storage-sqlite', ERROR, 'local'],
    ['ha/notifier-filesystem', WARNING, 'filesystem'],
  ];
  return expected
    .filter(([code]) => !omit.includes(code))
    .map(([code, severity, key]) => ({ code, severity, range: keyRange(text, key) }));
}

/** What examples/configuration.yml yields for a single instance. */
function singleExpectations(text: string) {
  return [
    { code: 'ha/session-memory', severity: INFORMATION, range: keyRange(text, 'session') },
    { code: 'ha/notifier-filesystem', severity: INFORMATION, range: keyRange(text, 'filesystem') },
  ];
}

describe('language server over stdio (dist/server.js)', function () {
  let client: LspClient;

  before(function () {
    if (existsSync(SERVER)) return;
    this.timeout(120_000);
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  });

  async function start(settings: AutheliaSettings = HA): Promise<LspClient> {
    client = LspClient.start(SERVER, settings);
    await client.initialize();
    return client;
  }

  afterEach(async function () {
    if (!client?.alive) return;
    if (this.currentTest?.state === 'failed') {
      client.kill();
      return;
    }
    try {
      await client.shutdown();
    } finally {
      client.kill();
    }
  });

  it('initializes with incremental sync, hover and quick fixes, and exits 0', async () => {
    client = LspClient.start(SERVER, HA);
    const result = await client.initialize();
    assert.deepEqual(result, {
      capabilities: {
        textDocumentSync: 2,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        completionProvider: { triggerCharacters: [' ', ':', '-'] },
      },
      serverInfo: { name: 'authelia-language-server' },
    });
    assert.equal(await client.shutdown(), 0);
    assert.equal(client.alive, false);
  });

  describe('examples/configuration.yml', () => {
    it('reports each HA problem on its key, with rule id, severity and docs link', async () => {
      await start();
      const diagnostics = await client.open(URI, EXAMPLE);

      assert.deepEqual(summary(underTest(diagnostics)), exampleExpectations(EXAMPLE));
      // The same keys, written out, so a wrong helper cannot hide a wrong range.
      assert.deepEqual(only(diagnostics, 'ha/session-memory').range, {
        start: { line: 20, character: 0 },
        end: { line: 20, character: 7 },
      });
      assert.deepEqual(only(diagnostics, 'ha/storage-sqlite').range, {
        start: { line: 30, character: 2 },
        end: { line: 30, character: 7 },
      });
      for (const diagnostic of diagnostics) assert.equal(diagnostic.source, 'authelia');
      for (const diagnostic of underTest(diagnostics)) {
        assert.deepEqual(diagnostic.codeDescription, { href: HREF });
      }
      const message = (code: string) => messageOf(only(diagnostics, code));
      assert.match(message('ha/session-memory'), /^BREAKING: sessions are kept in memory/);
      assert.match(message('ha/storage-sqlite'), /^BREAKING: storage\.local /);
      assert.match(
        message('ha/notifier-filesystem'),
        /^HIGH: the filesystem notifier writes .* to '\/config\/notification\.txt' /,
      );
      assert.match(message('ha/auth-file'), /^MEDIUM: with the file backend /);

      assert.deepEqual(client.configurationRequests, [
        { items: [{ scopeUri: URI, section: 'authelia' }] },
      ]);
    });

    it('publishes with the document version and clears diagnostics on close', async () => {
      await start();
      await client.open(URI, EXAMPLE, 7);
      assert.equal(client.published.at(-1)?.version, 7);

      const cleared = client.nextDiagnostics(URI);
      await client.didClose(URI);
      assert.deepEqual((await cleared).diagnostics, []);
    });

    it('offers the Redis fix for ha/session-memory; applying it clears the finding', async () => {
      await start();
      const diagnostics = await client.open(URI, EXAMPLE);
      const session = only(diagnostics, 'ha/session-memory');

      const actions = (await client.codeActions(URI, session.range, [session])) as CodeAction[];
      assert.deepEqual(
        actions.map((action) => [action.title, action.kind, action.isPreferred]),
        [
          ['Add a Redis session provider', 'quickfix', true],
          ['This deployment runs a single instance', 'quickfix', false],
        ],
      );
      for (const action of actions) assert.deepEqual(action.diagnostics, [session]);

      const fixed = applyTextEdits(EXAMPLE, editsFor(actions[0], URI));
      assert.ok(
        fixed.includes(
          "      authelia_url: 'https://auth.example.com'\n" +
            "  redis:\n    host: 'redis'\n    port: 6379\n",
        ),
        fixed,
      );

      const republished = client.nextDiagnostics(URI);
      await client.didChange(URI, fixed, 2);
      const after = await republished;
      assert.equal(after.version, 2);
      assert.deepEqual(
        summary(underTest(after.diagnostics)),
        exampleExpectations(fixed, 'ha/session-memory'),
      );

      // The new provider is explained in one line.
      const redis = keyRange(fixed, 'redis');
      const hover = await client.hover(URI, inside(redis, 2));
      const [line, docs] = markdownOf(hover).split('\n\n---\n\n');
      assert.match(docs, /^\*\*`session\.redis`\*\*/);
      assert.equal(
        line,
        'Fine for high availability: Redis holds the sessions, so every replica sees the same ' +
          'logins and a restart logs nobody out.',
      );
      assert.deepEqual(hover?.range, redis);
    });

    it('offers the single-instance fix; applying it drops the replica-only findings', async () => {
      await start();
      const diagnostics = await client.open(URI, EXAMPLE);
      const local = only(diagnostics, 'ha/storage-sqlite');

      const actions = (await client.codeActions(URI, local.range, [local])) as CodeAction[];
      assert.deepEqual(
        actions.map((action) => action.title),
        [
          'Replace SQLite with PostgreSQL',
          'Replace SQLite with MySQL',
          'This deployment runs a single instance',
        ],
      );
      const single = applyTextEdits(EXAMPLE, editsFor(actions[2], URI));
      assert.equal(single, `# authelia-lint: deployment=single\n${EXAMPLE}`);

      const republished = client.nextDiagnostics(URI);
      await client.didChange(URI, single, 2);
      assert.deepEqual(
        summary(underTest((await republished).diagnostics)),
        singleExpectations(single),
      );
    });

    it('replaces SQLite with PostgreSQL, and the PostgreSQL key then hovers as fine', async () => {
      await start();
      const diagnostics = await client.open(URI, EXAMPLE);
      const local = only(diagnostics, 'ha/storage-sqlite');
      const [postgres] = (await client.codeActions(URI, local.range, [local])) as CodeAction[];
      assert.equal(postgres.isPreferred, true);

      const fixed = applyTextEdits(EXAMPLE, editsFor(postgres, URI));
      assert.ok(!fixed.includes('local:') && !fixed.includes('db.sqlite3'), fixed);
      const republished = client.nextDiagnostics(URI);
      await client.didChange(URI, fixed, 2);
      const after = (await republished).diagnostics;
      assert.deepEqual(summary(underTest(after)), exampleExpectations(fixed, 'ha/storage-sqlite'));

      const hover = await client.hover(URI, inside(keyRange(fixed, 'postgres'), 3));
      assert.equal(
        markdownOf(hover).split('\n\n---\n\n')[0],
        'Fine for high availability: every replica reads and writes the same PostgreSQL database.',
      );
    });

    it('answers a code action request without authelia diagnostics with no actions', async () => {
      await start();
      const diagnostics = await client.open(URI, EXAMPLE);
      const foreign = { ...only(diagnostics, 'ha/session-memory'), source: 'yaml' };
      assert.deepEqual(await client.codeActions(URI, foreign.range, [foreign]), []);
      const moved = { ...only(diagnostics, 'ha/session-memory'), range: keyRange(EXAMPLE, 'log') };
      assert.deepEqual(await client.codeActions(URI, moved.range, [moved]), []);
    });
  });

  describe('hover', () => {
    it('explains a finding on its key, one-lines a provider, ignores other keys', async () => {
      await start();
      await client.open(URI, EXAMPLE);

      const local = keyRange(EXAMPLE, 'local');
      const hover = await client.hover(URI, inside(local, 2));
      const markdown = markdownOf(hover);
      assert.match(markdown, /^\*\*BREAKING\*\* · SQLite storage \(`ha\/storage-sqlite`\)/);
      assert.match(markdown, /`storage\.postgres`/);
      assert.ok(markdown.includes(`(${HREF})`), markdown);
      assert.deepEqual(hover?.range, local);

      // Both ends of the key still count as on it.
      assert.ok(await client.hover(URI, local.start));
      assert.ok(await client.hover(URI, local.end));

      const session = markdownOf(await client.hover(URI, inside(keyRange(EXAMPLE, 'session'), 3)));
      assert.ok(session.startsWith('**BREAKING** · Sessions are kept in memory'), session);
      assert.ok(session.includes('(`ha/session-memory`)'), session);
      assert.match(session, /session\.redis/);

      // Two findings on `authentication_backend`: both explained, in one hover.
      const backendKey = keyRange(EXAMPLE, 'authentication_backend');
      const backend = markdownOf(await client.hover(URI, inside(backendKey)));
      const parts = backend.split('\n\n---\n\n');
      assert.equal(parts.length, 3, backend);
      assert.match(parts[0], /`ha\/auth-file-password-reset`/);
      assert.match(parts[1], /`ha\/auth-file-password-change`/);
      assert.match(parts[2], /^\*\*`authentication_backend`\*\* · a mapping of keys/);

      // Keys without a finding get the key model's documentation only.
      const level = markdownOf(await client.hover(URI, inside(keyRange(EXAMPLE, 'level'))));
      assert.match(level, /^\*\*`log\.level`\*\* · a string\n\n/);
      assert.match(level, /Default: `info`/);
      const policy = markdownOf(
        await client.hover(URI, inside(keyRange(EXAMPLE, 'default_policy'), 4)),
      );
      assert.match(policy, /^\*\*`access_control\.default_policy`\*\*/);
      assert.doesNotMatch(policy, /BREAKING|MEDIUM|HIGH/);
      // A comment line and the value of a finding's key are not the key.
      assert.equal(await client.hover(URI, { line: 0, character: 5 }), null);
      const path = EXAMPLE.indexOf("'/config/db.sqlite3'");
      assert.equal(await client.hover(URI, positionAt(EXAMPLE, path + 3)), null);
    });

    it('names PostgreSQL, in words, in the hover on storage.local', async () => {
      await start();
      await client.open(URI, EXAMPLE);
      const markdown = markdownOf(await client.hover(URI, inside(keyRange(EXAMPLE, 'local'), 2)));
      assert.match(markdown, /BREAKING/);
      assert.match(markdown, /PostgreSQL/);
    });

    it('answers null for a document that is not open', async () => {
      await start();
      assert.equal(await client.hover('file:///work/x/other.yml', { line: 0, character: 0 }), null);
    });
  });

  describe('settings', () => {
    it('checks for one instance when workspace/configuration says deployment single', async () => {
      await start({ deployment: 'single', version: '4.39' });
      const diagnostics = await client.open(URI, EXAMPLE);
      assert.deepEqual(summary(underTest(diagnostics)), singleExpectations(EXAMPLE));
      const session = messageOf(only(diagnostics, 'ha/session-memory'));
      assert.match(session, /^Sessions are kept in memory /);
    });

    it('re-checks open documents on didChangeConfiguration, pulling the new settings', async () => {
      await start({ deployment: 'single' });
      const other = 'file:///work/x/other/configuration.yml';
      const before = await client.open(URI, EXAMPLE);
      await client.open(other, EXAMPLE);
      assert.equal(only(before, 'ha/session-memory').severity, INFORMATION);
      assert.equal(codes(before).includes('ha/storage-sqlite'), false);
      assert.equal(client.configurationRequests.length, 2);

      client.settings = { deployment: 'highAvailability' };
      const republished = client.nextDiagnostics(URI);
      const republishedOther = client.nextDiagnostics(other);
      await client.didChangeConfiguration();
      const after = await republished;
      assert.equal(after.version, 1);
      assert.deepEqual(summary(underTest(after.diagnostics)), exampleExpectations(EXAMPLE));
      assert.deepEqual(
        summary(underTest((await republishedOther).diagnostics)),
        exampleExpectations(EXAMPLE),
      );
      assert.equal(client.configurationRequests.length, 4);
    });

    it('answers hover and code actions with pulled settings, even before they arrive', async () => {
      await start({ deployment: 'single' });
      // The hover is sent before the server can have the workspace/configuration answer.
      const published = client.nextDiagnostics(URI);
      await client.didOpen(URI, EXAMPLE);
      const early = await client.hover(URI, inside(keyRange(EXAMPLE, 'local'), 2));
      const session = only((await published).diagnostics, 'ha/session-memory');
      assert.doesNotMatch(
        markdownOf(early),
        /BREAKING/,
        'storage.local is fine for one instance: no BREAKING hover',
      );

      // The same while the server re-pulls settings after didChangeConfiguration.
      const republished = client.nextDiagnostics(URI);
      await client.didChangeConfiguration();
      const during = (await client.codeActions(URI, session.range, [session])) as CodeAction[];
      await republished;
      const after = (await client.codeActions(URI, session.range, [session])) as CodeAction[];
      assert.deepEqual(
        after.map((action) => action.title),
        ['Add a Redis session provider'],
      );
      assert.deepEqual(
        during.map((action) => action.title),
        ['Add a Redis session provider'],
      );
    });

    it('follows the version setting: no password change finding for 4.38', async () => {
      await start({ deployment: 'highAvailability', version: '4.38' });
      const diagnostics = await client.open(URI, EXAMPLE);
      assert.deepEqual(
        summary(underTest(diagnostics)),
        exampleExpectations(EXAMPLE, 'ha/auth-file-password-change'),
      );
      // The quick fix writes the 4.38 syntax.
      const local = only(diagnostics, 'ha/storage-sqlite');
      const [postgres] = (await client.codeActions(URI, local.range, [local])) as CodeAction[];
      const [edit] = editsFor(postgres, URI);
      assert.match(edit.newText, /^postgres:\n    address: 'tcp:\/\/postgres:5432'\n/);
    });

    it('lets a comment in the file override the deployment setting', async () => {
      await start({ deployment: 'single' });
      const text = `# authelia-lint: deployment=ha\n${EXAMPLE}`;
      assert.deepEqual(summary(underTest(await client.open(URI, text))), exampleExpectations(text));
    });

    it('checks a file with one Authelia section only where the files globs point', async () => {
      const partial = 'session:\n  cookies:\n    - domain: example.com\n';
      const session = { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } };

      await start({ deployment: 'highAvailability', files: ['**/conf.d/*.yml'] });
      const inConfD = await client.open('file:///work/x/conf.d/session.yml', partial);
      assert.deepEqual(summary(underTest(inConfD)), [
        { code: 'ha/session-memory', severity: ERROR, range: session },
      ]);
      assert.deepEqual(await client.open('file:///work/x/session.yml', partial), []);
      // The default globs point at an authelia folder.
      client.settings = { deployment: 'highAvailability' };
      const republished = client.nextDiagnostics('file:///work/x/session.yml');
      await client.didChangeConfiguration();
      assert.deepEqual((await republished).diagnostics, []);
      const inAutheliaFolder = 'file:///srv/authelia/config/session.yml';
      assert.deepEqual(summary(underTest(await client.open(inAutheliaFolder, partial))), [
        { code: 'ha/session-memory', severity: ERROR, range: session },
      ]);
    });
  });

  describe('files that are not Authelia configurations', () => {
    const cases: [string, string, string][] = [
      [
        'a Home Assistant configuration.yaml',
        'file:///work/x/configuration.yaml',
        'home-assistant-configuration.yaml',
      ],
      ['a docker-compose file', 'file:///srv/authelia/docker-compose.yml', 'docker-compose.yml'],
      [
        'a Kubernetes Deployment',
        'file:///srv/authelia/k8s/deployment.yaml',
        'kubernetes-deployment.yaml',
      ],
    ];
    for (const [name, uri, file] of cases) {
      it(`publishes an empty list for ${name}`, async () => {
        await start();
        const text = fixture(file);
        assert.deepEqual(await client.open(uri, text), []);
        assert.equal(await client.hover(uri, { line: 1, character: 2 }), null);
      });
    }
  });

  describe('broken input', () => {
    it('reports yaml/syntax for an unclosed quote and still checks what parses', async () => {
      await start();
      const text = EXAMPLE.replace("'/config/notification.txt'", "'/config/notification.txt");
      assert.notEqual(text, EXAMPLE);
      const diagnostics = await client.open(URI, text);
      // The finding sits on the opening quote, through the end of its line.
      const quote = text.indexOf("'/config/notification.txt");
      const lineEnd = text.indexOf('\n', quote);
      const range = { start: positionAt(text, quote), end: positionAt(text, lineEnd) };
      const expected = [
        ...exampleExpectations(text),
        { code: 'yaml/syntax', severity: ERROR, range },
      ].sort((a, b) => a.range.start.line - b.range.start.line);
      assert.deepEqual(summary(underTest(diagnostics)), expected);
      const syntax = only(diagnostics, 'yaml/syntax');
      assert.equal(syntax.message, 'YAML syntax error: this quoted string is never closed.');
      assert.equal(syntax.source, 'authelia');
      assert.equal(syntax.codeDescription, undefined);
    });

    it('reports yaml/duplicate-key on the second key, pointing at the first', async () => {
      await start();
      const text = EXAMPLE.replace("  level: 'info'\n", "  level: 'info'\n  level: 'debug'\n");
      const diagnostics = await client.open(URI, text);
      const duplicate = only(diagnostics, 'yaml/duplicate-key');
      assert.deepEqual(duplicate.range, keyRange(text, 'level', 1));
      assert.equal(duplicate.severity, ERROR);
      assert.equal(
        duplicate.message,
        "Duplicate key 'level': Authelia refuses a mapping that names a key twice.",
      );
      assert.deepEqual(duplicate.relatedInformation, [
        {
          location: { uri: URI, range: keyRange(text, 'level') },
          message: "'level' is first set here",
        },
      ]);
    });

    it('publishes nothing for a document with a NUL character and keeps serving', async () => {
      await start();
      const binary = 'session:\n  secret: "a\u0000b"\nstorage:\n  local: {}\n';
      assert.deepEqual(await client.open(URI, binary), []);
      assert.equal(await client.hover(URI, { line: 0, character: 2 }), null);
      assert.deepEqual(await client.codeActions(URI, keyRange(binary, 'local'), []), []);

      // An edit that adds a NUL clears what was published before.
      const other = 'file:///work/x/b/configuration.yml';
      assert.equal(underTest(await client.open(other, EXAMPLE)).length, 7);
      const cleared = client.nextDiagnostics(other);
      await client.didChange(other, `${EXAMPLE}\u0000`, 2);
      assert.deepEqual((await cleared).diagnostics, []);

      assert.equal(client.alive, true);
      const hover = await client.hover(URI, { line: 2, character: 1 });
      assert.equal(hover, null);
      assert.equal(client.stderr, '');
    });

    it('checks a config past the large-text size like the engine, started as VS Code starts it', async () => {
      // The young generation grows only around such a check (server/src/heap.ts): the findings
      // must not depend on it, before or after an edit.
      client = LspClient.start(SERVER, HA, SERVER_NODE_OPTIONS);
      await client.initialize();
      let text = generateConfig({ rules: 2000, broken: true });
      assert.ok(text.length >= LARGE_TEXT, `${text.length} characters`);

      const expected = (current: string) =>
        lint(current, { deployment: 'highAvailability', version: '4.39', path: URI }).findings.map(
          (finding) => finding.ruleId,
        );
      const opened = await client.open(URI, text);
      assert.deepEqual(codes(opened), expected(text));
      assert.ok(codes(opened).includes('ha/storage-sqlite'));

      const next = client.nextDiagnostics(URI);
      text = text.replace('methods:', 'metods:');
      await client.didChange(URI, text, 2);
      const published = await next;
      assert.equal(published.version, 2);
      assert.deepEqual(codes(published.diagnostics), expected(text));
      assert.equal(published.diagnostics.length, opened.length + 1, 'the new typo');
      assert.equal(client.stderr, '');
    });

    it('survives an edit sequence through empty, partial and invalid text', async () => {
      await start();
      await client.open(URI, EXAMPLE);
      const steps = [
        '',
        ':',
        '- [',
        'session',
        'session:\n  redis',
        EXAMPLE.slice(0, 300),
        '{{{{',
        EXAMPLE,
      ];
      let version = 1;
      let last: Diagnostic[] = [];
      for (const text of steps) {
        const next = client.nextDiagnostics(URI);
        await client.didChange(URI, text, ++version);
        const published = await next;
        assert.equal(published.version, version);
        last = published.diagnostics;
        await client.hover(URI, { line: 0, character: 0 });
      }
      assert.deepEqual(summary(underTest(last)), exampleExpectations(EXAMPLE));
      assert.equal(client.alive, true);
    });
  });

  describe('secrets', () => {
    const SECRETS = [
      'SUPERSECRETVALUE-1234567890',
      'SESSIONSECRET-5555555555',
      'LDAPSECRET-0987654321',
      'JWTSECRET-7777777777',
      'SHORTKEY-4242',
      'DUOSECRET-3141592653',
    ];

    function assertNoSecret(where: string, text: string) {
      for (const secret of SECRETS) {
        // Also a fragment: a message that quotes part of a value leaks it too.
        for (const part of [secret, secret.slice(0, 10), secret.slice(-10)]) {
          assert.ok(!text.includes(part), `${where} contains '${part}': ${text}`);
        }
      }
    }

    it('never puts a secret in diagnostics, hovers, action titles or log messages', async () => {
      await start();
      const text = fixture('secrets.yml');
      for (const secret of SECRETS) assert.ok(text.includes(secret), secret);
      const diagnostics = await client.open(URI, text);
      assert.deepEqual(codes(underTest(diagnostics)), [
        'ha/session-memory',
        'yaml/duplicate-key',
        'ha/storage-sqlite',
        'ha/notifier-filesystem',
        'yaml/syntax',
      ]);
      // The full validation rules report on the secrets' keys too, and are scanned with the rest:
      // a password inside an address, a too short encryption key, a half-configured Duo.
      for (const code of [
        'schema/address',
        'config/min-length',
        'config/required',
        'secret/missing',
      ]) {
        assert.ok(codes(diagnostics).includes(code), `no ${code} in ${codes(diagnostics)}`);
      }
      assertNoSecret('diagnostics', JSON.stringify(diagnostics));

      for (const diagnostic of diagnostics) {
        const { range, code } = diagnostic;
        const actions = (await client.codeActions(URI, range, [diagnostic])) as CodeAction[];
        // Every ha/* finding has a fix; the other rules' titles and edits are scanned too.
        assert.ok(actions.length > 0 || !String(code).startsWith('ha/'), String(code));
        for (const action of actions) {
          assertNoSecret(`title of a ${diagnostic.code} action`, action.title);
          assertNoSecret(`edits of a ${diagnostic.code} action`, JSON.stringify(action.edit));
        }
      }

      // Hover everywhere a user might point: every key, every value, every line start.
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line].length; character += 3) {
          const hover = await client.hover(URI, { line, character });
          if (hover) assertNoSecret(`hover at ${line}:${character}`, JSON.stringify(hover));
        }
      }

      // Edit the secrets and check again: the log names the document, never its content.
      const changed = client.nextDiagnostics(URI);
      await client.didChange(URI, text.replace('local:', 'locale:'), 2);
      assertNoSecret('diagnostics after an edit', JSON.stringify((await changed).diagnostics));

      assert.ok(client.logMessages.length >= 2);
      assertNoSecret('window/logMessage', JSON.stringify(client.logMessages));
      assertNoSecret('server stderr', client.stderr);
    });

    it('never quotes a secret from a YAML syntax error', async () => {
      await start();
      const malformed = [
        `session:\n  secret: "${SECRETS[1]}\\q"\nstorage:\n  local: {}\n`,
        `session:\n  secret: '${SECRETS[1]}' trailing\nstorage:\n  local: {}\n`,
        `session:\n  secret: [${SECRETS[1]}\nstorage:\n  local: {}\n`,
        `session:\n  secret: @${SECRETS[1]}\nstorage:\n  local: {}\n`,
        `session:\n  secret: ${SECRETS[1]}: x: y\nstorage:\n  local: {}\n`,
      ];
      let version = 1;
      for (const text of malformed) {
        const uri = `file:///work/x/broken-${version}/configuration.yml`;
        const diagnostics = await client.open(uri, text, version++);
        assert.ok(codes(diagnostics).includes('yaml/syntax'), `no yaml/syntax: ${text}`);
        assertNoSecret(`diagnostics for ${JSON.stringify(text)}`, JSON.stringify(diagnostics));
      }
      assertNoSecret('window/logMessage', JSON.stringify(client.logMessages));
    });

    it('never quotes a secret from a malformed block scalar header', async () => {
      await start();
      const text = `session:\n  secret: |${SECRETS[1]}\n    x\nstorage:\n  local: {}\n`;
      const diagnostics = await client.open(URI, text);
      assert.ok(codes(diagnostics).includes('yaml/syntax'));
      assertNoSecret('diagnostics', JSON.stringify(diagnostics));
    });
  });
});

// Keep the offset helper honest: it is what the Redis-fix expectations rest on.
describe('test helper: LSP positions', () => {
  it('round-trips offsets and positions', () => {
    const text = 'a: 1\nbb:\n  c: 2\n';
    for (let offset = 0; offset <= text.length; offset++) {
      assert.equal(offsetAt(text, positionAt(text, offset)), offset);
    }
    const range: Range = keyRange(text, 'c');
    assert.deepEqual(range, { start: { line: 2, character: 2 }, end: { line: 2, character: 3 } });
    assert.equal(
      applyTextEdits(text, [
        { range: { start: range.start, end: range.end }, newText: 'd' },
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          newText: '# x\n',
        },
      ]),
      '# x\na: 1\nbb:\n  d: 2\n',
    );
  });
});
