import assert from 'node:assert/strict';
import { hoverAt, lint, type LintOptions } from '../server/src/engine';
import { yaml } from './support/lint';

const config = yaml`
  authentication_backend:
    file:
      path: '/config/users_database.yml'
  session:
    secret: 'do-not-show-this-session-secret'
    cookies:
      - domain: 'example.com'
  storage:
    encryption_key: 'do-not-show-this-encryption-key'
    local:
      path: '/config/db.sqlite3'
  notifier:
    smtp:
      address: 'submission://mail:587'
`;

function hoverOn(text: string, word: string, options: LintOptions = {}, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(word, offset + 1);
  return hoverAt(lint(text, options), offset + 1);
}

describe('hovers', () => {
  it('explain a BREAKING finding: meaning, why, way out and the docs link', () => {
    const hover = hoverOn(config, 'local:')!;
    assert.equal(config.slice(hover.start, hover.end), 'local');
    assert.match(hover.markdown, /^\*\*BREAKING\*\* · SQLite storage \(`ha\/storage-sqlite`\)/);
    assert.match(hover.markdown, /cannot run as several replicas/);
    assert.match(hover.markdown, /\*\*Why it is stateful\.\*\* .*SQLite/);
    assert.match(
      hover.markdown,
      /\*\*Way out\.\*\* Use PostgreSQL \(`storage\.postgres`\) or MySQL/,
    );
    assert.match(
      hover.markdown,
      /\(https:\/\/www\.authelia\.com\/overview\/authorization\/statelessness\/\)/,
    );
    assert.doesNotMatch(hover.markdown, /Workaround/);
  });

  it('give the workaround for the file backend', () => {
    const hover = hoverOn(config, 'file:')!;
    assert.match(hover.markdown, /^\*\*MEDIUM\*\*/);
    assert.match(
      hover.markdown,
      /\*\*Workaround\.\*\* .*password_reset\.disable: true.*same users file/s,
    );
  });

  it('stack every finding on the same key', () => {
    const hover = hoverOn(config, 'authentication_backend')!;
    assert.match(hover.markdown, /auth-file-password-reset/);
    assert.match(hover.markdown, /auth-file-password-change/);
    assert.match(hover.markdown, /\n---\n/);
  });

  it('explain session memory on the session key', () => {
    const hover = hoverOn(config, 'session:')!;
    assert.match(hover.markdown, /^\*\*BREAKING\*\* · Sessions are kept in memory/);
    assert.match(hover.markdown, /session\.redis\.high_availability/);
  });

  it('say in one line why a stateless provider is fine, then document the key', () => {
    const hover = hoverOn(config, 'smtp:')!;
    assert.equal(config.slice(hover.start, hover.end), 'smtp');
    assert.match(
      hover.markdown,
      /^Fine for high availability: .*mailed[^\n]*\n\n---\n\n\*\*`notifier\.smtp`\*\*/,
    );

    const redis = config.replace('  cookies:', "  redis:\n    host: 'redis'\n  cookies:");
    assert.match(hoverOn(redis, 'redis:')!.markdown, /^Fine for high availability: Redis/);
  });

  it('document every other key from the model: summary, type, default, versions', () => {
    const hover = hoverOn(config, 'path:')!;
    assert.equal(config.slice(hover.start, hover.end), 'path');
    assert.match(hover.markdown, /^\*\*`authentication_backend\.file\.path`\*\* · a string\n\n\S/);
    assert.match(hover.markdown, /In 4\.37 and later/);

    const cookies = hoverOn(config, 'cookies:')!;
    assert.match(cookies.markdown, /^\*\*`session\.cookies`\*\* · a list/);
    assert.match(cookies.markdown, /Since 4\.38/);
    assert.match(
      hoverOn(config, 'cookies:', { version: '4.37' })!.markdown,
      /Not known to Authelia 4\.37/,
    );

    const domain = hoverOn(config, 'domain:')!;
    assert.match(domain.markdown, /^\*\*`session\.cookies\[\]\.domain`\*\*/);
  });

  it('name the replacement of a deprecated key and the variable of a secret', () => {
    const old = 'jwt_secret: x\nsession: {}\nstorage: {}\n';
    const hover = hoverAt(lint(old), 1)!;
    assert.match(
      hover.markdown,
      /\*\*Deprecated\*\* since 4\.38: use `identity_validation\.reset_password\.jwt_secret`/,
    );
    const key = hoverOn(config, 'encryption_key')!;
    assert.match(key.markdown, /AUTHELIA_STORAGE_ENCRYPTION_KEY_FILE/);
  });

  it('are absent on unknown keys, on values and outside Authelia configs', () => {
    assert.equal(hoverOn('session: {}\nstorage: {}\nnot_a_key: 1\n', 'not_a_key'), undefined);
    assert.equal(hoverOn(config, 'example.com'), undefined);
    assert.equal(hoverOn('services:\n  web:\n    image: x\n', 'web'), undefined);
  });

  it('never show a secret value', () => {
    for (let offset = 0; offset < config.length; offset++) {
      const hover = hoverAt(lint(config), offset);
      assert.doesNotMatch(hover?.markdown ?? '', /do-not-show/);
    }
  });

  it('follow single mode: only the key docs where the finding is off', () => {
    const hover = hoverOn(config, 'local:', { deployment: 'single' })!;
    assert.match(hover.markdown, /^\*\*`storage\.local`\*\*/);
    assert.doesNotMatch(hover.markdown, /BREAKING/);
  });
});
