import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine';
import { findingsOf, onlyFinding, yaml } from '../support/lint';

const RULE = 'ha/notifier-filesystem';

describe(RULE, () => {
  const filesystem = yaml`
    session:
      redis: {host: 'redis'}
    notifier:
      disable_startup_check: true
      filesystem:
        filename: '/config/notification.txt'
  `;

  it('fires as a warning on the filesystem key and names the file', () => {
    assert.deepEqual(findingsOf(filesystem, RULE), [
      { ruleId: RULE, severity: 'warning', text: 'filesystem', line: 5 },
    ]);
    const message = onlyFinding(filesystem, RULE).message;
    assert.match(message, /^HIGH/);
    assert.match(message, /'\/config\/notification\.txt'/);
  });

  it('is information in single mode, still naming the file', () => {
    assert.deepEqual(findingsOf(filesystem, RULE, { deployment: 'single' }), [
      { ruleId: RULE, severity: 'information', text: 'filesystem', line: 5 },
    ]);
    assert.match(
      onlyFinding(filesystem, RULE, { deployment: 'single' }).message,
      /notification\.txt/,
    );
  });

  it('says so when the file name is missing', () => {
    const text = 'session: {}\nnotifier:\n  filesystem: {}\n';
    assert.match(onlyFinding(text, RULE).message, /notifier\.filesystem\.filename/);
  });

  it('stays silent for smtp', () => {
    const text = "session: {}\nnotifier:\n  smtp:\n    address: 'smtp://mail:25'\n";
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('replaces the filesystem block with an SMTP stub that holds no password', () => {
    const fix = onlyFinding(filesystem, RULE).fixes![0];
    assert.equal(fix.title, 'Replace the filesystem notifier with SMTP');
    assert.equal(
      applyEdits(filesystem, fix.edits),
      yaml`
        session:
          redis: {host: 'redis'}
        notifier:
          disable_startup_check: true
          smtp:
            address: 'submission://smtp.example.com:587'
            sender: 'Authelia <authelia@example.com>'
            username: 'authelia@example.com'
            # password: set it with AUTHELIA_NOTIFIER_SMTP_PASSWORD_FILE
      `,
    );
  });

  it('uses host and port for 4.37', () => {
    const fixed = applyEdits(
      filesystem,
      onlyFinding(filesystem, RULE, { version: '4.37' }).fixes![0].edits,
    );
    assert.match(fixed, /smtp:\n {4}host: 'smtp\.example\.com'\n {4}port: 587\n/);
  });
});
