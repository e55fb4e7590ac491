import type { TextEdit } from './finding';

/** How many characters are compared at once while the texts agree. */
const BLOCK = 4096;

/**
 * The smallest single edit that turns `before` into `after`: everything between their common
 * start and common end. Fixes that are easiest to write as whole-text rewrites become minimal
 * edits this way, so an editor changes only the lines that really differ.
 */
export function diffEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;

  // Large equal stretches are skipped a block at a time; string equality runs natively.
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (
    start + BLOCK <= shorter &&
    before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)
  ) {
    start += BLOCK;
  }
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;

  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore - BLOCK >= start &&
    endAfter - BLOCK >= start &&
    before.slice(endBefore - BLOCK, endBefore) === after.slice(endAfter - BLOCK, endAfter)
  ) {
    endBefore -= BLOCK;
    endAfter -= BLOCK;
  }
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
