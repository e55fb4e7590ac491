import { ConfigDocument } from './config-document';
import { autheliaConfigKind } from './detect';
import { CONFIGURATION_URL, SECRETS_URL, docsUrl } from './docs-links';
import { pathAt } from './key-path';
import { readDirectives, resolveTarget } from './directives';
import type { AutheliaVersion, Deployment, Finding, LintOptions } from './finding';
import { reparse } from './incremental';
import { planRecheck } from './recheck';
import { RuleContext } from './rule';
import { RULES } from './rules';

export * from './finding';
export { ConfigDocument } from './config-document';
export { hoverAt } from './hover';
export { completeAt, type Completion } from './complete';
export { applyEdits } from './yaml-edits';
export { parseDeployment, parseVersion } from './directives';
export { RULES } from './rules';

/** Files larger than this are not checked: no Authelia config comes near it. */
export const MAX_TEXT_LENGTH = 16 * 1024 * 1024;

/** Why a text was not checked. */
export type SkipReason = 'not-authelia' | 'binary' | 'too-large';

/** The outcome of checking one text. */
export interface LintResult {
  /** False when the text is not an Authelia config, or could not be checked. */
  checked: boolean;
  skipped?: SkipReason;
  deployment: Deployment;
  version: AutheliaVersion;
  findings: Finding[];
  /** The parse, for hovers and later requests on the same text. */
  config?: ConfigDocument;
  /** Rules that failed on this text, for the log; their findings are missing. */
  ruleFailures: { ruleId: string; error: string }[];
}

/**
 * Checks one config text. Never throws: a text that is binary, huge or not an Authelia config
 * gives no findings, and a rule that fails is left out and named in `ruleFailures`. Given the
 * parse of an earlier version of the same document, only the part an edit touched is parsed
 * again; that earlier parse must not be used afterwards.
 */
export function lint(
  text: string,
  options: LintOptions = {},
  previous?: ConfigDocument,
): LintResult {
  const directives = readDirectives(text.length > MAX_TEXT_LENGTH ? '' : text);
  const target = resolveTarget(directives, options);
  const empty = (skipped: SkipReason): LintResult => ({
    checked: false,
    skipped,
    ...target,
    findings: [],
    ruleFailures: [],
  });

  if (text.length > MAX_TEXT_LENGTH) return empty('too-large');
  if (text.includes('\u0000')) return empty('binary');

  const config =
    (previous && reparseSafely(previous, text)) ??
    new ConfigDocument(text, undefined, target.version);
  const kind = autheliaConfigKind(config, directives, options.path, options.files);
  if (!kind) return { ...empty('not-authelia'), config };

  const ruleFailures: LintResult['ruleFailures'] = [];
  const context = new RuleContext(config, target.deployment, target.version, kind === 'fragment');
  const targetKey = `${target.deployment} ${target.version} ${kind}`;
  const splice = config.splice;
  const recheck = safely(() => planRecheck(context, splice, targetKey));
  context.partial = recheck !== undefined;

  const fresh: Finding[] = [];
  for (const rule of RULES) {
    const partial = recheck !== undefined && rule.local === true;
    context.scope = partial ? recheck.scope : undefined;
    try {
      const found = rule.check(context);
      fresh.push(
        ...(partial
          ? found.filter((f) => f.start >= recheck.start && f.start <= recheck.end)
          : found),
      );
    } catch (error) {
      ruleFailures.push({
        ruleId: rule.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  context.scope = undefined;

  linkDocs(config, fresh);
  const findings = [...(recheck?.kept ?? []), ...fresh].sort(byPlaceThenRule);
  config.lastLint =
    ruleFailures.length === 0
      ? { target: targetKey, findings, localRules: LOCAL_RULES }
      : undefined;
  return { checked: true, ...target, findings, config, ruleFailures };
}

/** An incremental re-parse, or undefined when it fails in any way. */
function reparseSafely(previous: ConfigDocument, text: string): ConfigDocument | undefined {
  try {
    return reparse(previous, text);
  } catch {
    return undefined;
  }
}

/** Gives each finding without a link the documentation page of the key it sits on. */
function linkDocs(config: ConfigDocument, findings: Finding[]): void {
  for (const finding of findings) {
    if (finding.href || finding.ruleId.startsWith('yaml/')) continue;
    if (finding.ruleId.startsWith('secret/')) {
      finding.href = SECRETS_URL;
      continue;
    }
    const path = pathAt(config, finding.start);
    finding.href = path ? docsUrl(path) : CONFIGURATION_URL;
  }
}

/** The rules whose findings a partial check keeps outside the edited item. */
const LOCAL_RULES: ReadonlySet<string> = new Set(
  RULES.filter((rule) => rule.local).map((rule) => rule.id),
);

const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));

/** Findings by position, then in the order of the rule list. */
function byPlaceThenRule(a: Finding, b: Finding): number {
  return (
    a.start - b.start || a.end - b.end || RULE_ORDER.get(a.ruleId)! - RULE_ORDER.get(b.ruleId)!
  );
}

/** A planning step that must never break a lint: any failure means a full check. */
function safely<T>(plan: () => T): T | undefined {
  try {
    return plan();
  } catch {
    return undefined;
  }
}
