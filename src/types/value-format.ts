/**
 * How Spark renders values as text: `CAST(x AS STRING)` (`castToString`), the cells of
 * `df.show()` (`showCell`), and SQL literals inside error messages (`sqlLiteral`).
 *
 * Invariants: numbers print as Java does (`1.0E10`, `1.0E-5`, decimals as BigDecimal.toString),
 * timestamps in the session time zone, nested values recursively (`[1, null]`, `{a -> 1}`,
 * `{1, a}`). `show()` differs from CAST in three ways (checked with pyspark 4.3): NULL is upper-case
 * at every depth, binary is hex (`[68 65 6C]`), and decimals are plain (`0.00000000`, not `0E-8`).
 */
import { formatDayTimeInterval, formatYearMonthInterval } from './ansi-interval.js';
import type { CalendarInterval, DataType } from './data-type.js';
import type { Micros } from './datetime/micros.js';
import { formatDate, formatTimestamp, formatTimestampNTZ } from './datetime/timestamp-format.js';
import { formatDecimal, formatDouble, formatFloat } from './java-number-format.js';

export { formatDecimal, formatDouble, formatFloat };

const utf8Decoder = new TextDecoder('utf-8');

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** CalendarInterval.toString: `1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds`. */
export function formatInterval(iv: CalendarInterval): string {
  const { months, days, micros } = iv;
  if (months === 0 && days === 0 && micros === 0) return '0 seconds';
  const parts: string[] = [];
  const unit = (v: number, name: string) => {
    if (v !== 0) parts.push(`${v} ${name}`);
  };
  if (months !== 0) {
    unit(Math.trunc(months / 12), 'years');
    unit(months % 12, 'months');
  }
  unit(days, 'days');
  if (micros !== 0) {
    let rest = micros;
    unit(Math.trunc(rest / 3_600_000_000), 'hours');
    rest %= 3_600_000_000;
    unit(Math.trunc(rest / 60_000_000), 'minutes');
    rest %= 60_000_000;
    if (rest !== 0) {
      let s = formatDecimal(BigInt(rest), 6, true);
      if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
      parts.push(`${s} seconds`);
    }
  }
  return parts.join(' ');
}

function hexBytes(b: Uint8Array): string {
  let out = '[';
  for (let i = 0; i < b.length; i++) {
    if (i > 0) out += ' ';
    const h = b[i]!.toString(16).toUpperCase();
    out += h.length === 1 ? `0${h}` : h;
  }
  return `${out}]`;
}

interface Style {
  readonly nullText: string;
  readonly plainDecimal: boolean;
  readonly hexBinary: boolean;
}

const CAST_STYLE: Style = { nullText: 'null', plainDecimal: false, hexBinary: false };
const CAST_PLAIN_STYLE: Style = { nullText: 'null', plainDecimal: true, hexBinary: false };
const SHOW_STYLE: Style = { nullText: 'NULL', plainDecimal: true, hexBinary: true };

function render(v: unknown, t: DataType, tz: string, style: Style): string {
  if (v === null || v === undefined) return style.nullText;
  switch (t.kind) {
    case 'string':
      return v as string;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return String(v);
    case 'float':
      return formatFloat(v as number);
    case 'double':
      return formatDouble(v as number);
    case 'decimal':
      return formatDecimal(v as bigint, t.scale, style.plainDecimal);
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as Micros, tz);
    case 'timestamp_ntz':
      return formatTimestampNTZ(v as Micros);
    case 'binary':
      return style.hexBinary ? hexBytes(v as Uint8Array) : decodeUtf8(v as Uint8Array);
    case 'interval':
      return formatInterval(v as CalendarInterval);
    case 'interval_dt':
      return formatDayTimeInterval(v as number, t);
    case 'interval_ym':
      return formatYearMonthInterval(v as number, t);
    case 'null':
      return style.nullText;
    case 'array': {
      const a = v as readonly unknown[];
      let out = '[';
      for (let i = 0; i < a.length; i++) {
        if (i > 0) out += ', ';
        out += render(a[i], t.elementType, tz, style);
      }
      return `${out}]`;
    }
    case 'map': {
      let out = '{';
      let first = true;
      for (const [k, val] of v as Map<unknown, unknown>) {
        if (!first) out += ', ';
        first = false;
        out += `${render(k, t.keyType, tz, style)} -> ${render(val, t.valueType, tz, style)}`;
      }
      return `${out}}`;
    }
    case 'struct': {
      const s = v as readonly unknown[];
      let out = '{';
      for (let i = 0; i < t.fields.length; i++) {
        if (i > 0) out += ', ';
        out += render(s[i], t.fields[i]!.dataType, tz, style);
      }
      return `${out}}`;
    }
    default:
      return String(v);
  }
}

/**
 * Spark's `CAST(v AS STRING)` for a non-null value of type `t`. `plainDecimals` is ANSI mode's
 * rendering of decimals (`toPlainString`: `0.000000000000000000` instead of `0E-18`).
 */
export function castToString(v: unknown, t: DataType, timeZone: string, plainDecimals = false): string {
  return render(v, t, timeZone, plainDecimals ? CAST_PLAIN_STYLE : CAST_STYLE);
}

const META_CHARS = /[\n\r\t\f\b\u000B\u0007]/g;
const META_CHAR = /[\n\r\t\f\b\u000B\u0007]/;
const META_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '\b': '\\b',
  '\u000B': '\\v',
  '\u0007': '\\a',
};

/** Spark's `escapeMetaCharacters`: `show()` prints control characters in cells and headers as `\n`, `\t`, …. */
export function escapeMetaCharacters(s: string): string {
  return s.replace(META_CHARS, (c) => META_ESCAPES[c]!);
}

/** What `df.show()` prints in a cell (before truncation), NULL included, control characters escaped. */
export function showCell(v: unknown, t: DataType, timeZone: string): string {
  const text = render(v, t, timeZone, SHOW_STYLE);
  return META_CHAR.test(text) ? escapeMetaCharacters(text) : text;
}

/** A value as Spark's error messages quote it (`toSQLValue`): `'abc'`, `300L`, `1.0E20D`, `TIMESTAMP '…'`. */
export function sqlLiteral(v: unknown, t: DataType, timeZone: string): string {
  if (v === null || v === undefined) return 'NULL';
  switch (t.kind) {
    case 'string':
      return `'${(v as string).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'byte':
      return `${v}Y`;
    case 'short':
      return `${v}S`;
    case 'long':
      return `${v}L`;
    case 'double': {
      const d = v as number;
      return Number.isFinite(d) ? `${formatDouble(d)}D` : formatDouble(d);
    }
    case 'decimal':
      return `${formatDecimal(v as bigint, t.scale)}BD`;
    case 'date':
      return `DATE '${formatDate(v as number)}'`;
    case 'timestamp':
      return `TIMESTAMP '${formatTimestamp(v as Micros, timeZone)}'`;
    case 'timestamp_ntz':
      return `TIMESTAMP_NTZ '${formatTimestampNTZ(v as Micros)}'`;
    default:
      return castToString(v, t, timeZone);
  }
}
