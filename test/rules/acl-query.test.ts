import assert from 'node:assert/strict';
import { findingsOf, yaml } from '../support/lint';

const RULE = 'acl/query';

/** A config with one access-control rule whose query is `query`, indented under it. */
function withQuery(query: string): string {
  const indented = query
    .split('\n')
    .map((line) => (line === '' ? line : `      ${line}`))
    .join('\n');
  return `session: {}\naccess_control:\n  rules:\n    - domain: 'app.example.com'\n      policy: 'one_factor'\n      query:\n${indented}`;
}

describe(RULE, () => {
  it('stays silent on valid conditions', () => {
    const text = withQuery(yaml`
      - - key: 'secure'
          operator: 'present'
        - key: 'mode'
          value: 'read'
      - - key: 'id'
          operator: 'pattern'
          value: '^(?P<prefix>[a-z]+)-\\d+$'
    `);
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('wants a key on every condition', () => {
    const text = withQuery(yaml`
      - - operator: 'present'
    `);
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "operator: 'present'", line: 7 },
    ]);
  });

  it('refuses a value on present and absent, and no value on the comparing operators', () => {
    const text = withQuery(yaml`
      - - key: 'a'
          operator: 'absent'
          value: 'x'
        - key: 'b'
          operator: 'not equal'
    `);
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'x'", line: 9 },
      { ruleId: RULE, severity: 'error', text: "key: 'b'", line: 10 },
    ]);
  });

  it('refuses a pattern that is not a regular expression, and leaves template text alone', () => {
    const text = withQuery(yaml`
      - - key: 'a'
          operator: 'pattern'
          value: '([a-z'
        - key: 'b'
          operator: 'pattern'
          value: '{{ env "PATTERN" }}'
    `);
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'([a-z'", line: 9 },
    ]);
  });
});
