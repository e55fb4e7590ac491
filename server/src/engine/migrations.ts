import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { ConfigDocument, type KeyedPair } from './config-document';
import type { AutheliaVersion, Fix } from './finding';
import { specAt, type PathStep } from './model';
import { walkConfig, type Visit } from './model-walk';
import { versionAtLeast } from './rules/schema/common';
import { diffEdit } from './text-diff';
import {
  applyEdits,
  insertIntoMap,
  insertUnderEmptyKey,
  isEmptyValue,
  removeEntry,
  removeKeyedEntry,
  setValue,
  type StubEntry,
} from './yaml-edits';

/**
 * Moving deprecated keys to the layout Authelia reads today. Each migration rewrites the text
 * and re-parses it, so several can run one after another; a fix is then the smallest edit
 * between the old and the new text.
 */

/** The placeholder written where Authelia's portal URL cannot be guessed. It is flagged. */
export const AUTHELIA_URL_PLACEHOLDER = 'https://auth.CHANGE-ME.invalid';

/** Host and port keys that Authelia 4.38 folded into one `address`. */
const ADDRESS_GROUPS: { parent: string[]; keys: string[] }[] = [
  { parent: ['server'], keys: ['host', 'port', 'path'] },
  { parent: ['storage', 'mysql'], keys: ['host', 'port'] },
  { parent: ['storage', 'postgres'], keys: ['host', 'port'] },
  { parent: ['notifier', 'smtp'], keys: ['host', 'port'] },
];

/** The place a deprecated key's replacement lives, next to the deprecated key where it can. */
export function replacementPath(visit: Visit, replacement: string): PathStep[] {
  const target = replacement.replace(/\[[^\]]*\]/g, '').split('.');
  const result: PathStep[] = [];
  let matched = 0;
  for (const step of visit.path.slice(0, -1)) {
    if (typeof step === 'number') {
      if (matched > 0) result.push(step);
      continue;
    }
    if (target[matched] !== step) break;
    result.push(step);
    matched++;
  }
  return [...result, ...target.slice(matched)];
}

/** True when the config has a value at a path of keys and list indexes. */
export function hasPath(config: ConfigDocument, path: readonly PathStep[]): boolean {
  let node: unknown = config.document.contents;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(node)) return false;
      node = node.items[step];
    } else {
      const found = config.entry(node, step);
      if (!found) return false;
      node = found.pair.value;
    }
  }
  return true;
}

/** The fix that migrates one deprecated key, or undefined when it needs a person. */
export function migrationFix(config: ConfigDocument, visit: Visit): Fix | undefined {
  const migrated = migrateOne(config, visit);
  const edit = migrated && diffEdit(config.text, migrated.text);
  return edit && { title: migrated.title, preferred: true, edits: [edit] };
}

/** The title of the whole-file migration for a target version. */
export function migrateFileTitle(version: AutheliaVersion): string {
  return `Migrate this file to the ${version} layout`;
}

/**
 * Migrates every key deprecated in the target version that it can, one after another, as one
 * fix. Keys deprecated only in a later version stay, so the result is valid for the target.
 */
export function migrateFileFix(config: ConfigDocument, version: AutheliaVersion): Fix | undefined {
  let current = config;
  const skipped = new Set<string>();
  for (let round = 0; round < 200; round++) {
    const next = walkConfig(current, version).find(
      (visit) =>
        visit.spec?.deprecated &&
        versionAtLeast(version, visit.spec.deprecated.since) &&
        visit.entry &&
        !skipped.has(visit.pathText),
    );
    if (!next) break;
    const migrated = migrateOne(current, next);
    if (!migrated || migrated.text === current.text) {
      skipped.add(next.pathText);
      continue;
    }
    current = new ConfigDocument(migrated.text);
  }
  const edit = diffEdit(config.text, current.text);
  return edit && { title: migrateFileTitle(version), edits: [edit] };
}

interface Migrated {
  title: string;
  text: string;
}

function migrateOne(config: ConfigDocument, visit: Visit): Migrated | undefined {
  const deprecation = visit.spec?.deprecated;
  const entry = visit.entry;
  if (!deprecation || !entry || !visit.parent) return undefined;

  const parentPath = visit.path.slice(0, -1);
  const group = ADDRESS_GROUPS.find(
    (candidate) => samePath(candidate.parent, parentPath) && candidate.keys.includes(entry.key),
  );
  if (group) return foldIntoAddress(config, visit.parent, group.parent);
  if (samePath(visit.path, ['host']) || samePath(visit.path, ['port']))
    return rootServerKey(config, entry);
  if (samePath(visit.path, ['session', 'domain'])) return sessionDomainToCookies(config);
  if (samePath(visit.path, ['default_redirection_url']))
    return redirectionIntoCookies(config, entry);
  const issuerKey =
    samePath(parentPath, ['identity_providers', 'oidc']) && entry.key.startsWith('issuer_');
  if (issuerKey && !config.entryAt(['identity_providers', 'oidc', 'jwks']))
    return issuerKeyToJwks(config);

  if (!deprecation.replacement) {
    return {
      title: 'Delete the deprecated key',
      text: applyEdits(config.text, [removeKeyedEntry(config, visit.parent, entry)]),
    };
  }

  const target = replacementPath(visit, deprecation.replacement);
  if (hasPath(config, target)) {
    return {
      title: 'Delete the deprecated key',
      text: applyEdits(config.text, [removeKeyedEntry(config, visit.parent, entry)]),
    };
  }

  const targetSpec = specAt(target);
  if (targetSpec && visit.spec && targetSpec.kind !== visit.spec.kind) return undefined;

  const targetName = String(target[target.length - 1]);
  if (samePath(target.slice(0, -1), parentPath)) {
    return {
      title: `Rename ${entry.key} to ${targetName}`,
      text: applyEdits(config.text, [
        { start: entry.keyStart, end: entry.keyEnd, newText: targetName },
      ]),
    };
  }

  const value = entry.pair.value;
  if (!isScalar(value) || !value.range || target.some((step) => typeof step === 'number'))
    return undefined;
  const valueText =
    config.text.slice(value.range[0], value.range[1]) + trailingComment(config, value);
  if (valueText.includes('\n')) return undefined;

  const removed = applyEdits(config.text, [removeKeyedEntry(config, visit.parent, entry)]);
  const afterRemoval = new ConfigDocument(removed);
  const insert = setValue(afterRemoval, target as string[], valueText);
  if (!insert) return undefined;
  return { title: `Move to ${target.join('.')}`, text: applyEdits(removed, [insert]) };
}

/** `host`, `port` (and `path`) become one `address` in the same mapping. */
function foldIntoAddress(
  config: ConfigDocument,
  parent: YAMLMap,
  parentPath: string[],
): Migrated | undefined {
  if (config.entry(parent, 'address')) {
    const doomed = ['host', 'port', 'path'].flatMap((key) =>
      config.entry(parent, key) ? [key] : [],
    );
    return {
      title: 'Delete the old host and port keys',
      text: removeKeys(config, parentPath, doomed),
    };
  }

  const read = (key: string) => {
    const value = config.entry(parent, key)?.pair.value;
    return isScalar(value) && value.value !== null ? String(value.value) : undefined;
  };
  const comments = ['host', 'port', 'path']
    .map((key) =>
      trailingComment(config, config.entry(parent, key)?.pair.value).replace(/^\s+#/, ''),
    )
    .filter(Boolean);
  const host = read('host');
  const port = read('port');
  const path = read('path');
  if ([host, port, path].some((part) => part?.includes('{{'))) return undefined;

  const address = buildAddress(parentPath.join('.'), host, port, path);
  const removed = removeKeys(
    config,
    parentPath,
    ['host', 'port', 'path'].filter((key) => config.entry(parent, key)),
  );
  const afterRemoval = new ConfigDocument(removed);
  const comment = comments.length > 0 ? `  #${comments.join(';')}` : '';
  const insert = setValue(afterRemoval, [...parentPath, 'address'], `'${address}'${comment}`);
  if (!insert) return undefined;
  return {
    title: `Combine host and port into address: '${address}'`,
    text: applyEdits(removed, [insert]),
  };
}

/** Writes the address Authelia itself derives from the old keys. */
export function buildAddress(section: string, host?: string, port?: string, path?: string): string {
  if (section === 'notifier.smtp') {
    const scheme = port === '465' ? 'submissions' : port === '587' ? 'submission' : 'smtp';
    return `${scheme}://${host || 'localhost'}:${port || '25'}`;
  }
  if (section === 'server') {
    const suffix = path ? `/${path.replace(/^\/+/, '')}` : '/';
    return `tcp://${host && host !== '0.0.0.0' ? host : ''}:${port || '9091'}${suffix}`;
  }
  if (host?.startsWith('/')) return `unix://${host}`;
  const defaultPort = section === 'storage.mysql' ? '3306' : '5432';
  return `tcp://${host || 'localhost'}:${port || defaultPort}`;
}

/** Root `host`/`port` are server settings from before 4.30; they land in `server.address`. */
function rootServerKey(config: ConfigDocument, entry: KeyedPair): Migrated | undefined {
  const root = config.root;
  if (!root) return undefined;
  const value = entry.pair.value;
  if (!isScalar(value) || value.value === null) return undefined;
  const removed = applyEdits(config.text, [removeKeyedEntry(config, root, entry)]);
  const afterRemoval = new ConfigDocument(removed);
  const insert = setValue(
    afterRemoval,
    ['server', entry.key],
    String(value.value) + trailingComment(config, value),
  );
  return insert && { title: `Move to server.${entry.key}`, text: applyEdits(removed, [insert]) };
}

/** `session.domain` (one or several) becomes a `session.cookies` list, one entry per domain. */
function sessionDomainToCookies(config: ConfigDocument): Migrated | undefined {
  const session = config.mapAt(['session']);
  if (!session || config.entryAt(['session', 'cookies'])) return undefined;
  const domains = session.items.filter((pair) => isScalar(pair.key) && pair.key.value === 'domain');
  const names = domains.map((pair) => (isScalar(pair.value) ? String(pair.value.value ?? '') : ''));
  if (names.some((name) => name === '' || name.includes('{{'))) return undefined;

  const redirect = config.scalarAt(['default_redirection_url']);
  const unit = config.indentUnit;
  const items = names.flatMap((domain, index) => {
    const lines = [
      `- domain: '${domain}'${trailingComment(config, domains[index].value)}`,
      `authelia_url: '${AUTHELIA_URL_PLACEHOLDER}'`,
      '# write the URL of the Authelia portal for this domain above',
    ];
    if (typeof redirect === 'string' && urlInside(redirect, domain)) {
      lines.push(`default_redirection_url: '${redirect}'`);
    }
    return lines.map((line, i) => (i === 0 ? line : ' '.repeat(Math.max(2, unit)) + line));
  });

  let text = config.text;
  for (let i = domains.length - 1; i >= 0; i--) {
    const current = new ConfigDocument(text);
    const currentSession = current.mapAt(['session'])!;
    const index = currentSession.items.findIndex(
      (pair) => isScalar(pair.key) && pair.key.value === 'domain',
    );
    text = applyEdits(text, [removeEntry(current, currentSession, index)]);
  }
  if (items.some((line) => line.trimStart().startsWith('default_redirection_url:'))) {
    const current = new ConfigDocument(text);
    const root = current.root!;
    const index = root.items.findIndex(
      (pair) => isScalar(pair.key) && pair.key.value === 'default_redirection_url',
    );
    if (index >= 0) text = applyEdits(text, [removeEntry(current, root, index)]);
  }

  const edit = insertEntries(
    new ConfigDocument(text),
    ['session'],
    [{ key: 'cookies', value: [{ raw: items }] }],
  );
  if (!edit) return undefined;
  return {
    title: 'Convert to session.cookies with one entry per domain',
    text: applyEdits(text, [edit]),
  };
}

/** Adds block entries to the mapping at a path, or under its key when it is empty. */
function insertEntries(config: ConfigDocument, path: string[], entries: StubEntry[]) {
  const entry = config.entryAt(path);
  const value = entry?.pair.value;
  if (!entry) return undefined;
  if (isMap(value) && !value.flow) return insertIntoMap(config, value, entries);
  if (isEmptyValue(value)) return insertUnderEmptyKey(config, entry, entries);
  return undefined;
}

/** The comment written after a one-line scalar on its line, ready to append to a new line. */
function trailingComment(config: ConfigDocument, node: unknown): string {
  if (!isScalar(node) || !node.range || node.type?.startsWith('BLOCK')) return '';
  const end = node.range[1];
  const comment = /^\s*(#.*)$/.exec(config.text.slice(end, config.lineEnd(end)));
  return comment ? `  ${comment[1].trimEnd()}` : '';
}

/**
 * `issuer_private_key` (and `issuer_certificate_chain`) become the first entry of `jwks`. A
 * PEM block keeps its text, indented to its new place.
 */
function issuerKeyToJwks(config: ConfigDocument): Migrated | undefined {
  const oidcPath = ['identity_providers', 'oidc'];
  const oidc = config.mapAt(oidcPath);
  if (
    !oidc ||
    oidc.flow ||
    !config.entry(oidc, 'issuer_private_key') ||
    config.entry(oidc, 'jwks')
  ) {
    return undefined;
  }

  const unit = config.indentUnit;
  const item: string[] = [];
  for (const [name, newKey] of [
    ['issuer_private_key', 'key'],
    ['issuer_certificate_chain', 'certificate_chain'],
  ]) {
    const entry = config.entry(oidc, name);
    if (!entry) continue;
    const lines = valueLines(config, entry, 2 + unit);
    if (!lines) return undefined;
    const [first, ...rest] = lines;
    item.push(`${item.length === 0 ? '- ' : '  '}${newKey}: ${first}`, ...rest);
  }

  const present = ['issuer_private_key', 'issuer_certificate_chain'].filter((name) =>
    config.entry(oidc, name),
  );
  const text = removeKeys(config, oidcPath, present);
  const edit = insertEntries(new ConfigDocument(text), oidcPath, [
    { key: 'jwks', value: [{ raw: item }] },
  ]);
  return edit && { title: 'Move the issuer key into jwks', text: applyEdits(text, [edit]) };
}

/**
 * A value's text as lines for a new place: a one-line value as it is (with its comment), or a
 * block scalar whose content lines are indented `contentIndent` past the new list item's dash.
 */
function valueLines(
  config: ConfigDocument,
  entry: KeyedPair,
  contentIndent: number,
): string[] | undefined {
  const value = entry.pair.value;
  if (!isScalar(value) || !value.range) return undefined;
  const source = config.text.slice(value.range[0], value.range[1]).replace(/\n+$/, '');
  const [header, ...content] = source.split('\n');
  if (content.length === 0) return [header + trailingComment(config, value)];
  if (!/^[|>]/.test(header)) return undefined;

  const indents = content
    .filter((line) => line.trim() !== '')
    .map((line) => /^ */.exec(line)![0].length);
  const oldColumn = Math.min(...indents);
  const pad = ' '.repeat(contentIndent);
  return [
    header,
    ...content.map((line) => (line.trim() === '' ? '' : pad + line.slice(oldColumn))),
  ];
}

/** Root `default_redirection_url` moves into the cookie entry whose domain holds it. */
function redirectionIntoCookies(config: ConfigDocument, entry: KeyedPair): Migrated | undefined {
  const url = isScalar(entry.pair.value) ? entry.pair.value.value : undefined;
  const cookies = config.valueAt(['session', 'cookies']);
  if (!cookies && config.entryAt(['session', 'domain'])) return sessionDomainToCookies(config);
  if (typeof url !== 'string' || !isSeq(cookies)) return undefined;

  const index = cookies.items.findIndex((item) => {
    const domain = isMap(item) ? config.entry(item, 'domain')?.pair.value : undefined;
    return isScalar(domain) && typeof domain.value === 'string' && urlInside(url, domain.value);
  });
  const cookie = cookies.items[index];
  if (!isMap(cookie) || config.entry(cookie, 'default_redirection_url')) return undefined;

  const root = config.root!;
  const removed = applyEdits(config.text, [removeKeyedEntry(config, root, entry)]);
  const afterRemoval = new ConfigDocument(removed);
  const target = (afterRemoval.valueAt(['session', 'cookies']) as { items: unknown[] }).items[
    index
  ];
  if (!isMap(target)) return undefined;
  const insert = insertIntoMap(afterRemoval, target, [
    { key: 'default_redirection_url', value: `'${url}'` },
  ]);
  return {
    title: 'Move default_redirection_url into the matching session.cookies entry',
    text: applyEdits(removed, [insert]),
  };
}

/** True when a URL's host is the cookie domain or below it. */
export function urlInside(url: string, domain: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    const cookieDomain = domain.toLowerCase().replace(/^\./, '').replace(/:\d+$/, '');
    return host === cookieDomain || host.endsWith(`.${cookieDomain}`);
  } catch {
    return false;
  }
}

function removeKeys(config: ConfigDocument, parentPath: string[], keys: string[]): string {
  let text = config.text;
  for (const key of keys) {
    const current = new ConfigDocument(text);
    const parent = current.mapAt(parentPath);
    const index =
      parent?.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === key) ?? -1;
    if (parent && index >= 0) text = applyEdits(text, [removeEntry(current, parent, index)]);
  }
  return text;
}

function samePath(a: readonly PathStep[], b: readonly PathStep[]): boolean {
  return a.length === b.length && a.every((step, index) => step === b[index]);
}
