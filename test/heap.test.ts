import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { LARGE_TEXT, collectAfterLint, tuneV8 } from '../server/src/heap';

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
    await nextTurn();
    assert.equal(collections, 0);
  });

  it("runs V8's full collection once the heap is tuned", async () => {
    tuneV8();
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

  it('keeps TurboFan from inlining once V8 is tuned', () => {
    // A function that TurboFan inlines into its caller when nothing stops it, optimised at
    // once through V8's test hooks; V8 then traces each inlining on stdout.
    const optimise = (tune: boolean) =>
      spawnSync(
        process.execPath,
        [
          '--require',
          'tsx/cjs',
          '--allow-natives-syntax',
          '--trace-turbo-inlining',
          '-e',
          `
          if (${tune}) require(${JSON.stringify(join(__dirname, '../server/src/heap'))}).tuneV8();
          function add(a, b) { return a + b; }
          function sum(n) { let s = 0; for (let i = 0; i < n; i++) s = add(s, i); return s; }
          %PrepareFunctionForOptimization(sum);
          sum(10);
          %OptimizeFunctionOnNextCall(sum);
          console.log('sum', sum(10));
        `,
        ],
        { encoding: 'utf8' },
      ).stdout;

    const untuned = optimise(false);
    assert.match(untuned, /Inlining .*add/, 'the check itself sees an inlining');
    assert.match(untuned, /sum 45/);
    const tuned = optimise(true);
    assert.match(tuned, /sum 45/);
    assert.doesNotMatch(tuned, /Inlining/);
  });
});
