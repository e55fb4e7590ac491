import { any, deprecatedSince, int, oneOf, secret, str, url, type KeySpec } from '../types';
import { LOG_FORMATS, LOG_LEVELS } from './log';

/** Legacy listener keys chain: root → server.host/port, which 4.38 folds into server.address. */
const CHAINED_TO_ADDRESS =
  'Authelia moves it under server first; from 4.38 that key is folded into server.address.';

/**
 * Root-level scalars: the live ones (theme, certificates_directory, default_2fa_method) and the
 * legacy ones Authelia still maps (jwt_secret, default_redirection_url, host, port, tls_*, log_*,
 * logs_*) or refuses (google_analytics).
 */
export const rootScalars: Record<string, KeySpec> = {
  theme: oneOf(
    'Colour scheme of the portal; auto follows the browser; oled needs 4.39.',
    ['light', 'dark', 'grey', 'auto', 'oled'],
    { default: 'light', valueSince: { oled: '4.39' } },
  ),
  certificates_directory: str(
    'Directory of extra trusted CA certificates (PEM) for outgoing TLS; must exist.',
  ),
  default_2fa_method: oneOf(
    'Second factor preselected for users who have not chosen one; must be an enabled method.',
    ['totp', 'webauthn', 'mobile_push'],
  ),
  default_redirection_url: url('Where users land after logging in on the portal directly.', {
    ...deprecatedSince('4.38', 'session.cookies[].default_redirection_url', {
      note: 'Still tolerated beside the legacy session.domain; refused together with cookies.',
      conflict: 'error',
    }),
  }),
  jwt_secret: secret('Key that signs password reset links.', {
    ...deprecatedSince('4.38', 'identity_validation.reset_password.jwt_secret'),
  }),
  host: str('Interface to listen on.', {
    ...deprecatedSince('4.30', 'server.host', { note: CHAINED_TO_ADDRESS }),
  }),
  port: int('TCP port to listen on.', {
    min: 0,
    max: 65535,
    ...deprecatedSince('4.30', 'server.port', { note: CHAINED_TO_ADDRESS }),
  }),
  tls_key: str('Path to the server private key file (a path, not a secret).', {
    ...deprecatedSince('4.30', 'server.tls.key'),
  }),
  tls_cert: str('Path to the server certificate file.', {
    ...deprecatedSince('4.30', 'server.tls.certificate'),
  }),
  log_level: oneOf('How much to log.', LOG_LEVELS, { ...deprecatedSince('4.30', 'log.level') }),
  log_file_path: str('File to write the log to.', {
    ...deprecatedSince('4.30', 'log.file_path'),
  }),
  log_format: oneOf('Plain text or JSON log lines.', LOG_FORMATS, {
    ...deprecatedSince('4.30', 'log.format'),
  }),
  logs_level: oneOf('How much to log.', LOG_LEVELS, { ...deprecatedSince('4.7', 'log.level') }),
  logs_file: str('File to write the log to.', { ...deprecatedSince('4.7', 'log.file_path') }),
  google_analytics: any('Former Google Analytics tracking ID.', {
    removed: 'Analytics support was dropped; Authelia refuses to start while the key is set.',
  }),
};
