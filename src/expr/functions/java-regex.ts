/**
 * Translates Java regular expressions (what Spark's rlike, regexp_*, split use) into equivalent JS
 * RegExp sources (`v` flag), so patterns written for Spark behave the same here.
 *
 * What differs and is translated: possessive quantifiers and atomic groups (emulated with a
 * lookahead capture and a backreference), `\Q…\E`, inline flags anywhere (`(?i)`, `(?-i)`,
 * `(?i:…)`, with Java's ASCII-only case folding unless `u` is set), `.`/`^`/`$` line terminators,
 * `\A \z \Z \h \v \R`, Java's `\s \w \b` definitions, POSIX/java/Unicode `\p{…}` classes, class
 * union and intersection (`[a-z&&[^b]]`), octal/`\x{…}` escapes, multi-digit backreferences.
 * What cannot be translated (`\G`, `\X`, `\N{…}`, some Unicode blocks) raises
 * `RegexTranslationError` with `unsupported` set.
 *
 * Invariant: JS group numbers differ from Java's when emulation groups are inserted; callers must
 * go through `groupMap` (Java group i → JS group groupMap[i]).
 */
import { propertySet, RegexTranslationError } from './java-regex-properties.js';

export { RegexTranslationError };

export interface JavaRegex {
  /** JS source, to be compiled with `flags`. */
  readonly source: string;
  readonly flags: string;
  /** Number of capturing groups in the Java pattern. */
  readonly groupCount: number;
  /** Java group index → JS group index (index 0 is the whole match). */
  readonly groupMap: readonly number[];
  /** Named group → Java group index. */
  readonly groupNames: ReadonlyMap<string, number>;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  u: boolean;
  U: boolean;
  d: boolean;
}

type Tok = string | { readonly open: number } | { readonly backref: number };

/** A parsed class item: a code point, a range, or ready-made set syntax (`\p{L}`, `[0-9]`). */
type ClassItem = { cp: number } | { lo: number; hi: number } | { set: string };

const LINE_TERMINATORS = '\\n\\r\\u{85}\\u{2028}\\u{2029}';
const WORD_CHAR = '[\\p{L}\\p{Nd}_]';

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function isAlnum(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

/** A code point as JS regex source, valid both inside and outside classes in `v` mode. */
function literalCp(cp: number): string {
  return isAlnum(cp) ? String.fromCharCode(cp) : hex(cp);
}

class Translator {
  private pos = 0;
  private readonly out: Tok[] = [];
  private flags: Flags = { i: false, m: false, s: false, x: false, u: false, U: false, d: false };
  private groupCount = 0;
  private synthetic = 0;
  private readonly names = new Map<string, number>();
  private readonly stack: { flags: Flags; start: number; close: Tok[] }[] = [];
  /** Token index where the last quantifiable atom starts, or -1. */
  private atomStart = -1;

  constructor(private readonly p: string) {}

  translate(): JavaRegex {
    const p = this.p;
    while (this.pos < p.length) {
      const c = p[this.pos]!;
      if (this.flags.x && this.skipComment()) continue;
      switch (c) {
        case '\\':
          this.escape();
          break;
        case '[': {
          const start = this.out.length;
          this.out.push(this.charClass());
          this.atomStart = start;
          break;
        }
        case '(':
          this.openGroup();
          break;
        case ')':
          this.closeGroup();
          break;
        case '|':
          this.out.push('|');
          this.pos++;
          this.atomStart = -1;
          break;
        case '*':
        case '+':
        case '?':
        case '{':
          this.quantifier();
          break;
        case '.': {
          this.atomStart = this.out.length;
          this.out.push(this.flags.s ? '[\\s\\S]' : this.flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`);
          this.pos++;
          break;
        }
        case '^':
          this.out.push(
            this.flags.m
              ? this.flags.d
                ? '(?:^|(?<=\\n)(?!$))'
                : `(?:^|(?<=[${LINE_TERMINATORS}])(?!$))`
              : '^',
          );
          this.pos++;
          this.atomStart = -1;
          break;
        case '$':
          this.out.push(
            this.flags.m ? (this.flags.d ? '(?=\\n|$)' : `(?=[${LINE_TERMINATORS}]|$)`) : this.endAnchor(),
          );
          this.pos++;
          this.atomStart = -1;
          break;
        default: {
          const cp = p.codePointAt(this.pos)!;
          this.pos += cp > 0xffff ? 2 : 1;
          this.literal(cp);
        }
      }
    }
    if (this.stack.length > 0) throw new RegexTranslationError('Unclosed group');
    return this.render();
  }

  private render(): JavaRegex {
    const jsIndex = new Map<number, number>();
    let n = 0;
    for (const t of this.out) if (typeof t === 'object' && 'open' in t) jsIndex.set(t.open, ++n);
    let source = '';
    for (const t of this.out) {
      if (typeof t === 'string') source += t;
      else if ('open' in t) source += '(';
      else {
        const j = jsIndex.get(t.backref);
        if (j === undefined) throw new RegexTranslationError(`Unknown group reference ${t.backref}`);
        source += `(?:\\${j})`;
      }
    }
    const groupMap = [0];
    for (let g = 1; g <= this.groupCount; g++) groupMap.push(jsIndex.get(g)!);
    return { source, flags: 'v', groupCount: this.groupCount, groupMap, groupNames: this.names };
  }

  /** Java's non-multiline `$`: end of input, or before a final line terminator. */
  private endAnchor(): string {
    return this.flags.d ? '(?=\\n?$)' : `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?$)`;
  }

  private skipComment(): boolean {
    const c = this.p[this.pos]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u000b') {
      this.pos++;
      return true;
    }
    if (c === '#') {
      while (this.pos < this.p.length && this.p[this.pos] !== '\n' && this.p[this.pos] !== '\r') this.pos++;
      return true;
    }
    return false;
  }

  // -------------------------------------------------------------------------------------------
  // literals and case folding

  private caseVariants(cp: number): number[] {
    if (!this.flags.i) return [cp];
    if (!this.flags.u && !this.flags.U) {
      if (cp >= 65 && cp <= 90) return [cp, cp + 32];
      if (cp >= 97 && cp <= 122) return [cp, cp - 32];
      return [cp];
    }
    const s = String.fromCodePoint(cp);
    const out = new Set([cp]);
    for (const v of [s.toLowerCase(), s.toUpperCase()]) {
      const vc = v.codePointAt(0)!;
      if (v.length === String.fromCodePoint(vc).length) out.add(vc);
    }
    return [...out];
  }

  private literal(cp: number): void {
    this.atomStart = this.out.length;
    const vs = this.caseVariants(cp);
    this.out.push(vs.length === 1 ? literalCp(cp) : `[${vs.map(literalCp).join('')}]`);
  }

  // -------------------------------------------------------------------------------------------
  // escapes

  private escape(): void {
    const p = this.p;
    const c = p[this.pos + 1];
    if (c === undefined) throw new RegexTranslationError('Unexpected internal error: trailing backslash');
    const start = this.out.length;
    if (c >= '1' && c <= '9') {
      this.pos += 2;
      let g = c.charCodeAt(0) - 48;
      while (this.pos < p.length && p[this.pos]! >= '0' && p[this.pos]! <= '9') {
        const next = g * 10 + (p.charCodeAt(this.pos) - 48);
        if (next > this.groupCount) break;
        g = next;
        this.pos++;
      }
      if (g > this.groupCount) {
        // Java: a reference to a group that does not exist (yet) fails to match.
        this.out.push('(?!)');
      } else this.out.push({ backref: g });
      this.atomStart = start;
      return;
    }
    switch (c) {
      case 'k': {
        const m = /^\\k<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(this.pos));
        if (!m) throw new RegexTranslationError("\\k is not followed by '<' for named capturing group");
        const g = this.names.get(m[1]!);
        if (g === undefined)
          throw new RegexTranslationError(`named capturing group <${m[1]}> does not exist`);
        this.pos += m[0].length;
        this.out.push({ backref: g });
        this.atomStart = start;
        return;
      }
      case 'Q': {
        this.pos += 2;
        const end = p.indexOf('\\E', this.pos);
        const text = end < 0 ? p.slice(this.pos) : p.slice(this.pos, end);
        this.pos = end < 0 ? p.length : end + 2;
        for (const ch of text) this.literal(ch.codePointAt(0)!);
        return;
      }
      case 'E':
        this.pos += 2;
        return;
      case 'b':
      case 'B': {
        this.pos += 2;
        const w = WORD_CHAR;
        this.out.push(
          c === 'b' ? `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))` : `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`,
        );
        this.atomStart = -1;
        return;
      }
      case 'A':
        this.pos += 2;
        this.out.push('^');
        this.atomStart = -1;
        return;
      case 'z':
        this.pos += 2;
        this.out.push('$');
        this.atomStart = -1;
        return;
      case 'Z':
        this.pos += 2;
        this.out.push(this.endAnchor());
        this.atomStart = -1;
        return;
      case 'G':
        throw new RegexTranslationError('\\G (end of previous match)', true);
      case 'X':
        throw new RegexTranslationError('\\X (extended grapheme cluster)', true);
      case 'R':
        this.pos += 2;
        this.out.push('(?:\\r\\n|[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}])');
        this.atomStart = start;
        return;
      default: {
        const item = this.classEscape();
        if ('cp' in item) this.literal(item.cp);
        else if ('set' in item) {
          this.out.push(item.set);
          this.atomStart = start;
        }
      }
    }
  }

  /** An escape that denotes a character or a character set (valid inside and outside classes). */
  private classEscape(): ClassItem {
    const p = this.p;
    const c = p[this.pos + 1]!;
    this.pos += 2;
    const U = this.flags.U;
    switch (c) {
      case 't':
        return { cp: 9 };
      case 'n':
        return { cp: 10 };
      case 'r':
        return { cp: 13 };
      case 'f':
        return { cp: 12 };
      case 'a':
        return { cp: 7 };
      case 'e':
        return { cp: 27 };
      case 'c': {
        const x = p.charCodeAt(this.pos);
        if (Number.isNaN(x)) throw new RegexTranslationError('Illegal control escape sequence');
        this.pos++;
        return { cp: x ^ 64 };
      }
      case '0': {
        const m = /^[0-7]{1,3}/.exec(p.slice(this.pos));
        if (!m) throw new RegexTranslationError('Illegal octal escape sequence');
        let digits = m[0];
        if (digits.length === 3 && digits.charCodeAt(0) > 51) digits = digits.slice(0, 2);
        this.pos += digits.length;
        return { cp: Number.parseInt(digits, 8) };
      }
      case 'x': {
        if (p[this.pos] === '{') {
          const end = p.indexOf('}', this.pos);
          const h = end < 0 ? '' : p.slice(this.pos + 1, end);
          if (!/^[0-9a-fA-F]+$/.test(h) || Number.parseInt(h, 16) > 0x10ffff) {
            throw new RegexTranslationError('Illegal hexadecimal escape sequence');
          }
          this.pos = end + 1;
          return { cp: Number.parseInt(h, 16) };
        }
        const h = p.slice(this.pos, this.pos + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h))
          throw new RegexTranslationError('Illegal hexadecimal escape sequence');
        this.pos += 2;
        return { cp: Number.parseInt(h, 16) };
      }
      case 'u': {
        const h = p.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) throw new RegexTranslationError('Illegal Unicode escape sequence');
        this.pos += 4;
        let cp = Number.parseInt(h, 16);
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(p.slice(this.pos));
        if (cp >= 0xd800 && cp <= 0xdbff && low) {
          cp = (cp - 0xd800) * 0x400 + (Number.parseInt(low[1]!, 16) - 0xdc00) + 0x10000;
          this.pos += 6;
        }
        return { cp };
      }
      case 'd':
        return { set: U ? '\\p{Nd}' : '[0-9]' };
      case 'D':
        return { set: U ? '\\P{Nd}' : '[^0-9]' };
      case 'w':
        return { set: U ? '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]' : '[a-zA-Z0-9_]' };
      case 'W':
        return { set: U ? '[^\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]' : '[^a-zA-Z0-9_]' };
      case 's':
        return { set: U ? '\\p{White_Space}' : '[\\t\\n\\u{b}\\f\\r\\u{20}]' };
      case 'S':
        return { set: U ? '\\P{White_Space}' : '[^\\t\\n\\u{b}\\f\\r\\u{20}]' };
      case 'h':
        return { set: '[\\u{20}\\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]' };
      case 'H':
        return {
          set: '[^\\u{20}\\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]',
        };
      case 'v':
        return { set: '[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]' };
      case 'V':
        return { set: '[^\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]' };
      case 'p':
      case 'P':
        return { set: this.property(c === 'P') };
      case 'N':
        throw new RegexTranslationError('\\N{name} (named character)', true);
      default: {
        const cp = p.codePointAt(this.pos - 1)!;
        if ((cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)) {
          throw new RegexTranslationError(`Illegal/unsupported escape sequence \\${c}`);
        }
        if (cp > 0xffff) this.pos++;
        return { cp };
      }
    }
  }

  private property(negated: boolean): string {
    const p = this.p;
    let name: string;
    if (p[this.pos] === '{') {
      const end = p.indexOf('}', this.pos);
      if (end < 0) throw new RegexTranslationError('Unclosed character family');
      name = p.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      name = p[this.pos] ?? '';
      this.pos++;
    }
    const set = propertySet(name, this.flags.U);
    if (!negated) return set;
    if (set.startsWith('\\p{')) return `\\P${set.slice(2)}`;
    return `[^${set}]`;
  }

  private charClass(): string {
    const p = this.p;
    this.pos++;
    let negated = false;
    if (p[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const operands: ClassItem[][] = [[]];
    let first = true;
    for (;;) {
      if (this.pos >= p.length) throw new RegexTranslationError('Unclosed character class');
      const c = p[this.pos]!;
      if (this.flags.x && this.skipComment()) continue;
      const items = operands[operands.length - 1]!;
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[') {
        items.push({ set: this.charClass() });
        continue;
      }
      if (c === '&' && p[this.pos + 1] === '&') {
        this.pos += 2;
        operands.push([]);
        continue;
      }
      let item: ClassItem;
      if (c === '\\') {
        if (p[this.pos + 1] === 'Q') {
          this.pos += 2;
          const end = p.indexOf('\\E', this.pos);
          const text = end < 0 ? p.slice(this.pos) : p.slice(this.pos, end);
          this.pos = end < 0 ? p.length : end + 2;
          for (const ch of text) items.push({ cp: ch.codePointAt(0)! });
          continue;
        }
        item = this.classEscape();
      } else {
        const cp = p.codePointAt(this.pos)!;
        this.pos += cp > 0xffff ? 2 : 1;
        item = { cp };
      }
      if (
        'cp' in item &&
        p[this.pos] === '-' &&
        p[this.pos + 1] !== ']' &&
        p[this.pos + 1] !== '[' &&
        this.pos + 1 < p.length
      ) {
        this.pos++;
        let hi: number;
        if (p[this.pos] === '\\') {
          const e = this.classEscape();
          if (!('cp' in e)) throw new RegexTranslationError('Illegal character range');
          hi = e.cp;
        } else {
          hi = p.codePointAt(this.pos)!;
          this.pos += hi > 0xffff ? 2 : 1;
        }
        if (hi < item.cp) throw new RegexTranslationError('Illegal character range');
        item = { lo: item.cp, hi };
      }
      items.push(item);
    }
    const union = (items: ClassItem[]) => items.map((it) => this.renderClassItem(it)).join('');
    const neg = negated ? '^' : '';
    if (operands.length === 1) return `[${neg}${union(operands[0]!)}]`;
    return `[${neg}${operands.map((o) => `[${union(o)}]`).join('&&')}]`;
  }

  private renderClassItem(it: ClassItem): string {
    if ('set' in it) return it.set;
    if ('cp' in it) return this.caseVariants(it.cp).map(literalCp).join('');
    let s = `${literalCp(it.lo)}-${literalCp(it.hi)}`;
    if (!this.flags.i) return s;
    const add = (lo: number, hi: number, delta: number) => {
      const a = Math.max(it.lo, lo);
      const b = Math.min(it.hi, hi);
      if (a <= b) s += `${literalCp(a + delta)}-${literalCp(b + delta)}`;
    };
    add(97, 122, -32);
    add(65, 90, 32);
    if ((this.flags.u || this.flags.U) && it.hi - it.lo <= 2000) {
      for (let cp = Math.max(it.lo, 128); cp <= it.hi; cp++) {
        for (const v of this.caseVariants(cp)) if (v < it.lo || v > it.hi) s += literalCp(v);
      }
    }
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // groups and quantifiers

  private openGroup(): void {
    const p = this.p;
    const start = this.out.length;
    const saved = { ...this.flags };
    if (p[this.pos + 1] !== '?') {
      this.pos++;
      this.out.push({ open: ++this.groupCount });
      this.stack.push({ flags: saved, start, close: [')'] });
      this.atomStart = -1;
      return;
    }
    const rest = p.slice(this.pos + 2);
    const named = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
    if (named) {
      const g = ++this.groupCount;
      if (this.names.has(named[1]!))
        throw new RegexTranslationError(`Named capturing group <${named[1]}> is already defined`);
      this.names.set(named[1]!, g);
      this.pos += 2 + named[0].length;
      this.out.push({ open: g });
      this.stack.push({ flags: saved, start, close: [')'] });
    } else if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!')) {
      this.pos += 3;
      this.out.push(`(?${rest[0]}`);
      this.stack.push({ flags: saved, start, close: [')'] });
    } else if (rest.startsWith('<=') || rest.startsWith('<!')) {
      this.pos += 4;
      this.out.push(`(?${rest.slice(0, 2)}`);
      this.stack.push({ flags: saved, start, close: [')'] });
    } else if (rest.startsWith('>')) {
      // atomic group: (?=(X))\k — the lookahead commits to X's first match, the backreference consumes it
      this.pos += 3;
      const id = --this.synthetic;
      this.out.push('(?:(?=', { open: id });
      this.stack.push({ flags: saved, start, close: ['))', { backref: id }, ')'] });
    } else {
      const m = /^([idmsuxUc]*)(?:-([idmsuxUc]*))?([:)])/.exec(rest);
      if (!m) throw new RegexTranslationError('Unknown inline modifier');
      this.pos += 2 + m[0].length;
      const next = { ...this.flags };
      for (const f of m[1] ?? '') this.setFlag(next, f, true);
      for (const f of m[2] ?? '') this.setFlag(next, f, false);
      if (m[3] === ')') {
        this.flags = next;
        this.atomStart = -1;
        return;
      }
      this.out.push('(?:');
      this.stack.push({ flags: saved, start, close: [')'] });
      this.flags = next;
    }
    this.atomStart = -1;
  }

  private setFlag(f: Flags, c: string, on: boolean): void {
    if (c === 'c') return; // CANON_EQ: inputs are already normalised text
    f[c as keyof Flags] = on;
  }

  private closeGroup(): void {
    const g = this.stack.pop();
    if (!g) throw new RegexTranslationError("Unmatched closing ')'");
    this.pos++;
    this.out.push(...g.close);
    this.flags = g.flags;
    this.atomStart = g.start;
  }

  private quantifier(): void {
    const p = this.p;
    let q: string;
    if (p[this.pos] === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.pos));
      if (!m) throw new RegexTranslationError('Illegal repetition');
      if (m[3] && Number(m[3]) < Number(m[1])) throw new RegexTranslationError('Illegal repetition range');
      q = m[0];
    } else q = p[this.pos]!;
    if (this.atomStart < 0) throw new RegexTranslationError(`Dangling meta character '${q[0]}'`);
    this.pos += q.length;
    const mode = p[this.pos];
    if (mode === '?') {
      this.pos++;
      this.out.push(q, '?');
    } else if (mode === '+') {
      // possessive: (?=(X{q}))\k — no backtracking into the repetition
      this.pos++;
      const id = --this.synthetic;
      this.out.splice(this.atomStart, 0, '(?:(?=', { open: id });
      this.out.push(q, '))', { backref: id }, ')');
    } else this.out.push(q);
    this.atomStart = -1;
  }
}

/** Translates a Java regex; throws RegexTranslationError for invalid or untranslatable patterns. */
export function translateJavaRegex(pattern: string): JavaRegex {
  return new Translator(pattern).translate();
}
