import assert from 'node:assert/strict';
import { applyEdits, lint } from '../../server/src/engine';
import { findingsOf, onlyFinding } from '../support/lint';
import { withAccessRules } from '../support/acl';

const RULE = 'acl/bypass-with-subject';

describe(RULE, () => {
  const named = withAccessRules(
    "    - domain: 'public.example.com'\n" +
      '      policy: "bypass"\n' +
      '      subject:\n' +
      "        - 'user:john'\n" +
      "        - ['group:admins', 'group:dev']\n" +
      "      resources: ['^/api']\n",
  );

  it('fires as an error on the first line of a bypass rule that names a subject', () => {
    assert.deepEqual(findingsOf(named, RULE), [
      { ruleId: RULE, severity: 'error', text: "domain: 'public.example.com'", line: 8 },
    ]);
    assert.equal(
      onlyFinding(named, RULE).message,
      'Rule 1 bypasses login but names a subject: nobody logs in, so no user or group can match. Authelia refuses it.',
    );
  });

  it('removes the whole subject, as the preferred fix', () => {
    const fix = onlyFinding(named, RULE).fixes![0];
    assert.equal(fix.title, 'Remove the subject');
    assert.equal(fix.preferred, true);
    const fixed = applyEdits(named, fix.edits);
    assert.equal(
      fixed,
      withAccessRules(
        "    - domain: 'public.example.com'\n      policy: \"bypass\"\n      resources: ['^/api']\n",
      ),
    );
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('changes the policy to one_factor keeping the quote style', () => {
    const cases: [string, string][] = [
      ['"bypass"', '"one_factor"'],
      ["'bypass'", "'one_factor'"],
      ['bypass', 'one_factor'],
    ];
    for (const [before, after] of cases) {
      const text = named.replace('"bypass"', before);
      const fix = onlyFinding(text, RULE).fixes![1];
      assert.equal(fix.title, 'Change the policy to one_factor');
      assert.equal(fix.preferred, undefined);
      const fixed = applyEdits(text, fix.edits);
      assert.equal(fixed, text.replace(`policy: ${before}`, `policy: ${after}`));
      assert.deepEqual(findingsOf(fixed, RULE), []);
    }
  });

  it('edits inside a flow mapping too', () => {
    const text = withAccessRules(
      "    - {domain: 'a.example.com', policy: bypass, subject: 'group:x'}\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      {
        ruleId: RULE,
        severity: 'error',
        text: "{domain: 'a.example.com', policy: bypass, subject: 'group:x'}",
        line: 8,
      },
    ]);
    const [remove, change] = onlyFinding(text, RULE).fixes!;
    assert.equal(
      applyEdits(text, remove.edits),
      withAccessRules("    - {domain: 'a.example.com', policy: bypass}\n"),
    );
    assert.equal(
      applyEdits(text, change.edits),
      withAccessRules("    - {domain: 'a.example.com', policy: one_factor, subject: 'group:x'}\n"),
    );
  });

  it('reads each expression of a domain_regex list, and no other group name', () => {
    const rule = (regexes: string) =>
      withAccessRules(`    - domain_regex:\n${regexes}      policy: 'bypass'\n`);
    const capturing = rule(
      "        - '^www\\.example\\.com$'\n        - '^(?P<User>\\w+)\\.example\\.com$'\n",
    );
    assert.equal(findingsOf(capturing, RULE).length, 1);
    const other = rule(
      "        - '^(?P<Name>\\w+)\\.example\\.com$'\n        - '^User\\.example\\.com$'\n",
    );
    assert.deepEqual(findingsOf(other, RULE), []);
  });

  it('fires on a domain_regex that captures a User or Group, with only the policy fix', () => {
    for (const group of ['(?P<User>', '(?<Group>']) {
      const text = withAccessRules(
        `    - domain_regex: '^${group}\\w+)\\.example\\.com$'\n      policy: 'bypass'  # public\n`,
      );
      assert.deepEqual(findingsOf(text, RULE), [
        {
          ruleId: RULE,
          severity: 'error',
          text: `domain_regex: '^${group}\\w+)\\.example\\.com$'`,
          line: 8,
        },
      ]);
      const finding = onlyFinding(text, RULE);
      assert.equal(
        finding.message,
        'Rule 1 bypasses login but its domain_regex captures a User or Group, which only a login provides. Authelia refuses it.',
      );
      assert.deepEqual(
        finding.fixes!.map((fix) => fix.title),
        ['Change the policy to one_factor'],
      );
      assert.equal(
        applyEdits(text, finding.fixes![0].edits),
        text.replace("'bypass'", "'one_factor'"),
      );
    }
  });

  it('stays silent on bypass without subject, on subjects with other policies, and on other named groups', () => {
    const text = withAccessRules(
      "    - domain: 'public.example.com'\n      policy: bypass\n" +
        "    - domain: 'secure.example.com'\n      policy: two_factor\n      subject: 'group:admins'\n" +
        "    - domain_regex: '^(?P<Tenant>\\w+)\\.example\\.com$'\n      policy: bypass\n",
    );
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.equal(lint(text).checked, true);
  });

  it('counts a templated subject as a subject, and numbers rules from 1', () => {
    const text = withAccessRules(
      "    - domain: 'a.example.com'\n      policy: one_factor\n" +
        "    - domain: 'b.example.com'\n      policy: bypass\n      subject: '{{ env \"SUBJECT\" }}'\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "domain: 'b.example.com'", line: 10 },
    ]);
    assert.match(onlyFinding(text, RULE).message, /^Rule 2 /);
  });

  // Fixed: when subject is the first key of the list item, "Remove the subject" leaves
  // "-       domain: …" followed by keys at the old indentation: invalid YAML
  // ("Sequence item without - indicator"), and the rule loses its policy.
  it('removes a subject written as the first key of the rule', () => {
    const text = withAccessRules(
      "    - subject: 'user:john'\n      domain: 'public.example.com'\n      policy: bypass\n",
    );
    const fixed = applyEdits(text, onlyFinding(text, RULE).fixes![0].edits);
    assert.equal(
      fixed,
      withAccessRules("    - domain: 'public.example.com'\n      policy: bypass\n"),
    );
  });
});
