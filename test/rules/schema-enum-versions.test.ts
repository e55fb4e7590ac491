import assert from 'node:assert/strict';
import { findingsOf } from '../support/lint';

describe('schema/enum across versions', () => {
  const oled = 'theme: oled\nsession: {}\nstorage: {}\n';

  it('refuses a value before the version that brought it', () => {
    assert.deepEqual(findingsOf(oled, 'schema/enum', { version: '4.38' }), [
      { ruleId: 'schema/enum', severity: 'error', text: 'oled', line: 1 },
    ]);
  });

  it('accepts it from that version on', () => {
    assert.deepEqual(findingsOf(oled, 'schema/enum', { version: '4.39' }), []);
  });
});
