import type { AutheliaVersion } from './finding';
import type { LintResult } from './index';
import { keyDocs } from './key-docs';
import { knownIn, specAt, type KeySpec, type PathStep } from './model';
import { ldapStub, redisStub, smtpStub, sqlStub } from './provider-stubs';
import { versionAtLeast } from './rules/schema/common';
import { renderBlock, type StubEntry } from './yaml-edits';

/** One completion, in offsets; the shells turn it into their own item type. */
export interface Completion {
  label: string;
  kind: 'key' | 'value' | 'snippet';
  /** Short text beside the label: the type, or what a snippet adds. */
  detail?: string;
  /** Markdown documentation. */
  documentation?: string;
  /** Text to insert; for a snippet, in snippet syntax with `$` escaped. */
  insertText: string;
  isSnippet: boolean;
  /** The text the completion replaces: the word typed so far. */
  replaceStart: number;
  replaceEnd: number;
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z0-9_]*)$/;
const VALUE_LINE = /^(\s*)(-\s+)?([A-Za-z0-9_.]+):\s+(['"]?)([^'"#]*)$/;
const LIST_VALUE_LINE = /^(\s*)-\s+(['"]?)([^'"#:]*)$/;
const ANCESTOR_LINE =
  /^(\s*)(-\s+)?([A-Za-z0-9_./~:-]+):(\s*(#.*)?)?$|^(\s*)(-\s+)?([A-Za-z0-9_./~:-]+):\s/;

/** Provider blocks offered as snippets under their section. */
function providerSnippets(
  section: string,
  version: AutheliaVersion,
): { key: string; entries: StubEntry[]; detail: string }[] {
  switch (section) {
    case 'session':
      return [
        { key: 'redis', entries: redisStub(false), detail: 'Redis session provider (stateless)' },
      ];
    case 'storage':
      return [
        {
          key: 'postgres',
          entries: sqlStub('postgres', version),
          detail: 'PostgreSQL storage (stateless)',
        },
        {
          key: 'mysql',
          entries: sqlStub('mysql', version),
          detail: 'MySQL or MariaDB storage (stateless)',
        },
      ];
    case 'notifier':
      return [{ key: 'smtp', entries: smtpStub(version), detail: 'SMTP notifier (stateless)' }];
    case 'authentication_backend':
      return [{ key: 'ldap', entries: ldapStub(version), detail: 'LDAP backend (stateless)' }];
    default:
      return [];
  }
}

/**
 * Completions at `offset`: keys valid at that place for the target version (leaving out those
 * already there), provider blocks as snippets, and allowed values or booleans after a key.
 * Works from the text around the cursor, since a half-typed key is rarely valid YAML.
 */
export function completeAt(result: LintResult, text: string, offset: number): Completion[] {
  if (!result.checked) return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lines = text.slice(0, lineStart).split(/\r?\n/);
  lines.pop();

  const valueLine = VALUE_LINE.exec(before);
  if (valueLine) {
    const column = valueLine[1].length + (valueLine[2]?.length ?? 0);
    const parent = parentPath(lines, column, valueLine[2] !== undefined);
    const spec = parent && specAt([...parent, valueLine[3]]);
    return valueCompletions(spec, offset - valueLine[5].length, offset, valueLine[4]);
  }

  const listValue = LIST_VALUE_LINE.exec(before);
  if (listValue) {
    const parent = parentPath(lines, listValue[1].length, true);
    const spec = parent && specAt(parent.slice(0, -1));
    if (spec?.kind === 'list' && spec.item.kind === 'scalar') {
      return valueCompletions(spec.item, offset - listValue[3].length, offset, listValue[2]);
    }
  }

  const keyLine = KEY_LINE.exec(before);
  if (!keyLine) return [];
  const column = keyLine[1].length + (keyLine[2]?.length ?? 0);
  const parent = parentPath(lines, column, keyLine[2] !== undefined);
  if (!parent) return [];

  const spec = specAt(parent);
  const map = spec?.kind === 'list' ? spec.item : spec;
  if (map?.kind !== 'map') return [];

  const present = siblingKeys(text, lineStart, column);
  const start = offset - keyLine[3].length;
  const completions: Completion[] = [];
  for (const [name, child] of Object.entries(map.keys)) {
    const deprecated = child.deprecated && versionAtLeast(result.version, child.deprecated.since);
    if (present.has(name) || !knownIn(child, result.version) || deprecated || child.removed)
      continue;
    completions.push({
      label: name,
      kind: 'key',
      detail: child.summary,
      documentation: keyDocs(child, [...parent, name], result.version),
      insertText: child.kind === 'scalar' ? `${name}: ` : `${name}:`,
      isSnippet: false,
      replaceStart: start,
      replaceEnd: offset,
    });
  }

  if (parent.length === 1 && typeof parent[0] === 'string') {
    for (const snippet of providerSnippets(parent[0], result.version)) {
      if (present.has(snippet.key)) continue;
      const body = renderBlock(snippet.entries, 2, 2).join('\n');
      completions.push({
        label: `${snippet.key} (block)`,
        kind: 'snippet',
        detail: snippet.detail,
        insertText: escapeSnippet(`${snippet.key}:\n${body}`) + '\n$0',
        isSnippet: true,
        replaceStart: start,
        replaceEnd: offset,
      });
    }
  }
  return completions;
}

function valueCompletions(
  spec: KeySpec | undefined,
  start: number,
  end: number,
  quote: string,
): Completion[] {
  if (spec?.kind !== 'scalar') return [];
  const types = Array.isArray(spec.type) ? spec.type : [spec.type];
  const values = types.includes('boolean')
    ? ['true', 'false']
    : (spec.values ?? []).filter((value) => value !== '');
  return values.map((value) => ({
    label: value,
    kind: 'value',
    detail: spec.default !== undefined && String(spec.default) === value ? 'default' : undefined,
    insertText:
      quote === '' && !types.includes('boolean') && needsQuotes(value) ? `'${value}'` : value,
    isSnippet: false,
    replaceStart: start,
    replaceEnd: end,
  }));
}

/**
 * The key path of the mapping a line at `column` belongs to, read from the lines above by
 * their indentation. A list item adds an index step. Undefined when the lines do not say.
 */
export function parentPath(
  lines: string[],
  column: number,
  startsItem: boolean,
): PathStep[] | undefined {
  const path: PathStep[] = [];
  let limit = column;
  let inItem = startsItem;
  let itemDash = startsItem ? column - 2 : -1;

  for (let index = lines.length - 1; index >= 0 && limit > 0; index--) {
    const line = lines[index];
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = ANCESTOR_LINE.exec(line);
    const indent = /^\s*/.exec(line)![0].length;
    const dash = /^\s*-\s+/.exec(line)?.[0].length;
    const keyColumn = dash ?? indent;

    if (inItem) {
      if (dash !== undefined && indent === itemDash) {
        if (match && keyColumn < limit) {
          path.unshift(match[3] ?? match[8]);
        }
        continue;
      }
      if (indent > itemDash) continue;
      if (!match || (match[2] ?? match[7])) return undefined;
      path.unshift(0);
      path.unshift(match[3] ?? match[8]);
      limit = indent;
      inItem = false;
      continue;
    }

    if (keyColumn >= limit) continue;
    if (dash !== undefined) {
      if (match && (match[2] ?? match[7])) path.unshift(match[3] ?? match[8]);
      inItem = true;
      itemDash = indent;
      limit = indent + 1;
      continue;
    }
    if (!match) return undefined;
    path.unshift(match[3] ?? match[8]);
    limit = indent;
  }
  return path;
}

/** Keys already written at the same column in the same block, above and below the cursor. */
function siblingKeys(text: string, lineStart: number, column: number): Set<string> {
  const lines = text.split(/\r?\n/);
  const current = text.slice(0, lineStart).split(/\r?\n/).length - 1;
  const keys = new Set<string>();
  for (const direction of [-1, 1]) {
    for (let index = current + direction; index >= 0 && index < lines.length; index += direction) {
      const line = lines[index];
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const indent = /^\s*/.exec(line)![0].length;
      const dash = /^\s*-\s+/.exec(line)?.[0].length;
      const keyColumn = dash ?? indent;
      if (keyColumn < column) break;
      if (keyColumn === column) {
        const key = /^\s*(?:-\s+)?([A-Za-z0-9_]+):/.exec(line);
        if (key) keys.add(key[1]);
        if (dash !== undefined) break;
      }
    }
  }
  return keys;
}

function needsQuotes(value: string): boolean {
  return /^[\s@`%&*!|>'"{}[\],#?:-]|: | #/.test(value);
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (character) => `\\${character}`);
}
