import { isMap, isScalar, isSeq } from 'yaml';
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
        const range =
          (item.value as { range?: number[] } | null)?.range ??
          (item.key as { range?: number[] })?.range;
        const keyRange = (item.key as { range?: number[] } | null)?.range;
        return keyRange && keyRange[0] <= offset && offset <= (range?.[1] ?? keyRange[1]);
      });
      if (!pair || !isScalar(pair.key) || !pair.key.range) return inValues ? last : undefined;

      const [keyStart, keyEnd] = pair.key.range;
      path.push(String(pair.key.value));
      if (keyStart <= offset && offset <= keyEnd) return { path, keyStart, keyEnd };
      last = { path, keyStart, keyEnd };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = (item as { range?: number[] } | null)?.range;
        return range && range[0] <= offset && offset <= range[1];
      });
      if (index < 0) return inValues ? last : undefined;
      path.push(`[${index}]`);
      node = node.items[index];
    } else {
      return inValues ? last : undefined;
    }
  }
  return undefined;
}
