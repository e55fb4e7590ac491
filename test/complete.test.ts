import assert from 'node:assert/strict';
import { applyEdits, completeAt, lint, type LintOptions } from '../server/src/engine';

/** Completions at the `|` in a text, with the text around it. */
function completionsAt(source: string, options: LintOptions = {}) {
  const offset = source.indexOf('|');
  const text = source.replace('|', '');
  return { text, offset, items: completeAt(lint(text, options), text, offset) };
}

function labels(source: string, options: LintOptions = {}): string[] {
  return completionsAt(source, options).items.map((item) => item.label);
}

describe('completion', () => {
  it('offers the keys of the mapping at the cursor, leaving out those already there', () => {
    const found = labels('session:\n  name: x\n  |\n  redis:\n    host: r\nstorage: {}\n');
    assert.ok(found.includes('expiration'));
    assert.ok(found.includes('cookies'));
    assert.ok(!found.includes('name'));
    assert.ok(!found.includes('redis'));
  });

  it('offers keys for the target version only, and no deprecated keys', () => {
    const source = 'session:\n  name: x\n  |\nstorage: {}\n';
    assert.ok(labels(source).includes('cookies'));
    assert.ok(!labels(source, { version: '4.37' }).includes('cookies'));
    assert.ok(labels(source, { version: '4.37' }).includes('domain'));
    assert.ok(!labels(source).includes('domain'));
    assert.ok(!labels(source).includes('remember_me_duration'));
  });

  it('reads nested mappings and list items from the indentation', () => {
    assert.ok(labels('session:\n  redis:\n    host: r\n    |\nstorage: {}\n').includes('port'));
    const cookie = labels("session:\n  cookies:\n    - domain: 'x.com'\n      |\nstorage: {}\n");
    assert.ok(cookie.includes('authelia_url'));
    assert.ok(!cookie.includes('domain'));
    assert.ok(labels('session:\n  cookies:\n    - |\nstorage: {}\n').includes('domain'));
    assert.ok(
      labels("session:\n  cookies:\n  - domain: 'x.com'\n    |\nstorage: {}\n").includes(
        'authelia_url',
      ),
    );
  });

  it('replaces the word typed so far', () => {
    const { text, items } = completionsAt('session:\n  name: x\n  expi|\nstorage: {}\n');
    const expiration = items.find((item) => item.label === 'expiration')!;
    const edited = applyEdits(text, [
      {
        start: expiration.replaceStart,
        end: expiration.replaceEnd,
        newText: expiration.insertText,
      },
    ]);
    assert.equal(edited, 'session:\n  name: x\n  expiration: \nstorage: {}\n');
  });

  it('documents each key with its summary and versions', () => {
    const { items } = completionsAt('session:\n  |\nstorage: {}\n');
    const cookies = items.find((item) => item.label === 'cookies')!;
    assert.match(cookies.documentation!, /^\*\*`session\.cookies`\*\*/);
    assert.match(cookies.documentation!, /Since 4\.38/);
  });

  it('offers allowed values and booleans after a key', () => {
    assert.deepEqual(labels('session:\n  same_site: |\nstorage: {}\n'), ['none', 'lax', 'strict']);
    assert.deepEqual(
      labels('session: {}\nstorage: {}\nauthentication_backend:\n  file:\n    watch: |\n'),
      ['true', 'false'],
    );
    assert.deepEqual(labels('session: {}\nstorage: {}\nregulation:\n  modes:\n    - |\n'), [
      'user',
      'ip',
    ]);
    const policies = labels(
      'session: {}\naccess_control:\n  rules:\n    - domain: x\n      policy: |\n',
    );
    assert.deepEqual([...policies].sort(), ['bypass', 'deny', 'one_factor', 'two_factor']);
  });

  it('offers stateless provider blocks as snippets, in the version syntax', () => {
    const { items } = completionsAt('session: {}\nstorage:\n  encryption_key: x\n  |\n');
    const postgres = items.find((item) => item.label === 'postgres (block)')!;
    assert.equal(postgres.isSnippet, true);
    assert.match(postgres.insertText, /^postgres:\n {2}address: 'tcp:\/\/postgres:5432'\n/);
    const old = completionsAt('session: {}\nstorage:\n  encryption_key: x\n  |\n', {
      version: '4.37',
    }).items;
    assert.match(
      old.find((item) => item.label === 'postgres (block)')!.insertText,
      /host: 'postgres'/,
    );

    const session = labels('session:\n  name: x\n  |\nstorage: {}\n');
    assert.ok(session.includes('redis (block)'));
    assert.ok(labels('notifier:\n  |\nsession: {}\n').includes('smtp (block)'));
    assert.ok(labels('authentication_backend:\n  |\nsession: {}\n').includes('ldap (block)'));
  });

  it('offers nothing outside Authelia configs, in values it cannot know, or under named entries', () => {
    assert.deepEqual(labels('services:\n  web:\n    |\n'), []);
    assert.deepEqual(labels('session:\n  name: |\nstorage: {}\n'), []);
    assert.deepEqual(labels('definitions:\n  network:\n    |\nsession: {}\n'), []);
  });
});
