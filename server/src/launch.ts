/**
 * The Node options the language server is started with by our VS Code client and the benchmark.
 *
 * `--max-semi-space-size=1` caps V8's young generation at 1 MB instead of letting it grow to
 * 16 MB. Nearly everything a lint allocates (the parse tree, the model walk) lives as long as
 * the document, so a large young generation only means copying the same live objects around
 * in bigger batches: with the cap, opening a 43,000-line config peaks about 30 MB lower and
 * finishes sooner, while a keystroke costs a few milliseconds more.
 *
 * `--v8-pool-size=0` gives V8 one helper thread per core but one, instead of Node's fixed four,
 * for its garbage collector and its optimising compiler. On a 2-core machine four helpers fight
 * the server's own thread for the second core; with one, opening a 9,000-line config went from
 * about 140 to 110 ms (medians of 8 alternating runs), and a 43,000-line one from about 410 to
 * 340 ms.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = [
  '--max-semi-space-size=1',
  '--v8-pool-size=0',
];
