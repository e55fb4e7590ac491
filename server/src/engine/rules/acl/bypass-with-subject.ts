import { isScalar } from 'yaml';
import type { Finding, Fix } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { removeKeyedEntry, replaceScalar } from '../../yaml-edits';
import { scopedAccessRules, policyOf } from './common';

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
      const regex = rule.entry('domain_regex');
      const regexText = regex
        ? JSON.stringify((regex.pair.value as { toJSON?: () => unknown })?.toJSON?.() ?? '')
        : '';
      const namesUser = /\(\?P?<(User|Group)>/.test(regexText);
      if (!subject && !namesUser) continue;

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
