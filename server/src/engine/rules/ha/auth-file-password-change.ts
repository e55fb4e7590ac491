import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import {
  STATELESSNESS_URL,
  disableChangeEdit,
  fileBackendState,
  fixOf,
  singleInstanceFix,
} from './common';

/**
 * `ha/auth-file-password-change`: from 4.39 users can change their password in the portal.
 * With the file backend the new password is written to one replica's copy of the users file
 * only. On unless `password_change.disable` is true.
 */
export const authFilePasswordChange: Rule = {
  id: 'ha/auth-file-password-change',

  check({ config, deployment, version }: RuleContext): Finding[] {
    const backend = config.entryAt(['authentication_backend']);
    if (
      !backend ||
      !config.entryAt(['authentication_backend', 'file']) ||
      deployment === 'single'
    ) {
      return [];
    }
    if (!fileBackendState(config, version).changeEnabled) return [];

    const anchor = config.entryAt(['authentication_backend', 'password_change']) ?? backend;

    return [
      {
        ruleId: this.id,
        severity: 'information',
        message:
          'MEDIUM: password change is on, so a changed password is written to one ' +
          "replica's copy of the users file only. Set password_change.disable: true, or use LDAP.",
        start: anchor.keyStart,
        end: anchor.keyEnd,
        href: STATELESSNESS_URL,
        fixes: [
          ...fixOf('Disable password change', disableChangeEdit(config), true),
          singleInstanceFix(config),
        ],
      },
    ];
  },
};
