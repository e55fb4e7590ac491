import { minimatch } from 'minimatch';
import type { ConfigDocument } from './config-document';
import type { FileDirectives } from './directives';
import { DEFAULT_FILE_GLOBS } from './finding';

/**
 * Top-level sections that only Authelia uses. `server`, `log` and `theme` are left out on
 * purpose: many other programs have them too.
 */
export const AUTHELIA_SECTIONS: ReadonlySet<string> = new Set([
  'authentication_backend',
  'access_control',
  'session',
  'storage',
  'notifier',
  'identity_providers',
  'identity_validation',
  'totp',
  'webauthn',
  'duo_api',
  'regulation',
  'password_policy',
]);

/**
 * How a YAML file counts as an Authelia config: `whole` when it carries Authelia's schema
 * modeline or has two of Authelia's own sections; `fragment` when it only sits where the
 * `files` globs point and has one section (Authelia merges several files, so the other
 * sections may live elsewhere); undefined when it is not an Authelia config.
 */
export function autheliaConfigKind(
  config: ConfigDocument,
  directives: FileDirectives,
  path: string | undefined,
  globs: readonly string[] = DEFAULT_FILE_GLOBS,
): 'whole' | 'fragment' | undefined {
  if (directives.hasAutheliaModeline) return 'whole';

  const sections = countSections(config);
  if (sections >= 2) return 'whole';

  return sections === 1 && path !== undefined && matchesGlobs(path, globs) ? 'fragment' : undefined;
}

/** True when a path or `file:` URI matches one of the globs. */
export function matchesGlobs(path: string, globs: readonly string[]): boolean {
  const normalized = toPosixPath(path);
  return globs.some((glob) => minimatch(normalized, glob, { dot: true, nocase: true }));
}

function toPosixPath(path: string): string {
  let result = path;
  if (result.startsWith('file://')) {
    try {
      result = decodeURIComponent(new URL(result).pathname);
    } catch {
      result = result.slice('file://'.length);
    }
  }
  return result.replace(/\\/g, '/');
}

/**
 * The Authelia sections at the top level. When the YAML is broken, an unclosed quote can
 * swallow later sections, so lines that start with a section key count too.
 */
function countSections(config: ConfigDocument): number {
  const keys = new Set(config.topLevelKeys().filter((key) => AUTHELIA_SECTIONS.has(key)));
  if (config.document.errors.length > 0) {
    for (const match of config.text.matchAll(/^([a-z_]+):/gm)) {
      if (AUTHELIA_SECTIONS.has(match[1])) keys.add(match[1]);
    }
  }
  return keys.size;
}
