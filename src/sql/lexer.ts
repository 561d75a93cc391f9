/**
 * The SQL lexer: turns statement text into tokens the way Spark's case-insensitive lexer does.
 *
 * Invariants:
 * - Every token keeps its exact source span (`start`..`end`), so errors can point at the text.
 * - Keywords are not a token kind: a bare word is a `word` token and the parser decides from
 *   context (almost every Spark keyword is non-reserved by default).
 * - Lexing never throws for bad input except an unclosed bracketed comment: an unclosed quote or an
 *   unknown character becomes an `error` token, which no grammar rule accepts, so the parser
 *   reports `Syntax error at or near '<char>'` where it meets it (as Spark does).
 * - The list always ends with one `eof` token whose start is the text length.
 */
import { ParseException } from '../util/errors.js';

export type NumberKind =
  | 'integer'
  | 'bigint'
  | 'smallint'
  | 'tinyint'
  | 'decimal'
  | 'exponent'
  | 'double'
  | 'float'
  | 'bigdecimal';

export interface Token {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'op' | 'error' | 'eof';
  /** The source text of the token. */
  readonly text: string;
  /** word: the text upper-cased; quoted: the unquoted identifier; string: the unescaped value; number: digits without suffix. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly numberKind?: NumberKind;
}

const OPERATORS = [
  '<=>',
  '>>>',
  '<<',
  '>>',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '||',
  '::',
  '->',
  '=>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ';',
  ':',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '&',
  '|',
  '^',
  '!',
  '?',
];

const WORD_CHAR = /[\p{L}\p{N}_]/u;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = skipBracketedComment(text, i);
      continue;
    }
    if (c === "'" || c === '"') {
      const end = scanQuoted(text, i, c);
      if (end < 0) {
        out.push({ kind: 'error', text: c, value: c, start: i, end: i + 1 });
        i++;
        continue;
      }
      const raw = text.slice(i, end);
      out.push({ kind: 'string', text: raw, value: unescapeSqlString(raw.slice(1, -1), c), start: i, end });
      i = end;
      continue;
    }
    if (c === '`') {
      const end = scanQuoted(text, i, '`', false);
      if (end < 0) {
        out.push({ kind: 'error', text: c, value: c, start: i, end: i + 1 });
        i++;
        continue;
      }
      const raw = text.slice(i, end);
      out.push({ kind: 'quoted', text: raw, value: raw.slice(1, -1).replace(/``/g, '`'), start: i, end });
      i = end;
      continue;
    }
    if (WORD_CHAR.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const tok = scanWordOrNumber(text, i);
      out.push(tok);
      i = tok.end;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', text: op, value: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    // a lone surrogate pair char counts as one character in the message
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    out.push({ kind: 'error', text: ch, value: ch, start: i, end: i + ch.length });
    i += ch.length;
  }
  out.push({ kind: 'eof', text: '', value: '', start: n, end: n });
  return out;
}

function skipBracketedComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  throw new ParseException(
    'UNCLOSED_BRACKETED_COMMENT',
    'Found an unclosed bracketed comment. Please, append */ at the end of the comment.',
  );
}

/** End index (exclusive) of a quoted token starting at `start`, or -1 when it is not closed. */
function scanQuoted(text: string, start: number, quote: string, backslash = true): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (backslash && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

/** Spark's string unescaping (with `spark.sql.parser.escapedStringLiterals=false`). */
export function unescapeSqlString(body: string, quote: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === quote && body[i + 1] === quote) {
      out += quote;
      i++;
      continue;
    }
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const d = body[i + 1]!;
    if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    if (d === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 2, i + 10))) {
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 2, i + 10), 16));
      i += 9;
      continue;
    }
    if (/^[0-3][0-7]{2}$/.test(body.slice(i + 1, i + 4))) {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
      continue;
    }
    i++;
    switch (d) {
      case '0':
        out += '\u0000';
        break;
      case 'b':
        out += '\b';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'Z':
        out += '\u001A';
        break;
      case '%':
      case '_':
        // kept escaped: they are LIKE wildcards
        out += `\\${d}`;
        break;
      default:
        out += d;
    }
  }
  return out;
}

const NUMBER_PATTERNS: readonly { re: RegExp; kind: NumberKind; decimal: boolean }[] = [
  { re: /(\d+(?:E[+-]?\d+)?)BD/iy, kind: 'bigdecimal', decimal: false },
  { re: /(\d+(?:E[+-]?\d+)?)D/iy, kind: 'double', decimal: false },
  { re: /(\d+(?:E[+-]?\d+)?)F/iy, kind: 'float', decimal: false },
  { re: /(\d+)L/iy, kind: 'bigint', decimal: false },
  { re: /(\d+)S/iy, kind: 'smallint', decimal: false },
  { re: /(\d+)Y/iy, kind: 'tinyint', decimal: false },
  { re: /(\d+E[+-]?\d+)/iy, kind: 'exponent', decimal: false },
  { re: /(\d+)/y, kind: 'integer', decimal: false },
  { re: /((?:\d+\.\d*|\.\d+)(?:E[+-]?\d+)?)BD/iy, kind: 'bigdecimal', decimal: true },
  { re: /((?:\d+\.\d*|\.\d+)(?:E[+-]?\d+)?)D/iy, kind: 'double', decimal: true },
  { re: /((?:\d+\.\d*|\.\d+)(?:E[+-]?\d+)?)F/iy, kind: 'float', decimal: true },
  { re: /((?:\d+\.\d*|\.\d+)E[+-]?\d+)/iy, kind: 'exponent', decimal: true },
  { re: /(\d+\.\d*|\.\d+)/y, kind: 'decimal', decimal: true },
];

/**
 * Like ANTLR, the longest match wins between number rules and the identifier rule (which also
 * accepts words starting with digits, `1a`); ties go to the number. Tokens containing a dot are
 * only numbers when no word character follows (`1.5L` is not a number).
 */
function scanWordOrNumber(text: string, start: number): Token {
  let w = start;
  while (w < text.length && WORD_CHAR.test(text[w]!)) w++;
  let best: { len: number; kind: NumberKind; digits: string } | undefined;
  for (const p of NUMBER_PATTERNS) {
    p.re.lastIndex = start;
    const m = p.re.exec(text);
    if (!m) continue;
    const len = m[0].length;
    if (p.decimal && WORD_CHAR.test(text[start + len] ?? '')) continue;
    if (!best || len > best.len) best = { len, kind: p.kind, digits: m[1]! };
  }
  if (best && best.len >= w - start) {
    const end = start + best.len;
    return {
      kind: 'number',
      text: text.slice(start, end),
      value: best.digits,
      start,
      end,
      numberKind: best.kind,
    };
  }
  if (w === start) return { kind: 'op', text: '.', value: '.', start, end: start + 1 };
  const word = text.slice(start, w);
  return { kind: 'word', text: word, value: word.toUpperCase(), start, end: w };
}
