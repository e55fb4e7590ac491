import type { LintResult } from './index';
import { keyDocs } from './key-docs';
import { keyAt } from './key-path';
import { specAt, type PathStep } from './model';
import { STATELESSNESS_URL } from './rules/ha/common';

/** Markdown for a hover, and the text it belongs to. */
export interface HoverContent {
  markdown: string;
  start: number;
  end: number;
}

/** What each seed severity word means for someone running replicas. */
const SEVERITY_WORDS = {
  BREAKING: 'Authelia cannot run as several replicas with this setting.',
  HIGH: 'Replicas run, but a feature users rely on stops working for them.',
  MEDIUM: 'Replicas can work, but only with care and a workaround.',
} as const;

interface Explanation {
  word: keyof typeof SEVERITY_WORDS;
  title: string;
  why: string;
  wayOut: string;
  workaround?: string;
}

const FILE_BACKEND_WORKAROUND =
  'Keep the file backend only if nothing writes or watches the users file: set ' +
  '`password_reset.disable: true`, `password_change.disable: true` (4.39 and later) and ' +
  '`file.watch: false`, then give every replica the same users file, for example from one ' +
  'ConfigMap or Secret. Authelia does not officially support this setup.';

const FILE_BACKEND_WHY =
  'The users file lives on one replica. Authelia rewrites it when a user resets or changes ' +
  'a password, and may reload it when it changes, each replica on its own copy.';

const EXPLANATIONS: Record<string, Explanation> = {
  'ha/session-memory': {
    word: 'BREAKING',
    title: 'Sessions are kept in memory',
    why:
      'Without `session.redis` each Authelia process keeps logins in its own memory. A ' +
      'request that reaches another replica is not logged in, and a restart or rollout ' +
      'forgets every session.',
    wayOut:
      'Add `session.redis` (one Redis server) or `session.redis.high_availability` (Redis ' +
      'Sentinel), and give every replica the same `session.secret`.',
  },
  'ha/storage-sqlite': {
    word: 'BREAKING',
    title: 'SQLite storage',
    why:
      '`storage.local` is a SQLite file. SQLite is built for one process on one machine, ' +
      'so several replicas cannot share it; each would keep its own 2FA devices, bans and ' +
      'consents.',
    wayOut:
      'Use PostgreSQL (`storage.postgres`) or MySQL or MariaDB (`storage.mysql`), with the same ' +
      '`storage.encryption_key` on every replica.',
  },
  'ha/notifier-filesystem': {
    word: 'HIGH',
    title: 'Notifications written to a file',
    why:
      'The filesystem notifier writes password-reset and 2FA registration links to a file ' +
      'on the server that handled the request. The user never receives them, so nobody can ' +
      'reset a password or register a device without an administrator.',
    wayOut: 'Use `notifier.smtp` so the links are mailed to the user.',
  },
  'ha/auth-file': {
    word: 'MEDIUM',
    title: 'File authentication backend',
    why: FILE_BACKEND_WHY,
    wayOut: 'Use `authentication_backend.ldap`, so every replica reads the same directory.',
    workaround: FILE_BACKEND_WORKAROUND,
  },
  'ha/auth-file-password-reset': {
    word: 'MEDIUM',
    title: 'Password reset with the file backend',
    why:
      'A password reset rewrites the users file on the replica that handled it; the other ' +
      'replicas keep the old password.',
    wayOut: 'Set `password_reset.disable: true`, or use LDAP.',
    workaround: FILE_BACKEND_WORKAROUND,
  },
  'ha/auth-file-password-change': {
    word: 'MEDIUM',
    title: 'Password change with the file backend',
    why:
      "A password change is written to one replica's copy of the users file; the others " +
      'keep the old password.',
    wayOut: 'Set `password_change.disable: true`, or use LDAP.',
    workaround: FILE_BACKEND_WORKAROUND,
  },
  'ha/auth-file-watch': {
    word: 'MEDIUM',
    title: 'Watching the users file',
    why:
      'Each replica reloads its own copy of the users file when it changes, so replicas can ' +
      'disagree about users until every copy is updated.',
    wayOut:
      'Set `file.watch: false` and roll out changes to the users file to all replicas at once.',
    workaround: FILE_BACKEND_WORKAROUND,
  },
};

/** One line for each provider that keeps no state inside Authelia. */
const STATELESS_PROVIDERS: Record<string, string> = {
  'session.redis':
    'Fine for high availability: Redis holds the sessions, so every replica sees the same ' +
    'logins and a restart logs nobody out.',
  'session.redis.high_availability':
    'Fine for high availability: Redis Sentinel keeps sessions shared and survives the loss ' +
    'of a Redis node.',
  'storage.postgres':
    'Fine for high availability: every replica reads and writes the same PostgreSQL database.',
  'storage.mysql':
    'Fine for high availability: every replica reads and writes the same MySQL or MariaDB ' +
    'database.',
  'notifier.smtp':
    'Fine for high availability: links are mailed to the user, whichever replica sends them.',
  'authentication_backend.ldap':
    'Fine for high availability: users live in the directory, and no replica writes a file ' +
    'of its own.',
};

/**
 * The hover at `offset`: for a key that carries an HA finding, what it means and the way out;
 * for a stateless provider, why it is fine; and for every key the model knows, its summary,
 * type, default, allowed values and versions.
 */
export function hoverAt(result: LintResult, offset: number): HoverContent | undefined {
  if (!result.checked || !result.config) return undefined;

  const explained = result.findings.filter(
    (finding) => EXPLANATIONS[finding.ruleId] && finding.start <= offset && offset <= finding.end,
  );
  const key = keyAt(result.config, offset);
  const steps: PathStep[] | undefined = key?.path.map((step) => {
    const index = /^\[(\d+)\]$/.exec(step);
    return index ? Number(index[1]) : step;
  });
  const spec = steps && specAt(steps);
  const docs = spec && steps ? keyDocs(spec, steps, result.version) : undefined;

  if (explained.length > 0) {
    const parts = explained.map((finding) => explain(EXPLANATIONS[finding.ruleId], finding.ruleId));
    if (docs && key && key.keyStart === explained[0].start) parts.push(docs);
    return {
      markdown: parts.join('\n\n---\n\n'),
      start: explained[0].start,
      end: explained[0].end,
    };
  }

  if (!key) return undefined;
  const line = STATELESS_PROVIDERS[key.path.join('.')];
  const parts = [line, docs].filter((part): part is string => !!part);
  if (parts.length === 0) return undefined;
  return { markdown: parts.join('\n\n---\n\n'), start: key.keyStart, end: key.keyEnd };
}

function explain(explanation: Explanation, ruleId: string): string {
  const parts = [
    `**${explanation.word}** · ${explanation.title} (\`${ruleId}\`)`,
    `_${explanation.word}:_ ${SEVERITY_WORDS[explanation.word]}`,
    `**Why it is stateful.** ${explanation.why}`,
    `**Way out.** ${explanation.wayOut}`,
  ];
  if (explanation.workaround) parts.push(`**Workaround.** ${explanation.workaround}`);
  parts.push(`[Authelia: statelessness](${STATELESSNESS_URL})`);
  return parts.join('\n\n');
}
