import { bool, int, map } from '../types';

/** `password_policy`: rules for new passwords chosen in the portal. */
export const passwordPolicy = map(
  'Rules new passwords must meet on reset or change; enable standard or zxcvbn, not both.',
  {
    standard: map('Length and character-class rules.', {
      enabled: bool('Apply the length and character-class rules.'),
      min_length: int('Shortest password accepted.', { default: 8, min: 0 }),
      max_length: int('Longest password accepted; 0 means no limit.', { default: 0, min: 0 }),
      require_uppercase: bool('Require at least one upper-case letter.'),
      require_lowercase: bool('Require at least one lower-case letter.'),
      require_number: bool('Require at least one digit.'),
      require_special: bool('Require at least one character that is neither letter nor digit.'),
    }),
    zxcvbn: map('Strength estimation that rejects easily guessed passwords.', {
      enabled: bool('Judge passwords by estimated guessability instead of fixed rules.'),
      min_score: int('Lowest strength score accepted, from 1 (weak) to 4 (strong).', {
        default: 3,
        min: 0,
        max: 4,
      }),
    }),
  },
);
