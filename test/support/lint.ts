import { lint, type Finding, type LintOptions, type Severity } from '../../server/src/engine';

/** A finding as tests compare it: where it is in words, not offsets. */
export interface Seen {
  ruleId: string;
  severity: Severity;
  /** The text the finding underlines. */
  text: string;
  /** 1-based line of its start. */
  line: number;
}

/** Removes the common leading indentation of a template literal, so YAML reads naturally. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, index) => text + part + (values[index] ?? ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => /^ */.exec(line)![0].length);
  const common = Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

export function see(text: string, finding: Finding): Seen {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    text: text.slice(finding.start, finding.end),
    line: text.slice(0, finding.start).split('\n').length,
  };
}

/** The findings of one rule, as seen. */
export function findingsOf(text: string, ruleId: string, options: LintOptions = {}): Seen[] {
  return lint(text, options)
    .findings.filter((finding) => finding.ruleId === ruleId)
    .map((finding) => see(text, finding));
}

/** The messages of one rule's findings, in order. */
export function messagesOf(text: string, ruleId: string, options: LintOptions = {}): string[] {
  return lint(text, options)
    .findings.filter((finding) => finding.ruleId === ruleId)
    .map((finding) => finding.message);
}

/** The one finding of a rule, for a test that needs its fixes or message. */
export function onlyFinding(text: string, ruleId: string, options: LintOptions = {}): Finding {
  const found = lint(text, options).findings.filter((finding) => finding.ruleId === ruleId);
  if (found.length !== 1) throw new Error(`expected one ${ruleId} finding, got ${found.length}`);
  return found[0];
}

/** The rule ids that fire, in order. */
export function ruleIds(text: string, options: LintOptions = {}): string[] {
  return lint(text, options).findings.map((finding) => finding.ruleId);
}
