import { isMap, isScalar, isSeq } from 'yaml';
import { compareVersions, type AutheliaVersion } from '../../finding';
import type { KeySpec, ScalarType } from '../../model';
import { pathText, type Visit } from '../../model-walk';

/** Compares dotted version strings such as `4.7` and `4.38`. */
export function versionAtLeast(version: AutheliaVersion, since: string): boolean {
  const [major, minor] = since.split('.').map(Number);
  const [targetMajor, targetMinor] = version.split('.').map(Number);
  return targetMajor !== major ? targetMajor > major : targetMinor >= minor;
}

export { compareVersions };

/** The scalar types a spec accepts, as a list. */
export function scalarTypes(spec: KeySpec & { kind: 'scalar' }): readonly ScalarType[] {
  return Array.isArray(spec.type) ? spec.type : [spec.type as ScalarType];
}

/** Words for what a spec expects, for messages. */
export function expectedWords(spec: KeySpec): string {
  switch (spec.kind) {
    case 'map':
      return 'a mapping of keys';
    case 'dict':
      return `a mapping of ${spec.nameLabel}s`;
    case 'list':
      return spec.allowSingle ? 'a list (or a single item)' : 'a list';
    case 'any':
      return 'any value';
    case 'scalar': {
      const names: Record<ScalarType, string> = {
        string: 'a string',
        integer: 'a whole number',
        number: 'a number',
        boolean: 'true or false',
        duration: 'a duration such as 5m or 1h30m',
        address: 'an address',
        url: 'a URL',
        email: 'an email address',
      };
      const types = scalarTypes(spec);
      if (types.includes('duration')) return names.duration + ', or seconds';
      return types.map((type) => names[type]).join(' or ');
    }
  }
}

/** Words for what a YAML node is, never quoting its text. */
export function actualWords(value: unknown): string {
  if (isMap(value)) return 'a mapping';
  if (isSeq(value)) return 'a list';
  if (isScalar(value)) {
    const inner = value.value;
    if (typeof inner === 'boolean') return 'true/false';
    if (typeof inner === 'number') return Number.isInteger(inner) ? 'a whole number' : 'a number';
    if (inner === null) return 'nothing';
    return 'a string';
  }
  return 'something else';
}

/** The path of the mapping that holds a visit, for messages: `session` or `the top level`. */
export function parentWords(visit: Visit): string {
  const parent = visit.path.slice(0, -1);
  return parent.length === 0 ? 'at the top level' : `in ${pathText(parent)}`;
}
