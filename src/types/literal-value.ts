/**
 * Conversions between user-facing JavaScript values and the engine's internal value
 * representation (see data-type.ts), and type inference for literals and createDataFrame.
 *
 * Invariants: `toInternalValue` never returns undefined (null for missing); `toExternalValue` is its
 * inverse for the types a JS value can express exactly (timestamps become Date, losing sub-ms
 * digits; decimals become strings to stay exact; longs outside ±2^53 stay bigint).
 */
import { AnalysisException } from '../util/errors.js';
import { widerType } from './coercion.js';
import {
  arrayType,
  BinaryType,
  BooleanType,
  type DataType,
  DoubleType,
  decimalType,
  IntegerType,
  LongType,
  mapType,
  NullType,
  StringType,
  structField,
  structType,
  TimestampType,
} from './data-type.js';
import { type Micros, microsToMillis, multiplyMicros, normMicros } from './datetime/micros.js';
import { stringToDate, stringToTimestamp } from './datetime/timestamp-parse.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** The Spark type PySpark would infer for a JS value (numbers: int if they fit, else bigint, else double). */
export function inferLiteralType(v: unknown): DataType {
  if (v === null || v === undefined) return NullType;
  switch (typeof v) {
    case 'string':
      return StringType;
    case 'boolean':
      return BooleanType;
    case 'bigint':
      return LongType;
    case 'number':
      if (Number.isInteger(v) && !Object.is(v, -0))
        return v >= INT_MIN && v <= INT_MAX ? IntegerType : LongType;
      return DoubleType;
    default:
      break;
  }
  if (v instanceof Date) return TimestampType;
  if (v instanceof Uint8Array) return BinaryType;
  if (Array.isArray(v)) {
    let el: DataType = NullType;
    for (const x of v) {
      const t = inferLiteralType(x);
      el = widerType(el, t) ?? failInfer(v);
    }
    return arrayType(
      el,
      v.some((x) => x === null || x === undefined),
    );
  }
  if (v instanceof Map) {
    let k: DataType = NullType;
    let val: DataType = NullType;
    for (const [a, b] of v) {
      k = widerType(k, inferLiteralType(a)) ?? failInfer(v);
      val = widerType(val, inferLiteralType(b)) ?? failInfer(v);
    }
    return mapType(k, val, true);
  }
  if (typeof v === 'object') {
    return structType(
      Object.entries(v as object).map(([name, x]) => structField(name, inferLiteralType(x), true)),
    );
  }
  return failInfer(v);
}

function failInfer(v: unknown): never {
  throw new AnalysisException('CANNOT_INFER_TYPE', `Cannot infer a Spark type for the value ${String(v)}.`);
}

function decimalFromValue(v: unknown, scale: number): bigint {
  const text = typeof v === 'bigint' ? v.toString() : String(v);
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m) throw new AnalysisException('INVALID_DECIMAL', `'${text}' is not a valid decimal value.`);
  const sign = m[1] === '-' ? -1n : 1n;
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let exp = -(m[3]?.length ?? 0) + Number(m[4] ?? 0);
  // shift to the target scale, rounding half up
  const shift = exp + scale;
  if (shift >= 0) return sign * BigInt((digits || '0') + '0'.repeat(shift));
  const keep = digits.length + shift;
  if (keep <= 0) {
    const first = keep === 0 ? Number(digits[0] ?? '0') : 0;
    return sign * (first >= 5 ? 1n : 0n);
  }
  const head = BigInt(digits.slice(0, keep));
  const next = Number(digits[keep] ?? '0');
  digits = '';
  exp = 0;
  return sign * (next >= 5 ? head + 1n : head);
}

/** Normalises a long: number when it is a safe integer, bigint otherwise. */
export function normalizeLong(v: bigint | number): number | bigint {
  if (typeof v === 'number') return v;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Converts a user value to the internal representation of `t` (used by createDataFrame and lit). */
export function toInternalValue(v: unknown, t: DataType, timeZone = 'UTC'): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'null':
      return null;
    case 'string':
      return typeof v === 'string' ? v : String(v);
    case 'boolean':
      return Boolean(v);
    case 'byte':
    case 'short':
    case 'integer':
      return typeof v === 'bigint' ? Number(v) : Number(v);
    case 'long':
      if (typeof v === 'bigint') return normalizeLong(v);
      return typeof v === 'number' ? v : normalizeLong(BigInt(String(v)));
    case 'float':
      return Math.fround(Number(v));
    case 'double':
      return Number(v);
    case 'decimal':
      return decimalFromValue(v, t.scale);
    case 'date':
      if (v instanceof Date) return Math.floor(v.getTime() / 86_400_000);
      if (typeof v === 'string') return stringToDate(v);
      return Number(v);
    case 'timestamp':
    case 'timestamp_ntz':
      if (v instanceof Date) return multiplyMicros(v.getTime(), 1000);
      if (typeof v === 'string')
        return t.kind === 'timestamp' ? stringToTimestamp(v, timeZone) : stringToTimestamp(v, 'UTC');
      return typeof v === 'bigint' ? normMicros(v) : Number(v);
    case 'binary':
      if (v instanceof Uint8Array) return v;
      return new TextEncoder().encode(String(v));
    case 'interval':
      return v;
    case 'array':
      if (!Array.isArray(v)) throw typeMismatch(v, t);
      return v.map((x) => toInternalValue(x, t.elementType, timeZone));
    case 'map': {
      const entries = v instanceof Map ? [...v] : Object.entries(v as object);
      return new Map(
        entries.map(([k, x]) => [
          toInternalValue(k, t.keyType, timeZone),
          toInternalValue(x, t.valueType, timeZone),
        ]),
      );
    }
    case 'struct': {
      if (Array.isArray(v)) return t.fields.map((f, i) => toInternalValue(v[i], f.dataType, timeZone));
      const o = v as Record<string, unknown>;
      return t.fields.map((f) => toInternalValue(o[f.name], f.dataType, timeZone));
    }
  }
}

function typeMismatch(v: unknown, t: DataType): AnalysisException {
  return new AnalysisException(
    'FIELD_DATA_TYPE_UNACCEPTABLE',
    `The value ${JSON.stringify(v)} does not fit type ${t.kind}.`,
  );
}

/** Converts an internal value to what `collect()` returns to users. */
export function toExternalValue(
  v: unknown,
  t: DataType,
  makeRow: (values: unknown[], t: DataType) => unknown,
): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'timestamp':
    case 'timestamp_ntz':
      return new Date(microsToMillis(v as Micros));
    case 'date':
      return new Date((v as number) * 86_400_000);
    case 'decimal': {
      const u = v as bigint;
      const neg = u < 0n;
      const s = (neg ? -u : u).toString().padStart(t.scale + 1, '0');
      const text = t.scale > 0 ? `${s.slice(0, s.length - t.scale)}.${s.slice(s.length - t.scale)}` : s;
      return neg ? `-${text}` : text;
    }
    case 'array':
      return (v as unknown[]).map((x) => toExternalValue(x, t.elementType, makeRow));
    case 'map': {
      const out = new Map();
      for (const [k, x] of v as Map<unknown, unknown>) {
        out.set(toExternalValue(k, t.keyType, makeRow), toExternalValue(x, t.valueType, makeRow));
      }
      return out;
    }
    case 'struct':
      return makeRow(
        t.fields.map((f, i) => toExternalValue((v as unknown[])[i], f.dataType, makeRow)),
        t,
      );
    default:
      return v;
  }
}

export { decimalType };
