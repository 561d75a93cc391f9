/**
 * SQL LIKE patterns (`_` one character, `%` any run, an escape character quoting `_`, `%` or
 * itself) compiled to a matcher, with fast paths for the common shapes: exact text, `abc%`,
 * `%abc`, `%abc%` and other `%`-only patterns need no regex at all.
 *
 * Invariants: matching is over the whole string, `_` is one code point and `%` spans newlines
 * (Spark compiles LIKE to a DOTALL Java regex); a malformed escape raises Spark's INVALID_FORMAT
 * errors when the pattern is compiled.
 */
import { SparkRuntimeError } from '../../util/errors.js';

export type LikeMatcher = (s: string) => boolean;

type Piece = { text: string } | { any: true } | { one: true };

function invalidFormat(sub: string, pattern: string, detail: string): SparkRuntimeError {
  return new SparkRuntimeError(
    `INVALID_FORMAT.${sub}`,
    `The format is invalid: '${pattern.replace(/\\/g, '\\\\')}'. ${detail}`,
  );
}

function parse(pattern: string, escapeChar: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  const flush = () => {
    if (text) pieces.push({ text });
    text = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === escapeChar) {
      if (i + 1 >= pattern.length) {
        throw invalidFormat('ESC_AT_THE_END', pattern, 'The escape character is not allowed to end with.');
      }
      const n = pattern[++i]!;
      if (n !== '_' && n !== '%' && n !== escapeChar) {
        throw invalidFormat(
          'ESC_IN_THE_MIDDLE',
          pattern,
          `The escape character is not allowed to precede '${n}'.`,
        );
      }
      text += n;
    } else if (c === '%') {
      flush();
      if (pieces[pieces.length - 1] && 'any' in pieces[pieces.length - 1]!) continue;
      pieces.push({ any: true });
    } else if (c === '_') {
      flush();
      pieces.push({ one: true });
    } else text += c;
  }
  flush();
  return pieces;
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function toRegex(pieces: readonly Piece[]): RegExp {
  const src = pieces
    .map((p) => ('text' in p ? p.text.replace(REGEX_SYNTAX, '\\$&') : 'any' in p ? '.*' : '.'))
    .join('');
  return new RegExp(`^(?:${src})$`, 'su');
}

/** Matches `%`-separated literal segments: first is a prefix, last a suffix, the rest in order. */
function segmentsMatcher(
  segments: readonly string[],
  anchoredStart: boolean,
  anchoredEnd: boolean,
): LikeMatcher {
  return (s) => {
    let from = 0;
    let end = s.length;
    let first = 0;
    let last = segments.length;
    if (anchoredStart) {
      if (!s.startsWith(segments[0]!)) return false;
      from = segments[0]!.length;
      first = 1;
    }
    if (anchoredEnd && last > first) {
      const suffix = segments[last - 1]!;
      if (s.length - suffix.length < from || !s.endsWith(suffix)) return false;
      end = s.length - suffix.length;
      last--;
    }
    for (let k = first; k < last; k++) {
      const i = s.indexOf(segments[k]!, from);
      if (i < 0 || i + segments[k]!.length > end) return false;
      from = i + segments[k]!.length;
    }
    return true;
  };
}

/** Compiles a LIKE pattern with the given escape character. */
export function compileLike(pattern: string, escapeChar = '\\'): LikeMatcher {
  const pieces = parse(pattern, escapeChar);
  if (pieces.some((p) => 'one' in p)) {
    const re = toRegex(pieces);
    return (s) => re.test(s);
  }
  if (pieces.length === 0) return (s) => s.length === 0;
  if (pieces.length === 1) {
    const p = pieces[0]!;
    if ('any' in p) return () => true;
    const text = (p as { text: string }).text;
    return (s) => s === text;
  }
  const anchoredStart = 'text' in pieces[0]!;
  const anchoredEnd = 'text' in pieces[pieces.length - 1]!;
  const segments = pieces.filter((p): p is { text: string } => 'text' in p).map((p) => p.text);
  if (segments.length === 1) {
    const t = segments[0]!;
    if (anchoredStart && !anchoredEnd) return (s) => s.startsWith(t);
    if (!anchoredStart && anchoredEnd) return (s) => s.endsWith(t);
    if (!anchoredStart && !anchoredEnd) return (s) => s.includes(t);
  }
  return segmentsMatcher(segments, anchoredStart, anchoredEnd);
}
