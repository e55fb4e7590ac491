import { isScalar, isSeq } from 'yaml';
import type { Finding, Fix } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { removeKeyedEntry, replaceScalar } from '../../yaml-edits';
import { forEachString, scopedAccessRules, policyOf } from './common';

/**
 * `acl/bypass-with-subject`: a `bypass` rule that names a subject, or whose `domain_regex`
 * captures a user or group. Bypass means nobody logs in, so Authelia cannot know who the user
 * is and refuses the rule. Fixes remove the subject, or require one factor instead.
 */
export const bypassWithSubject: Rule = {
  id: 'acl/bypass-with-subject',
  local: true,

  check(context: RuleContext): Finding[] {
    const { config } = context;
    const findings: Finding[] = [];
    const rules = scopedAccessRules(context);
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index];
      if (policyOf(rule) !== 'bypass') continue;

      const subject = rule.entry('subject');
      if (!subject && !capturesUserOrGroup(rule.value('domain_regex'))) continue;

      const policy = rule.entry('policy')!.pair.value;
      const fixes: Fix[] = [];
      if (subject) {
        fixes.push({
          title: 'Remove the subject',
          preferred: true,
          edits: [removeKeyedEntry(config, rule.map, subject)],
        });
      }
      const toOneFactor = isScalar(policy) ? replaceScalar(policy, 'one_factor') : undefined;
      if (toOneFactor)
        fixes.push({ title: 'Change the policy to one_factor', edits: [toOneFactor] });

      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: subject
          ? `Rule ${rule.index + 1} bypasses login but names a subject: nobody logs in, so no user or group can match. Authelia refuses it.`
          : `Rule ${rule.index + 1} bypasses login but its domain_regex captures a User or Group, which only a login provides. Authelia refuses it.`,
        start: rule.start,
        end: rule.end,
        fixes,
      });
    }
    return findings;
  },
};

const CAPTURES_USER_OR_GROUP = /\(\?P?<(User|Group)>/;

/**
 * True when a `domain_regex` (one expression or a list of them) has a named group User or
 * Group. Strings are tested as they are; any other value as its JSON text.
 */
function capturesUserOrGroup(value: unknown): boolean {
  if (value === undefined) return false;
  if (isScalar(value) || isSeq(value)) {
    let captures = false;
    forEachString(value, (_, text) => {
      captures ||= CAPTURES_USER_OR_GROUP.test(text);
    });
    if (captures || isScalar(value) || value.items.every((item) => isScalar(item) || isSeq(item)))
      return captures;
  }
  const json = JSON.stringify((value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? '');
  return CAPTURES_USER_OR_GROUP.test(json);
}
