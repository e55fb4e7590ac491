import { address, bool, duration, int, map } from '../types';

/** `ntp`: the clock check that keeps one-time codes trustworthy. */
export const ntp = map('Checks the system clock against an NTP server; TOTP needs a true clock.', {
  address: address(
    'NTP server to ask, e.g. udp://time.cloudflare.com:123 (plain host:port before 4.38).',
    ['udp', 'udp4', 'udp6'],
    'udp',
    { default: 'udp://time.cloudflare.com:123' },
  ),
  version: int('NTP protocol version to speak: 3 or 4.', { values: ['3', '4'], default: 4 }),
  max_desync: duration('Largest clock difference tolerated before Authelia complains.', {
    default: '3s',
  }),
  disable_startup_check: bool('Skip the clock check at startup.'),
  disable_failure: bool('Only warn, instead of refusing to start, when the clock check fails.'),
});
