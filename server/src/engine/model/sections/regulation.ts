import { duration, int, list, map, oneOf } from '../types';

/** `regulation`: banning users or addresses after repeated failed logins. */
export const regulation = map('Bans a user or address after too many failed logins.', {
  modes: list(
    'What a ban applies to: the user name, the client address, or both.',
    oneOf('A ban target.', ['user', 'ip']),
    { since: '4.39', default: 'user' },
  ),
  max_retries: int('Failed logins allowed within find_time before the ban; 0 turns banning off.', {
    default: 3,
    min: 0,
  }),
  find_time: duration('The window in which failed logins are counted.', { default: '2m' }),
  ban_time: duration('How long a ban lasts.', { default: '5m' }),
});
