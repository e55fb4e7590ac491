/**
 * The Node options the language server is started with by our VS Code client and the benchmark.
 *
 * `--max-semi-space-size=16` lets V8's young generation, where new objects are made, grow to
 * 16 MB, which is its default on 64-bit builds without pointer compression but not on others.
 * The server keeps it at its first megabyte except while it checks a large text in full (see
 * `withRoomForLargeCheck` in heap.ts): nearly everything such a check makes lives as long as
 * the document, and in 1 MB it was copied twice by some 25 collections.
 *
 * `--v8-pool-size=0` gives V8 one helper thread per core but one, instead of Node's fixed four,
 * for its garbage collector and its optimising compiler. On a 2-core machine four helpers fight
 * the server's own thread for the second core; with one, opening a 9,000-line config went from
 * about 140 to 110 ms (medians of 8 alternating runs), and a 43,000-line one from about 410 to
 * 340 ms.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = [
  '--max-semi-space-size=16',
  '--v8-pool-size=0',
];
