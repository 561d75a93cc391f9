/**
 * Parsed JSON values → Spark values of a target type, with the conversion rules of Spark's JSON
 * reader (JacksonParser): which JSON tokens each type accepts, overflow, NaN/Infinity strings,
 * timestamps through the session zone, and partial results for records that only partly fit.
 *
 * Invariants:
 * - A converter is compiled once per type (a tree of closures); per record nothing walks the
 *   schema or looks at type names.
 * - Converters receive non-null JSON values (JSON null is SQL NULL before they are called).
 * - A value that does not fit throws `BAD_VALUE`; a struct (or an array of structs) that could
 *   be converted only in part throws a `PartialValue` carrying what could be converted. Both
 *   mark the whole record as malformed; the record-level code (json-record-parser.ts) decides
 *   what a malformed record becomes (null fields, corrupt-record column, an error).
 */
import type { DataType, StructType } from '../../types/data-type.js';
import { compileDateTimePattern } from '../../types/datetime/date-time-pattern.js';
import { floorDivMicros, type Micros, microsFromSeconds } from '../../types/datetime/micros.js';
import {
  stringToDate,
  stringToTimestamp,
  stringToTimestampNTZ,
} from '../../types/datetime/timestamp-parse.js';
import { decimalFromText } from './decimal-text.js';
import type { JsonOptions } from './json-options.js';
import { JsonFloat, type JsonObject, type JsonValue, jsonObjectKeys } from './json-parser.js';
import { writeJsonValue } from './json-writer.js';

/** Thrown (not an Error: no stack capture on the hot path) when a value does not fit its type. */
export const BAD_VALUE: { readonly bad: true } = Object.freeze({ bad: true as const });

/** Thrown when a struct/array converted only in part; `value` holds the partial result. */
export class PartialValue {
  constructor(readonly value: unknown) {}
}

export type JsonValueConverter = (v: JsonValue) => unknown;

export type ConverterOptions = Pick<
  JsonOptions,
  'timeZone' | 'timestampFormat' | 'timestampNTZFormat' | 'dateFormat' | 'allowNonNumericNumbers'
>;

const MICROS_PER_DAY = 86_400_000_000;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

function bad(): never {
  throw BAD_VALUE;
}

/** The exact text of a numeric token (for decimals). */
function numberText(v: JsonValue): string | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof JsonFloat) return v.text;
  return undefined;
}

function integral(min: number, max: number, wrapBits: number): JsonValueConverter {
  return (v) => {
    if (typeof v !== 'number' || v < min || v > max) return bad();
    return wrapBits === 32 ? v | 0 : (v << (32 - wrapBits)) >> (32 - wrapBits);
  };
}

function nonNumericString(s: string, allow: boolean): number | undefined {
  if (!allow) return undefined;
  switch (s) {
    case 'NaN':
      return Number.NaN;
    case '+INF':
    case '+Infinity':
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-INF':
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      return undefined;
  }
}

/** Compiles the converter for one Spark type. */
export function compileValueConverter(t: DataType, o: ConverterOptions): JsonValueConverter {
  switch (t.kind) {
    case 'null':
      return () => null;
    case 'string':
      return (v) => (typeof v === 'string' ? v : writeJsonValue(v));
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : bad());
    // Jackson's getByteValue accepts -128..255 (unsigned bytes wrap); shorts and ints are range-checked
    case 'byte':
      return integral(-128, 255, 8);
    case 'short':
      return integral(-32768, 32767, 16);
    case 'integer':
      return integral(-2147483648, 2147483647, 32);
    case 'long':
      return (v) => {
        if (typeof v === 'number') return v;
        if (typeof v === 'bigint' && v >= LONG_MIN && v <= LONG_MAX) return v;
        return bad();
      };
    case 'float':
    case 'double': {
      const round = t.kind === 'float' ? Math.fround : (x: number) => x;
      const allow = o.allowNonNumericNumbers;
      return (v) => {
        if (typeof v === 'number') return round(v);
        if (v instanceof JsonFloat) return round(v.value);
        if (typeof v === 'bigint') return round(Number(v));
        if (typeof v === 'string') {
          const x = nonNumericString(v, allow);
          if (x !== undefined) return x;
        }
        return bad();
      };
    }
    case 'decimal': {
      const { precision, scale } = t;
      return (v) => {
        const text = typeof v === 'string' ? v.trim() : numberText(v);
        if (text === undefined) return bad();
        const d = decimalFromText(text, precision, scale);
        return d === null ? bad() : d;
      };
    }
    case 'binary':
      return (v) => {
        if (typeof v !== 'string' || !BASE64.test(v)) return bad();
        return new Uint8Array(Buffer.from(v, 'base64'));
      };
    case 'timestamp': {
      const tz = o.timeZone;
      const parse: (s: string) => Micros | null = o.timestampFormat
        ? (
            (p) => (s: string) =>
              p.parse(s, tz)
          )(compileDateTimePattern(o.timestampFormat, true))
        : (s) => stringToTimestamp(s, tz);
      return (v) => {
        if (typeof v === 'string') {
          const r = parse(v);
          return r === null ? bad() : r;
        }
        // integers are seconds since the epoch
        if (typeof v === 'number') {
          if (!Number.isInteger(v) || Math.abs(v) > 9.2e12) return bad();
          return microsFromSeconds(v);
        }
        return bad();
      };
    }
    case 'timestamp_ntz': {
      const parse: (s: string) => Micros | null = o.timestampNTZFormat
        ? (
            (p) => (s: string) =>
              p.parseLocal(s)
          )(compileDateTimePattern(o.timestampNTZFormat, true))
        : stringToTimestampNTZ;
      return (v) => {
        if (typeof v !== 'string') return bad();
        const r = parse(v);
        return r === null ? bad() : r;
      };
    }
    case 'date': {
      const parse: (s: string) => number | null = o.dateFormat
        ? ((p) => (s: string) => {
            const micros = p.parseLocal(s);
            return micros === null ? null : floorDivMicros(micros, MICROS_PER_DAY);
          })(compileDateTimePattern(o.dateFormat, true))
        : stringToDate;
      return (v) => {
        if (typeof v !== 'string') return bad();
        const r = parse(v);
        return r === null ? bad() : r;
      };
    }
    case 'array': {
      const el = compileValueConverter(t.elementType, o);
      return (v) => {
        if (!Array.isArray(v)) return bad();
        return convertArray(v, el);
      };
    }
    case 'map': {
      const val = compileValueConverter(t.valueType, o);
      return (v) => {
        if (!isObject(v)) return bad();
        const m = new Map<unknown, unknown>();
        let partial = false;
        for (const k of jsonObjectKeys(v)) {
          const x = v[k]!;
          if (x === null) {
            m.set(k, null);
            continue;
          }
          try {
            m.set(k, val(x));
          } catch (e) {
            if (!(e instanceof PartialValue)) throw e;
            m.set(k, e.value);
            partial = true;
          }
        }
        if (partial) throw new PartialValue(m);
        return m;
      };
    }
    case 'struct':
      return compileStructConverter(t, o, -1);
    default:
      return bad;
  }
}

function isObject(v: JsonValue): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonFloat);
}

function convertArray(v: JsonValue[], el: JsonValueConverter): unknown[] {
  const n = v.length;
  const out = new Array<unknown>(n);
  let partial = false;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x === null) {
      out[i] = null;
      continue;
    }
    try {
      out[i] = el(x);
    } catch (e) {
      // a partly converted struct element is kept; any other failure fails the whole array
      if (!(e instanceof PartialValue)) throw e;
      out[i] = e.value;
      partial = true;
    }
  }
  if (partial) throw new PartialValue(out);
  return out;
}

/**
 * A struct converter. `skipOrdinal` is the corrupt-record column (never read from the JSON), or
 * -1. Fields are matched by exact (case-sensitive) name; unknown keys are ignored.
 */
export function compileStructConverter(
  t: StructType,
  o: ConverterOptions,
  skipOrdinal: number,
): JsonValueConverter {
  const n = t.fields.length;
  const names = t.fields.map((f) => f.name);
  const convs = t.fields.map((f) => compileValueConverter(f.dataType, o));
  // names like `constructor` would otherwise read Object.prototype members
  const inherited = names.map((name) => name in Object.prototype);
  return (v) => {
    if (!isObject(v)) return bad();
    const row = new Array<unknown>(n);
    let failed = false;
    for (let i = 0; i < n; i++) {
      const x = i === skipOrdinal ? undefined : v[names[i]!];
      if (x === undefined || x === null || (inherited[i] && !Object.hasOwn(v, names[i]!))) {
        row[i] = null;
        continue;
      }
      try {
        row[i] = convs[i]!(x);
      } catch (e) {
        failed = true;
        row[i] = e instanceof PartialValue ? e.value : null;
        if (e !== BAD_VALUE && !(e instanceof PartialValue)) throw e;
      }
    }
    if (failed) throw new PartialValue(row);
    return row;
  };
}
