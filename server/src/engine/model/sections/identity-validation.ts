import { bool, duration, int, map, oneOf, secret } from '../types';

/** `identity_validation` (4.38): proving identity for password resets and sensitive changes. */
export const identityValidation = map(
  'How users prove who they are before a password reset or a sensitive account change.',
  {
    reset_password: map('The signed link mailed to start a password reset.', {
      jwt_lifespan: duration('How long a reset link stays usable.', { default: '5m' }),
      jwt_algorithm: oneOf('HMAC algorithm that signs reset links.', ['HS256', 'HS384', 'HS512'], {
        default: 'HS256',
      }),
      jwt_secret: secret(
        'Key that signs reset links; long and random, identical on every replica.',
      ),
    }),
    elevated_session: map('The one-time code mailed before changes such as adding a device.', {
      code_lifespan: duration('How long an emailed code stays usable.', { default: '5m' }),
      elevation_lifespan: duration('How long the elevated state lasts once the code is used.', {
        default: '10m',
      }),
      characters: int('Length of the emailed code; at most 20.', { default: 8, max: 20 }),
      require_second_factor: bool(
        'Also demand the second factor for protected actions, for users who have one set up.',
      ),
      skip_second_factor: bool(
        'Skip the emailed code when the session has already passed the second factor.',
      ),
    }),
  },
  { since: '4.38' },
);
