import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { boundChecks } from './value/bounds';
import type { ValueCheck } from './value/check';
import { cookieChecks } from './value/cookies';
import { oidcChecks } from './value/oidc';
import { sectionChecks } from './value/sections';

const CHECKS: ValueCheck[] = [cookieChecks, boundChecks, sectionChecks, oidcChecks];

/**
 * `config/value`: values of the right type that Authelia still refuses or warns about, after
 * its own validator: cookie domains and portal URLs, numbers out of bounds, a ban window
 * shorter than the counting window, TLS versions, LDAP filters, TOTP, WebAuthn and OpenID
 * Connect basics. Each problem keeps the severity Authelia gives it.
 */
export const configValue: Rule = {
  id: 'config/value',

  check(context: RuleContext): Finding[] {
    return CHECKS.flatMap((check) => check(context)).map((problem) => ({
      ruleId: this.id,
      ...problem,
    }));
  },
};
