import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import {
  LEGACY_RESET_DISABLE,
  STATELESSNESS_URL,
  disableResetEdit,
  fileBackendState,
  fixOf,
  singleInstanceFix,
} from './common';

/**
 * `ha/auth-file-password-reset`: with the file backend, a password reset rewrites the users
 * file on the replica that handled it, and the other replicas keep the old password. Reset is
 * on unless `password_reset.disable` (or the older `disable_reset_password`) is true.
 */
export const authFilePasswordReset: Rule = {
  id: 'ha/auth-file-password-reset',

  check({ config, deployment, version }: RuleContext): Finding[] {
    const backend = config.entryAt(['authentication_backend']);
    if (
      !backend ||
      !config.entryAt(['authentication_backend', 'file']) ||
      deployment === 'single'
    ) {
      return [];
    }
    if (!fileBackendState(config, version).resetEnabled) return [];

    const anchor =
      config.entryAt(['authentication_backend', 'password_reset']) ??
      config.entryAt(LEGACY_RESET_DISABLE) ??
      backend;

    return [
      {
        ruleId: this.id,
        severity: 'information',
        message:
          'MEDIUM: password reset is on, so a reset rewrites the users file on one replica ' +
          'only and the others keep the old password. Set password_reset.disable: true, or ' +
          'use LDAP.',
        start: anchor.keyStart,
        end: anchor.keyEnd,
        href: STATELESSNESS_URL,
        fixes: [
          ...fixOf('Disable password reset', disableResetEdit(config), true),
          singleInstanceFix(config),
        ],
      },
    ];
  },
};
