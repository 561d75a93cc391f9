/**
 * Values between PostgreSQL's text format and Sluice's value representation: parsers (text →
 * value, compiled once per column), serializers (value → text, for COPY, parameters and array
 * literals) and SQL literals (pushed filters, partition bounds).
 *
 * Time: `timestamptz` text carries its offset and is read exactly; `timestamp` and `time` are
 * wall-clock values read in the session time zone (Spark reads them in the JVM's zone), and a
 * TimestampType value written to a `timestamp` column is written as wall-clock time in the
 * session time zone — so a round trip through either column type returns the same instants.
 *
 * Invariants: parsers receive non-null text; serializers receive non-null values; decimals keep
 * every digit (HALF_UP to the column's scale, overflow fails as in Spark).
 */
import type { DataType } from '../../types/data-type.js';
import {
  civilFromDays,
  daysFromCivil,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
} from '../../types/datetime/calendar.js';
import {
  addMicros,
  floorDivMicros,
  type Micros,
  microsFromDays,
  splitMicrosToDays,
  subtractMicros,
} from '../../types/datetime/micros.js';
import { localToUtcMicros, zoneOffsetMicros } from '../../types/datetime/time-zone.js';
import { normalizeLong } from '../../types/literal-value.js';
import { SparkRuntimeError } from '../../util/errors.js';
import type { PgType } from './pg-types.js';

export type TextParser = (s: string) => unknown;
export type TextSerializer = (v: unknown) => string;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

// ------------------------------------------------------------------ decimals

/** Plain decimal text of an unscaled value (no exponent, as PostgreSQL wants it). */
export function plainDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  } else if (scale < 0) digits += '0'.repeat(-scale);
  return neg ? `-${digits}` : digits;
}

/** numeric text → unscaled bigint at `scale`, HALF_UP; overflow of `precision` fails as Spark does. */
export function parseDecimalText(s: string, precision: number, scale: number): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m) {
    throw new SparkRuntimeError(
      'NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION',
      ` The ${s} cannot be represented as Decimal(${precision}, ${scale}).`,
    );
  }
  const frac = m[3] ?? '';
  const kept = frac.padEnd(scale, '0').slice(0, scale);
  let unscaled = BigInt(`${m[2] || '0'}${kept}`);
  if ((frac[scale] ?? '0') >= '5') unscaled += 1n;
  if (m[1] === '-') unscaled = -unscaled;
  const limit = 10n ** BigInt(precision);
  if (unscaled >= limit || unscaled <= -limit) {
    throw new SparkRuntimeError(
      'NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION',
      ` The ${plainDecimal(unscaled, scale)} rounded half up from ${s} cannot be represented as Decimal(${precision}, ${scale}).`,
    );
  }
  return unscaled;
}

// ------------------------------------------------------------------ dates and times

/** `YYYY-MM-DD[ BC]` → days since the epoch (null for ±infinity). */
export function parseDateText(s: string): number | null {
  const m = /^(\d+)-(\d\d)-(\d\d)( BC)?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  return daysFromCivil(m[4] ? 1 - y : y, Number(m[2]), Number(m[3]));
}

/** `HH:MM:SS[.ffffff]` → µs of the day. */
function timeOfDayMicros(h: string, mi: string, sec: string, frac: string | undefined): number {
  return (
    Number(h) * MICROS_PER_HOUR +
    Number(mi) * MICROS_PER_MINUTE +
    Number(sec) * MICROS_PER_SECOND +
    (frac ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0)
  );
}

function offsetMicros(sign: string, h: string, m: string | undefined, s: string | undefined): number {
  const v =
    Number(h) * MICROS_PER_HOUR + Number(m ?? 0) * MICROS_PER_MINUTE + Number(s ?? 0) * MICROS_PER_SECOND;
  return sign === '-' ? -v : v;
}

const TS_RE =
  /^(\d+)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;
const TIME_RE = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/** Wall-clock µs of a timestamp text and its offset, if it has one. */
function parseTimestampParts(s: string): { local: Micros; offset: number | undefined } | null {
  const m = TS_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const days = daysFromCivil(m[12] ? 1 - y : y, Number(m[2]), Number(m[3]));
  const local = microsFromDays(days, timeOfDayMicros(m[4]!, m[5]!, m[6]!, m[7]));
  return { local, offset: m[8] ? offsetMicros(m[8], m[9]!, m[10], m[11]) : undefined };
}

// ------------------------------------------------------------------ arrays

type ArrayNode = (string | null | ArrayNode)[];

/** Parses an array literal (`{1,NULL,"a,b"}`, `{{1,2},{3,4}}`, `[0:1]={…}`) into nested text. */
export function parseArrayLiteral(s: string): ArrayNode {
  let i = s.startsWith('[') ? s.indexOf('=') + 1 : 0;
  const parse = (): ArrayNode => {
    if (s[i] !== '{') throw new Error(`malformed array literal: ${s}`);
    i++;
    const out: ArrayNode = [];
    if (s[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      const c = s[i];
      if (c === '{') out.push(parse());
      else if (c === '"') {
        i++;
        let v = '';
        while (s[i] !== '"') {
          if (s[i] === '\\') i++;
          v += s[i];
          i++;
        }
        i++;
        out.push(v);
      } else {
        const start = i;
        while (s[i] !== ',' && s[i] !== '}') i++;
        const raw = s.slice(start, i).trim();
        out.push(raw === 'NULL' ? null : raw);
      }
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === '}') {
        i++;
        return out;
      }
      throw new Error(`malformed array literal: ${s}`);
    }
  };
  return parse();
}

// ------------------------------------------------------------------ parsers

const hexDecode = (s: string): Uint8Array => {
  if (!s.startsWith('\\x')) return new TextEncoder().encode(s);
  return Uint8Array.from(Buffer.from(s.slice(2), 'hex'));
};

/** A parser of `pg`'s text into values of `dt`. */
export function compileParser(pg: PgType, dt: DataType, timeZone: string): TextParser {
  if (dt.kind === 'array') {
    let inner: DataType = dt;
    while (inner.kind === 'array') inner = inner.elementType;
    const leaf = compileParser(pg.element ?? pg, inner, timeZone);
    const converter = (t: DataType): ((node: ArrayNode[number]) => unknown) => {
      if (t.kind !== 'array') {
        return (n) => {
          if (!Array.isArray(n)) return n === null ? null : leaf(n);
          throw new SparkRuntimeError(
            'JDBC_ARRAY_DIMENSIONS',
            `A ${pg.typname.replace(/^_/, '')} array value has more dimensions than its column declares (${pg.dims ?? 1}); read it with the option customSchema, e.g. 'col ARRAY<ARRAY<INT>>'.`,
          );
        };
      }
      const child = converter(t.elementType);
      return (n) =>
        n === null ? null : Array.isArray(n) ? n.map((x) => (x === null ? null : child(x))) : [child(n)];
    };
    const top = converter(dt);
    return (s) => top(parseArrayLiteral(s));
  }
  const name = pg.typname;
  switch (dt.kind) {
    case 'boolean':
      return name === 'bit' ? (s) => s === '1' : (s) => s === 't' || s === 'true';
    case 'byte':
    case 'short':
    case 'integer':
      return (s) => Number(s);
    case 'long':
      return (s) => (s.length < 16 ? Number(s) : normalizeLong(BigInt(s)));
    case 'float':
      return (s) => Math.fround(Number(s));
    case 'double':
      return (s) => Number(s);
    case 'decimal': {
      const { precision, scale } = dt;
      return (s) => parseDecimalText(s, precision, scale);
    }
    case 'binary':
      return name === 'bytea' ? hexDecode : (s) => new TextEncoder().encode(s);
    case 'date':
      return parseDateText;
    case 'timestamp':
    case 'timestamp_ntz': {
      const ntz = dt.kind === 'timestamp_ntz';
      if (name === 'time' || name === 'timetz') {
        return (s) => {
          const m = TIME_RE.exec(s);
          if (!m) return null;
          const local = timeOfDayMicros(m[1]!, m[2]!, m[3]!, m[4]);
          if (m[5]) return local - offsetMicros(m[5], m[6]!, m[7], m[8]);
          return ntz ? local : localToUtcMicros(local, timeZone);
        };
      }
      return (s) => {
        const p = parseTimestampParts(s);
        if (!p) return null; // ±infinity
        if (p.offset !== undefined) {
          const utc = subtractMicros(p.local, p.offset);
          return ntz ? addMicros(utc, zoneOffsetMicros(utc, timeZone)) : utc;
        }
        return ntz ? p.local : localToUtcMicros(p.local, timeZone);
      };
    }
    default:
      return (s) => s;
  }
}

// ------------------------------------------------------------------ serializers

function formatLocal(local: Micros): string {
  const { days, timeOfDay: tod } = splitMicrosToDays(local);
  const { year, month, day } = civilFromDays(days);
  const h = Math.floor(tod / MICROS_PER_HOUR);
  const mi = Math.floor((tod % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
  const sec = Math.floor((tod % MICROS_PER_MINUTE) / MICROS_PER_SECOND);
  const us = tod % MICROS_PER_SECOND;
  const y = year <= 0 ? pad(1 - year, 4) : pad(year, 4);
  return `${y}-${pad(month, 2)}-${pad(day, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(sec, 2)}.${pad(us, 6)}`;
}

/** Text of a date for PostgreSQL (`YYYY-MM-DD`, `… BC` before year 1). */
export function formatDateText(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const y = year <= 0 ? pad(1 - year, 4) : pad(year, 4);
  return `${y}-${pad(month, 2)}-${pad(day, 2)}${year <= 0 ? ' BC' : ''}`;
}

/** PostgreSQL writes the era last: `0044-03-15 00:00:00+00 BC`. */
function withEra(text: string, local: Micros): string {
  return civilFromDays(floorDivMicros(local, MICROS_PER_DAY)).year <= 0 ? `${text} BC` : text;
}

/** Whether a PostgreSQL column type holds wall-clock times (no zone). */
function isWallClock(target: PgType | undefined): boolean {
  const n = target?.element?.typname ?? target?.typname;
  return n === 'timestamp' || n === 'time' || n === 'date';
}

/**
 * A serializer of values of `dt` into text for a column of type `target` (unknown target:
 * timestamps are written with an explicit UTC offset).
 */
export function compileSerializer(
  dt: DataType,
  target: PgType | undefined,
  timeZone: string,
): TextSerializer {
  switch (dt.kind) {
    case 'boolean':
      return (v) => (v ? 't' : 'f');
    case 'float':
    case 'double':
      return (v) => {
        const n = v as number;
        if (Number.isNaN(n)) return 'NaN';
        if (n === Number.POSITIVE_INFINITY) return 'Infinity';
        if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
        return Object.is(n, -0) ? '-0' : String(n);
      };
    case 'decimal': {
      const scale = dt.scale;
      return (v) => plainDecimal(v as bigint, scale);
    }
    case 'binary':
      return (v) => `\\x${Buffer.from(v as Uint8Array).toString('hex')}`;
    case 'date':
      return (v) => formatDateText(v as number);
    case 'timestamp':
      if (isWallClock(target)) {
        return (v) => {
          const local = addMicros(v as Micros, zoneOffsetMicros(v as Micros, timeZone));
          return withEra(formatLocal(local), local);
        };
      }
      return (v) => withEra(`${formatLocal(v as Micros)}+00`, v as Micros);
    case 'timestamp_ntz':
      return (v) => withEra(formatLocal(v as Micros), v as Micros);
    case 'array': {
      const element = compileSerializer(dt.elementType, target?.element ?? target, timeZone);
      const nested = dt.elementType.kind === 'array';
      return (v) =>
        `{${(v as unknown[])
          .map((e) => {
            if (e === null || e === undefined) return 'NULL';
            const text = element(e);
            return nested ? text : `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
          })
          .join(',')}}`;
    }
    case 'string':
      return (v) => v as string;
    default:
      return (v) => String(v);
  }
}

/** One field of a COPY text-format line (backslash escapes; `\N` is NULL). */
export function copyField(text: string | null): string {
  if (text === null) return '\\N';
  return /[\\\n\r\t]/.test(text)
    ? text.replace(/[\\\n\r\t]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
      )
    : text;
}

/** A quoted SQL string literal (standard_conforming_strings: only quotes double). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A SQL literal of a value of `dt`, compared against a column of type `target`. */
export function sqlLiteral(v: unknown, dt: DataType, target: PgType | undefined, timeZone: string): string {
  switch (dt.kind) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return String(v);
    case 'float':
    case 'double':
      // typed, so a float4 column compares with a double as Spark does (widened, not the reverse)
      return `${quoteLiteral(compileSerializer(dt, target, timeZone)(v))}::${dt.kind === 'float' ? 'float4' : 'float8'}`;
    case 'decimal':
      return plainDecimal(v as bigint, dt.scale);
    default:
      return quoteLiteral(compileSerializer(dt, target, timeZone)(v));
  }
}
