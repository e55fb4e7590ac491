import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

/**
 * The first place where two parses of the same text differ, in everything the engine reads
 * from a `yaml` tree: node kinds, all three offsets of every range, scalar values, types and
 * sources, number formats, flow style, anchors and tags; or undefined when they agree.
 */
export function treeDifference(
  actual: Document.Parsed,
  expected: Document.Parsed,
): string | undefined {
  if (expected.errors.length > 0 || expected.warnings.length > 0) {
    return `yaml reports ${[...expected.errors, ...expected.warnings].map((e) => e.code)}`;
  }
  if (String(actual.range) !== String(expected.range)) {
    return `document range ${actual.range} instead of ${expected.range}`;
  }
  if (Boolean(actual.directives?.docStart) !== Boolean(expected.directives?.docStart)) {
    return 'document start marker';
  }
  return nodeDifference(actual.contents, expected.contents, '$');
}

function nodeDifference(actual: unknown, expected: unknown, path: string): string | undefined {
  const kind = (node: unknown) =>
    isPair(node)
      ? 'pair'
      : isMap(node)
        ? 'map'
        : isSeq(node)
          ? 'seq'
          : isScalar(node)
            ? 'scalar'
            : String(node);
  if (kind(actual) !== kind(expected)) {
    return `${path}: ${kind(actual)} instead of ${kind(expected)}`;
  }
  if (isPair(actual) && isPair(expected)) {
    return (
      nodeDifference(actual.key, expected.key, `${path}.key`) ??
      nodeDifference(actual.value, expected.value, `${path}.value`)
    );
  }
  if (actual === null || typeof actual !== 'object') return undefined;

  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  if (String(a.range) !== String(e.range)) {
    return `${path}: range ${a.range} instead of ${e.range}`;
  }
  for (const field of ['type', 'source', 'format', 'minFractionDigits', 'anchor', 'tag']) {
    if (a[field] !== e[field]) {
      return `${path}: ${field} ${JSON.stringify(a[field])} instead of ${JSON.stringify(e[field])}`;
    }
  }
  if (Boolean(a.flow) !== Boolean(e.flow)) return `${path}: flow ${a.flow} instead of ${e.flow}`;
  if (isScalar(actual) && !Object.is(actual.value, (expected as typeof actual).value)) {
    return `${path}: value ${JSON.stringify(actual.value)} instead of ${JSON.stringify(e.value)}`;
  }
  if (isMap(actual) || isSeq(actual)) {
    const items = (expected as typeof actual).items as unknown[];
    if (actual.items.length !== items.length) {
      return `${path}: ${actual.items.length} items instead of ${items.length}`;
    }
    for (let index = 0; index < items.length; index++) {
      const difference = nodeDifference(actual.items[index], items[index], `${path}[${index}]`);
      if (difference) return difference;
    }
  }
  return undefined;
}
