/**
 * CSV text ↔ Spark values: the per-type converters of Spark's CSV reader (Java's number parsing —
 * strict for integers, lenient for doubles —, `nanValue`/`positiveInf`/`negativeInf`, decimals
 * with grouping commas removed, dates and timestamps with the given pattern or Spark's lenient
 * default) and the formatting of values for the writer.
 *
 * Invariant: a converter gets a non-null text and returns the value or `BAD` (a value that does
 * not fit makes the record malformed).
 */
import { decimalFromText } from '../../expr/json/decimal-text.js';
import { type DataType, type StructType, sqlTypeName } from '../../types/data-type.js';
import { compileDateTimePattern } from '../../types/datetime/date-time-pattern.js';
import { floorDivMicros } from '../../types/datetime/micros.js';
import {
  stringToDate,
  stringToTimestamp,
  stringToTimestampNTZ,
} from '../../types/datetime/timestamp-parse.js';
import { castToString, formatDecimal, formatDouble, formatFloat } from '../../types/value-format.js';
import { AnalysisException } from '../../util/errors.js';
import type { CsvOptions } from './csv-options.js';
import { parseJavaDouble } from './partition-values.js';

export const BAD: unique symbol = Symbol('bad csv value');
export type CsvConverter = (s: string) => unknown;

const MICROS_PER_DAY = 86_400_000_000;
const INTEGRAL = /^[+-]?\d+$/;

function integral(min: bigint, max: bigint): CsvConverter {
  return (s) => {
    if (!INTEGRAL.test(s)) return BAD;
    if (s.length < 16) {
      const n = Number(s);
      return n < Number(min) || n > Number(max) ? BAD : n;
    }
    const b = BigInt(s);
    if (b < min || b > max) return BAD;
    return Number.isSafeInteger(Number(b)) ? Number(b) : b;
  };
}

export function checkCsvType(schema: StructType, what = 'CSV'): void {
  for (const f of schema.fields) {
    const k = f.dataType.kind;
    if (
      k === 'struct' ||
      k === 'array' ||
      k === 'map' ||
      k === 'interval' ||
      (k === 'binary' && what === 'CSV write')
    ) {
      throw new AnalysisException(
        'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
        `The CSV datasource doesn't support the column \`${f.name}\` of the type "${sqlTypeName(f.dataType)}".`,
      );
    }
  }
}

export function compileCsvConverter(t: DataType, o: CsvOptions): CsvConverter {
  switch (t.kind) {
    case 'string':
      return (s) => s;
    case 'boolean':
      return (s) => {
        const l = s.toLowerCase();
        return l === 'true' ? true : l === 'false' ? false : BAD;
      };
    case 'byte':
      return integral(-128n, 127n);
    case 'short':
      return integral(-32768n, 32767n);
    case 'integer':
      return integral(-2147483648n, 2147483647n);
    case 'long':
      return integral(-(2n ** 63n), 2n ** 63n - 1n);
    case 'float':
    case 'double': {
      const round = t.kind === 'float' ? Math.fround : (x: number) => x;
      return (s) => {
        if (s === o.nanValue) return Number.NaN;
        if (s === o.positiveInf) return Number.POSITIVE_INFINITY;
        if (s === o.negativeInf) return Number.NEGATIVE_INFINITY;
        const d = parseJavaDouble(s);
        return d === undefined ? BAD : round(d);
      };
    }
    case 'decimal': {
      const { precision, scale } = t;
      return (s) => decimalFromText(s.replace(/,/g, ''), precision, scale) ?? BAD;
    }
    case 'date': {
      if (o.dateFormat !== undefined) {
        const p = compileDateTimePattern(o.dateFormat, true);
        return (s) => {
          const m = p.parseLocal(s);
          return m === null ? BAD : floorDivMicros(m, MICROS_PER_DAY);
        };
      }
      return (s) => stringToDate(s) ?? BAD;
    }
    case 'timestamp': {
      const tz = o.timeZone;
      if (o.timestampFormat !== undefined) {
        const p = compileDateTimePattern(o.timestampFormat, true);
        return (s) => p.parse(s, tz) ?? BAD;
      }
      return (s) => stringToTimestamp(s, tz) ?? BAD;
    }
    case 'timestamp_ntz': {
      if (o.timestampNTZFormat !== undefined) {
        const p = compileDateTimePattern(o.timestampNTZFormat, true);
        return (s) => p.parseLocal(s) ?? BAD;
      }
      return (s) => stringToTimestampNTZ(s) ?? BAD;
    }
    case 'binary':
      return (s) => new Uint8Array(Buffer.from(s, 'utf8'));
    case 'null':
      return () => null;
    default:
      return () => BAD;
  }
}

/**
 * Spark's default timestamp text in CSV output (FileSourceOptions.commonTimestampFormat with
 * spark.sql.legacy.supportSecondOffsetFormat on, Spark 4's default): an offset with seconds, such
 * as the local mean time -07:52:58 of America/Los_Angeles before 1883, keeps them.
 */
const DEFAULT_TS_WRITE = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXXXX]";
const DEFAULT_NTZ_WRITE = "yyyy-MM-dd'T'HH:mm:ss.SSS";

/** Formats a non-null value for the CSV writer. */
export function compileCsvFormatter(t: DataType, o: CsvOptions): (v: unknown) => string {
  switch (t.kind) {
    case 'string':
      return (v) => v as string;
    case 'double':
      return (v) => {
        const x = v as number;
        if (Number.isNaN(x)) return o.nanValue;
        if (x === Number.POSITIVE_INFINITY) return o.positiveInf;
        if (x === Number.NEGATIVE_INFINITY) return o.negativeInf;
        return formatDouble(x);
      };
    case 'float':
      return (v) => {
        const x = v as number;
        if (Number.isNaN(x)) return o.nanValue;
        if (x === Number.POSITIVE_INFINITY) return o.positiveInf;
        if (x === Number.NEGATIVE_INFINITY) return o.negativeInf;
        return formatFloat(x);
      };
    case 'decimal': {
      const scale = t.scale;
      return (v) => formatDecimal(v as bigint, scale);
    }
    case 'timestamp': {
      const p = compileDateTimePattern(o.timestampFormat ?? DEFAULT_TS_WRITE);
      const tz = o.timeZone;
      return (v) => p.format(v as number, tz);
    }
    case 'timestamp_ntz': {
      const p = compileDateTimePattern(o.timestampNTZFormat ?? DEFAULT_NTZ_WRITE);
      return (v) => p.format(v as number, 'UTC');
    }
    case 'date': {
      const p = compileDateTimePattern(o.dateFormat ?? 'yyyy-MM-dd');
      return (v) => p.format((v as number) * MICROS_PER_DAY, 'UTC');
    }
    default: {
      const tz = o.timeZone;
      return (v) => castToString(v, t, tz);
    }
  }
}
