import { isMap } from 'yaml';
import type { ConfigDocument } from '../../config-document';
import type { Finding, Fix, TextEdit } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { redisStub } from '../../provider-stubs';
import {
  insertAtTopLevel,
  insertIntoMap,
  insertUnderEmptyKey,
  isEmptyValue,
  type StubEntry,
} from '../../yaml-edits';
import { STATELESSNESS_URL, singleInstanceFix } from './common';

export const ADD_REDIS_FIX_TITLE = 'Add a Redis session provider';

/**
 * `ha/session-memory`: without `session.redis`, Authelia keeps sessions in its own memory.
 * Each replica then knows only the logins it handled itself, and a restart forgets them all.
 * Authelia accepts this silently, so a replicated deployment looks fine until users are
 * logged out at random. Breaking for several replicas; for a single instance it still means
 * that every restart logs everyone out. A config fragment without a `session` section is left
 * alone: Authelia merges several files, and the session may be set in another one.
 */
export const sessionMemory: Rule = {
  id: 'ha/session-memory',

  check({ config, deployment, fragment }: RuleContext): Finding[] {
    const session = config.entryAt(['session']);
    if (!session && fragment) return [];
    if (session && isMap(session.pair.value) && config.entry(session.pair.value, 'redis')) {
      return [];
    }

    const where = session
      ? { start: session.keyStart, end: session.keyEnd }
      : config.firstLineRange();
    const highAvailability = deployment === 'highAvailability';

    const message = highAvailability
      ? 'BREAKING: sessions are kept in memory because session.redis is not set. Each replica ' +
        'knows only its own logins, so a request that lands on another replica is not logged ' +
        'in, and every restart logs everyone out. Use Redis or Redis Sentinel.'
      : 'Sessions are kept in memory because session.redis is not set: every restart logs ' +
        'everyone out. (BREAKING once Authelia runs as several replicas.)';

    const fixes: Fix[] = [];
    const redisEdit = addRedis(config);
    if (redisEdit) fixes.push({ title: ADD_REDIS_FIX_TITLE, preferred: true, edits: [redisEdit] });
    if (highAvailability) fixes.push(singleInstanceFix(config));

    return [
      {
        ruleId: this.id,
        severity: highAvailability ? 'error' : 'information',
        message,
        ...where,
        href: STATELESSNESS_URL,
        fixes,
      },
    ];
  },
};

/** Adds `redis` under `session`, creating `session` when the file has none. */
function addRedis(config: ConfigDocument): TextEdit | undefined {
  const session = config.entryAt(['session']);
  const needsSecret = !config.entryAt(['session', 'secret']);
  const redis: StubEntry[] = [{ key: 'redis', value: redisStub(needsSecret) }];

  if (!session) return insertAtTopLevel(config, [{ key: 'session', value: redis }]);

  const value = session.pair.value;
  if (isMap(value)) return insertIntoMap(config, value, redis);
  if (isEmptyValue(value)) return insertUnderEmptyKey(config, session, redis);
  return undefined;
}
