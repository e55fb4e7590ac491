import { bool, int, list, map, oneOf, str } from '../types';

const TOTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

/** Digit counts Authelia accepts; integers, written as strings for `values`. */
const TOTP_DIGITS = ['6', '8'] as const;

/** `totp`: one-time codes from authenticator apps. */
export const totp = map('One-time codes from authenticator apps as a second factor.', {
  disable: bool('Turn one-time codes off entirely.'),
  issuer: str('Name the authenticator app shows next to the account.', { default: 'Authelia' }),
  algorithm: oneOf('Hash for new registrations; many apps only support SHA1.', TOTP_ALGORITHMS, {
    caseInsensitive: true,
    default: 'SHA1',
  }),
  digits: int('Code length for new registrations: 6 or 8; many apps only support 6.', {
    values: TOTP_DIGITS,
    default: 6,
  }),
  period: int('Seconds each code stays valid for new registrations; at least 15.', {
    default: 30,
    min: 15,
  }),
  skew: int('Codes accepted either side of the current one, to forgive clock drift.', {
    default: 1,
    min: 0,
  }),
  secret_size: int('Length of generated secrets; at least 20.', { default: 32, min: 20 }),
  allowed_algorithms: list(
    'Hashes a user may pick when registering; algorithm is always added.',
    oneOf('A TOTP hash.', TOTP_ALGORITHMS, { caseInsensitive: true }),
    { since: '4.38', default: 'SHA1' },
  ),
  allowed_digits: list(
    'Code lengths a user may pick when registering; digits is always added.',
    int('A code length: 6 or 8.', { values: TOTP_DIGITS }),
    { since: '4.38', default: 6 },
  ),
  allowed_periods: list(
    'Code periods a user may pick when registering; period is always added.',
    int('A period in seconds; at least 15.', { min: 15 }),
    { since: '4.38', default: 30 },
  ),
  disable_reuse_security_policy: bool(
    'Let a code be used more than once within its validity window (weakens replay protection).',
    { since: '4.38' },
  ),
});
