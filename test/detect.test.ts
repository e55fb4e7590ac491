import assert from 'node:assert/strict';
import { lint } from '../server/src/engine';
import { yaml } from './support/lint';
import { random } from './support/random';

describe('which files are Authelia configs', () => {
  it('checks a file with two Authelia sections', () => {
    assert.equal(lint('session: {}\nnotifier: {}\n').checked, true);
  });

  it('checks a file with an Authelia schema modeline, whatever it holds', () => {
    const text =
      '# yaml-language-server: $schema=https://www.authelia.com/schemas/v4.39/json-schema/configuration.json\n' +
      'server: {}\n';
    assert.equal(lint(text).checked, true);
  });

  it('does not count server, log and theme', () => {
    assert.equal(
      lint("server:\n  address: 'tcp://:9091'\nlog: {}\ntheme: dark\nsession: {}\n").checked,
      false,
    );
  });

  it('checks one section only where the path matches the globs', () => {
    const text = 'storage:\n  local: {}\n';
    assert.equal(lint(text, { path: '/srv/authelia/configuration.yml' }).checked, true);
    assert.equal(lint(text, { path: 'file:///srv/authelia/config/main.yaml' }).checked, true);
    assert.equal(lint(text, { path: '/srv/other/configuration.yml' }).checked, false);
    assert.equal(lint(text, { path: '/srv/x/c.yml', files: ['**/x/*.yml'] }).checked, true);
    assert.equal(lint('server: {}\n', { path: '/srv/authelia/configuration.yml' }).checked, false);
  });

  it('leaves a Home Assistant configuration.yaml alone', () => {
    const homeAssistant = yaml`
      homeassistant:
        name: Home
      default_config:
      http:
        use_x_forwarded_for: true
        trusted_proxies: ['172.30.33.0/24']
      automation: !include automations.yaml
      sensor:
        - platform: time_date
    `;
    const result = lint(homeAssistant, { path: '/config/configuration.yaml' });
    assert.equal(result.checked, false);
    assert.deepEqual(result.findings, []);
  });

  it('leaves a docker-compose file alone, even one that runs Authelia', () => {
    const compose = yaml`
      services:
        authelia:
          image: authelia/authelia
          volumes: ['./authelia:/config']
        redis:
          image: redis
    `;
    assert.deepEqual(lint(compose, { path: '/srv/docker-compose.yml' }).findings, []);
  });

  it('leaves a Kubernetes manifest alone', () => {
    const manifest = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: authelia
      spec:
        replicas: 3
        template:
          spec:
            containers:
              - name: authelia
                image: authelia/authelia:4.39
    `;
    assert.deepEqual(lint(manifest, { path: '/k8s/authelia/deployment.yaml' }).findings, []);
  });

  it('skips binary and huge texts without findings', () => {
    assert.deepEqual(lint('session: {}\u0000storage: {}').skipped, 'binary');
    const huge = `session: {}\nstorage: {}\n# ${'x'.repeat(17 * 1024 * 1024)}\n`;
    const result = lint(huge);
    assert.equal(result.skipped, 'too-large');
    assert.deepEqual(result.findings, []);
  });
});

describe('deployment and version', () => {
  const base = 'session: {}\nstorage:\n  local: {}\nauthentication_backend:\n  file: {}\n';
  const schema = (version: string) =>
    `# yaml-language-server: $schema=https://www.authelia.com/schemas/${version}/json-schema/configuration.json\n`;

  it('defaults to high availability and 4.39', () => {
    const result = lint(base);
    assert.equal(result.deployment, 'highAvailability');
    assert.equal(result.version, '4.39');
  });

  it('takes the deployment from the comment over the option', () => {
    assert.equal(lint(base, { deployment: 'single' }).deployment, 'single');
    assert.equal(
      lint(`# authelia-lint: deployment=ha\n${base}`, { deployment: 'single' }).deployment,
      'highAvailability',
    );
    assert.equal(lint(`${base}  # authelia-lint: deployment=single\n`).deployment, 'single');
  });

  it('takes the version from the comment, then the modeline, then the option', () => {
    assert.equal(lint(base, { version: '4.37' }).version, '4.37');
    assert.equal(lint(schema('v4.38') + base, { version: '4.37' }).version, '4.38');
    assert.equal(lint(schema('latest') + base, { version: '4.37' }).version, '4.39');
    const both = `# authelia-lint: version=4.37\n${schema('v4.38')}${base}`;
    assert.equal(lint(both, { version: '4.39' }).version, '4.37');
  });

  it('reads only comments that hold the directive alone, on any line ending', () => {
    const after = `session: {}  # authelia-lint: deployment=single\nstorage: {}\n`;
    assert.equal(lint(after).deployment, 'highAvailability');
    assert.equal(lint(`#authelia-lint: version=4.38\r\n${base}`).version, '4.38');
    assert.equal(lint(`${base}\t# \tauthelia-lint: version=4.37`).version, '4.37');
    const twoLines = `# authelia-lint: version=4.37\n# authelia-lint: deployment=single\n${base}`;
    assert.deepEqual(pick(lint(twoLines)), ['single', '4.37']);
  });

  it('reads the directives a line-by-line regular expression reads, on random texts', () => {
    const pieces = ['#', ' ', '\t', 'authelia-lint:', 'x', '\n', '\r', '\u2028', 'version=4.38'];
    const more = ['version=4.37', 'deployment=single', 'deployment=ha', ': '];
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let piece = 0; piece < 14; piece++) {
        const from = next() < 0.8 ? pieces : more;
        text += from[Math.floor(next() * from.length)];
      }
      assert.deepEqual(
        pick(lint(base + text)),
        pick(lintByRegex(base + text)),
        JSON.stringify(text),
      );
    }
  });

  it('ignores unknown values', () => {
    const result = lint(`# authelia-lint: deployment=cluster version=5.0\n${base}`, {
      version: '4.38',
    });
    assert.equal(result.deployment, 'highAvailability');
    assert.equal(result.version, '4.38');
  });
});

/** Deployment and version of a lint result. */
function pick(result: { deployment?: string; version?: string }): unknown[] {
  return [result.deployment, result.version];
}

/**
 * The target as a multiline regular expression over the whole text reads the comments, for
 * comparison: the engine finds them another way.
 */
function lintByRegex(text: string): { deployment: string; version: string } {
  let deployment = 'highAvailability';
  let version = '4.39';
  for (const line of text.matchAll(/^[ \t]*#[ \t]*authelia-lint:(.*)$/gm)) {
    for (const [, name, value] of line[1].matchAll(/([a-z]+)[ \t]*=[ \t]*([A-Za-z0-9.]+)/g)) {
      if (name === 'deployment' && value === 'single') deployment = 'single';
      if (name === 'deployment' && value === 'ha') deployment = 'highAvailability';
      if (name === 'version' && ['4.37', '4.38', '4.39'].includes(value)) version = value;
    }
  }
  return { deployment, version };
}

describe('config fragments', () => {
  const fragment = "storage:\n  postgres:\n    address: 'tcp://db:5432'\n";
  const path = '/srv/authelia/conf.d/storage.yml';

  it('does not ask for the sections other files may hold', () => {
    const ids = lint(fragment, { path }).findings.map((finding) => finding.ruleId);
    assert.ok(!ids.includes('acl/no-rules'));
    assert.ok(!ids.includes('ha/session-memory'));
    const required = lint(fragment, { path }).findings.filter(
      (f) => f.ruleId === 'config/required',
    );
    assert.deepEqual(
      required.map((f) => f.message.split(' ')[0]),
      ['storage.postgres.database', 'storage.postgres.username'],
    );
  });

  it('still asks for them in a whole config', () => {
    const whole = `${fragment}notifier:\n  smtp:\n    address: 'smtp://m:25'\n    sender: a@b.c\n`;
    const ids = lint(whole).findings.map((finding) => finding.ruleId);
    assert.ok(ids.includes('acl/no-rules'));
    assert.ok(ids.includes('ha/session-memory'));
    assert.ok(
      lint(whole).findings.some((f) => f.message.startsWith('authentication_backend is required')),
    );
  });
});

describe('documentation links', () => {
  it('point each finding at the page of its section', () => {
    const text =
      "session:\n  same_site: 'loose'\nstorage:\n  postgres:\n    address: 'ldap://db'\n" +
      "access_control:\n  default_policy: 'deny'\n  rules:\n    - domain: 'x.example.com'\n" +
      "      policy: 'one_factor'\n      methods: ['FETCH']\n";
    const href = (ruleId: string) => lint(text).findings.find((f) => f.ruleId === ruleId)?.href;
    assert.equal(
      href('schema/enum'),
      'https://www.authelia.com/configuration/session/introduction/',
    );
    assert.equal(
      href('schema/address'),
      'https://www.authelia.com/configuration/storage/postgres/',
    );
    assert.equal(
      href('acl/methods'),
      'https://www.authelia.com/configuration/security/access-control/',
    );
    assert.equal(href('secret/missing'), 'https://www.authelia.com/configuration/methods/secrets/');
    assert.equal(
      href('ha/session-memory'),
      'https://www.authelia.com/overview/authorization/statelessness/',
    );
  });
});
