import { compareVersions, type AutheliaVersion } from '../finding';

/**
 * Authelia's duration grammar. A duration is an integer of seconds, or a string of one or more
 * `<number><unit>` blocks; spaces and the word `and` between blocks are ignored. Unit letters
 * are case-sensitive (`m` minutes, `M` months). Long unit words (`3 seconds`) arrived in 4.38.
 * At least one block must have a number that does not start with zero: `0s` is refused.
 */

const SHORT_UNITS = ['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h', 'd', 'w', 'M', 'y'];

/** Long unit words and the short unit each stands for. */
const LONG_UNITS: Record<string, string> = {
  millisecond: 'ms',
  second: 's',
  minute: 'm',
  hour: 'h',
  day: 'd',
  week: 'w',
  month: 'M',
  year: 'y',
};

/**
 * A number and its unit. The two micro signs (µ and μ) are written as escapes: one character
 * beyond ASCII in the bundle makes V8 keep the server's whole source at two bytes a character.
 */
const BLOCK = /(\d+)\s*([a-zA-Z\u00b5\u03bc]+)/y;

export type DurationVerdict =
  { valid: true } | { valid: false; reason: string; shortForm?: string };

/** Checks a duration written as a string, for a target version. */
export function checkDuration(text: string, version: AutheliaVersion): DurationVerdict {
  const value = text.trim();
  if (/^\d+$/.test(value)) return { valid: true };
  if (value === '') return { valid: false, reason: 'it is empty' };
  if (/^-\d+$/.test(value)) {
    return {
      valid: false,
      reason: 'a negative duration must be written as an integer, not a string',
    };
  }

  const blocks = parseBlocks(value);
  if (!blocks) {
    return { valid: false, reason: 'it is not a list of <number><unit> blocks such as 1h30m' };
  }

  const longWords = blocks.filter((block) => !SHORT_UNITS.includes(block.unit));
  for (const block of longWords) {
    if (!longUnit(block.unit)) {
      return { valid: false, reason: `'${block.unit}' is not a unit Authelia knows` };
    }
  }

  const shortForm = blocks
    .map((block) => `${block.amount}${longUnit(block.unit) ?? block.unit}`)
    .join('');
  if (longWords.length > 0 && compareVersions(version, '4.38') < 0) {
    return {
      valid: false,
      reason: `unit words arrived in 4.38; ${version} reads only short units`,
      shortForm,
    };
  }
  if (!blocks.some((block) => /^[1-9]/.test(block.amount))) {
    return {
      valid: false,
      reason: 'a duration of zero is written as the integer 0',
      shortForm: undefined,
    };
  }
  return { valid: true };
}

/** The short unit for a long unit word, singular or plural, or undefined. */
function longUnit(word: string): string | undefined {
  return LONG_UNITS[word] ?? (word.endsWith('s') ? LONG_UNITS[word.slice(0, -1)] : undefined);
}

function parseBlocks(value: string): { amount: string; unit: string }[] | undefined {
  const blocks: { amount: string; unit: string }[] = [];
  let position = 0;
  while (position < value.length) {
    const separator = /\s*(and\s+)?/y;
    separator.lastIndex = position;
    const skipped = separator.exec(value);
    if (skipped && blocks.length > 0) position += skipped[0].length;

    BLOCK.lastIndex = position;
    const block = BLOCK.exec(value);
    if (!block) return undefined;
    blocks.push({ amount: block[1], unit: block[2] });
    position = BLOCK.lastIndex;
  }
  return blocks.length > 0 ? blocks : undefined;
}

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  M: 2592000,
  y: 31536000,
};

/** The length of a valid duration in seconds: a number, or a string in Authelia's grammar. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const blocks = parseBlocks(text);
  if (!blocks) return undefined;
  let total = 0;
  for (const block of blocks) {
    const unit = SHORT_UNITS.includes(block.unit) ? block.unit : longUnit(block.unit);
    if (!unit) return undefined;
    total += Number(block.amount) * UNIT_SECONDS[unit];
  }
  return total;
}
