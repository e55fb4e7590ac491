import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  applyEdits,
  lint,
  type Finding,
  type Fix,
  type LintOptions,
} from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'schema/deprecated-key';
const MIGRATE = 'Migrate this file to the 4.39 layout';

/** The text is checked as an Authelia config, and the rule finds nothing in it. */
function assertSilent(text: string, options: LintOptions = {}): void {
  assert.equal(lint(text, options).checked, true);
  assert.deepEqual(findingsOf(text, RULE, options), []);
}

/** The findings of the rule, in order. */
function findings(text: string, options: LintOptions = {}): Finding[] {
  return lint(text, options).findings.filter((finding) => finding.ruleId === RULE);
}

/** The finding on the deprecated key at a 1-based line. */
function findingAt(text: string, line: number, options: LintOptions = {}): Finding {
  const found = findings(text, options).filter(
    (finding) => text.slice(0, finding.start).split('\n').length === line,
  );
  if (found.length !== 1)
    throw new Error(`expected one ${RULE} finding on line ${line}, got ${found.length}`);
  return found[0];
}

/** The one fix of a finding that migrates just that key. */
function keyFix(finding: Finding): Fix {
  const fixes = finding.fixes!.filter((fix) => !fix.title.startsWith('Migrate this file'));
  assert.equal(fixes.length, 1, `one per-key fix for: ${finding.message}`);
  return fixes[0];
}

/** The fix that migrates the whole file, as offered on the first finding. */
function migrateAll(text: string, options: LintOptions = {}): Fix {
  const fix = findings(text, options)[0].fixes!.find((candidate) =>
    candidate.title.startsWith('Migrate this file'),
  );
  assert.ok(fix, 'the first finding offers to migrate the file');
  return fix;
}

/** Comments of a text, each without the code before it. */
function comments(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes('#'))
    .map((line) => line.slice(line.indexOf('#')).trim());
}

describe(RULE, () => {
  describe('findings', () => {
    const old = yaml`
      jwt_secret: 'a-long-reset-secret'
      session:
        secret: 'a-session-secret'
        remember_me_duration: 1M
      storage:
        encryption_key: 'a-very-long-encryption-key'
      authentication_backend:
        ldap:
          url: 'ldaps://ldap.example.com'
          permit_feature_detection_failure: true
    `;

    it('warns on each deprecated key, naming its replacement', () => {
      assert.deepEqual(findingsOf(old, RULE), [
        { ruleId: RULE, severity: 'warning', text: 'jwt_secret', line: 1 },
        { ruleId: RULE, severity: 'warning', text: 'remember_me_duration', line: 4 },
        { ruleId: RULE, severity: 'warning', text: 'url', line: 9 },
        { ruleId: RULE, severity: 'warning', text: 'permit_feature_detection_failure', line: 10 },
      ]);
      assert.deepEqual(
        findings(old).map((finding) => finding.message),
        [
          'jwt_secret is deprecated since 4.38: use identity_validation.reset_password.jwt_secret instead.',
          'session.remember_me_duration is deprecated since 4.38: use session.remember_me instead.',
          'authentication_backend.ldap.url is deprecated since 4.38: use authentication_backend.ldap.address instead.',
          'authentication_backend.ldap.permit_feature_detection_failure is deprecated since 4.39.16: it has no ' +
            'replacement and can be removed. No longer needed: Authelia ignores the key and logs a warning.',
        ],
      );
    });

    it('never prints the value of a deprecated secret', () => {
      for (const finding of lint(old).findings)
        assert.doesNotMatch(finding.message, /a-long-reset-secret/);
    });

    it('offers the per-key fix first and preferred, then the whole-file migration', () => {
      const fixes = findings(old)[0].fixes!;
      assert.deepEqual(
        fixes.map((fix) => [fix.title, fix.preferred]),
        [
          ['Move to identity_validation.reset_password.jwt_secret', true],
          [MIGRATE, undefined],
        ],
      );
      for (const finding of findings(old)) assert.deepEqual(finding.fixes!.at(-1), fixes[1]);
    });

    it('follows the target version: a key deprecated in 4.38 is fine for 4.37', () => {
      assert.deepEqual(
        findingsOf(old, RULE, { version: '4.38' }).map((seen) => seen.text),
        ['jwt_secret', 'remember_me_duration', 'url'],
      );
      assertSilent(old, { version: '4.37' });
      const older = yaml`
        logs_level: debug
        session:
          secret: 'x'
        webauthn:
          user_verification: preferred
      `;
      assert.deepEqual(
        findingsOf(older, RULE, { version: '4.37' }).map((seen) => seen.text),
        ['logs_level'],
      );
      assert.deepEqual(
        findingsOf(older, RULE, { version: '4.38' }).map((seen) => seen.text),
        ['logs_level'],
      );
      assert.deepEqual(
        findingsOf(older, RULE, { version: '4.39' }).map((seen) => seen.text),
        ['logs_level', 'user_verification'],
      );
    });

    it('leaves a deprecated key beside its replacement to schema/deprecated-key-conflict', () => {
      const text = old.replace(
        '  remember_me_duration: 1M',
        '  remember_me_duration: 1M\n  remember_me: 2M',
      );
      assert.deepEqual(
        findingsOf(text, RULE).map((seen) => seen.text),
        ['jwt_secret', 'url', 'permit_feature_detection_failure'],
      );
      assert.deepEqual(
        findingsOf(text, 'schema/deprecated-key-conflict').map((seen) => seen.text),
        ['remember_me_duration'],
      );
    });

    it('warns on the key even when its value is template text, without rewriting the template', () => {
      const text = yaml`
        session:
          secret: 'x'
        notifier:
          smtp:
            host: '{{ env "SMTP_HOST" }}'
            port: 587
            sender: 'Authelia <auth@example.com>'
      `;
      assert.deepEqual(findingsOf(text, 'yaml/syntax'), []);
      assert.deepEqual(
        findingsOf(text, RULE).map((seen) => [seen.text, seen.line]),
        [
          ['host', 5],
          ['port', 6],
        ],
      );
      for (const finding of findings(text)) assert.deepEqual(finding.fixes, []);
    });

    it('stays silent on the 4.39 layout', () => {
      const text = yaml`
        session:
          secret: 'x'
          remember_me: 1M
          cookies:
            - domain: example.com
              authelia_url: 'https://auth.example.com'
              default_redirection_url: 'https://www.example.com'
        storage:
          encryption_key: 'a-very-long-encryption-key'
          mysql:
            address: 'tcp://db:3306'
        identity_validation:
          reset_password:
            jwt_secret: 'a-long-reset-secret'
        server:
          address: 'tcp://:9091/authelia'
          endpoints:
            enable_pprof: false
      `;
      assertSilent(text);
    });
  });

  describe('per-key fixes', () => {
    it('renames a key in place', () => {
      const text = yaml`
        session:
          secret: 'x'
          remember_me_duration: 1M  # a month
        authentication_backend:
          ldap:
            url: 'ldaps://ldap.example.com'
        identity_providers:
          oidc:
            clients:
              - id: grafana
                description: Grafana
      `;
      const cases: [number, string, string, string][] = [
        [
          3,
          'Rename remember_me_duration to remember_me',
          'remember_me_duration: 1M',
          'remember_me: 1M',
        ],
        [6, 'Rename url to address', "url: 'ldaps", "address: 'ldaps"],
        [10, 'Rename id to client_id', '- id: grafana', '- client_id: grafana'],
        [11, 'Rename description to client_name', 'description: Grafana', 'client_name: Grafana'],
      ];
      for (const [line, title, before, after] of cases) {
        const fix = keyFix(findingAt(text, line));
        assert.deepEqual([fix.title, fix.preferred], [title, true]);
        assert.equal(applyEdits(text, fix.edits), text.replace(before, after));
      }
    });

    it('moves a key to another section, creating it when missing', () => {
      const text = yaml`
        jwt_secret: 'a-long-reset-secret'
        logs_level: debug
        log:
          format: json
        session:
          secret: 'x'
        webauthn:
          user_verification: preferred
          timeout: 60s
      `;
      const jwt = keyFix(findingAt(text, 1));
      assert.equal(jwt.title, 'Move to identity_validation.reset_password.jwt_secret');
      assert.equal(
        applyEdits(text, jwt.edits),
        yaml`
          logs_level: debug
          log:
            format: json
          session:
            secret: 'x'
          webauthn:
            user_verification: preferred
            timeout: 60s
          identity_validation:
            reset_password:
              jwt_secret: 'a-long-reset-secret'
        `,
      );
      const level = keyFix(findingAt(text, 2));
      assert.equal(level.title, 'Move to log.level');
      assert.equal(
        applyEdits(text, level.edits),
        text
          .replace('logs_level: debug\n', '')
          .replace('  format: json\n', '  format: json\n  level: debug\n'),
      );
      const verification = keyFix(findingAt(text, 8));
      assert.equal(verification.title, 'Move to webauthn.selection_criteria.user_verification');
      assert.equal(
        applyEdits(text, verification.edits),
        text.replace(
          '  user_verification: preferred\n  timeout: 60s\n',
          '  timeout: 60s\n  selection_criteria:\n    user_verification: preferred\n',
        ),
      );
    });

    it('moves a key one level down, next to where it was', () => {
      const text = yaml`
        session:
          secret: 'x'
        server:
          enable_pprof: false
        authentication_backend:
          ldap:
            skip_verify: true
            username_attribute: uid
      `;
      assert.equal(
        applyEdits(text, keyFix(findingAt(text, 4)).edits),
        text.replace('  enable_pprof: false\n', '  endpoints:\n    enable_pprof: false\n'),
      );
      assert.equal(
        applyEdits(text, keyFix(findingAt(text, 7)).edits),
        text.replace(
          '    skip_verify: true\n    username_attribute: uid\n',
          '    username_attribute: uid\n    tls:\n      skip_verify: true\n',
        ),
      );
      const attribute = keyFix(findingAt(text, 8));
      assert.equal(attribute.title, 'Move to authentication_backend.ldap.attributes.username');
      assert.equal(
        applyEdits(text, attribute.edits),
        text.replace('    username_attribute: uid\n', '    attributes:\n      username: uid\n'),
      );
    });

    it('deletes a key that has no replacement', () => {
      const text = yaml`
        session:
          secret: 'x'
        authentication_backend:
          ldap:
            address: 'ldaps://ldap.example.com'
            permit_feature_detection_failure: true
      `;
      const fix = keyFix(findingAt(text, 6));
      assert.equal(fix.title, 'Delete the deprecated key');
      assert.equal(
        applyEdits(text, fix.edits),
        text.replace('    permit_feature_detection_failure: true\n', ''),
      );
    });

    it('folds server host, port and path into one address', () => {
      const text = yaml`
        server:
          host: 0.0.0.0
          port: 9091
          path: authelia
          disable_healthcheck: true
        session:
          secret: 'x'
        regulation:
          max_retries: 3
      `;
      const expected = yaml`
        server:
          disable_healthcheck: true
          address: 'tcp://:9091/authelia'
        session:
          secret: 'x'
        regulation:
          max_retries: 3
      `;
      for (const line of [2, 3, 4]) {
        const fix = keyFix(findingAt(text, line));
        assert.equal(fix.title, "Combine host and port into address: 'tcp://:9091/authelia'");
        assert.equal(applyEdits(text, fix.edits), expected);
      }
      const local =
        "server:\n  host: 127.0.0.1\n  port: 8080\nsession:\n  secret: 'x'\nregulation: {}\n";
      assert.equal(
        applyEdits(local, keyFix(findingAt(local, 2)).edits),
        "server:\n  address: 'tcp://127.0.0.1:8080/'\nsession:\n  secret: 'x'\nregulation: {}\n",
      );
    });

    it('folds database host and port into a tcp or unix address, with the default port', () => {
      const text = yaml`
        session:
          secret: 'x'
        storage:
          encryption_key: 'a-very-long-encryption-key'
          mysql:
            host: db.internal
            database: authelia
      `;
      const fix = keyFix(findingAt(text, 6));
      assert.equal(fix.title, "Combine host and port into address: 'tcp://db.internal:3306'");
      assert.equal(
        applyEdits(text, fix.edits),
        text.replace(
          '    host: db.internal\n    database: authelia\n',
          "    database: authelia\n    address: 'tcp://db.internal:3306'\n",
        ),
      );
      const postgres = text
        .replace('mysql:', 'postgres:')
        .replace('host: db.internal', 'host: db\n    port: 5433');
      assert.equal(
        keyFix(findingAt(postgres, 6)).title,
        "Combine host and port into address: 'tcp://db:5433'",
      );
      const defaultPort = text.replace('mysql:', 'postgres:');
      assert.equal(
        keyFix(findingAt(defaultPort, 6)).title,
        "Combine host and port into address: 'tcp://db.internal:5432'",
      );
      const socket = text.replace('host: db.internal', 'host: /var/run/mysqld/mysqld.sock');
      assert.equal(
        keyFix(findingAt(socket, 6)).title,
        "Combine host and port into address: 'unix:///var/run/mysqld/mysqld.sock'",
      );
    });

    it('folds SMTP host and port into an address whose scheme follows the port', () => {
      const smtp = (port: string) =>
        `session:\n  secret: 'x'\nnotifier:\n  smtp:\n    host: mail.example.com\n${port}    sender: 'Authelia <auth@example.com>'\n`;
      const cases: [string, string][] = [
        ['    port: 465\n', 'submissions://mail.example.com:465'],
        ['    port: 587\n', 'submission://mail.example.com:587'],
        ['    port: 25\n', 'smtp://mail.example.com:25'],
        ['    port: 2525\n', 'smtp://mail.example.com:2525'],
        ['', 'smtp://mail.example.com:25'],
      ];
      for (const [port, address] of cases) {
        const text = smtp(port);
        const fix = keyFix(findingAt(text, 5));
        assert.equal(fix.title, `Combine host and port into address: '${address}'`);
        assert.equal(
          applyEdits(text, fix.edits),
          `session:\n  secret: 'x'\nnotifier:\n  smtp:\n    sender: 'Authelia <auth@example.com>'\n    address: '${address}'\n`,
        );
      }
    });

    it('turns session.domain into a cookie entry with a flagged authelia_url placeholder', () => {
      const text = yaml`
        session:
          name: authelia_session
          domain: example.com
          expiration: 1h
        storage:
          encryption_key: 'a-very-long-encryption-key'
      `;
      const fix = keyFix(findingAt(text, 3));
      assert.equal(fix.title, 'Convert to session.cookies with one entry per domain');
      const fixed = applyEdits(text, fix.edits);
      assert.equal(
        fixed,
        yaml`
          session:
            name: authelia_session
            expiration: 1h
            cookies:
              - domain: 'example.com'
                authelia_url: 'https://auth.CHANGE-ME.invalid'
                # write the URL of the Authelia portal for this domain above
          storage:
            encryption_key: 'a-very-long-encryption-key'
        `,
      );
      assert.deepEqual(findingsOf(fixed, 'config/value'), [
        {
          ruleId: 'config/value',
          severity: 'error',
          text: "'https://auth.CHANGE-ME.invalid'",
          line: 6,
        },
      ]);
      assert.equal(
        onlyFinding(fixed, 'config/value').message,
        'authelia_url still holds the placeholder from the migration: write the URL of the Authelia portal.',
      );
      assert.deepEqual(findingsOf(fixed, RULE), []);
    });

    it('takes the root default_redirection_url into the cookie whose domain holds it', () => {
      const legacy = yaml`
        default_redirection_url: 'https://home.example.com/'
        session:
          name: authelia_session
          domain: example.com
        storage:
          encryption_key: 'a-very-long-encryption-key'
      `;
      const expected = yaml`
        session:
          name: authelia_session
          cookies:
            - domain: 'example.com'
              authelia_url: 'https://auth.CHANGE-ME.invalid'
              # write the URL of the Authelia portal for this domain above
              default_redirection_url: 'https://home.example.com/'
        storage:
          encryption_key: 'a-very-long-encryption-key'
      `;
      for (const line of [1, 4]) {
        const fix = keyFix(findingAt(legacy, line));
        assert.equal(fix.title, 'Convert to session.cookies with one entry per domain');
        assert.equal(applyEdits(legacy, fix.edits), expected);
      }

      const cookies = yaml`
        default_redirection_url: 'https://www.example.org/home'
        session:
          secret: 'x'
          cookies:
            - domain: example.com
              authelia_url: 'https://auth.example.com'
            - domain: example.org
              authelia_url: 'https://auth.example.org'
        storage:
          encryption_key: 'a-very-long-encryption-key'
      `;
      const fix = keyFix(findingAt(cookies, 1));
      assert.equal(
        fix.title,
        'Move default_redirection_url into the matching session.cookies entry',
      );
      assert.equal(
        applyEdits(cookies, fix.edits),
        yaml`
          session:
            secret: 'x'
            cookies:
              - domain: example.com
                authelia_url: 'https://auth.example.com'
              - domain: example.org
                authelia_url: 'https://auth.example.org'
                default_redirection_url: 'https://www.example.org/home'
          storage:
            encryption_key: 'a-very-long-encryption-key'
        `,
      );
    });

    // BUG: when domain is the only key left in session, the fix writes an empty `cookies:` and
    // the domain is lost. Input: "session:\n  domain: example.com\nstorage:\n  encryption_key: x\n";
    // actual output: "session:\n  cookies:\nstorage:\n  encryption_key: x\n".
    it('keeps the domain when it is the only key of session', () => {
      const text =
        "session:\n  domain: example.com\nstorage:\n  encryption_key: 'a-very-long-encryption-key'\n";
      const fixed = applyEdits(text, keyFix(findingAt(text, 2)).edits);
      assert.deepEqual(parse(fixed).session.cookies, [
        { domain: 'example.com', authelia_url: 'https://auth.CHANGE-ME.invalid' },
      ]);
    });

    // BUG: issuer_private_key (and issuer_certificate_chain) get no per-key fix, and the
    // whole-file migration leaves them, so a migrated 4.37 OIDC config still has a
    // schema/deprecated-key warning. Expected: the PEM moves to identity_providers.oidc.jwks[0].key.
    it('moves the OIDC issuer private key into jwks', () => {
      const text = yaml`
        session:
          secret: 'x'
        identity_providers:
          oidc:
            hmac_secret: 'a-very-long-hmac-secret-value'
            issuer_private_key: |
              -----BEGIN PRIVATE KEY-----
              MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
              -----END PRIVATE KEY-----
      `;
      const fixed = applyEdits(text, keyFix(findingAt(text, 6)).edits);
      assert.deepEqual(parse(fixed).identity_providers.oidc.jwks, [
        {
          key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
        },
      ]);
      assert.deepEqual(findingsOf(fixed, RULE), []);
    });
  });

  describe('migrating the whole file', () => {
    const v437 = yaml`
      # Authelia 4.37 configuration
      theme: dark
      jwt_secret: 'a-long-reset-secret'
      default_redirection_url: 'https://home.example.com/'

      server:
        host: 0.0.0.0
        port: 9091
        path: authelia
        enable_pprof: false

      log:
        level: info  # raise to debug when needed

      authentication_backend:
        ldap:
          url: 'ldaps://ldap.example.com'
          base_dn: 'dc=example,dc=com'
          username_attribute: uid
          mail_attribute: mail
          user: 'cn=admin,dc=example,dc=com'

      access_control:
        default_policy: deny
        rules:
          # the public site needs no login
          - domain: 'public.example.com'
            policy: bypass

      session:
        name: authelia_session
        domain: example.com
        expiration: 1h
        inactivity: 5m
        remember_me_duration: 1M
        redis:
          host: redis  # the shared Redis
          port: 6379

      regulation:
        max_retries: 3

      storage:
        mysql:
          host: db
          port: 3306
          database: authelia
          username: authelia

      notifier:
        smtp:
          # the relay
          host: mail.example.com
          port: 587
          sender: 'Authelia <auth@example.com>'

      identity_providers:
        oidc:
          access_token_lifespan: 1h
          refresh_token_lifespan: 90m
          clients:
            - id: grafana
              description: Grafana
              secret: '$plaintext$grafana-secret'
              redirect_uris:
                - 'https://grafana.example.com/login/generic_oauth'
    `;

    const v439 = yaml`
      # Authelia 4.37 configuration
      theme: dark

      server:
        address: 'tcp://:9091/authelia'
        endpoints:
          enable_pprof: false

      log:
        level: info  # raise to debug when needed

      authentication_backend:
        ldap:
          address: 'ldaps://ldap.example.com'
          base_dn: 'dc=example,dc=com'
          user: 'cn=admin,dc=example,dc=com'
          attributes:
            username: uid
            mail: mail

      access_control:
        default_policy: deny
        rules:
          # the public site needs no login
          - domain: 'public.example.com'
            policy: bypass

      session:
        name: authelia_session
        expiration: 1h
        inactivity: 5m
        remember_me: 1M
        redis:
          host: redis  # the shared Redis
          port: 6379
        cookies:
          - domain: 'example.com'
            authelia_url: 'https://auth.CHANGE-ME.invalid'
            # write the URL of the Authelia portal for this domain above
            default_redirection_url: 'https://home.example.com/'

      regulation:
        max_retries: 3

      storage:
        mysql:
          database: authelia
          username: authelia
          address: 'tcp://db:3306'

      notifier:
        smtp:
          # the relay
          sender: 'Authelia <auth@example.com>'
          address: 'submission://mail.example.com:587'

      identity_providers:
        oidc:
          clients:
            - client_id: grafana
              client_name: Grafana
              client_secret: '$plaintext$grafana-secret'
              redirect_uris:
                - 'https://grafana.example.com/login/generic_oauth'
          lifespans:
            access_token: 1h
            refresh_token: 90m
      identity_validation:
        reset_password:
          jwt_secret: 'a-long-reset-secret'
    `;

    it('is valid for 4.37 as it stands, and has twenty deprecated keys for 4.39', () => {
      assertSilent(v437, { version: '4.37' });
      assert.equal(findings(v437).length, 20);
      assert.deepEqual(findingsOf(v437, 'schema/version', { version: '4.37' }), []);
    });

    it('offers the same migration on every finding', () => {
      const fix = migrateAll(v437);
      for (const finding of findings(v437)) assert.deepEqual(finding.fixes!.at(-1), fix);
      assert.equal(fix.edits.length, 1);
    });

    it('writes the 4.39 layout in one fix', () => {
      assert.equal(applyEdits(v437, migrateAll(v437).edits), v439);
    });

    it('leaves no deprecated key and no YAML problem for 4.39', () => {
      const migrated = applyEdits(v437, migrateAll(v437).edits);
      const ids = lint(migrated, { version: '4.39' }).findings.map((finding) => finding.ruleId);
      assert.deepEqual(
        ids.filter((id) => id === RULE || id.startsWith('yaml/') || id.startsWith('schema/')),
        [],
      );
      assert.deepEqual(
        findingsOf(migrated, 'config/value').filter((seen) => seen.text.includes('CHANGE-ME')),
        [
          {
            ruleId: 'config/value',
            severity: 'error',
            text: "'https://auth.CHANGE-ME.invalid'",
            line: 38,
          },
        ],
      );
    });

    it('keeps comments on their own lines and after keys it does not move', () => {
      const migrated = applyEdits(v437, migrateAll(v437).edits);
      for (const comment of [
        '# Authelia 4.37 configuration',
        '# raise to debug when needed',
        '# the public site needs no login',
        '# the shared Redis',
        '# the relay',
      ]) {
        assert.ok(comments(migrated).includes(comment), comment);
      }
    });

    // BUG: a comment after a key that the migration folds or moves is dropped. Input: the 4.37
    // config with `host: 0.0.0.0  # listen everywhere` under server and `domain: example.com  # the
    // cookie domain` under session; after "Migrate this file to the 4.39 layout" neither comment
    // is anywhere in the text.
    it('keeps the comment after a key it moves', () => {
      const text = v437
        .replace('  host: 0.0.0.0\n', '  host: 0.0.0.0  # listen everywhere\n')
        .replace('  domain: example.com\n', '  domain: example.com  # the cookie domain\n');
      const migrated = applyEdits(text, migrateAll(text).edits);
      assert.deepEqual(
        comments(text).filter((comment) => !comments(migrated).includes(comment)),
        [],
      );
    });

    // BUG: the whole-file migration ignores the target version. For 4.38, with `logs_level` (a
    // 4.7 deprecation) and `webauthn.user_verification` (deprecated only in 4.39), it also moves
    // user_verification to webauthn.selection_criteria, which 4.38 does not know; for 4.37 it
    // writes server.address and session.cookies. Relinting for the same target then gives
    // schema/version errors (4.38: selection_criteria; 4.37: address, cookies).
    it('only writes keys the target version knows', () => {
      const for438 = yaml`
        logs_level: debug
        session:
          secret: 'x'
        webauthn:
          user_verification: preferred
      `;
      const migrated438 = applyEdits(for438, migrateAll(for438, { version: '4.38' }).edits);
      assert.deepEqual(findingsOf(migrated438, 'schema/version', { version: '4.38' }), []);
      assert.deepEqual(findingsOf(migrated438, RULE, { version: '4.38' }), []);

      const for437 = yaml`
        logs_level: debug
        server:
          host: 0.0.0.0
          port: 9091
        session:
          name: authelia_session
          domain: example.com
        storage:
          encryption_key: 'a-very-long-encryption-key'
      `;
      const migrated437 = applyEdits(for437, migrateAll(for437, { version: '4.37' }).edits);
      assert.deepEqual(findingsOf(migrated437, 'schema/version', { version: '4.37' }), []);
      assert.deepEqual(findingsOf(migrated437, RULE, { version: '4.37' }), []);
    });

    it("migrates Authelia's own 4.37 fixture of deprecated keys", () => {
      const text = yaml`
        server:
          host: 127.0.0.44
          port: 90
          path: abc
        session:
          secret: 'x'
        storage:
          encryption_key: 'a-very-long-encryption-key'
          mysql:
            host: 127.0.0.45
            port: 13306
        notifier:
          smtp:
            host: 127.0.0.47
            port: 2025
      `;
      const migrated = parse(applyEdits(text, migrateAll(text).edits));
      assert.deepEqual(
        [migrated.server, migrated.storage.mysql, migrated.notifier.smtp],
        [
          { address: 'tcp://127.0.0.44:90/abc' },
          { address: 'tcp://127.0.0.45:13306' },
          { address: 'smtp://127.0.0.47:2025' },
        ],
      );
    });
  });
});
