/**
 * Spark's datetime pattern language (`date_format`, `to_timestamp(s, fmt)`, `from_unixtime`,
 * JSON/CSV `timestampFormat` / `dateFormat`): compiles a pattern once into tokens, then formats
 * and parses with them (see `date-time-pattern-format.ts` / `date-time-pattern-parse.ts`).
 *
 * Letters follow https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html: G y D M L d
 * Q q E F a h K k H m s S V z O X x Z, `'…'` literals (`''` is a quote), `[…]` optional sections.
 * Rejected like Spark (CORRECTED parser policy): week-based letters (`Y w W u` →
 * DATETIME_PATTERN_RECOGNITION, `e c` → DATETIME_WEEK_BASED_PATTERN), `A n N p` (ILLEGAL_CHARACTER),
 * too many letters, and for parsing `E F` / `Q q`.
 *
 * Invariant: compiled patterns are immutable and cached, so hot paths compile once.
 */
import { SparkRuntimeError } from '../../util/errors.js';
import { formatTokens } from './date-time-pattern-format.js';
import { parseTokens } from './date-time-pattern-parse.js';
import type { Micros } from './micros.js';

export type PatternToken =
  | { readonly kind: 'lit'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'opt'; readonly tokens: readonly PatternToken[] };

export interface DateTimePattern {
  readonly pattern: string;
  readonly tokens: readonly PatternToken[];
  /** Renders a timestamp (µs since the epoch) in the zone. */
  format(micros: Micros, timeZone: string): string;
  /** Parses to µs since the epoch (a zone in the text wins over `timeZone`); null when invalid. */
  parse(s: string, timeZone: string): Micros | null;
  /** Parses ignoring any zone: local wall-clock µs (for timestamp_ntz and dates). */
  parseLocal(s: string): Micros | null;
  /** Like `parse`, with Java's reason when the text does not parse (for ANSI error messages). */
  parseOrReason(s: string, timeZone: string): Micros | { reason: string };
}

const DOC_URL = 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html';

function recognitionError(pattern: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION',
    `You may get a different result due to the upgrading to Spark >= 3.0:\nFail to recognize '${pattern}' pattern in the DateTimeFormatter.\n1) You can set "spark.sql.legacy.timeParserPolicy" to "LEGACY" to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the guide from '${DOC_URL}'.`,
    { sqlState: '42K0B' },
  );
}

function weekBasedError(c: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN',
    `You may get a different result due to the upgrading to Spark >= 3.0:\nAll week-based patterns are unsupported since Spark 3.0, detected week-based character: ${c}.\nPlease use the SQL function EXTRACT instead.`,
    { sqlState: '42K0B' },
  );
}

function illegalCharError(pattern: string, c: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER',
    `Unrecognized datetime pattern: ${pattern}. Illegal pattern character found in datetime pattern: ${c}. Please provide legal character.`,
    { sqlState: '22007' },
  );
}

function suggestionError(pattern: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'INVALID_DATETIME_PATTERN.WITH_SUGGESTION',
    `Unrecognized datetime pattern: '${pattern}'. You can form a valid datetime pattern with the guide from '${DOC_URL}'.`,
    { sqlState: '22007' },
  );
}

/** Largest letter count each supported letter allows (Java's and Spark's limits). */
const MAX_COUNT: Readonly<Record<string, number>> = {
  G: 5,
  y: 6,
  D: 3,
  M: 4,
  L: 4,
  d: 2,
  Q: 4,
  q: 4,
  E: 4,
  F: 1,
  a: 1,
  h: 2,
  K: 2,
  k: 2,
  H: 2,
  m: 2,
  s: 2,
  S: 9,
  V: 2,
  z: 4,
  O: 4,
  X: 5,
  x: 5,
  Z: 5,
};

function checkField(pattern: string, letter: string, count: number, forParsing: boolean): void {
  if ('YwWu'.includes(letter)) throw recognitionError(pattern);
  if ('ec'.includes(letter)) throw weekBasedError(letter);
  if ('AnNp'.includes(letter)) throw illegalCharError(pattern, letter);
  const max = MAX_COUNT[letter];
  if (max === undefined) throw suggestionError(pattern);
  if (letter === 'V' && count !== 2) throw suggestionError(pattern);
  if (letter === 'O' && count !== 1 && count !== 4) throw suggestionError(pattern);
  if (count > max) throw recognitionError(pattern);
  if (forParsing) {
    if (letter === 'E' || letter === 'F') throw recognitionError(pattern);
    if (letter === 'Q' || letter === 'q') throw illegalCharError(pattern, letter);
  }
}

function tokenize(pattern: string, forParsing: boolean): PatternToken[] {
  const stack: PatternToken[][] = [[]];
  let i = 0;
  const push = (t: PatternToken) => stack[stack.length - 1]!.push(t);
  while (i < pattern.length) {
    const c = pattern[i]!;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      let j = i + 1;
      while (j < pattern.length && pattern[j] === c) j++;
      checkField(pattern, c, j - i, forParsing);
      push({ kind: 'field', letter: c, count: j - i });
      i = j;
    } else if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw suggestionError(pattern);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j++;
      }
      push({ kind: 'lit', text: j === i + 1 ? "'" : text });
      i = j + 1;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      if (stack.length === 1) throw suggestionError(pattern);
      const tokens = stack.pop()!;
      push({ kind: 'opt', tokens });
      i++;
    } else if (c === '{' || c === '}') {
      throw suggestionError(pattern);
    } else if (c === '#') {
      throw recognitionError(pattern);
    } else {
      push({ kind: 'lit', text: c });
      i++;
    }
  }
  while (stack.length > 1) {
    const tokens = stack.pop()!;
    push({ kind: 'opt', tokens });
  }
  return mergeLiterals(stack[0]!);
}

function mergeLiterals(tokens: PatternToken[]): PatternToken[] {
  const out: PatternToken[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (t.kind === 'lit' && last?.kind === 'lit')
      out[out.length - 1] = { kind: 'lit', text: last.text + t.text };
    else if (t.kind === 'opt') out.push({ kind: 'opt', tokens: mergeLiterals([...t.tokens]) });
    else out.push(t);
  }
  return out;
}

const formatCache = new Map<string, DateTimePattern>();
const parseCache = new Map<string, DateTimePattern>();

function build(pattern: string, forParsing: boolean): DateTimePattern {
  const tokens = tokenize(pattern, forParsing);
  return {
    pattern,
    tokens,
    format: (micros, timeZone) => formatTokens(tokens, micros, timeZone),
    parse: (s, timeZone) => {
      const r = parseTokens(tokens, s, timeZone, false);
      return typeof r === 'object' ? null : r;
    },
    parseLocal: (s) => {
      const r = parseTokens(tokens, s, 'UTC', true);
      return typeof r === 'object' ? null : r;
    },
    parseOrReason: (s, timeZone) => parseTokens(tokens, s, timeZone, false),
  };
}

/**
 * Compiles a Spark datetime pattern (cached). Throws Spark's pattern errors
 * (INCONSISTENT_BEHAVIOR_CROSS_VERSION.*, INVALID_DATETIME_PATTERN.*) for unsupported patterns.
 * `forParsing` applies the extra restrictions Spark has for parsing (no `E`, `F`, `Q`, `q`).
 */
export function compileDateTimePattern(pattern: string, forParsing = false): DateTimePattern {
  const cache = forParsing ? parseCache : formatCache;
  let p = cache.get(pattern);
  if (!p) {
    p = build(pattern, forParsing);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, p);
  }
  return p;
}
