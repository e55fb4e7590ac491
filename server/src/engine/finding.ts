/**
 * The engine's output types. Everything here is plain data in offsets of the checked text;
 * the shells (language server, CLI) convert offsets to positions once, at the edge.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A replacement of the text between two offsets. An insertion has `start === end`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: one or more edits that apply together. */
export interface Fix {
  title: string;
  preferred?: boolean;
  edits: TextEdit[];
}

/** A place elsewhere in the file that explains a finding, such as a key's first occurrence. */
export interface RelatedPlace {
  start: number;
  end: number;
  message: string;
}

/** One problem found in a config. */
export interface Finding {
  /** The rule id, e.g. `ha/storage-sqlite`; shells show it as the diagnostic code. */
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** A page that explains the rule. */
  href?: string;
  related?: RelatedPlace[];
  fixes?: Fix[];
}

/** Where a config will run: several replicas (the default) or one instance. */
export type Deployment = 'highAvailability' | 'single';

/** The Authelia minor versions the engine knows, oldest first. */
export const AUTHELIA_VERSIONS = ['4.37', '4.38', '4.39'] as const;
export type AutheliaVersion = (typeof AUTHELIA_VERSIONS)[number];
export const DEFAULT_VERSION: AutheliaVersion = '4.39';

/** What the caller knows about a file besides its text. All fields are optional. */
export interface LintOptions {
  /** The file's path or URI, matched against `files`. */
  path?: string;
  /** The deployment from settings or flags; an in-file comment overrides it. */
  deployment?: Deployment;
  /** The version from settings or flags; an in-file comment or the modeline overrides it. */
  version?: AutheliaVersion;
  /** Globs that mark a path as an Authelia config (with at least one Authelia section). */
  files?: string[];
}

export const DEFAULT_FILE_GLOBS = ['**/authelia/**/*.yml', '**/authelia/**/*.yaml'];

/** Compare two known versions: negative when `a` is older than `b`. */
export function compareVersions(a: AutheliaVersion, b: AutheliaVersion): number {
  return AUTHELIA_VERSIONS.indexOf(a) - AUTHELIA_VERSIONS.indexOf(b);
}
