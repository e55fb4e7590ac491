import type { AutheliaVersion } from '../finding';

/**
 * The key model: what Authelia 4.37, 4.38 and 4.39 accept, written by us from Authelia's facts.
 * Every key has a one-line summary in our own words, its type and allowed values, its default,
 * the versions that know it, and whether it is a secret. Builders below keep section files
 * short; see sections/regulation.ts for the house style.
 */

/** How a scalar is read. `duration` and `address` follow Authelia's own grammars. */
export type ScalarType =
  'string' | 'integer' | 'number' | 'boolean' | 'duration' | 'address' | 'url' | 'email';

/** A deprecated key: still accepted, with a warning, and mapped to its replacement. */
export interface Deprecation {
  /** The Authelia version that deprecated it, e.g. `4.38`. Older targets see no warning. */
  since: string;
  /** The dotted path of the replacement from the root, when there is one. */
  replacement?: string;
  /** What to say beyond "use the replacement", in our words. */
  note?: string;
  /** How Authelia treats the key set beside its replacement: `error` where it refuses. */
  conflict?: 'warning' | 'error';
}

/** Facts shared by every kind of key. */
export interface KeyInfo {
  /** One line in our own words. */
  summary: string;
  /** The first version (of 4.37–4.39) that knows the key; absent means all of them. */
  since?: AutheliaVersion;
  /** The last version that knows the key; absent means it is still known. */
  until?: AutheliaVersion;
  deprecated?: Deprecation;
  /** Authelia refuses the key outright, with this reason in our words. */
  removed?: string;
  /** The value is a secret: never shown, and `AUTHELIA_…_FILE` may supply it. */
  secret?: boolean;
  /** The default, as it would be written in the file. */
  default?: string | number | boolean;
  /** Authelia marks the feature experimental. */
  experimental?: boolean;
}

export interface ScalarSpec extends KeyInfo {
  kind: 'scalar';
  /** One type, or the types it may take (e.g. a duration given as an integer of seconds). */
  type: ScalarType | readonly ScalarType[];
  /** Allowed values, for a string enum. */
  values?: readonly string[];
  /** Enum values compared without case. */
  caseInsensitive?: boolean;
  /** Allowed values that arrived after 4.37, with the version that brought each. */
  valueSince?: Readonly<Record<string, AutheliaVersion>>;
  /** Bounds for numbers. */
  min?: number;
  max?: number;
  /** Schemes an `address` accepts, and the one used when the value has none. */
  schemes?: readonly string[];
  defaultScheme?: string;
}

export interface MapSpec extends KeyInfo {
  kind: 'map';
  keys: Readonly<Record<string, KeySpec>>;
}

/** A mapping whose keys are names the user chooses, e.g. `definitions.network.<name>`. */
export interface DictSpec extends KeyInfo {
  kind: 'dict';
  /** What the names stand for, shown in hovers: `network name`. */
  nameLabel: string;
  value: KeySpec;
}

export interface ListSpec extends KeyInfo {
  kind: 'list';
  item: KeySpec;
  /** A single item may be written without the list around it. */
  allowSingle?: boolean;
}

/** A value with no fixed shape (e.g. an OIDC claim's value). */
export interface AnySpec extends KeyInfo {
  kind: 'any';
}

export type KeySpec = ScalarSpec | MapSpec | DictSpec | ListSpec | AnySpec;

type Extra<T> = Partial<Omit<T, 'kind' | 'summary'>>;

/*
 * Every builder below writes all the facts of its kind of spec, unset ones as undefined, before
 * the given ones. All specs of one kind then share one object layout in the JavaScript engine:
 * the rules read a few facts of the spec at each of tens of thousands of places in a large
 * config, and such reads are several times faster on objects of one layout than of dozens.
 */

/** The facts every kind of spec has, unset, for the builders to write first. */
const UNSET = {
  since: undefined,
  until: undefined,
  deprecated: undefined,
  removed: undefined,
  secret: undefined,
  default: undefined,
  experimental: undefined,
} as const;

function scalar(type: ScalarSpec['type'], summary: string, extra: Extra<ScalarSpec>): ScalarSpec {
  return {
    kind: 'scalar',
    summary,
    ...UNSET,
    type,
    values: undefined,
    caseInsensitive: undefined,
    valueSince: undefined,
    min: undefined,
    max: undefined,
    schemes: undefined,
    defaultScheme: undefined,
    ...extra,
  };
}

export function str(summary: string, extra: Extra<ScalarSpec> = {}): ScalarSpec {
  return scalar('string', summary, extra);
}

/** A secret string. */
export function secret(summary: string, extra: Extra<ScalarSpec> = {}): ScalarSpec {
  return scalar('string', summary, { secret: true, ...extra });
}

export function int(summary: string, extra: Extra<ScalarSpec> = {}): ScalarSpec {
  return scalar('integer', summary, extra);
}

export function num(summary: string, extra: Extra<ScalarSpec> = {}): ScalarSpec {
  return scalar('number', summary, extra);
}

export function bool(summary: string, extra: Extra<ScalarSpec> = {}): ScalarSpec {
  return scalar('boolean', summary, { default: false, ...extra });
}

/** A duration: a string such as `1h30m`, or an integer of seconds. */
export function duration(summary: string, extra: Extra<ScalarSpec> = {}): ScalarSpec {
  return scalar(['duration', 'integer'], summary, extra);
}

/** An address such as `tcp://host:port`, checked against the schemes the option accepts. */
export function address(
  summary: string,
  schemes: readonly string[],
  defaultScheme: string,
  extra: Extra<ScalarSpec> = {},
): ScalarSpec {
  return scalar('address', summary, { schemes, defaultScheme, ...extra });
}

export function url(summary: string, extra: Extra<ScalarSpec> = {}): ScalarSpec {
  return scalar('url', summary, extra);
}

/** A string from a fixed set. */
export function oneOf(
  summary: string,
  values: readonly string[],
  extra: Extra<ScalarSpec> = {},
): ScalarSpec {
  return scalar('string', summary, { values, ...extra });
}

export function map(
  summary: string,
  keys: Record<string, KeySpec>,
  extra: Extra<MapSpec> = {},
): MapSpec {
  return {
    kind: 'map',
    summary,
    ...UNSET,
    keys,
    ...extra,
  };
}

export function dict(
  summary: string,
  nameLabel: string,
  value: KeySpec,
  extra: Extra<DictSpec> = {},
): DictSpec {
  return {
    kind: 'dict',
    summary,
    ...UNSET,
    nameLabel,
    value,
    ...extra,
  };
}

export function list(summary: string, item: KeySpec, extra: Extra<ListSpec> = {}): ListSpec {
  return {
    kind: 'list',
    summary,
    ...UNSET,
    item,
    allowSingle: undefined,
    ...extra,
  };
}

export function any(summary: string, extra: Extra<AnySpec> = {}): AnySpec {
  return {
    kind: 'any',
    summary,
    ...UNSET,
    ...extra,
  };
}

/** Marks a key deprecated; spreads into the `extra` argument of a builder. */
export function deprecatedSince(
  since: string,
  replacement?: string,
  more: Omit<Deprecation, 'since' | 'replacement'> = {},
): { deprecated: Deprecation } {
  return { deprecated: { since, replacement, ...more } };
}
