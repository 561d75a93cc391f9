/**
 * A compiled Java regex with the `java.util.regex.Matcher` operations Spark's functions rely on:
 * find loops, group access by Java group number, `appendReplacement` replacement syntax (`$1`,
 * `${name}`, `\$`), `String.split(regex, limit)` and region matching from a start offset.
 *
 * Invariants: offsets are UTF-16 units (as in Java); an empty match advances the next search by one
 * code point; invalid patterns raise Spark's INVALID_PARAMETER_VALUE.PATTERN naming the function.
 */
import { SparkRuntimeError } from '../../util/errors.js';
import { type JavaRegex, RegexTranslationError, translateJavaRegex } from './java-regex.js';

function shownPattern(p: string): string {
  return p.replace(/\\/g, '\\\\');
}

export function invalidPattern(fn: string, pattern: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'INVALID_PARAMETER_VALUE.PATTERN',
    `The value of parameter(s) \`regexp\` in \`${fn}\` is invalid: '${shownPattern(pattern)}'.`,
  );
}

export class JavaPattern {
  readonly groupCount: number;
  private readonly info: JavaRegex;
  private readonly re: RegExp;
  /** Set when the pattern has no metacharacters: `split` then searches for the text itself. */
  private readonly literal: string | undefined;

  constructor(
    readonly pattern: string,
    fn: string,
  ) {
    try {
      this.info = translateJavaRegex(pattern);
      this.re = new RegExp(this.info.source, `g${this.info.flags}`);
    } catch (e) {
      if (e instanceof RegexTranslationError && e.unsupported) {
        throw new SparkRuntimeError(
          'UNSUPPORTED_FEATURE.JAVA_REGEX',
          `The regular expression '${shownPattern(pattern)}' in \`${fn}\` uses ${e.message}, which Sluice cannot translate to a JavaScript regular expression.`,
        );
      }
      throw invalidPattern(fn, pattern);
    }
    this.groupCount = this.info.groupCount;
    this.literal = literalText(pattern);
  }

  /** Java's `Matcher.find()` from the start: is there any match? */
  test(s: string): boolean {
    this.re.lastIndex = 0;
    return this.re.test(s);
  }

  /** The first match at or after `from`, or null. */
  exec(s: string, from = 0): RegExpExecArray | null {
    this.re.lastIndex = from;
    return this.re.exec(s);
  }

  /** All matches, left to right (empty matches advance by one code point). */
  *matches(s: string): Generator<RegExpExecArray> {
    const re = this.re;
    re.lastIndex = 0;
    for (;;) {
      const m = re.exec(s);
      if (m === null) return;
      if (m[0].length === 0) re.lastIndex = advance(s, m.index);
      const next = re.lastIndex;
      yield m;
      re.lastIndex = next;
    }
  }

  /** Java group `g` of a match (undefined when it did not participate). */
  group(m: RegExpExecArray, g: number): string | undefined {
    return m[this.info.groupMap[g]!];
  }

  groupIndexOf(name: string): number | undefined {
    return this.info.groupNames.get(name);
  }

  /**
   * Java's `String.split(regex, limit)` (limit ≤ 0 keeps trailing empty strings, as Spark always
   * passes -1 for a non-positive limit).
   */
  split(s: string, limit: number): string[] {
    if (this.literal !== undefined) return splitLiteral(s, this.literal, limit);
    const out: string[] = [];
    let index = 0;
    const limited = limit > 0;
    const re = this.re;
    re.lastIndex = 0;
    for (;;) {
      if (limited && out.length >= limit - 1) break;
      const m = re.exec(s);
      if (m === null) break;
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) re.lastIndex = advance(s, start);
      if (index === 0 && start === 0 && end === 0) continue;
      out.push(s.slice(index, start));
      index = end;
    }
    if (index === 0) return [s];
    out.push(s.slice(index));
    return out;
  }
}

/**
 * Java regex metacharacters: a pattern without any matches exactly its own text. Surrogates are
 * left to the regex path too (a lone one must not match half of a pair, as it does with indexOf).
 */
const NOT_LITERAL = /[\\^$.|?*+()[\]{}\uD800-\uDFFF]/;

/** The text a pattern matches when it is a plain non-empty literal, else undefined. */
function literalText(pattern: string): string | undefined {
  return pattern.length > 0 && !NOT_LITERAL.test(pattern) ? pattern : undefined;
}

/** `split` for a literal separator: the same pieces as the regex path, found with indexOf. */
function splitLiteral(s: string, sep: string, limit: number): string[] {
  const out: string[] = [];
  const limited = limit > 0;
  let index = 0;
  let at = s.indexOf(sep);
  if (at < 0) return [s];
  while (at >= 0 && !(limited && out.length >= limit - 1)) {
    out.push(s.slice(index, at));
    index = at + sep.length;
    at = s.indexOf(sep, index);
  }
  out.push(s.slice(index));
  return out;
}

function advance(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

/** A small per-plan cache of compiled patterns for pattern arguments that vary by row. */
export function patternCache(fn: string, max = 64): (pattern: string) => JavaPattern {
  const cache = new Map<string, JavaPattern>();
  return (p) => {
    let c = cache.get(p);
    if (c === undefined) {
      c = new JavaPattern(p, fn);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(p, c);
    }
    return c;
  };
}

// ---------------------------------------------------------------------------------------------
// replacement strings

type Part = string | { group: number };

/** Java's appendReplacement syntax, parsed against a pattern; errors surface on the first match. */
export class JavaReplacement {
  private readonly parts: Part[] | undefined;
  private readonly error: string | undefined;

  constructor(
    readonly replacement: string,
    pattern: JavaPattern,
  ) {
    try {
      this.parts = parseReplacement(replacement, pattern);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** The replacement text for a match; throws `onError()` when the replacement is invalid. */
  expand(m: RegExpExecArray, pattern: JavaPattern, onError: (message: string) => Error): string {
    if (this.parts === undefined) throw onError(this.error ?? 'invalid replacement');
    let out = '';
    for (const p of this.parts) out += typeof p === 'string' ? p : (pattern.group(m, p.group) ?? '');
    return out;
  }
}

function parseReplacement(rep: string, pattern: JavaPattern): Part[] {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '\\') {
      i++;
      if (i >= rep.length) throw new Error('character to be escaped is missing');
      text += rep[i];
    } else if (c === '$') {
      i++;
      if (i >= rep.length) throw new Error('Illegal group reference: group index is missing');
      let g: number;
      if (rep[i] === '{') {
        const end = rep.indexOf('}', i);
        const name = end < 0 ? '' : rep.slice(i + 1, end);
        if (end < 0 || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(name))
          throw new Error("named capturing group is missing trailing '}'");
        const idx = pattern.groupIndexOf(name);
        if (idx === undefined) throw new Error(`No group with name {${name}}`);
        g = idx;
        i = end;
      } else {
        const d = rep.charCodeAt(i) - 48;
        if (d < 0 || d > 9) throw new Error('Illegal group reference');
        g = d;
        if (g > pattern.groupCount) throw new Error(`No group ${g}`);
        while (i + 1 < rep.length) {
          const e = rep.charCodeAt(i + 1) - 48;
          if (e < 0 || e > 9) break;
          const next = g * 10 + e;
          if (next > pattern.groupCount) break;
          g = next;
          i++;
        }
      }
      if (text) parts.push(text);
      text = '';
      parts.push({ group: g });
    } else text += c;
  }
  if (text) parts.push(text);
  return parts;
}
