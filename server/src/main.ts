import { join } from 'node:path';
import { runWithCodeCache } from './code-cache';
import { tuneV8 } from './heap';

/**
 * The language server's entry point (dist/server.js): it sets V8's flags, then runs the server
 * itself (dist/language-server.js, built from server.ts) through V8's code cache. The flags
 * come first because V8 takes a cache only under the flags it was made with.
 */
tuneV8();
runWithCodeCache(join(__dirname, 'language-server.js'));
