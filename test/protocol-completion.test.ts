import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lsp-client';

const SERVER = join(__dirname, '..', 'dist', 'server.js');
const URI = 'file:///work/x/configuration.yml';

describe('completion over stdio (dist/server.js)', () => {
  let client: LspClient | undefined;

  afterEach(async () => {
    if (client?.alive) await client.shutdown();
    client = undefined;
  });

  it('answers keys with a text edit over the typed word, and provider snippets', async () => {
    client = LspClient.start(SERVER, { deployment: 'highAvailability', version: '4.39' });
    await client.initialize();
    const text = "session:\n  cookies:\n    - domain: 'example.com'\n  re\nstorage: {}\n";
    await client.open(URI, text);

    const answer = await client.completion(URI, { line: 3, character: 4 });
    const items = (Array.isArray(answer) ? answer : (answer?.items ?? [])) as CompletionItem[];
    const redis = items.find((item) => item.label === 'redis')!;
    assert.deepEqual((redis.textEdit as TextEdit).range, {
      start: { line: 3, character: 2 },
      end: { line: 3, character: 4 },
    });
    assert.equal((redis.textEdit as TextEdit).newText, 'redis:');
    assert.match((redis.documentation as { value: string }).value, /^\*\*`session\.redis`\*\*/);

    const block = items.find((item) => item.label === 'redis (block)')!;
    assert.equal(block.insertTextFormat, 2);
    assert.match(
      (block.textEdit as TextEdit).newText,
      /^redis:\n {2}host: 'redis'\n {2}port: 6379\n/,
    );
    assert.ok(!items.some((item) => item.label === 'cookies'), 'cookies is already there');
  });
});
