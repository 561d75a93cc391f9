/**
 * Reader/writer options as Spark sees them: keys are case-insensitive, values are strings, and
 * each typed getter falls back to Spark's default when the option is absent.
 *
 * Invariant: the raw record passed in is never mutated; lookups lower-case the key once.
 */
import { AnalysisException } from '../../util/errors.js';

export class FileOptions {
  private readonly map = new Map<string, string>();

  constructor(readonly raw: Readonly<Record<string, string>>) {
    for (const [k, v] of Object.entries(raw)) this.map.set(k.toLowerCase(), v);
  }

  get(key: string): string | undefined {
    return this.map.get(key.toLowerCase());
  }
  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }
  string(key: string, dflt: string): string {
    return this.get(key) ?? dflt;
  }
  bool(key: string, dflt: boolean): boolean {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    throw new AnalysisException('INVALID_OPTION_VALUE', `${key} should be a boolean, but got '${v}'.`);
  }
  int(key: string, dflt: number): number {
    const v = this.get(key);
    if (v === undefined) return dflt;
    const n = Number(v.trim());
    if (!Number.isFinite(n)) {
      throw new AnalysisException('INVALID_OPTION_VALUE', `${key} should be a number, but got '${v}'.`);
    }
    return n;
  }
  /** A one-character option (`sep`, `quote`, …); `\t`-style escapes and the empty string (no char) allowed. */
  char(key: string, dflt: string): string {
    const v = this.get(key);
    if (v === undefined) return dflt;
    return unescapeOptionChar(v, key);
  }
}

/** Spark's CSVUtils.toChar: one character, or an escape such as `\t`, `\u0001`, or `""` for none. */
export function unescapeOptionChar(v: string, key: string): string {
  if (v.length === 1) return v;
  if (v === '') return '\u0000';
  switch (v) {
    case '\\t':
      return '\t';
    case '\\r':
      return '\r';
    case '\\b':
      return '\b';
    case '\\f':
      return '\f';
    case '\\"':
      return '"';
    case "\\'":
      return "'";
    case '\\\\':
      return '\\';
    case '\\u0000':
      return '\u0000';
  }
  if (/^\\u[0-9a-fA-F]{4}$/.test(v)) return String.fromCharCode(Number.parseInt(v.slice(2), 16));
  if (key === 'sep' || key === 'delimiter') return v;
  throw new AnalysisException('INVALID_OPTION_VALUE', `${key} cannot be more than one character: '${v}'.`);
}
