import assert from 'node:assert/strict';
import { applyEdits, lint, type LintOptions } from '../server/src/engine';
import { yaml } from './support/lint';

/**
 * Every quick fix, on files written in different styles: after the fix the file still parses,
 * the fixed finding is gone (or, for the fixes that keep the provider, drops in severity),
 * every comment outside the edited text is still there, and new lines follow the file's own
 * indentation step.
 */

const withComments = yaml`
  # Authelia for the cluster
  authentication_backend:  # users
    # the users file is mounted from a ConfigMap
    file:
      path: '/config/users_database.yml'  # mounted
      watch: true
    # end of backend
  access_control:
    default_policy: 'deny'
  session:
    # no redis yet
    cookies:
      - domain: 'example.com'  # parent domain
        authelia_url: 'https://auth.example.com'
    # end of session
  storage:
    encryption_key: 'a-long-encryption-key-from-a-secret'  # rotate yearly
    local:
      path: '/config/db.sqlite3'  # on a volume
    # end of storage
  notifier:
    filesystem:  # for now
      filename: '/config/notification.txt'
  # end of file
`;

const fourSpaces = yaml`
  authentication_backend:
      file:
          path: '/config/users_database.yml'
          watch: true
  access_control:
      default_policy: 'deny'
  session:
      cookies:
          -   domain: 'example.com'
              authelia_url: 'https://auth.example.com'
  storage:
      encryption_key: 'a-long-encryption-key-from-a-secret'
      local:
          path: '/config/db.sqlite3'
  notifier:
      filesystem:
          filename: '/config/notification.txt'
`;

const flowStyle = yaml`
  authentication_backend: {file: {path: '/config/users_database.yml', watch: true}}
  access_control: {default_policy: 'deny'}
  session: {cookies: [{domain: 'example.com', authelia_url: 'https://auth.example.com'}]}
  storage: {encryption_key: 'a-long-encryption-key-from-a-secret', local: {path: '/db'}}
  notifier: {filesystem: {filename: '/config/notification.txt'}}
`;

const noSession = yaml`
  authentication_backend:
    file:
      path: '/config/users_database.yml'
    password_reset:
      disable: false
  storage:
    local:
      path: '/config/db.sqlite3'
  notifier:
    filesystem:
      filename: '/config/notification.txt'
`;

const variants: Record<string, { text: string; indent: number }> = {
  'comments, 2 spaces': { text: withComments, indent: 2 },
  '4-space indentation': { text: fourSpaces, indent: 4 },
  'flow style': { text: flowStyle, indent: 2 },
  'CRLF line breaks': { text: withComments.replace(/\n/g, '\r\n'), indent: 2 },
  'no session section': { text: noSession, indent: 2 },
};

const SEVERITY_RANK = { hint: 0, information: 1, warning: 2, error: 3 };

function commentsOutside(text: string, edits: { start: number; end: number }[]): string[] {
  return [...text.matchAll(/#[^\r\n]*/g)]
    .filter((match) => !edits.some((edit) => edit.start <= match.index && match.index < edit.end))
    .map((match) => match[0]);
}

for (const [style, { text, indent }] of Object.entries(variants)) {
  describe(`every fix, ${style}`, () => {
    for (const version of ['4.39', '4.37'] as const) {
      const options: LintOptions = { version };
      const findings = lint(text, options).findings;

      it(`has the findings to fix (${version})`, () => {
        const ids = findings.map((finding) => finding.ruleId);
        for (const id of [
          'ha/session-memory',
          'ha/storage-sqlite',
          'ha/notifier-filesystem',
          'ha/auth-file',
        ]) {
          assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
        }
        assert.ok(!ids.some((id) => id.startsWith('yaml/')), 'the variant itself must parse');
      });

      for (const finding of findings) {
        for (const fix of finding.fixes ?? []) {
          it(`${finding.ruleId}: ${fix.title} (${version})`, () => {
            const fixed = applyEdits(text, fix.edits);
            const after = lint(fixed, options);

            const yamlProblems = after.findings.filter((f) => f.ruleId.startsWith('yaml/'));
            assert.deepEqual(
              yamlProblems.map((f) => f.message),
              [],
              `broken YAML:\n${fixed}`,
            );

            const stillThere = after.findings.filter(
              (f) =>
                f.ruleId === finding.ruleId &&
                SEVERITY_RANK[f.severity] >= SEVERITY_RANK[finding.severity],
            );
            assert.deepEqual(
              stillThere.map((f) => f.ruleId),
              [],
              `not fixed:\n${fixed}`,
            );

            for (const comment of commentsOutside(text, fix.edits)) {
              assert.ok(fixed.includes(comment), `lost the comment ${comment}`);
            }

            for (const edit of fix.edits) {
              for (const line of edit.newText.split(/\r?\n/).slice(1)) {
                const leading = /^ */.exec(line)![0].length;
                assert.equal(leading % indent, 0, `line '${line}' is off the ${indent}-space grid`);
              }
              if (text.includes('\r\n')) assert.doesNotMatch(edit.newText, /(?<!\r)\n/);
            }
          });
        }
      }
    }
  });
}
