import { bool, deprecatedSince, duration, list, map, oneOf, str } from '../types';

const REQUIREMENTS = ['discouraged', 'preferred', 'required'] as const;

/** Authenticator statuses from the FIDO metadata service. */
const AUTHENTICATOR_STATUSES = [
  'FIDO_NOT_CERTIFIED',
  'FIDO_CERTIFIED',
  'USER_VERIFICATION_BYPASS',
  'ATTESTATION_KEY_COMPROMISE',
  'USER_KEY_REMOTE_COMPROMISE',
  'USER_KEY_PHYSICAL_COMPROMISE',
  'UPDATE_AVAILABLE',
  'REVOKED',
  'SELF_ASSERTION_SUBMITTED',
  'FIDO_CERTIFIED_L1',
  'FIDO_CERTIFIED_L1plus',
  'FIDO_CERTIFIED_L2',
  'FIDO_CERTIFIED_L2plus',
  'FIDO_CERTIFIED_L3',
  'FIDO_CERTIFIED_L3plus',
] as const;

/** A list of authenticator models, each named by its AAGUID. */
function aaguids(summary: string) {
  return list(summary, str('An authenticator AAGUID written as a UUID, e.g. ee882879-721c-…'));
}

/** `webauthn`: security keys, platform authenticators and passkeys. */
export const webauthn = map('Security keys and passkeys (WebAuthn) as a login factor.', {
  disable: bool('Turn WebAuthn off entirely.'),
  enable_passkey_login: bool(
    'Let users sign in with a passkey instead of username and password; counts as one factor.',
    { since: '4.39' },
  ),
  experimental_enable_passkey_uv_two_factors: bool(
    'Let a passkey that verified the user (PIN, biometric) satisfy two_factor rules on its own.',
    { since: '4.39', experimental: true },
  ),
  experimental_enable_passkey_upgrade: bool(
    'Try to turn new credentials into passkeys when the browser does not report them as such.',
    { since: '4.39', experimental: true },
  ),
  display_name: str('Relying party name the browser shows during registration and login.', {
    default: 'Authelia',
  }),
  attestation_conveyance_preference: oneOf(
    'Whether to ask the authenticator for attestation, which reveals its make and model.',
    ['none', 'indirect', 'direct'],
    { default: 'indirect' },
  ),
  user_verification: oneOf(
    'Whether the authenticator must check a PIN or biometric.',
    REQUIREMENTS,
    {
      default: 'preferred',
      ...deprecatedSince('4.39', 'webauthn.selection_criteria.user_verification'),
    },
  ),
  timeout: duration('How long the browser waits for the user to use the authenticator.', {
    default: '60s',
  }),
  filtering: map(
    'Which authenticators may be registered.',
    {
      prohibit_backup_eligibility: bool(
        'Refuse authenticators whose credentials can be synced or exported off the device.',
      ),
      permitted_aaguids: aaguids(
        'Only these authenticator models may register; cannot be combined with prohibited_aaguids.',
      ),
      prohibited_aaguids: aaguids(
        'These authenticator models may not register; cannot be combined with permitted_aaguids.',
      ),
    },
    { since: '4.39' },
  ),
  selection_criteria: map(
    'What Authelia asks of authenticators when a user registers one.',
    {
      attachment: oneOf(
        'Built-in authenticators (platform) or roaming keys (cross-platform); empty allows both.',
        ['', 'platform', 'cross-platform'],
      ),
      discoverability: oneOf(
        'Whether the credential must be stored on the authenticator; needed for passkey login.',
        REQUIREMENTS,
        { default: 'preferred' },
      ),
      user_verification: oneOf(
        'Whether the authenticator must check a PIN or biometric.',
        REQUIREMENTS,
        { default: 'preferred' },
      ),
    },
    { since: '4.39' },
  ),
  metadata: map(
    'Checks registrations against the FIDO Alliance metadata service.',
    {
      enabled: bool('Download FIDO metadata and use it to vet authenticators at registration.'),
      cache_policy: oneOf(
        'strict: startup fails without fresh metadata; relaxed: a valid cached copy will do.',
        ['strict', 'relaxed'],
        { default: 'strict' },
      ),
      validate_trust_anchor: bool(
        "Check the attestation certificate chains to the vendor's published root.",
        { default: true },
      ),
      validate_entry: bool('Refuse authenticators that have no metadata entry.', {
        default: true,
      }),
      validate_entry_permit_zero_aaguid: bool(
        'Let authenticators reporting an all-zero AAGUID through the entry check.',
      ),
      validate_status: bool('Check the status reports in the authenticator metadata.', {
        default: true,
      }),
      validate_status_permitted: list(
        'Statuses an authenticator must have one of; empty allows any not prohibited.',
        oneOf('A metadata status.', AUTHENTICATOR_STATUSES),
      ),
      validate_status_prohibited: list(
        'Statuses that make an authenticator unacceptable; defaults to the compromise ones.',
        oneOf('A metadata status.', AUTHENTICATOR_STATUSES),
      ),
    },
    { since: '4.39' },
  ),
});
