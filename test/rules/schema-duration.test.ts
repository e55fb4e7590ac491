import assert from 'node:assert/strict';
import { applyEdits, lint, type LintOptions } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'schema/duration';

/** The text is checked as an Authelia config, and the rule finds nothing in it. */
function assertSilent(text: string, options: LintOptions = {}): void {
  assert.equal(lint(text, options).checked, true);
  assert.deepEqual(findingsOf(text, RULE, options), []);
}

/** A config whose session.expiration is the given YAML value. */
function expiration(value: string): string {
  return `session:\n  secret: 'x'\n  expiration: ${value}\nstorage:\n  encryption_key: 'a-very-long-encryption-key'\n`;
}

describe(RULE, () => {
  it('fires as an error on the value, with the reason', () => {
    const text = yaml`
      session:
        secret: 'x'
        inactivity: '5 min'
      storage:
        encryption_key: 'a-very-long-encryption-key'
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'5 min'", line: 3 },
    ]);
    const finding = onlyFinding(text, RULE);
    assert.equal(
      finding.message,
      "session.inactivity is not a valid duration: 'min' is not a unit Authelia knows.",
    );
    assert.equal(finding.fixes, undefined);
  });

  it('refuses unit words on 4.37 only, with a fix to the short form', () => {
    const text = expiration("'3 seconds'");
    assertSilent(text);
    assertSilent(text, { version: '4.38' });
    assert.deepEqual(findingsOf(text, RULE, { version: '4.37' }), [
      { ruleId: RULE, severity: 'error', text: "'3 seconds'", line: 3 },
    ]);
    const finding = onlyFinding(text, RULE, { version: '4.37' });
    assert.equal(
      finding.message,
      'session.expiration is not a valid duration: unit words arrived in 4.38; 4.37 reads only short units.',
    );
    assert.deepEqual(
      finding.fixes!.map((fix) => [fix.title, fix.preferred]),
      [["Convert to the short form '3s'", true]],
    );
    assert.equal(applyEdits(text, finding.fixes![0].edits), expiration("'3s'"));
  });

  it('converts several unit words, and month words to M, not m', () => {
    const long = expiration("'1 hour and 30 minutes'");
    const fix = onlyFinding(long, RULE, { version: '4.37' }).fixes![0];
    assert.equal(fix.title, "Convert to the short form '1h30m'");
    assert.equal(applyEdits(long, fix.edits), expiration("'1h30m'"));

    const months = expiration("'2 months'");
    assertSilent(months);
    const monthFix = onlyFinding(months, RULE, { version: '4.37' }).fixes![0];
    assert.equal(applyEdits(months, monthFix.edits), expiration("'2M'"));
  });

  it('reads unit letters with case: m is minutes and M months, while H is nothing', () => {
    for (const value of [
      '1M',
      "'1M'",
      '90m',
      "'1 M'",
      '1h30m',
      "'1m 30s'",
      '1d',
      '1w',
      '1y',
      '500ms',
      '10us',
    ]) {
      assertSilent(expiration(value));
    }
    const text = expiration("'1H'");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'1H'", line: 3 },
    ]);
    assert.equal(
      onlyFinding(text, RULE).message,
      "session.expiration is not a valid duration: 'H' is not a unit Authelia knows.",
    );
    assert.equal(
      onlyFinding(expiration("'1 Minute'"), RULE, { version: '4.39' }).message,
      "session.expiration is not a valid duration: 'Minute' is not a unit Authelia knows.",
    );
  });

  it('accepts integers and floats as seconds, and a negative integer', () => {
    for (const value of ['3600', "'300'", '0', '1.0e3', '1.5', '-1']) {
      assertSilent(expiration(value));
      assertSilent(expiration(value), { version: '4.37' });
    }
  });

  it('refuses a zero written with a unit, quoted or not', () => {
    for (const value of ["'0s'", '0s', "'00m'"]) {
      const text = expiration(value);
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: value, line: 3 },
      ]);
      const finding = onlyFinding(text, RULE);
      assert.equal(
        finding.message,
        'session.expiration is not a valid duration: a duration of zero is written as the integer 0.',
      );
      assert.equal(finding.fixes, undefined);
    }
    assertSilent(expiration("'0h30m'"));
  });

  it('refuses a negative number written as a string, and text that is not blocks', () => {
    assert.equal(
      onlyFinding(expiration("'-1'"), RULE).message,
      'session.expiration is not a valid duration: a negative duration must be written as an integer, not a string.',
    );
    assert.equal(
      onlyFinding(expiration("'1.5h'"), RULE).message,
      'session.expiration is not a valid duration: it is not a list of <number><unit> blocks such as 1h30m.',
    );
  });

  it('checks durations everywhere in the model: lists, named entries, cookie overrides', () => {
    const text = yaml`
      session:
        secret: 'x'
        cookies:
          - domain: example.com
            authelia_url: 'https://auth.example.com'
            inactivity: 10 mins
      storage:
        encryption_key: 'a-very-long-encryption-key'
      regulation:
        find_time: 2 minutes
        ban_time: 5 min
      server:
        endpoints:
          rate_limits:
            second_factor_totp:
              buckets:
                - period: 1 min
                  requests: 10
          authz:
            forward-auth:
              implementation: ForwardAuth
              authn_strategies:
                - name: HeaderAuthorization
                  schemes: [Basic]
                  scheme_basic_cache_lifespan: 5 mins
    `;
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: '10 mins', line: 6 },
      { ruleId: RULE, severity: 'error', text: '5 min', line: 11 },
      { ruleId: RULE, severity: 'error', text: '1 min', line: 17 },
      { ruleId: RULE, severity: 'error', text: '5 mins', line: 25 },
    ]);
  });

  it('accepts the words a duration option allows besides durations', () => {
    const text = yaml`
      session:
        secret: 'x'
      authentication_backend:
        refresh_interval: always
        file:
          path: /config/users.yml
    `;
    assertSilent(text);
    assertSilent(text.replace('always', 'disable'));
    assertSilent(text.replace('always', '1m'));
  });

  it('never checks template text, quoted or not', () => {
    const text = yaml`
      session:
        secret: 'x'
        expiration: '{{ env "EXPIRATION" }}'
        inactivity: {{ env "INACTIVITY" }}
        remember_me: '1{{ env "UNIT" }}'
      storage:
        encryption_key: 'a-very-long-encryption-key'
    `;
    assert.deepEqual(findingsOf(text, 'yaml/syntax'), []);
    assertSilent(text);
    assertSilent(text, { version: '4.37' });
  });

  it('leaves values of the wrong kind to schema/type', () => {
    const text = expiration('[1h]');
    assertSilent(text);
    assert.deepEqual(
      findingsOf(text, 'schema/type').map((seen) => seen.text),
      ['expiration'],
    );
  });

  it('stays silent on a valid config', () => {
    const text = yaml`
      session:
        secret: 'x'
        expiration: 1h
        inactivity: 5m
        remember_me: 1M
        redis:
          host: redis
          timeout: 5s
      storage:
        encryption_key: 'a-very-long-encryption-key'
      regulation:
        find_time: 2m
        ban_time: 300
      webauthn:
        timeout: 60s
    `;
    assertSilent(text);
    assertSilent(text, { version: '4.38' });
  });
});
