import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AutheliaVersion } from '../server/src/engine';
import { CONFIGURATION, childSpec, knownIn, type KeySpec } from '../server/src/engine/model';
import { SHARED_DIR } from './support/shared';

/**
 * Walks Authelia's published JSON schemas and checks that our key model knows every key, for
 * that version, with a compatible type and every allowed value. Where the schema is wrong
 * (FACTS §3.3), the difference is listed below with its reason.
 */

/**
 * Schema paths (`*` for a named entry, `[]` for a list item), optionally behind a version, where
 * we differ from the schema on purpose.
 */
const POOLING_IN_438 =
  'The v4.38 schema lists LDAP pooling, but Authelia accepts it only from 4.39.0 on.';
const DELIBERATE_DIFFERENCES: Record<string, string> = {
  '4.38:authentication_backend.ldap.attributes.MemberOf':
    'v4.38 schema names it MemberOf; Authelia reads member_of (fixed in the v4.39 schema).',
  '4.38:identity_validation.elevated_session.otp_characters':
    'v4.38 schema names it otp_characters; Authelia reads characters (fixed in v4.39).',
  'authentication_backend.refresh_interval':
    "The schema allows 'never', which Authelia cannot parse; it accepts 'always' and 'disable'.",
  '4.38:authentication_backend.ldap.pooling': POOLING_IN_438,
  '4.38:authentication_backend.ldap.pooling.enable': POOLING_IN_438,
  '4.38:authentication_backend.ldap.pooling.count': POOLING_IN_438,
  '4.38:authentication_backend.ldap.pooling.retries': POOLING_IN_438,
  '4.38:authentication_backend.ldap.pooling.timeout': POOLING_IN_438,
};

function differsOnPurpose(version: string, path: string): boolean {
  return `${version}:${path}` in DELIBERATE_DIFFERENCES || path in DELIBERATE_DIFFERENCES;
}

type JsonSchema = Record<string, any>;

interface SchemaKey {
  path: string;
  steps: (string | number)[];
  schema: JsonSchema;
}

function loadSchema(version: string): JsonSchema {
  return JSON.parse(
    readFileSync(
      join(SHARED_DIR!, 'authelia', 'schemas', `v${version}`, 'configuration.json'),
      'utf8',
    ),
  );
}

/** Every key the schema describes, with the resolved schema of its value. */
function schemaKeys(root: JsonSchema): SchemaKey[] {
  const definitions = root.$defs as Record<string, JsonSchema>;
  const resolve = (node: JsonSchema): JsonSchema =>
    node.$ref ? { ...definitions[node.$ref.split('/').pop()!], ...withoutRef(node) } : node;
  const keys: SchemaKey[] = [];

  const walk = (node: JsonSchema, path: string, steps: (string | number)[], depth: number) => {
    if (depth > 12) return;
    const resolved = resolve(node);
    for (const [name, child] of Object.entries<JsonSchema>(resolved.properties ?? {})) {
      const childPath = path ? `${path}.${name}` : name;
      keys.push({ path: childPath, steps: [...steps, name], schema: resolve(child) });
      walk(child, childPath, [...steps, name], depth + 1);
    }
    const named = [
      ...(typeof resolved.additionalProperties === 'object' ? [resolved.additionalProperties] : []),
      ...Object.values<JsonSchema>(resolved.patternProperties ?? {}),
    ];
    for (const child of named) walk(child, `${path}.*`, [...steps, 'example-name'], depth + 1);
    if (resolved.items && typeof resolved.items === 'object') {
      walk(resolved.items, `${path}[]`, [...steps, 0], depth + 1);
    }
    for (const variant of [
      ...(resolved.oneOf ?? []),
      ...(resolved.anyOf ?? []),
      ...(resolved.allOf ?? []),
    ]) {
      walk(variant, path, steps, depth + 1);
    }
  };
  walk(root, '', [], 0);
  return keys;
}

function withoutRef(node: JsonSchema): JsonSchema {
  const { $ref, ...rest } = node;
  void $ref;
  return rest;
}

/** The JSON types a schema node allows, looking through oneOf/anyOf. */
function schemaTypes(node: JsonSchema, definitions: Record<string, JsonSchema>): Set<string> {
  const resolved = node.$ref ? definitions[node.$ref.split('/').pop()!] : node;
  const types = new Set<string>();
  const own = resolved.type;
  for (const type of Array.isArray(own) ? own : own ? [own] : []) types.add(type);
  for (const variant of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])]) {
    for (const type of schemaTypes(variant, definitions)) types.add(type);
  }
  if (types.size === 0 && resolved.properties) types.add('object');
  if (types.size === 0 && resolved.enum) types.add('string');
  return types;
}

/** The JSON types our spec accepts. */
function acceptedTypes(spec: KeySpec): Set<string> {
  switch (spec.kind) {
    case 'any':
      return new Set(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);
    case 'map':
    case 'dict':
      return new Set(['object']);
    case 'list':
      return new Set(['array', ...(spec.allowSingle ? acceptedTypes(spec.item) : [])]);
    case 'scalar': {
      const types = new Set<string>();
      for (const type of Array.isArray(spec.type) ? spec.type : [spec.type]) {
        if (type === 'integer') types.add('integer');
        else if (type === 'number') types.add('number').add('integer');
        else if (type === 'boolean') types.add('boolean');
        else types.add('string');
      }
      return types;
    }
  }
}

function ourSpec(steps: (string | number)[]): KeySpec | undefined {
  let spec: KeySpec | undefined = CONFIGURATION;
  for (const step of steps) spec = childSpec(spec, step);
  return spec;
}

/** True when every spec along the path is known in the version. */
function knownAlongPath(steps: (string | number)[], version: AutheliaVersion): boolean {
  let spec: KeySpec | undefined = CONFIGURATION;
  for (const step of steps) {
    spec = childSpec(spec, step);
    if (!spec || !knownIn(spec, version)) return false;
  }
  return true;
}

for (const version of ['4.38', '4.39'] as const) {
  describe(`key model against the v${version} schema`, () => {
    if (!SHARED_DIR) return;
    const root = loadSchema(version);
    const definitions = root.$defs as Record<string, JsonSchema>;
    const keys = schemaKeys(root).filter((key) => !differsOnPurpose(version, key.path));
    const problems = (check: (key: SchemaKey, spec: KeySpec) => string | undefined) =>
      keys.flatMap((key) => {
        const spec = ourSpec(key.steps);
        if (!spec) return [];
        const problem = check(key, spec);
        return problem ? [`${key.path}: ${problem}`] : [];
      });

    it('knows every key', () => {
      const unknown = keys.filter((key) => !ourSpec(key.steps)).map((key) => key.path);
      assert.deepEqual(unknown, []);
    });

    it(`knows every key in ${version}`, () => {
      const unknown = keys.filter(
        (key) => ourSpec(key.steps) && !knownAlongPath(key.steps, version),
      );
      assert.deepEqual(
        unknown.map((key) => key.path),
        [],
      );
    });

    it('gives every key a compatible type', () => {
      const mismatches = problems((key, spec) => {
        const expected = schemaTypes(key.schema, definitions);
        const accepted = acceptedTypes(spec);
        const missing = [...expected].filter((type) => !accepted.has(type) && type !== 'null');
        return missing.length > 0
          ? `schema allows ${missing.join('/')}, model ${spec.kind}`
          : undefined;
      });
      assert.deepEqual(mismatches, []);
    });

    it('allows every value the schema lists', () => {
      const narrower = problems((key, spec) => {
        const values: string[] | undefined = key.schema.enum ?? key.schema.items?.enum;
        const target = spec.kind === 'list' ? spec.item : spec;
        if (!values || target.kind !== 'scalar' || !target.values) return undefined;
        const fold = (value: string) => (target.caseInsensitive ? value.toLowerCase() : value);
        const ours = new Set(target.values.map(fold));
        const missing = values.filter(
          (value) => typeof value === 'string' && !ours.has(fold(value)),
        );
        return missing.length > 0 ? `missing values ${missing.join(', ')}` : undefined;
      });
      assert.deepEqual(narrower, []);
    });
  });
}

describe('key model', () => {
  it('writes a summary for every key', () => {
    const missing: string[] = [];
    const visit = (spec: KeySpec, path: string) => {
      if (!spec.summary || spec.summary.length < 10) missing.push(path);
      if (spec.kind === 'map')
        for (const [name, child] of Object.entries(spec.keys)) visit(child, `${path}.${name}`);
      if (spec.kind === 'dict') visit(spec.value, `${path}.*`);
      if (spec.kind === 'list') visit(spec.item, `${path}[]`);
    };
    visit(CONFIGURATION, '');
    assert.deepEqual(missing, []);
  });
});
