import assert from 'node:assert/strict';
import { lint } from '../server/src/engine';

describe('mocha setup', () => {
  it('runs TypeScript tests', () => {
    assert.equal(lint('session: {}\nstorage: {}\n').checked, true);
  });
});
