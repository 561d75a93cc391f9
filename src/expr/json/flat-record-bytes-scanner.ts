/**
 * The flat-record fast path of `from_json` (see flat-record-scanner.ts) over a record's UTF-8
 * bytes, for `from_json(CAST(bytes AS STRING), …)` — the Kafka `value` column. It reads the bytes
 * directly: no string for the whole record, field names compared as bytes, and values of string
 * fields looked up in a small per-field table of recently seen values (event streams repeat
 * categories, names, codes), so a repeated value costs no allocation. Timestamp fields without a
 * `timestampFormat` are read from the bytes too.
 *
 * Invariant: the scanner returns exactly the row the general path (decode the bytes as
 * `CAST(… AS STRING)` does, then from_json on the text) returns for the same bytes, or
 * `undefined` — for anything it does not handle (escapes, control characters, numbers, nested
 * values, bytes outside ASCII in structure, a leading byte-order mark, a value its converter
 * rejects, malformed text) — and the caller then takes the general path. A string value holding
 * non-ASCII UTF-8 is decoded on its own; this equals the same slice of the whole decoded record
 * because its ends are ASCII quotes, which no UTF-8 sequence (valid or not) spans.
 */
import type { StructType } from '../../types/data-type.js';
import { parseZoneId } from '../../types/datetime/time-zone.js';
import { timestampFromAsciiBytes } from '../../types/datetime/timestamp-bytes.js';
import { scannableFieldNames } from './flat-record-scanner.js';
import { type ConverterOptions, compileValueConverter } from './json-value-converter.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN = 123;
const CLOSE = 125;
/** Slots per string field's table of recent values (a power of two; two slots per hash). */
const TABLE_SIZE = 4096;
/** Values longer than this are decoded, not looked up. */
const MAX_INTERNED_LENGTH = 64;

/** Decodes a string value's bytes; the byte-order mark is data here, never stripped. */
const valueDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Recently seen ASCII values of one field, by a hash of their bytes. */
class RecentStrings {
  private readonly slots: (string | undefined)[] = new Array(TABLE_SIZE).fill(undefined);

  get(b: Uint8Array, start: number, end: number, hash: number): string {
    const slot = hash & (TABLE_SIZE - 1);
    const first = this.slots[slot];
    if (first !== undefined && sameAscii(first, b, start, end)) return first;
    const second = this.slots[slot ^ 1];
    if (second !== undefined && sameAscii(second, b, start, end)) return second;
    const fresh = valueDecoder.decode(b.subarray(start, end));
    // the newest value takes the first slot, the one it displaces the second
    this.slots[slot ^ 1] = first;
    this.slots[slot] = fresh;
    return fresh;
  }
}

function sameAscii(s: string, b: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  if (s.length !== n) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

type FieldReader = (b: Uint8Array, start: number, end: number, hash: number, ascii: boolean) => unknown;

/** A field's reader: string → recent-value table; timestamp → bytes; others → text + converter. */
function fieldReader(schema: StructType, i: number, o: ConverterOptions): FieldReader {
  const t = schema.fields[i]!.dataType;
  const conv = compileValueConverter(t, o);
  const text = (b: Uint8Array, start: number, end: number) => valueDecoder.decode(b.subarray(start, end));
  if (t.kind === 'string') {
    const recent = new RecentStrings();
    return (b, start, end, hash, ascii) =>
      ascii && end - start <= MAX_INTERNED_LENGTH ? recent.get(b, start, end, hash) : text(b, start, end);
  }
  const zone = t.kind === 'timestamp' && !o.timestampFormat ? parseZoneId(o.timeZone) : null;
  if (zone) {
    return (b, start, end, _hash, ascii) => {
      const micros = ascii ? timestampFromAsciiBytes(b, start, end, zone) : undefined;
      return micros !== undefined ? micros : conv(text(b, start, end));
    };
  }
  return (b, start, end) => conv(text(b, start, end));
}

/** The byte scanner for `schema`, or undefined when its field names would need escaping in JSON. */
export function compileFlatRecordBytesScanner(
  schema: StructType,
  o: ConverterOptions,
  skipOrdinal: number,
): ((b: Uint8Array) => unknown[] | undefined) | undefined {
  const names = scannableFieldNames(schema);
  if (!names) return undefined;
  const n = names.length;
  const nameBytes = names.map((name) => new TextEncoder().encode(name));
  const readers = schema.fields.map((_, i) => fieldReader(schema, i, o));

  /** Whether b[at, at+len) is field i's name followed by its closing quote. */
  const isKey = (b: Uint8Array, at: number, i: number): boolean => {
    const nb = nameBytes[i]!;
    const len = nb.length;
    if (b[at + len] !== QUOTE) return false;
    for (let k = 0; k < len; k++) if (b[at + k] !== nb[k]) return false;
    return true;
  };

  return (b) => {
    const len = b.length;
    let p = 0;
    while (p < len && isSpace(b[p]!)) p++;
    if (b[p] !== OPEN) return undefined;
    p++;
    while (p < len && isSpace(b[p]!)) p++;
    const row = new Array<unknown>(n).fill(null);
    if (b[p] === CLOSE) p++;
    else {
      let expect = 0;
      for (;;) {
        if (b[p] !== QUOTE) return undefined;
        const keyStart = p + 1;
        // the expected field first (records usually follow one key order), then the others
        let field = -1;
        for (let k = 0; k < n; k++) {
          const i = expect + k < n ? expect + k : expect + k - n;
          if (isKey(b, keyStart, i)) {
            field = i;
            break;
          }
        }
        if (field >= 0) p = keyStart + nameBytes[field]!.length;
        else {
          // an unknown key: skip it, but only if it is a plain string
          p = keyStart;
          for (;;) {
            if (p >= len) return undefined;
            const c = b[p]!;
            if (c === QUOTE) break;
            if (c === BACKSLASH || c < 32) return undefined;
            p++;
          }
        }
        p++;
        while (p < len && isSpace(b[p]!)) p++;
        if (b[p] !== COLON) return undefined;
        p++;
        while (p < len && isSpace(b[p]!)) p++;
        const c = b[p];
        if (c === QUOTE) {
          const valueStart = p + 1;
          let q = valueStart;
          let hash = 0x811c9dc5;
          let high = 0;
          for (;;) {
            if (q >= len) return undefined;
            const d = b[q]!;
            if (d === QUOTE) break;
            if (d === BACKSLASH || d < 32) return undefined;
            high |= d;
            hash = Math.imul(hash ^ d, 0x01000193);
            q++;
          }
          if (field >= 0 && field !== skipOrdinal) {
            try {
              row[field] = readers[field]!(b, valueStart, q, hash ^ (hash >>> 16), high < 0x80);
            } catch {
              return undefined;
            }
          }
          p = q + 1;
        } else if (c === 110 && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
          if (field >= 0) row[field] = null;
          p += 4;
        } else return undefined;
        if (field >= 0) expect = field + 1 < n ? field + 1 : 0;
        while (p < len && isSpace(b[p]!)) p++;
        const d = b[p];
        p++;
        if (d === CLOSE) break;
        if (d !== COMMA) return undefined;
        while (p < len && isSpace(b[p]!)) p++;
      }
    }
    while (p < len && isSpace(b[p]!)) p++;
    return p === len ? row : undefined;
  };
}
