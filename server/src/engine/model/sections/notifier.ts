import { address, bool, deprecatedSince, duration, int, map, secret, str } from '../types';
import { tls } from './tls';

/** The 4.37 `host` + `port` pair that 4.38 folded into `address` (both set is an error). */
const legacyAddress = deprecatedSince('4.38', 'notifier.smtp.address', {
  note: 'Write smtp://, submission:// (587) or submissions:// (465) plus host:port in address.',
  conflict: 'error',
});

/** `notifier`: how Authelia sends one-time codes and password-reset links. */
export const notifier = map(
  'How Authelia delivers codes and reset links; pick exactly one of filesystem or smtp.',
  {
    disable_startup_check: bool('Start even when the mail server cannot be reached at boot.'),
    template_path: str('Folder with your own email templates that replace the built-in ones.'),
    filesystem: map('Write messages to a local file instead of mailing them; for testing only.', {
      filename: str('File the messages are appended to; created if missing. Required.'),
    }),
    smtp: map('Send messages through an SMTP server; works with any number of instances.', {
      address: address(
        'Mail server as scheme://host:port; submissions:// means implicit TLS on 465.',
        ['smtp', 'submission', 'submissions'],
        'smtp',
        { since: '4.38' },
      ),
      host: str('Mail server host name or IP (4.37 layout).', {
        default: 'localhost',
        ...legacyAddress,
      }),
      port: int('Mail server port (4.37 layout); 465 implies implicit TLS.', {
        default: 25,
        min: 1,
        max: 65535,
        ...legacyAddress,
      }),
      timeout: duration('How long to wait for the mail server to connect or answer.', {
        default: '5s',
      }),
      username: str('User to log in to the mail server; leave empty to send without login.'),
      password: secret('Password to log in to the mail server.'),
      sender: str('From address, e.g. "Authelia <auth@example.com>"; required.'),
      identifier: str('Name Authelia gives itself in the HELO/EHLO greeting.', {
        default: 'localhost',
      }),
      subject: str('Subject line; {title} is replaced by the kind of message.', {
        default: '[Authelia] {title}',
      }),
      startup_check_address: str(
        'Recipient used only to test the server at startup; no mail is actually sent.',
        { default: 'test@authelia.com' },
      ),
      disable_require_tls: bool(
        'Allow sending without TLS; credentials may then cross the wire in clear text.',
      ),
      disable_html_emails: bool('Send plain-text messages only, without the HTML version.'),
      disable_starttls: bool('Never upgrade the connection with STARTTLS; logs a warning.'),
      tls: tls('TLS settings for the connection to the mail server.'),
      disable_verify_cert: bool('Old switch to skip certificate checks; use tls.skip_verify.', {
        ...deprecatedSince('4.25', 'notifier.smtp.tls.skip_verify'),
      }),
      trusted_cert: str('Old path to a single trusted certificate file; no longer accepted.', {
        removed: 'Put the CA certificate in the directory named by certificates_directory instead.',
      }),
    }),
  },
);
