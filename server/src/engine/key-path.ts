import { isMap, isSeq } from 'yaml';
import { keyEndOf, keyNameOf, keyStartOf, startOf, valueEndOf } from './block-yaml';
import type { ConfigDocument } from './config-document';

/** A key in the file, with its path from the root (list items as `[n]`). */
export interface KeyAtOffset {
  path: string[];
  keyStart: number;
  keyEnd: number;
}

/** Finds the mapping key whose text holds `offset`. */
export function keyAt(config: ConfigDocument, offset: number): KeyAtOffset | undefined {
  return locate(config, offset, false);
}

/** The path of the deepest key whose key or value holds `offset`. */
export function pathAt(config: ConfigDocument, offset: number): string[] | undefined {
  return locate(config, offset, true)?.path;
}

function locate(
  config: ConfigDocument,
  offset: number,
  inValues: boolean,
): KeyAtOffset | undefined {
  let node: unknown = config.document.contents;
  let last: KeyAtOffset | undefined;
  const path: string[] = [];

  for (let depth = 0; depth < 64 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const keyStart = keyStartOf(item);
        if (keyStart === undefined || keyStart > offset) return false;
        return offset <= (valueEndOf(item.value) ?? keyEndOf(item)!);
      });
      const name = pair && keyNameOf(pair);
      if (!pair || name === undefined) return inValues ? last : undefined;

      const keyStart = keyStartOf(pair)!;
      const keyEnd = keyEndOf(pair)!;
      path.push(name);
      if (keyStart <= offset && offset <= keyEnd) return { path, keyStart, keyEnd };
      last = { path, keyStart, keyEnd };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = itemAt(node.items, offset);
      if (index < 0) return inValues ? last : undefined;
      path.push(`[${index}]`);
      node = node.items[index];
    } else {
      return inValues ? last : undefined;
    }
  }
  return undefined;
}

/**
 * The index of the list item whose value holds `offset`, or -1. Items follow the text, so a
 * binary search finds the last one starting at or before the offset, instead of a scan through
 * thousands of access-control rules for each finding; a list whose offsets do not follow that
 * order is scanned.
 */
function itemAt(items: readonly unknown[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = startOf(items[middle]);
    if (start !== undefined && start <= offset) low = middle + 1;
    else high = middle;
  }
  const candidate = low - 1;
  if (candidate >= 0 && holds(items[candidate], offset)) return candidate;
  return items.findIndex((item) => holds(item, offset));
}

/** True when a node's value (its range up to `range[1]`) holds `offset`. */
function holds(node: unknown, offset: number): boolean {
  const start = startOf(node);
  return start !== undefined && start <= offset && offset <= valueEndOf(node)!;
}
