import assert from 'node:assert/strict';
import { checkAddress } from '../server/src/engine/values/address';
import { checkDuration } from '../server/src/engine/values/duration';

describe('durations', () => {
  const valid = (text: string, version = '4.39' as const) => checkDuration(text, version).valid;

  it('accepts short blocks, combinations, seconds as digits, and spaces with and', () => {
    for (const text of ['90m', '1h30m', '5400', '1M', '2 w', '1h and 30m', '10ms', '1y2M']) {
      assert.equal(valid(text), true, text);
    }
  });

  it('accepts long unit words from 4.38 on only, offering the short form', () => {
    assert.equal(valid('1 hour and 30 minutes'), true);
    assert.equal(valid('3 seconds', '4.38' as never), true);
    assert.deepEqual(checkDuration('3 seconds', '4.37'), {
      valid: false,
      reason: 'unit words arrived in 4.38; 4.37 reads only short units',
      shortForm: '3s',
    });
    assert.equal(
      (checkDuration('1 hour and 30 minutes', '4.37') as { shortForm: string }).shortForm,
      '1h30m',
    );
  });

  it('refuses zero, negative strings, unknown units and junk', () => {
    for (const text of ['0s', '00m', '-1', '5 parsecs', 'soon', '', '1.5h', 'h1']) {
      assert.equal(valid(text), false, text);
    }
  });

  it('reads both micro signs as microseconds', () => {
    for (const text of ['500\u00b5s', '500\u03bcs', '1s500us'])
      assert.equal(valid(text), true, text);
    assert.equal(valid('500\u00b5x'), false);
  });

  it('drops zero blocks beside a non-zero one', () => {
    assert.equal(valid('0h30m'), true);
  });
});

describe('addresses', () => {
  const tcp = ['tcp', 'tcp4', 'tcp6', 'unix'];
  it('reads scheme, host, port and path', () => {
    assert.deepEqual(checkAddress('tcp://postgres:5432', tcp, 'tcp'), {
      valid: true,
      address: { scheme: 'tcp', host: 'postgres', port: 5432, path: '', query: '' },
    });
    assert.equal(checkAddress('postgres:5432', tcp, 'tcp').valid, true);
    assert.equal(checkAddress('tcp://:9091/authelia', tcp, 'tcp').valid, true);
    assert.equal(checkAddress('[::1]:9091', tcp, 'tcp').valid, true);
    assert.equal(checkAddress('unix:///run/authelia.sock?umask=0022', tcp, 'tcp').valid, true);
    assert.equal(checkAddress('/run/mysqld.sock', tcp, 'tcp').valid, true);
  });

  it('refuses wrong schemes, fragments, user names and bad ports', () => {
    assert.deepEqual(checkAddress('ldap://x', tcp, 'tcp'), {
      valid: false,
      reason: "the scheme 'ldap' is not one of tcp, tcp4, tcp6, unix",
    });
    for (const text of [
      'tcp://x:5432#a',
      'tcp://user@x:1',
      'tcp://x:99999',
      'tcp://x:5432?a=b',
      'unix://rel',
    ]) {
      assert.equal(checkAddress(text, tcp, 'tcp').valid, false, text);
    }
  });
});
