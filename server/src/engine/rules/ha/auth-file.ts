import type { Finding, Fix } from '../../finding';
import { ldapStub } from '../../provider-stubs';
import type { Rule, RuleContext } from '../../rule';
import { replaceEntry } from '../../yaml-edits';
import {
  STATELESSNESS_URL,
  fileBackendState,
  hasPasswordChange,
  keepFileBackendFix,
  singleInstanceFix,
} from './common';

/**
 * `ha/auth-file`: the file backend keeps users in a YAML file that Authelia may rewrite (on a
 * password reset or change) and may watch for edits, on one replica only. Medium for
 * replicas: it can work when every replica gets the same read-only file, which is why the
 * finding drops to a hint once reset, change and watching are all off.
 */
export const authFile: Rule = {
  id: 'ha/auth-file',

  check({ config, deployment, version }: RuleContext): Finding[] {
    const backend = config.mapAt(['authentication_backend']);
    const file = config.entry(backend, 'file');
    if (!backend || !file || deployment === 'single') return [];

    const state = fileBackendState(config, version);
    const writesOrWatches = state.resetEnabled || state.changeEnabled || state.watchEnabled;
    const switches = hasPasswordChange(version)
      ? 'password reset, password change and watching'
      : 'password reset and watching';

    const message = writesOrWatches
      ? 'MEDIUM: with the file backend Authelia may write or watch the users file on one ' +
        'replica only, so a password changed there is missing on the others. Use LDAP, or ' +
        `turn off ${switches} and ship the same users file to every replica.`
      : `MEDIUM: the file backend with ${switches} off works with replicas only if every ` +
        'replica gets an identical copy of the users file. LDAP avoids that chore.';

    const fixes: Fix[] = [
      {
        title: 'Replace the file backend with LDAP',
        preferred: !writesOrWatches,
        edits: [replaceEntry(config, backend, file, [{ key: 'ldap', value: ldapStub(version) }])],
      },
    ];
    const keep = keepFileBackendFix(config, version);
    if (keep) fixes.push({ ...keep, preferred: true });
    fixes.push(singleInstanceFix(config));

    return [
      {
        ruleId: this.id,
        severity: writesOrWatches ? 'information' : 'hint',
        message,
        start: file.keyStart,
        end: file.keyEnd,
        href: STATELESSNESS_URL,
        fixes,
      },
    ];
  },
};
