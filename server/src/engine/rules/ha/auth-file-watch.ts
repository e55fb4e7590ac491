import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import {
  FILE_WATCH,
  STATELESSNESS_URL,
  disableWatchEdit,
  fixOf,
  singleInstanceFix,
} from './common';

/**
 * `ha/auth-file-watch`: `file.watch: true` reloads the users file when it changes on disk,
 * on each replica by itself, so replicas serve different users until every copy is updated.
 */
export const authFileWatch: Rule = {
  id: 'ha/auth-file-watch',

  check({ config, deployment }: RuleContext): Finding[] {
    const watch = config.entryAt(FILE_WATCH);
    if (!watch || !config.isTrue(FILE_WATCH) || deployment === 'single') return [];

    return [
      {
        ruleId: this.id,
        severity: 'information',
        message:
          'MEDIUM: file.watch reloads the users file on each replica by itself, so replicas ' +
          'can serve different users until every copy is updated. Set watch: false and roll ' +
          'out file changes to all replicas together.',
        start: watch.keyStart,
        end: watch.keyEnd,
        href: STATELESSNESS_URL,
        fixes: [
          ...fixOf('Disable watching the users file', disableWatchEdit(config), true),
          singleInstanceFix(config),
        ],
      },
    ];
  },
};
