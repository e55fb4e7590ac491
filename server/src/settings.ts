import { DEFAULT_FILE_GLOBS, parseDeployment, parseVersion, type LintOptions } from './engine';

/** The `authelia.*` settings as a client sends them, before they are checked. */
export interface RawSettings {
  deployment?: unknown;
  version?: unknown;
  files?: unknown;
}

/** Turns raw settings into lint options; unknown values fall back to the defaults. */
export function toLintOptions(raw: RawSettings | null | undefined): LintOptions {
  const files = Array.isArray(raw?.files)
    ? raw.files.filter((glob): glob is string => typeof glob === 'string' && glob !== '')
    : DEFAULT_FILE_GLOBS;
  return {
    deployment: parseDeployment(typeof raw?.deployment === 'string' ? raw.deployment : undefined),
    version: parseVersion(typeof raw?.version === 'string' ? raw.version : undefined),
    files,
  };
}

/** True when two sets of lint options check a file the same way. */
export function sameLintOptions(a: LintOptions, b: LintOptions): boolean {
  const filesA = a.files ?? DEFAULT_FILE_GLOBS;
  const filesB = b.files ?? DEFAULT_FILE_GLOBS;
  return (
    a.deployment === b.deployment &&
    a.version === b.version &&
    filesA.length === filesB.length &&
    filesA.every((glob, index) => glob === filesB[index])
  );
}
