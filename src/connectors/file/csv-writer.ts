/**
 * Writing rows as CSV text like Spark's CSV writer: a field is quoted when it holds the
 * delimiter, the quote or a line break (or always with `quoteAll`), quotes inside
 * are escaped with the escape character, leading/trailing whitespace is trimmed by default,
 * null is written as `nullValue` and the empty string as `emptyValue` (`""`).
 */
import type { Row } from '../../expr/expression.js';
import type { StructType } from '../../types/data-type.js';
import type { CsvOptions } from './csv-options.js';
import { compileCsvFormatter } from './csv-values.js';

export function compileCsvRowWriter(schema: StructType, o: CsvOptions): (r: Row) => string {
  const formatters = schema.fields.map((f) => compileCsvFormatter(f.dataType, o));
  const n = formatters.length;
  const quote = (s: string) => quoteField(s, o);
  return (r) => {
    let line = '';
    for (let i = 0; i < n; i++) {
      if (i) line += o.sep;
      const v = r[i];
      if (v === null || v === undefined) {
        line += o.nullValue;
        continue;
      }
      let s = formatters[i]!(v);
      if (o.ignoreLeadingWhiteSpace) s = s.replace(/^[\s\u0000-\u0020]+/, '');
      if (o.ignoreTrailingWhiteSpace) s = s.replace(/[\s\u0000-\u0020]+$/, '');
      line += s === '' ? o.emptyValue : quote(s);
    }
    return line;
  };
}

export function csvHeaderLine(schema: StructType, o: CsvOptions): string {
  return schema.fields.map((f) => quoteField(f.name, o)).join(o.sep);
}

function quoteField(s: string, o: CsvOptions): string {
  const q = o.quote;
  if (q === '\u0000') return s;
  const needs =
    o.quoteAll ||
    s.includes(o.sep) ||
    s.includes(q) ||
    s.includes('\n') ||
    s.includes('\r') ||
    (o.comment !== undefined && s.startsWith(o.comment));
  if (!needs) return s;
  if (!o.escapeQuotes) return `${q}${s}${q}`;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    // a quote is escaped, and so is an escape character that stands right before a quote
    if (c === q || (c === o.escape && s[i + 1] === q)) out += o.escape;
    out += c;
  }
  return `${q}${out}${q}`;
}
