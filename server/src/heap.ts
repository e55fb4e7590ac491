import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How much V8 lets the heap grow past what the last full collection kept, in percent.
 *
 * Without it, a Node with a large heap limit lets the old generation grow to several times its
 * live size before collecting it again. For an editor that is mostly garbage text: each
 * keystroke in a 43,000-line config leaves the previous 1.4 MB text behind, and forty of them
 * took the server to about 133 MB. With 20% it stays near 93 MB, and opens and keystrokes took
 * no longer (5 alternating runs).
 */
const HEAP_GROWING_PERCENT = 20;

/**
 * Sets V8's flags from inside the server, so that every way of starting it gets them: V8 reads
 * the heap growth whenever it computes the next collection's limit, the young generation's
 * growth after each young collection, and the compiler flag at each compilation.
 * `--expose-gc` lets the server ask for a full collection (see `collectAfterLint`). An unknown
 * flag only prints a line on stderr, never on stdout, which is the protocol's channel. V8 takes a code cache only under the flags it was made with, so this
 * runs before the server's code is compiled.
 */
export function tuneV8(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString('--expose-gc');
  setFlagsFromString(NO_INLINING);
  setFlagsFromString(`--semi-space-growth-factor=${STEADY_GROWTH}`);
}

/**
 * How V8 may grow its young generation, where new objects are made, after a collection in
 * which most of them lived on: by this factor, up to its maximum (`--max-semi-space-size`).
 *
 * Between large checks it does not grow: it stays at its first megabyte, which is collected
 * often and cheaply. Nearly everything a check of a large text makes lives as long as the
 * document, so a large young generation would only fill with the same live objects, and its
 * pages stay in memory once touched: with growth always allowed, sixty keystrokes in a
 * 9,000-line config took the server to 90 MB instead of 67.
 */
const STEADY_GROWTH = 1;

/**
 * Growth for the full check of a large text (`withRoomForLargeCheck`): after its first
 * collections, the young generation jumps to its maximum of 16 MB, where the rest of the tree
 * fits without another collection. In a 1 MB young generation, each of those objects was
 * copied twice, within it and then out of it, by some 25 collections of 0.8 ms; opening a
 * 43,000-line config took 91 instead of 106 ms (medians of 7 alternating fresh servers).
 */
const LARGE_CHECK_GROWTH = 16;

/**
 * How long after the last large check the server asks V8 to take its young generation back to
 * its first megabyte. V8 shrinks it at a collection only when the last five seconds or so saw
 * little allocation: in a test process, a young collection 6 s after the growth gave it back,
 * and one after 4 s did not. Without this, sixty keystrokes in a 9,000-line config, right
 * after a 43,000-line one was opened and closed, took the server to 87 MB; after a pause of
 * 9 s, in which V8 shrank it, to 62 MB. A server that never grew it stayed at 67 to 69 MB.
 */
export const SHRINK_DELAY_MS = 6000;

/** What the heap functions use of V8 and of the clock; the tests pass their own. */
export interface HeapControls {
  /** V8's `gc`, or undefined when the server was started without `tuneV8`. */
  collect(): Collection | undefined;
  setFlags(flags: string): void;
  /** The young generation's size in bytes, both of its halves. */
  youngSize(): number;
  /** Runs `task` after `ms`, without keeping the process alive for it; returns a cancel. */
  later(task: () => void, ms: number): () => void;
}

const V8_HEAP: HeapControls = {
  collect: () => collector(),
  setFlags: setFlagsFromString,
  youngSize: () =>
    getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
  later: (task, ms) => {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** The young generation's size at its first megabyte: two halves of 1 MB. */
const STEADY_YOUNG_SIZE = 2 * 1024 * 1024;

let cancelShrink: (() => void) | undefined;

/**
 * Runs the full check of a text, a first one or one without a parse to reuse, with room for
 * its tree when the text is large: first a young collection, which takes the garbage of the
 * message that brought the text (4 MB on 43,000 lines, which would otherwise stay until
 * after the check), then the young generation may grow at once to its maximum, until the
 * check is done. `SHRINK_DELAY_MS` after the last such check, and again until it works, a
 * young collection lets V8 shrink it back. Without `tuneV8`, as in the tests' own process, it
 * only runs the check.
 */
export function withRoomForLargeCheck<T>(
  textLength: number,
  check: () => T,
  heap: HeapControls = V8_HEAP,
): T {
  const collection = textLength >= LARGE_TEXT ? heap.collect() : undefined;
  if (!collection) return check();

  collection({ type: 'minor' });
  heap.setFlags(`--semi-space-growth-factor=${LARGE_CHECK_GROWTH}`);
  try {
    return check();
  } finally {
    heap.setFlags(`--semi-space-growth-factor=${STEADY_GROWTH}`);
    shrinkYoungLater(collection, heap);
  }
}

function shrinkYoungLater(collection: Collection, heap: HeapControls): void {
  cancelShrink?.();
  cancelShrink = heap.later(() => {
    cancelShrink = undefined;
    if (heap.youngSize() <= STEADY_YOUNG_SIZE) return;
    collection({ type: 'minor' });
    if (heap.youngSize() > STEADY_YOUNG_SIZE) shrinkYoungLater(collection, heap);
  }, SHRINK_DELAY_MS);
}

/**
 * TurboFan, V8's optimising compiler, without inlining. The first check of a large config runs
 * mostly in unoptimised code, waiting for TurboFan, which compiles on another thread. With
 * inlining, the parser's functions grew so large that compiling one took 25 to 50 ms: they
 * arrived when the parse was nearly done. Without it, compiling all the engine's hot functions
 * takes about 140 ms instead of 600, and the first check of a 43,000-line config went from
 * 254 to 192 ms (medians of 12 alternating fresh processes). The whole open in a fresh server
 * went from 279 to 223 ms (6 alternating runs), and on a quieter day from 199 to 171 ms (8).
 * Keystrokes in a warm server cost about the same: 25 to 39 ms against 32 to 36 on 43,000
 * lines, but 5.5 to 6.3 ms against 3.3 to 5.4 on 9,000 lines, where optimised code without
 * inlining does a little worse and the change target leaves ample room.
 */
export const NO_INLINING = '--no-turbo-inlining';

/**
 * Texts from this length on are large: at every keystroke the server collects the garbage of
 * their last check, the text it replaced above all.
 *
 * V8 collects the old generation only once it has grown at least 8 MB past its live size,
 * whatever the settings: five or six dead copies of a 1.4 MB text. Forty keystrokes in a
 * 43,000-line config took the server to 94 MB, and in a 27,000-line one (0.8 MB) to 84 MB.
 * Collected after each check, they peaked at 78 and 71 MB. A full collection takes 5 to 15 ms
 * on such configs, once their diagnostics are sent, far less than the time between two
 * keystrokes of a person. Below this length, V8's own pace kept the peak under 73 MB.
 */
export const LARGE_TEXT = 512 * 1024;

/**
 * V8's full collection, or undefined when the server was started without `tuneV8`. Taken on
 * first use: it lives in a context of its own, about 0.4 MB that small configs never need.
 */
let fullCollection: Collection | undefined | null = null;

/** V8's `gc`: a full collection, or with `{ type: 'minor' }` a young one. */
export type Collection = (options?: { type: 'minor' | 'major' }) => void;

function collector(): Collection | undefined {
  if (fullCollection === null) {
    try {
      fullCollection = runInNewContext('gc') as Collection;
    } catch {
      fullCollection = undefined;
    }
  }
  return fullCollection;
}

let collectionPending = false;

/**
 * After a check of a large text, collects the garbage once the event loop is free: the
 * diagnostics go out first. Several checks in one turn of the loop share one collection.
 *
 * There is no full collection before the first check, although the message that brought the
 * text left three dead copies of it (a young one takes some: see `withRoomForLargeCheck`). On
 * 43,000 lines that collection took 6 ms, and the sweeping V8 then did beside the check took
 * the one helper thread from the optimising compiler: without it the open took 136 instead of
 * 154 ms (medians of 24 alternating fresh servers), for 3 MB more at the peak (75 MB).
 */
export function collectAfterLint(textLength: number, collect = collector): void {
  if (textLength < LARGE_TEXT || collectionPending) return;
  const collection = collect();
  if (!collection) return;
  collectionPending = true;
  setImmediate(() => {
    collectionPending = false;
    collection();
  });
}
