/**
 * Splits CSV text into records of fields with the rules of the parser Spark uses (univocity):
 * a field is quoted only if its first character (after optional leading-whitespace skipping) is
 * the quote; inside quotes the escape character escapes a quote (or itself); a quote followed by
 * anything but a delimiter or the end of the record makes the field an unquoted one read up to
 * the next delimiter (`unescapedQuoteHandling = STOP_AT_DELIMITER`); quotes inside unquoted
 * fields are literal.
 *
 * Invariant: a field is `null` when it was empty and unquoted, `''` when it was a quoted empty
 * string; callers map those to `nullValue` / `emptyValue`. Reading a field allocates nothing but
 * its value: where the next field starts and whether the record ended are left in `next` and
 * `ended` (the per-field cost is the hot path of every CSV read).
 */
import type { CsvOptions } from './csv-options.js';

export type CsvField = string | null;

function isWs(c: string): boolean {
  return c <= ' ' && c !== '\n' && c !== '\r';
}

/** Parses CSV text. With `multiLine` a quoted field may hold line breaks; otherwise `text` is one line. */
export class CsvTokenizer {
  private readonly sep: string;
  private readonly quote: string;
  private readonly escape: string;
  /** Set by `field`/`unquoted`: where the next field starts, and whether this one ended the record. */
  private next = 0;
  private ended = false;
  /** parseLine: index of the line's first line break (its length when none). */
  private lineBreak = 0;

  constructor(private readonly o: CsvOptions) {
    this.sep = o.sep;
    this.quote = o.quote;
    this.escape = o.escape;
  }

  /** The fields of one line. */
  parseLine(line: string): CsvField[] {
    const out: CsvField[] = [];
    this.lineBreak = firstLineBreak(line);
    let i = 0;
    for (;;) {
      out.push(this.field(line, i, false));
      if (this.ended) return out;
      i = this.next;
    }
  }

  /**
   * Every record of a whole text (multiLine). Empty lines and comment lines are skipped; each
   * record carries its raw text for the corrupt-record column.
   */
  *records(text: string): Generator<{ fields: CsvField[]; raw: string }> {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text[i]!;
      if (c === '\n' || c === '\r') {
        i++;
        continue;
      }
      if (this.o.comment !== undefined && c === this.o.comment) {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        continue;
      }
      const start = i;
      const fields: CsvField[] = [];
      for (;;) {
        fields.push(this.field(text, i, true));
        i = this.next;
        if (this.ended) break;
      }
      let end = i;
      // i sits on the record's line break (or the end): step over it
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (i < n) i++;
      while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
      yield { fields, raw: text.slice(start, end) };
    }
  }

  private atSep(s: string, k: number): boolean {
    return this.sep.length === 1 ? s[k] === this.sep : s.startsWith(this.sep, k);
  }

  private done(v: CsvField, next: number, ended: boolean): CsvField {
    this.next = next;
    this.ended = ended;
    return v;
  }

  /** Reads one field at `i`; `next` = index after the delimiter (or of the line end), `ended` = record ended. */
  private field(s: string, i: number, multiLine: boolean): CsvField {
    const n = s.length;
    const { quote, escape: esc } = this;
    if (this.o.ignoreLeadingWhiteSpace) while (i < n && isWs(s[i]!) && !this.atSep(s, i)) i++;
    const fieldStart = i;
    if (quote !== '\u0000' && s[i] === quote) {
      // the value is built from runs of plain characters (sliced, not appended one by one)
      let v = '';
      let k = i + 1;
      let run = k;
      for (;;) {
        if (k >= n) return this.done(v + s.slice(run, n), n, true);
        const c = s[k]!;
        if (c === esc && esc !== quote && (s[k + 1] === quote || s[k + 1] === esc)) {
          v += s.slice(run, k) + s[k + 1];
          k += 2;
          run = k;
          continue;
        }
        if (c === quote) {
          if (esc === quote && s[k + 1] === quote) {
            v += s.slice(run, k) + quote;
            k += 2;
            run = k;
            continue;
          }
          v += s.slice(run, k);
          let j = k + 1;
          while (j < n && isWs(s[j]!) && !this.atSep(s, j)) j++;
          if (j >= n || s[j] === '\n' || s[j] === '\r') return this.done(v, j, true);
          if (this.atSep(s, j)) return this.done(v, j + this.sep.length, false);
          // an unescaped quote: the field is read again as unquoted text up to the delimiter
          return this.unquoted(s, fieldStart, multiLine);
        }
        if (!multiLine && (c === '\n' || c === '\r')) return this.done(v + s.slice(run, k), k, true);
        k++;
      }
    }
    return this.unquoted(s, i, multiLine);
  }

  private unquoted(s: string, i: number, multiLine: boolean): CsvField {
    const n = s.length;
    const sep = this.sep;
    let k: number;
    if (!multiLine && sep.length === 1) {
      // one line: the field ends at the next delimiter or the line's first break
      k = s.indexOf(sep, i);
      if (k < 0 || k > this.lineBreak) k = this.lineBreak;
    } else {
      k = i;
      while (k < n) {
        const c = s.charCodeAt(k);
        if (c === 10 || c === 13) break;
        if (sep.length === 1 ? s[k] === sep : s.startsWith(sep, k)) break;
        k++;
      }
    }
    let end = k;
    if (this.o.ignoreTrailingWhiteSpace) while (end > i && isWs(s[end - 1]!)) end--;
    const v = end > i ? s.slice(i, end) : null;
    if (k >= n) return this.done(v, k, true);
    const c = s.charCodeAt(k);
    if (c === 10 || c === 13) return this.done(v, k, true);
    return this.done(v, k + sep.length, false);
  }
}

/** Index of the first \n or \r in s, or s.length. */
function firstLineBreak(s: string): number {
  const lf = s.indexOf('\n');
  const cr = s.indexOf('\r');
  if (lf < 0) return cr < 0 ? s.length : cr;
  return cr < 0 ? lf : Math.min(lf, cr);
}
