import type { TextEdit } from './finding';

/**
 * The smallest single edit that turns `before` into `after`: everything between their common
 * start and common end. Fixes that are easiest to write as whole-text rewrites become minimal
 * edits this way, so an editor changes only the lines that really differ.
 */
export function diffEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;

  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;

  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
