import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ConfigDocument, KeyedPair } from './config-document';
import type { AutheliaVersion } from './finding';
import { CONFIGURATION, childSpec, knownIn, type KeySpec, type PathStep } from './model';

/**
 * One place in the config, matched against the key model: a mapping entry or a list item.
 * The schema rules all read the same walk, made once per lint.
 */
export interface Visit {
  path: PathStep[];
  /** `session.cookies[0].domain`, written when first asked for. */
  readonly pathText: string;
  /** The model's spec for the place; undefined when the model does not know the key. */
  spec: KeySpec | undefined;
  /** The spec of the mapping, named entries or list that holds the place. */
  parentSpec: KeySpec;
  /** The mapping entry, for keys; undefined for list items. */
  entry?: KeyedPair;
  /** The mapping that holds the entry. */
  parent?: YAMLMap;
  /** The value node of the entry, or the list item itself. */
  value: unknown;
  /** Offsets to underline: the key, or the whole list item. */
  start: number;
  end: number;
  /** The value is template text (`{{ … }}`), which only Authelia's renderer can read. */
  templated: boolean;
}

/** Walks the config along the model. Unknown keys and keys the version lacks end a branch. */
export function walkConfig(config: ConfigDocument, version: AutheliaVersion): Visit[] {
  const visits: Visit[] = [];
  const root = config.root;
  if (root) walkMap(config, root, CONFIGURATION, [], version, visits);
  return visits;
}

function walkMap(
  config: ConfigDocument,
  map: YAMLMap,
  spec: KeySpec,
  path: PathStep[],
  version: AutheliaVersion,
  visits: Visit[],
): void {
  for (const pair of map.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = String(pair.key.value);
    if (key === '<<') continue;

    const [keyStart, keyEnd] = pair.key.range;
    const childPath = [...path, key];
    const child = childSpec(spec, key);
    visits.push({
      path: childPath,
      get pathText() {
        return pathText(this.path);
      },
      spec: child,
      parentSpec: spec,
      entry: { pair: pair as KeyedPair['pair'], key, keyStart, keyEnd },
      parent: map,
      value: pair.value,
      start: keyStart,
      end: keyEnd,
      templated: isTemplated(pair.value, config.text),
    });
    if (child && knownIn(child, version)) descend(config, pair.value, child, childPath, version, visits);
  }
}

function walkSeq(
  config: ConfigDocument,
  seq: YAMLSeq,
  spec: KeySpec & { kind: 'list' },
  path: PathStep[],
  version: AutheliaVersion,
  visits: Visit[],
): void {
  seq.items.forEach((item, index) => {
    const range = (item as YamlNode | null)?.range;
    if (!range) return;
    const itemPath = [...path, index];
    visits.push({
      path: itemPath,
      get pathText() {
        return pathText(this.path);
      },
      spec: spec.item,
      parentSpec: spec,
      value: item,
      start: range[0],
      end: range[1],
      templated: isTemplated(item, config.text),
    });
    descend(config, item, spec.item, itemPath, version, visits);
  });
}

function descend(
  config: ConfigDocument,
  value: unknown,
  spec: KeySpec,
  path: PathStep[],
  version: AutheliaVersion,
  visits: Visit[],
): void {
  if (isAlias(value) || isTemplated(value, config.text)) return;
  if (isMap(value)) {
    if (spec.kind === 'map' || spec.kind === 'dict') walkMap(config, value, spec, path, version, visits);
    else if (spec.kind === 'list' && spec.allowSingle) descend(config, value, spec.item, path, version, visits);
  } else if (isSeq(value) && spec.kind === 'list') {
    walkSeq(config, value, spec, path, version, visits);
  }
}

/** Writes a path as `a.b[0].c`. */
export function pathText(path: readonly PathStep[]): string {
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

/**
 * True when a value is template text (`{{ … }}`), which only Authelia's renderer reads: a
 * scalar that holds it, or an unquoted template that YAML took for a flow mapping.
 */
export function isTemplated(value: unknown, text: string): boolean {
  if (isScalar(value)) return typeof value.value === 'string' && value.value.includes('{{');
  const start = (value as YamlNode | null)?.range?.[0];
  return start !== undefined && text.startsWith('{{', start);
}
