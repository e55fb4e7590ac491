import type { Finding, Fix } from '../../finding';
import { sqlStub } from '../../provider-stubs';
import type { Rule, RuleContext } from '../../rule';
import { replaceEntry } from '../../yaml-edits';
import { STATELESSNESS_URL, singleInstanceFix } from './common';

/**
 * `ha/storage-sqlite`: `storage.local` keeps every user's 2FA devices, bans and consents in a
 * SQLite file. SQLite cannot be shared by several Authelia instances, so replicas either fight
 * over one file or each keep a different one. Breaking for replicas; fine for one instance.
 */
export const storageSqlite: Rule = {
  id: 'ha/storage-sqlite',

  check({ config, deployment, version }: RuleContext): Finding[] {
    const storage = config.mapAt(['storage']);
    const local = config.entry(storage, 'local');
    if (!storage || !local || deployment === 'single') return [];

    const fixes: Fix[] = [
      {
        title: 'Replace SQLite with PostgreSQL',
        preferred: true,
        edits: [
          replaceEntry(config, storage, local, [
            { key: 'postgres', value: sqlStub('postgres', version) },
          ]),
        ],
      },
      {
        title: 'Replace SQLite with MySQL',
        edits: [
          replaceEntry(config, storage, local, [
            { key: 'mysql', value: sqlStub('mysql', version) },
          ]),
        ],
      },
      singleInstanceFix(config),
    ];

    return [
      {
        ruleId: this.id,
        severity: 'error',
        message:
          'BREAKING: storage.local keeps the data in a SQLite file, which several replicas ' +
          'cannot share: each one would see different 2FA devices, bans and consents. Use ' +
          'PostgreSQL, MySQL or MariaDB.',
        start: local.keyStart,
        end: local.keyEnd,
        href: STATELESSNESS_URL,
        fixes,
      },
    ];
  },
};
