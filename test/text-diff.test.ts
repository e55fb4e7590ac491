import assert from 'node:assert/strict';
import { applyEdits } from '../server/src/engine';
import { diffEdit } from '../server/src/engine/text-diff';

describe('diffEdit', () => {
  it('finds the smallest single edit, also across block boundaries', () => {
    const base = 'x'.repeat(10_000) + 'middle' + 'y'.repeat(9_000);
    for (const [at, removed, inserted] of [
      [0, 0, 'a'],
      [4095, 2, ''],
      [4096, 0, 'bc'],
      [10_003, 1, 'Z'],
      [base.length, 0, 'end'],
      [8192, 3000, 'x'],
    ] as const) {
      const after = base.slice(0, at) + inserted + base.slice(at + removed);
      const edit = diffEdit(base, after)!;
      assert.equal(applyEdits(base, [edit]), after);
      assert.ok(edit.end - edit.start <= removed + 1 && edit.newText.length <= inserted.length + 1);
    }
    assert.equal(diffEdit(base, base), undefined);
  });

  it('handles repeated characters without overlapping its ends', () => {
    const before = 'a'.repeat(9000);
    const after = 'a'.repeat(9003);
    assert.equal(applyEdits(before, [diffEdit(before, after)!]), after);
    assert.equal(applyEdits(after, [diffEdit(after, before)!]), before);
  });
});
