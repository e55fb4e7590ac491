import assert from 'node:assert/strict';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { LARGE_TEXT, collectAfterLint, collectBeforeFirstLint, tuneHeap } from '../server/src/heap';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('heap collections', () => {
  let collections = 0;
  const counting = () => () => {
    collections++;
  };
  beforeEach(() => {
    collections = 0;
  });

  it('collects once, after the turn of the loop, for the checks of large texts', async () => {
    collectAfterLint(LARGE_TEXT, counting);
    collectAfterLint(2 * LARGE_TEXT, counting);
    assert.equal(collections, 0, 'not before the diagnostics are out');
    await nextTurn();
    assert.equal(collections, 1);

    collectAfterLint(LARGE_TEXT, counting);
    await nextTurn();
    assert.equal(collections, 2, 'and again after the next check');
  });

  it('leaves smaller texts to V8', async () => {
    collectAfterLint(LARGE_TEXT - 1, counting);
    collectBeforeFirstLint(LARGE_TEXT - 1, counting);
    await nextTurn();
    assert.equal(collections, 0);
  });

  it('collects at once before the first check of a large text', () => {
    collectBeforeFirstLint(LARGE_TEXT, counting);
    assert.equal(collections, 1);
  });

  it("runs V8's full collection once the heap is tuned", async () => {
    tuneHeap();
    const observer = new PerformanceObserver(() => {});
    observer.observe({ entryTypes: ['gc'] });
    collectAfterLint(LARGE_TEXT);
    await nextTurn();
    await nextTurn();
    const forced = observer.takeRecords().filter((entry) => {
      const { detail } = entry as unknown as { detail: { kind: number; flags: number } };
      return (
        detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR &&
        (detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0
      );
    });
    observer.disconnect();
    assert.equal(forced.length, 1);
  });
});
