import { join } from 'node:path';
import { runWithCodeCache } from './code-cache';
import { tuneHeap } from './heap';

/**
 * The language server's entry point (dist/server.js): it tunes V8's heap, then runs the server
 * itself (dist/language-server.js, built from server.ts) through V8's code cache. The heap
 * setting comes first because V8 takes a cache only under the settings it was made with.
 */
tuneHeap();
runWithCodeCache(join(__dirname, 'language-server.js'));
