/**
 * A fast path of `from_json` for the common shape of event streams: one flat object whose values
 * are plain strings (or null), like `{"house":"Gryffindor","score":"7","ts":"2024-…"}`. One scan
 * over the text fills the row directly: no JSON.parse object, no key strings, field names matched
 * in place (in schema order first), each value converted by the field's ordinary converter.
 *
 * Invariant: the scanner either returns exactly the row the general path (JSON parse + struct
 * converter) would return for the same text, or `undefined` — for anything it does not handle
 * (escapes, control characters, numbers, nested values, non-standard syntax, a value its
 * converter rejects, blank or malformed text) — and the caller then takes the general path.
 * Like the general path, unknown keys are ignored, missing keys are null, a repeated key keeps
 * its last value, and the corrupt-record column is never filled from the document.
 */
import type { StructType } from '../../types/data-type.js';
import { type ConverterOptions, compileValueConverter } from './json-value-converter.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN = 123;
const CLOSE = 125;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index of the closing quote of a string starting at `from`, or -1 if it has escapes or control characters. */
function plainStringEnd(text: string, from: number): number {
  for (let q = from; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (c === QUOTE) return q;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

/**
 * The schema's field names when a flat scanner can match them verbatim (none would need escaping
 * in JSON), else undefined. Shared by the text and byte scanners.
 */
export function scannableFieldNames(schema: StructType): string[] | undefined {
  const names = schema.fields.map((f) => f.name);
  if (names.length === 0 || names.some((name) => /["\\\u0000-\u001f]/.test(name))) return undefined;
  return names;
}

/** The scanner for `schema`, or undefined when its field names would need escaping in JSON. */
export function compileFlatRecordScanner(
  schema: StructType,
  o: ConverterOptions,
  skipOrdinal: number,
): ((text: string) => unknown[] | undefined) | undefined {
  const names = scannableFieldNames(schema);
  if (!names) return undefined;
  const n = names.length;
  const convs = schema.fields.map((f) => compileValueConverter(f.dataType, o));
  return (text) => {
    const len = text.length;
    let p = 0;
    while (p < len && isSpace(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) !== OPEN) return undefined;
    p++;
    while (p < len && isSpace(text.charCodeAt(p))) p++;
    const row = new Array<unknown>(n).fill(null);
    if (text.charCodeAt(p) === CLOSE) p++;
    else {
      let expect = 0;
      for (;;) {
        if (text.charCodeAt(p) !== QUOTE) return undefined;
        const keyStart = p + 1;
        const keyEnd = plainStringEnd(text, keyStart);
        if (keyEnd < 0) return undefined;
        const keyLength = keyEnd - keyStart;
        let field = -1;
        for (let k = 0; k < n; k++) {
          const i = expect + k < n ? expect + k : expect + k - n;
          const name = names[i]!;
          if (name.length === keyLength && text.startsWith(name, keyStart)) {
            field = i;
            break;
          }
        }
        p = keyEnd + 1;
        while (p < len && isSpace(text.charCodeAt(p))) p++;
        if (text.charCodeAt(p) !== COLON) return undefined;
        p++;
        while (p < len && isSpace(text.charCodeAt(p))) p++;
        const c = text.charCodeAt(p);
        if (c === QUOTE) {
          const valueEnd = plainStringEnd(text, p + 1);
          if (valueEnd < 0) return undefined;
          if (field >= 0 && field !== skipOrdinal) {
            try {
              row[field] = convs[field]!(text.slice(p + 1, valueEnd));
            } catch {
              return undefined;
            }
          }
          p = valueEnd + 1;
        } else if (c === 110 && text.startsWith('null', p)) {
          if (field >= 0) row[field] = null;
          p += 4;
        } else return undefined;
        if (field >= 0) expect = field + 1 < n ? field + 1 : 0;
        while (p < len && isSpace(text.charCodeAt(p))) p++;
        const d = text.charCodeAt(p);
        p++;
        if (d === CLOSE) break;
        if (d !== COMMA) return undefined;
        while (p < len && isSpace(text.charCodeAt(p))) p++;
      }
    }
    while (p < len && isSpace(text.charCodeAt(p))) p++;
    return p === len ? row : undefined;
  };
}
