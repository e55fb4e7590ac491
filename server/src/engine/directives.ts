import {
  AUTHELIA_VERSIONS,
  DEFAULT_VERSION,
  type AutheliaVersion,
  type Deployment,
  type LintOptions,
} from './finding';

/** What the file itself says about how to check it. */
export interface FileDirectives {
  /** From `# authelia-lint: deployment=single|ha`. */
  deployment?: Deployment;
  /** From `# authelia-lint: version=4.38`. */
  version?: AutheliaVersion;
  /** From an Authelia `$schema` modeline. */
  schemaVersion?: AutheliaVersion;
  /** True when the file carries an Authelia `$schema` modeline. */
  hasAutheliaModeline: boolean;
}

const LINT_MARKER = 'authelia-lint:';
/** What may stand between a line's start and the marker for the line to be a lint comment. */
const COMMENT_START = /^[ \t]*#[ \t]*$/;
const MODELINE = /^[ \t]*#[ \t]*yaml-language-server:[ \t]*\$schema=(\S+)/m;
const AUTHELIA_SCHEMA = /authelia\.com\/schemas\/(latest|v(\d+\.\d+))\//;

/** Reads the in-file comments that steer the linter. */
export function readDirectives(text: string): FileDirectives {
  const directives: FileDirectives = { hasAutheliaModeline: false };
  for (const settings of lintComments(text)) {
    for (const [, name, value] of settings.matchAll(/([a-z]+)[ \t]*=[ \t]*([A-Za-z0-9.]+)/g)) {
      if (name === 'deployment') directives.deployment = parseDeployment(value);
      if (name === 'version') directives.version = parseVersion(value);
    }
  }

  const modeline = text.includes('yaml-language-server:') ? MODELINE.exec(text) : null;
  const schema = modeline ? AUTHELIA_SCHEMA.exec(modeline[1]) : null;
  if (schema) {
    directives.hasAutheliaModeline = true;
    directives.schemaVersion = schema[1] === 'latest' ? DEFAULT_VERSION : parseVersion(schema[2]);
  }

  return directives;
}

/**
 * The text after `authelia-lint:` on each comment line that holds nothing before it. The marker
 * is found by `indexOf` and each line checked around it: a multiline regular expression tried
 * every line start of the text, 3 ms a lint on 43,000 lines, and a lint runs at every keystroke.
 */
function lintComments(text: string): string[] {
  const found: string[] = [];
  for (
    let at = text.indexOf(LINT_MARKER);
    at >= 0;
    at = text.indexOf(LINT_MARKER, at + LINT_MARKER.length)
  ) {
    let lineStart = at;
    while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
    if (!COMMENT_START.test(text.slice(lineStart, at))) continue;

    const settingsStart = at + LINT_MARKER.length;
    let lineEnd = settingsStart;
    while (lineEnd < text.length && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    found.push(text.slice(settingsStart, lineEnd));
  }
  return found;
}

/** The characters that end a line for a JavaScript regular expression's `^`, `$` and `.`. */
function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** `ha`, `highAvailability` or `single`, as written in a comment, setting or flag. */
export function parseDeployment(value: string | undefined): Deployment | undefined {
  const word = value?.trim().toLowerCase();
  if (word === 'ha' || word === 'highavailability') return 'highAvailability';
  if (word === 'single') return 'single';
  return undefined;
}

/** A known minor version from text such as `4.38`, `v4.38` or `4.38.19`. */
export function parseVersion(value: string | undefined): AutheliaVersion | undefined {
  const match = /^v?(\d+\.\d+)(\.\d+)?$/.exec(value?.trim() ?? '');
  const minor = match?.[1];
  return AUTHELIA_VERSIONS.find((known) => known === minor);
}

/** The deployment and version to check for, in the documented order of precedence. */
export function resolveTarget(
  directives: FileDirectives,
  options: LintOptions,
): { deployment: Deployment; version: AutheliaVersion } {
  return {
    deployment: directives.deployment ?? options.deployment ?? 'highAvailability',
    version: directives.version ?? directives.schemaVersion ?? options.version ?? DEFAULT_VERSION,
  };
}
