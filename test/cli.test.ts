import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUnderTest, underTest } from './helpers/rules';
import { keyRange } from './helpers/text';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLE_PATH = 'examples/configuration.yml';
const EXAMPLE = readFileSync(join(ROOT, EXAMPLE_PATH), 'utf8');
const CLEAN = 'test/fixtures/clean-ha.yml';

/** A text-format line: `path:line:col: severity: message [rule-id]`. */
const LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint): (.+) \[([a-z]+\/[a-z-]+)\]$/;
/** A stack frame, as Node prints it. */
const STACK = /at .*\(/;

/** Severity, rule and key of each finding on examples/configuration.yml for replicas. */
const EXAMPLE_FINDINGS: [string, string, string][] = [
  ['information', 'ha/auth-file-password-reset', 'authentication_backend'],
  ['information', 'ha/auth-file-password-change', 'authentication_backend'],
  ['information', 'ha/auth-file', 'file'],
  ['information', 'ha/auth-file-watch', 'watch'],
  ['error', 'ha/session-memory', 'session'],
  ['error', 'ha/storage-sqlite', 'local'],
  ['warning', 'ha/notifier-filesystem', 'filesystem'],
];

const SESSION_MESSAGE =
  'BREAKING: sessions are kept in memory because session.redis is not set. Each replica knows ' +
  'only its own logins, so a request that lands on another replica is not logged in, and every ' +
  'restart logs everyone out. Use Redis or Redis Sentinel.';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lines(output: string): string[] {
  return output === '' ? [] : output.replace(/\n$/, '').split('\n');
}

/** `[line, col, severity, rule]` of each text line, 1-based as printed. */
function parsed(output: string) {
  return lines(output).map((line) => {
    const match = LINE.exec(line);
    assert.ok(match, `not a finding line: ${line}`);
    return [match[1], Number(match[2]), Number(match[3]), match[4], match[6]] as const;
  });
}

/** What `parsed` gives, for the findings of the rule families under test (`ha/*`, `yaml/*`). */
function parsedUnderTest(output: string) {
  return parsed(output).filter(([, , , , rule]) => isUnderTest(rule));
}

/** Where a key of the example starts, 1-based, as the text format prints it. */
function at(text: string, key: string): [number, number] {
  const { start } = keyRange(text, key);
  return [start.line + 1, start.character + 1];
}

/** The text findings for examples/configuration.yml in HA mode, computed from the file. */
function exampleFindings(text: string, path: string, ...omit: string[]) {
  return EXAMPLE_FINDINGS.filter(([, rule]) => !omit.includes(rule)).map(
    ([severity, rule, key]) => [path, ...at(text, key), severity, rule] as const,
  );
}

describe('authelia-lint CLI (dist/cli.js)', function () {
  let temp: string;

  before(function () {
    temp = mkdtempSync(join(tmpdir(), 'authelia-lint-cli-'));
    if (existsSync(CLI)) return;
    this.timeout(120_000);
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  });

  after(() => rmSync(temp, { recursive: true, force: true }));

  describe('text format', () => {
    it('prints path:line:col: severity: message [rule-id] for each finding and exits 1', () => {
      const run = cli(EXAMPLE_PATH);
      assert.equal(run.status, 1);
      assert.equal(run.stderr, '');
      assert.ok(run.stdout.endsWith('\n'));
      assert.deepEqual(parsedUnderTest(run.stdout), exampleFindings(EXAMPLE, EXAMPLE_PATH));

      assert.deepEqual(at(EXAMPLE, 'session'), [21, 1]);
      const sessionLine = `examples/configuration.yml:21:1: error: ${SESSION_MESSAGE} [ha/session-memory]`;
      assert.ok(lines(run.stdout).includes(sessionLine), run.stdout);
      assert.ok(
        lines(run.stdout).includes(
          'examples/configuration.yml:35:3: warning: HIGH: the filesystem notifier writes ' +
            "password-reset and 2FA registration links to '/config/notification.txt' on " +
            'whichever replica handled the request, never to the user, so users cannot reset ' +
            'passwords or register devices on their own. Use SMTP. [ha/notifier-filesystem]',
        ),
        run.stdout,
      );
    });

    it('counts lines and columns the same in a CRLF file', () => {
      const path = join(temp, 'crlf.yml');
      const crlf = EXAMPLE.replace(/\n/g, '\r\n');
      writeFileSync(path, crlf);
      const run = cli(path);
      assert.equal(run.status, 1);
      assert.deepEqual(parsedUnderTest(run.stdout), exampleFindings(EXAMPLE, path));
    });

    it('exits 0 when every finding is information: the example as a single instance', () => {
      const run = cli('--deployment', 'single', EXAMPLE_PATH);
      assert.equal(run.status, 0);
      assert.equal(run.stderr, '');
      // Every finding of every rule is information, hence exit 0.
      assert.deepEqual(
        parsed(run.stdout).filter(([, , , severity]) => severity !== 'information'),
        [],
      );
      assert.deepEqual(parsedUnderTest(run.stdout), [
        [EXAMPLE_PATH, ...at(EXAMPLE, 'session'), 'information', 'ha/session-memory'],
        [EXAMPLE_PATH, ...at(EXAMPLE, 'filesystem'), 'information', 'ha/notifier-filesystem'],
      ]);
      const session = lines(run.stdout).find((line) => line.endsWith(' [ha/session-memory]'));
      assert.match(session ?? '', /: information: Sessions are kept in memory because /);
    });

    it('exits 0 with no output for a config with redis, postgres, smtp and ldap', () => {
      for (const deployment of ['ha', 'single']) {
        const run = cli('--deployment', deployment, CLEAN);
        assert.deepEqual(run, { status: 0, stdout: '', stderr: '' }, deployment);
      }
      assert.deepEqual(cli(CLEAN), { status: 0, stdout: '', stderr: '' });
    });

    it('exits 0 when the worst finding is a warning', () => {
      const path = join(temp, 'warning.yml');
      const clean = readFileSync(join(ROOT, CLEAN), 'utf8');
      const filesystem = "  filesystem:\n    filename: '/tmp/n.txt'\n";
      const text = clean.replace(/  smtp:\n(    .*\n)+/, filesystem);
      assert.notEqual(text, clean);
      writeFileSync(path, text);
      const run = cli(path);
      assert.equal(run.status, 0);
      assert.deepEqual(parsed(run.stdout), [
        [path, ...at(text, 'filesystem'), 'warning', 'ha/notifier-filesystem'],
      ]);
    });

    it('--authelia-version 4.38 drops ha/auth-file-password-change, which needs 4.39', () => {
      const v39 = cli('--authelia-version', '4.39', EXAMPLE_PATH);
      const v38 = cli('--authelia-version', '4.38', EXAMPLE_PATH);
      assert.equal(v39.stdout, cli(EXAMPLE_PATH).stdout);
      assert.deepEqual(parsedUnderTest(v39.stdout), exampleFindings(EXAMPLE, EXAMPLE_PATH));
      assert.deepEqual(
        parsedUnderTest(v38.stdout),
        exampleFindings(EXAMPLE, EXAMPLE_PATH, 'ha/auth-file-password-change'),
      );
      assert.equal(v38.status, 1);
      // 4.38 has no password change, so the file backend message names only two switches.
      assert.match(v38.stdout, /turn off password reset and watching and ship/);
      assert.match(v39.stdout, /turn off password reset, password change and watching and ship/);
    });

    it('lints several files in the order given', () => {
      const run = cli(CLEAN, EXAMPLE_PATH);
      assert.equal(run.status, 1);
      // The clean file adds nothing at all, from any rule.
      assert.deepEqual(
        parsed(run.stdout).filter(([path]) => path !== EXAMPLE_PATH),
        [],
      );
      assert.deepEqual(parsedUnderTest(run.stdout), exampleFindings(EXAMPLE, EXAMPLE_PATH));
    });
  });

  describe('json format', () => {
    it('prints files[].diagnostics with rule ids, severities, messages and 0-based ranges', () => {
      const run = cli('--format', 'json', EXAMPLE_PATH);
      assert.equal(run.status, 1);
      assert.equal(run.stderr, '');
      const report = JSON.parse(run.stdout) as {
        files: {
          path: string;
          diagnostics: {
            code: string;
            severity: string;
            message: string;
            range: { start: { line: number; character: number } };
          }[];
        }[];
      };
      assert.equal(report.files.length, 1);
      assert.equal(report.files[0].path, EXAMPLE_PATH);

      const { diagnostics } = report.files[0];
      assert.deepEqual(
        underTest(diagnostics).map(({ code, severity, range }) => ({ code, severity, range })),
        EXAMPLE_FINDINGS.map(([severity, code, key]) => ({
          code,
          severity,
          range: keyRange(EXAMPLE, key),
        })),
      );
      const session = diagnostics.find((diagnostic) => diagnostic.code === 'ha/session-memory');
      assert.deepEqual(session, {
        code: 'ha/session-memory',
        severity: 'error',
        message: SESSION_MESSAGE,
        range: { start: { line: 20, character: 0 }, end: { line: 20, character: 7 } },
      });

      // The text format says the same, 1-based, for every rule.
      const text = lines(cli(EXAMPLE_PATH).stdout);
      assert.deepEqual(
        text,
        diagnostics.map(({ range, severity, message, code }) => {
          const { line, character } = range.start;
          return `${EXAMPLE_PATH}:${line + 1}:${character + 1}: ${severity}: ${message} [${code}]`;
        }),
      );
    });

    it('lists a clean file with an empty diagnostics array', () => {
      const run = cli('--format', 'json', CLEAN);
      assert.equal(run.status, 0);
      assert.deepEqual(JSON.parse(run.stdout), { files: [{ path: CLEAN, diagnostics: [] }] });
    });
  });

  describe('files that are not Authelia configurations', () => {
    const fixtures = [
      'docker-compose.yml',
      'home-assistant-configuration.yaml',
      'kubernetes-deployment.yaml',
    ];
    for (const fixture of fixtures) {
      it(`skips ${fixture} with exit 0 and one note on stderr`, () => {
        const path = `test/fixtures/${fixture}`;
        const run = cli(path);
        assert.equal(run.status, 0);
        assert.equal(run.stdout, '');
        assert.deepEqual(lines(run.stderr), [
          `authelia-lint: ${path}: not an Authelia configuration, skipped`,
        ]);
        const json = cli('--format', 'json', path);
        assert.equal(json.status, 0);
        assert.deepEqual(JSON.parse(json.stdout), { files: [{ path, diagnostics: [] }] });
        assert.equal(lines(json.stderr).length, 1);
      });
    }
  });

  describe('usage and file problems exit 2 with one line on stderr', () => {
    function assertProblem(run: Run, message: string | RegExp) {
      assert.equal(run.status, 2, `exit code; stderr: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, STACK);
      assert.equal(lines(run.stderr).length, 1, `stderr: ${JSON.stringify(run.stderr)}`);
      if (typeof message === 'string') assert.equal(run.stderr, `authelia-lint: ${message}\n`);
      else assert.match(run.stderr, message);
    }

    it('a missing file', () => {
      const run = cli('no/such/configuration.yml');
      assertProblem(run, 'no/such/configuration.yml: cannot read the file (ENOENT)');
      assert.equal(run.stdout, '');
    });

    it('a directory', () => {
      assertProblem(cli(temp), `${temp}: is a directory, not a file`);
    });

    it('a binary file', () => {
      const path = join(temp, 'binary.yml');
      const bytes = [Buffer.from('session:\n  '), Buffer.from([0x00, 0xff, 0x0a])];
      writeFileSync(path, Buffer.concat(bytes));
      assertProblem(cli(path), `${path}: binary file, not YAML`);
    });

    it('--deployment both', () => {
      const run = cli('--deployment', 'both', EXAMPLE_PATH);
      assertProblem(run, '--deployment must be ha or single');
      assert.equal(run.stdout, '');
    });

    it('--format xml', () => {
      const run = cli('--format', 'xml', EXAMPLE_PATH);
      assertProblem(run, "--format must be text or json, not 'xml'");
    });

    it('--authelia-version 5.0', () => {
      const run = cli('--authelia-version', '5.0', EXAMPLE_PATH);
      assertProblem(run, '--authelia-version must be 4.37, 4.38 or 4.39');
    });

    it('no file given', () => {
      const run = cli();
      assertProblem(run, /^authelia-lint: no file given/);
      assert.equal(run.stdout, '');
    });

    it('a missing file next to a good one still reports the good one', () => {
      const run = cli(EXAMPLE_PATH, 'missing.yml');
      assertProblem(run, 'missing.yml: cannot read the file (ENOENT)');
      assert.deepEqual(parsedUnderTest(run.stdout), exampleFindings(EXAMPLE, EXAMPLE_PATH));
    });
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const run = cli('--help');
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^usage: authelia-lint \[--format text\|json\] .* FILE\.\.\.\n$/);
  });
});
