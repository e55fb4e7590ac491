import { setFlagsFromString } from 'node:v8';
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
 * the heap growth whenever it computes the next collection's limit, and the compiler flag at
 * each compilation. `--expose-gc` lets the server ask for a full collection (see
 * `collectAfterLint`). An unknown flag only prints a line on stderr, never on stdout, which is
 * the protocol's channel. V8 takes a code cache only under the flags it was made with, so this
 * runs before the server's code is compiled.
 */
export function tuneV8(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString('--expose-gc');
  setFlagsFromString(NO_INLINING);
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
let fullCollection: (() => void) | undefined | null = null;

function collector(): (() => void) | undefined {
  if (fullCollection === null) {
    try {
      fullCollection = runInNewContext('gc') as () => void;
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
 * There is no collection before the first check, although the message that brought the text
 * left three dead copies of it. On 43,000 lines that collection took 6 ms, and the sweeping V8
 * then did beside the check took the one helper thread from the optimising compiler: without
 * it the open took 136 instead of 154 ms (medians of 24 alternating fresh servers), for 3 MB
 * more at the peak (75 MB).
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
