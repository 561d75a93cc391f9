/**
 * Writing JSON text the way Spark's JSON generator (Jackson) does: Spark values of a known type
 * (`to_json`, the JSON file sink) and parsed JSON values (re-serialising a sub-tree for
 * `get_json_object`, `json_tuple` and string fields of `from_json`).
 *
 * Invariants: output is compact (no spaces); strings are escaped like Jackson (quote, backslash
 * and control characters; non-ASCII and `/` written as is); doubles print like Java's
 * `Double.toString` and NaN/Infinity are written as quoted strings; writers are compiled once
 * per type, so the per-row path does no type dispatch.
 */
import type { DataType } from '../../types/data-type.js';
import { compileDateTimePattern } from '../../types/datetime/date-time-pattern.js';
import { castToString, formatDecimal, formatDouble, formatFloat } from '../../types/value-format.js';
import { JsonFloat, type JsonObject, type JsonValue, jsonObjectKeys } from './json-parser.js';

/** Control characters JSON.stringify escapes as `\u00xx`; Jackson writes the hex digits upper-case. */
const HEX_ESCAPED = /[\x00-\x07\x0b\x0e-\x1f]/;

export function quoteJsonString(s: string): string {
  if (!HEX_ESCAPED.test(s)) return JSON.stringify(s);
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      const short = SHORT_ESCAPES[c];
      out += short ?? `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
    } else if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else out += s[i];
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

function writeFloatToken(v: number): string {
  return Number.isFinite(v) ? formatDouble(v) : `"${formatDouble(v)}"`;
}

/** Compact JSON text of a parsed JSON value (numbers as Jackson re-emits them). */
export function writeJsonValue(v: JsonValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return quoteJsonString(v);
    case 'number':
      return Object.is(v, -0) ? '0' : String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof JsonFloat) return writeFloatToken(v.value);
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i === 0 ? '' : ',') + writeJsonValue(v[i]!);
    return `${s}]`;
  }
  const o = v as JsonObject;
  let s = '{';
  let first = true;
  for (const k of jsonObjectKeys(o)) {
    s += `${first ? '' : ','}${quoteJsonString(k)}:${writeJsonValue(o[k]!)}`;
    first = false;
  }
  return `${s}}`;
}

export interface JsonWriteOptions {
  readonly timeZone: string;
  readonly ignoreNullFields: boolean;
  readonly timestampFormat?: string;
  readonly timestampNTZFormat?: string;
  readonly dateFormat?: string;
}

/**
 * Spark's default write formats for JSON (the timestamp one is FileSourceOptions'
 * commonTimestampFormat: an offset keeps its seconds when it has some, e.g. -07:52:58).
 */
export const DEFAULT_TIMESTAMP_WRITE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXXXX]";
export const DEFAULT_TIMESTAMP_NTZ_WRITE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS";
export const DEFAULT_DATE_FORMAT = 'yyyy-MM-dd';

const MICROS_PER_DAY = 86_400_000_000;

export type JsonValueWriter = (v: unknown) => string;

/**
 * Map keys become JSON field names: strings as they are, structs as `[f1,f2]` (how Spark prints
 * the row), anything else cast to string.
 */
function compileKeyText(keyType: DataType, tz: string): (k: unknown) => string {
  if (keyType.kind === 'string') return (k) => quoteJsonString(k as string);
  if (keyType.kind === 'struct') {
    const fields = keyType.fields.map((f) => f.dataType);
    return (k) =>
      quoteJsonString(
        `[${(k as unknown[]).map((x, i) => (x === null ? 'null' : castToString(x, fields[i]!, tz))).join(',')}]`,
      );
  }
  return (k) => quoteJsonString(castToString(k, keyType, tz));
}

/** A writer for non-null values of type `t`. */
export function compileJsonWriter(t: DataType, o: JsonWriteOptions): JsonValueWriter {
  switch (t.kind) {
    case 'null':
      return () => 'null';
    case 'string':
      return (v) => quoteJsonString(v as string);
    case 'boolean':
      return (v) => (v ? 'true' : 'false');
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return (v) => String(v);
    case 'float':
      return (v) => {
        const x = v as number;
        return Number.isFinite(x) ? formatFloat(x) : `"${formatFloat(x)}"`;
      };
    case 'double':
      return (v) => writeFloatToken(v as number);
    case 'decimal': {
      const scale = t.scale;
      return (v) => formatDecimal(v as bigint, scale);
    }
    case 'timestamp': {
      const p = compileDateTimePattern(o.timestampFormat ?? DEFAULT_TIMESTAMP_WRITE_FORMAT);
      const tz = o.timeZone;
      return (v) => quoteJsonString(p.format(v as number, tz));
    }
    case 'timestamp_ntz': {
      const p = compileDateTimePattern(o.timestampNTZFormat ?? DEFAULT_TIMESTAMP_NTZ_WRITE_FORMAT);
      return (v) => quoteJsonString(p.format(v as number, 'UTC'));
    }
    case 'date': {
      const p = compileDateTimePattern(o.dateFormat ?? DEFAULT_DATE_FORMAT);
      return (v) => quoteJsonString(p.format((v as number) * MICROS_PER_DAY, 'UTC'));
    }
    case 'binary':
      return (v) => `"${Buffer.from(v as Uint8Array).toString('base64')}"`;
    case 'array': {
      const el = compileJsonWriter(t.elementType, o);
      return (v) => {
        const a = v as unknown[];
        let s = '[';
        for (let i = 0; i < a.length; i++) {
          const x = a[i];
          s += (i === 0 ? '' : ',') + (x === null || x === undefined ? 'null' : el(x));
        }
        return `${s}]`;
      };
    }
    case 'map': {
      const val = compileJsonWriter(t.valueType, o);
      const keyType = t.keyType;
      const tz = o.timeZone;
      const key = compileKeyText(keyType, tz);
      return (v) => {
        let s = '{';
        let first = true;
        for (const [k, x] of v as Map<unknown, unknown>) {
          s += `${first ? '' : ','}${key(k)}:${x === null || x === undefined ? 'null' : val(x)}`;
          first = false;
        }
        return `${s}}`;
      };
    }
    case 'struct': {
      const names = t.fields.map((f) => `${quoteJsonString(f.name)}:`);
      const writers = t.fields.map((f) => compileJsonWriter(f.dataType, o));
      const n = names.length;
      const skipNulls = o.ignoreNullFields;
      return (v) => {
        const r = v as unknown[];
        let s = '{';
        let first = true;
        for (let i = 0; i < n; i++) {
          const x = r[i];
          if (x === null || x === undefined) {
            if (skipNulls) continue;
            s += `${first ? '' : ','}${names[i]}null`;
          } else s += `${first ? '' : ','}${names[i]}${writers[i]!(x)}`;
          first = false;
        }
        return `${s}}`;
      };
    }
    default: {
      const tz = o.timeZone;
      return (v) => quoteJsonString(castToString(v, t, tz));
    }
  }
}
