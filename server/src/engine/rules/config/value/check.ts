import type { ConfigDocument } from '../../../config-document';
import { startOf, valueEndOf } from '../../../block-yaml';
import type { Fix, Severity } from '../../../finding';
import type { RuleContext } from '../../../rule';

/** One problem a value check found; the `config/value` rule turns it into a finding. */
export interface ValueProblem {
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
}

/** A group of related value checks, such as those on session cookies. */
export type ValueCheck = (context: RuleContext) => ValueProblem[];

/** The offsets of a node's text. */
export function rangeOf(node: unknown): { start: number; end: number } | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** The string value of an entry in a mapping node, with the entry, or undefined. */
export function stringEntry(config: ConfigDocument, map: unknown, key: string) {
  const entry = config.entry(map, key);
  const value = entry?.pair.value as { value?: unknown; range?: [number, number, number] } | null;
  if (!entry || typeof value?.value !== 'string') return undefined;
  // startOf and valueEndOf, not `range`, which makes an array for each of our nodes.
  const start = startOf(value);
  if (start === undefined) return undefined;
  return { entry, text: value.value, start, end: valueEndOf(value)!, node: value };
}

/** True for template text, which only Authelia's renderer can read. */
export function templated(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/** The offsets of something that has them, as a finding takes them. */
export function span(entry: { start: number; end: number }): { start: number; end: number } {
  return { start: entry.start, end: entry.end };
}
