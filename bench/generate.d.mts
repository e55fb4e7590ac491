// Types for bench/generate.mjs, so TypeScript tests can import the generator.

/** Authelia's published 4.39 schema URL. */
export declare const PUBLIC_SCHEMA_URL: string;
/** The local copy of the 4.39 schema, ../shared/authelia/schemas/v4.39/configuration.json. */
export declare const LOCAL_SCHEMA_PATH: string;
/** The modeline's default schema: the local copy as a file URL when it exists, else the published one. */
export declare function defaultSchemaUrl(): string;
/** The key the broken variant misspells (inside rule floor(rules / 2)), and how. */
export declare const TYPO: { readonly key: 'methods'; readonly as: 'metods' };
/** The sizes the benchmark uses: 100, 1000 and 5000 rules. */
export declare const SIZES: readonly number[];

export interface GenerateOptions {
  /** Number of access-control rules; an OIDC client comes with every tenth. */
  rules: number;
  /** The four HA problems and one typo'd key instead of a clean, valid config. */
  broken?: boolean;
  /** The `$schema` of the yaml-language-server modeline on the first line. */
  schemaUrl?: string;
}

/** A complete Authelia 4.39 configuration; the same options always give the same text. */
export declare function generateConfig(options: GenerateOptions): string;
