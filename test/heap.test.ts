import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import {
  LARGE_TEXT,
  SHRINK_DELAY_MS,
  collectAfterLint,
  tuneV8,
  withRoomForLargeCheck,
  type HeapControls,
} from '../server/src/heap';

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

  /**
   * V8 and the clock as the heap functions see them, recording what is asked of them: the
   * young generation is `young` bytes, and a young collection sets it to `afterMinor`.
   */
  function fakeHeap(young: number, afterMinor = young) {
    const calls: string[] = [];
    const timers: { task: () => void; ms: number; cancelled: boolean }[] = [];
    const heap: HeapControls & { calls: string[]; young: number } = {
      calls,
      young,
      collect: () => (options) => {
        calls.push(`gc ${options?.type ?? 'major'}`);
        if (options?.type === 'minor') heap.young = afterMinor;
      },
      setFlags: (flags) => calls.push(flags),
      youngSize: () => heap.young,
      later: (task, ms) => {
        const timer = { task, ms, cancelled: false };
        timers.push(timer);
        return () => (timer.cancelled = true);
      },
    };
    /** Runs the timers still pending, as the clock would, and says how many there were. */
    const elapse = () => {
      const due = timers.splice(0).filter((timer) => !timer.cancelled);
      for (const timer of due) timer.task();
      return due.map((timer) => timer.ms);
    };
    return { heap, calls, elapse };
  }

  const MB = 1024 * 1024;

  it('collects the young generation and lets it grow only around the full check of a large text', () => {
    const { heap, calls } = fakeHeap(2 * MB);
    const result = withRoomForLargeCheck(LARGE_TEXT, () => calls.push('check') && 'checked', heap);
    assert.equal(result, 'checked');
    assert.deepEqual(calls, [
      'gc minor',
      '--semi-space-growth-factor=16',
      'check',
      '--semi-space-growth-factor=1',
    ]);

    calls.length = 0;
    assert.throws(() => withRoomForLargeCheck(LARGE_TEXT, () => assert.fail('broken check'), heap));
    assert.equal(calls.at(-1), '--semi-space-growth-factor=1', 'restored after a failure too');

    calls.length = 0;
    withRoomForLargeCheck(LARGE_TEXT - 1, () => calls.push('check'), heap);
    assert.deepEqual(calls, ['check'], 'a smaller text is only checked');

    calls.length = 0;
    withRoomForLargeCheck(LARGE_TEXT, () => calls.push('check'), {
      ...heap,
      collect: () => undefined,
    });
    assert.deepEqual(calls, ['check'], 'and so is any text when V8 is not tuned');
  });

  it('lets V8 shrink the young generation once the large checks are over, until it has', () => {
    const { heap, calls, elapse } = fakeHeap(32 * MB);
    withRoomForLargeCheck(LARGE_TEXT, () => 'opened', heap);
    withRoomForLargeCheck(LARGE_TEXT, () => 'opened another', heap);
    calls.length = 0;

    assert.deepEqual(elapse(), [SHRINK_DELAY_MS], 'one shrink, after the last check');
    assert.deepEqual(calls, ['gc minor']);
    assert.deepEqual(elapse(), [SHRINK_DELAY_MS], 'V8 kept it large: tried again later');
    assert.deepEqual(calls, ['gc minor', 'gc minor']);

    heap.young = 2 * MB;
    assert.deepEqual(elapse(), [SHRINK_DELAY_MS]);
    assert.deepEqual(calls, ['gc minor', 'gc minor'], 'shrunk meanwhile: no collection');
    assert.deepEqual(elapse(), [], 'and no more tries');

    const shrinking = fakeHeap(32 * MB, 2 * MB);
    withRoomForLargeCheck(LARGE_TEXT, () => 'opened', shrinking.heap);
    shrinking.elapse();
    assert.equal(shrinking.heap.young, 2 * MB);
    assert.deepEqual(shrinking.elapse(), [], 'done once V8 shrank it');
  });

  it("keeps V8's young generation at 1 MB once tuned, and lets a large check grow it", () => {
    // A Node started as the VS Code client starts the server: objects that live on fill the
    // young generation, which V8 would grow after a few collections, then the same inside a
    // large check. Prints the young generation's size after each.
    const heap = JSON.stringify(join(__dirname, '../server/src/heap'));
    const youngSizes = spawnSync(
      process.execPath,
      [
        '--require',
        'tsx/cjs',
        '--max-semi-space-size=16',
        '-e',
        `
        const { getHeapSpaceStatistics } = require('node:v8');
        const { LARGE_TEXT, tuneV8, withRoomForLargeCheck } = require(${heap});
        tuneV8();
        const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
        const kept = [];
        const fill = () => { for (let i = 0; i < 200000; i++) kept.push({ i, text: 'x' + i }); };
        fill();
        console.log('after', young().space_size / 1048576);
        withRoomForLargeCheck(LARGE_TEXT, fill);
        console.log('inside', young().space_size / 1048576);
      `,
      ],
      { encoding: 'utf8' },
    ).stdout;

    const size = (phase: string) => Number(new RegExp(`${phase} (\\S+)`).exec(youngSizes)?.[1]);
    assert.equal(size('after'), 2, 'two semi-spaces of 1 MB');
    assert.ok(size('inside') >= 16, `grown inside the large check: ${youngSizes}`);
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
