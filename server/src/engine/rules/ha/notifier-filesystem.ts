import type { Finding, Fix } from '../../finding';
import { smtpStub } from '../../provider-stubs';
import type { Rule, RuleContext } from '../../rule';
import { replaceEntry } from '../../yaml-edits';
import { STATELESSNESS_URL, singleInstanceFix } from './common';

/**
 * `ha/notifier-filesystem`: `notifier.filesystem` writes every notification, including
 * password-reset and device-registration links, to a file on the server that sent it. Users
 * never receive them, so they cannot reset a password or register a second factor on their
 * own; with replicas the links are spread over several servers' files. High for replicas;
 * for one instance it is still worth knowing where the links go.
 */
export const notifierFilesystem: Rule = {
  id: 'ha/notifier-filesystem',

  check({ config, deployment, version }: RuleContext): Finding[] {
    const notifier = config.mapAt(['notifier']);
    const filesystem = config.entry(notifier, 'filesystem');
    if (!notifier || !filesystem) return [];

    const highAvailability = deployment === 'highAvailability';
    const target = describeFile(config.scalarAt(['notifier', 'filesystem', 'filename']));
    const message = highAvailability
      ? `HIGH: the filesystem notifier writes password-reset and 2FA registration links to ` +
        `${target} on whichever replica handled the request, never to the user, so users ` +
        'cannot reset passwords or register devices on their own. Use SMTP.'
      : `The filesystem notifier writes password-reset and 2FA registration links to ` +
        `${target} on the server instead of sending them, so users cannot use them on their ` +
        'own. Use SMTP. (HIGH once Authelia runs as several replicas.)';

    const fixes: Fix[] = [
      {
        title: 'Replace the filesystem notifier with SMTP',
        preferred: true,
        edits: [
          replaceEntry(config, notifier, filesystem, [{ key: 'smtp', value: smtpStub(version) }]),
        ],
      },
    ];
    if (highAvailability) fixes.push(singleInstanceFix(config));

    return [
      {
        ruleId: this.id,
        severity: highAvailability ? 'warning' : 'information',
        message,
        start: filesystem.keyStart,
        end: filesystem.keyEnd,
        href: STATELESSNESS_URL,
        fixes,
      },
    ];
  },
};

/** Names the notification file; a file name is a path, never a secret. */
function describeFile(filename: unknown): string {
  if (typeof filename === 'string' && filename.trim() !== '') return `'${filename.trim()}'`;
  return 'a file (notifier.filesystem.filename)';
}
