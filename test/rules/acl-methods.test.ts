import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';
import { findingsOf, messagesOf } from '../support/lint';
import { withAccessRules } from '../support/acl';

const RULE = 'acl/methods';

/** A config with one rule whose methods are the given YAML value. */
function withMethods(methods: string): string {
  return withAccessRules(
    "    - domain: 'dav.example.com'\n      policy: one_factor\n" + `      methods: ${methods}\n`,
  );
}

describe(RULE, () => {
  it('stays silent on RFC 7231 and WebDAV verbs', () => {
    const all =
      "['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'TRACE', 'CONNECT', 'OPTIONS', " +
      "'COPY', 'LOCK', 'MKCOL', 'MOVE', 'PROPFIND', 'PROPPATCH', 'UNLOCK']";
    assert.deepEqual(findingsOf(withMethods(all), RULE), []);
    assert.deepEqual(findingsOf(withMethods('GET'), RULE), []);
    assert.equal(lint(withMethods('GET')).checked, true);
  });

  it('fires as an error on a verb Authelia does not know', () => {
    const text = withMethods("['GET', 'FETCH', 'PURGE']");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'FETCH'", line: 10 },
      { ruleId: RULE, severity: 'error', text: "'PURGE'", line: 10 },
    ]);
    assert.deepEqual(messagesOf(text, RULE), [
      "'FETCH' is not an HTTP method Authelia knows.",
      "'PURGE' is not an HTTP method Authelia knows.",
    ]);
  });

  it('fires on the second occurrence of a verb, in a block list', () => {
    const text = withMethods("\n        - 'POST'\n        - 'GET'\n        - 'POST'");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'POST'", line: 13 },
    ]);
    assert.deepEqual(messagesOf(text, RULE), ["'POST' is listed twice."]);
  });

  it('looks for repeats within one rule only', () => {
    const rule = (domain: string) =>
      `    - domain: '${domain}'\n      policy: one_factor\n      methods: ['GET', 'POST']\n`;
    const text = withAccessRules(rule('a.example.com') + rule('b.example.com'));
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('checks a single scalar and ignores an empty value', () => {
    assert.deepEqual(findingsOf(withMethods('FETCH'), RULE), [
      { ruleId: RULE, severity: 'error', text: 'FETCH', line: 10 },
    ]);
    assert.deepEqual(findingsOf(withMethods(''), RULE), []);
    assert.deepEqual(findingsOf(withMethods('[]'), RULE), []);
  });

  // Fixed: Authelia compares methods case-sensitively (validateList / IsStringInSlice in
  // validator/util.go), so 'get' is an unknown verb and 'GET' beside it is not a duplicate.
  // The rule upper-cases first: it says nothing about 'get' and calls 'GET' "listed twice".
  it('reports a lower-case verb as unknown, not its upper-case twin as a duplicate', () => {
    const text = withMethods("['get', 'GET']");
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'get'", line: 10 },
    ]);
  });
});
