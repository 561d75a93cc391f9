/**
 * Spark's CSV schema inference (`inferSchema`): each column's type is widened value by value
 * through integer → long → decimal (integers past the long range) → double → date (`preferDate`)
 * → timestamp → boolean → string, and merged with the tightest common type (a date and a
 * timestamp give timestamp, a double and a decimal double, anything else string).
 *
 * Invariants: null/empty/`nullValue` fields do not change a column's type; a column that saw
 * only nulls is STRING.
 */
import { decimalForType, tightestCommonType, widerDecimal } from '../../types/coercion.js';
import {
  BooleanType,
  type DataType,
  DateType,
  DoubleType,
  decimalType,
  IntegerType,
  isIntegral,
  LongType,
  StringType,
  TimestampType,
} from '../../types/data-type.js';
import { compileDateTimePattern } from '../../types/datetime/date-time-pattern.js';
import { stringToTimestamp } from '../../types/datetime/timestamp-parse.js';
import type { CsvOptions } from './csv-options.js';
import { parseJavaDouble } from './partition-values.js';

const INTEGRAL = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class CsvTypeInference {
  private readonly parseDate: (s: string) => boolean;
  private readonly parseTimestamp: (s: string) => boolean;

  constructor(private readonly o: CsvOptions) {
    const df = compileDateTimePattern(o.dateFormat ?? 'yyyy-MM-dd', true);
    this.parseDate = (s) => df.parseLocal(s) !== null;
    if (o.timestampFormat !== undefined) {
      const tf = compileDateTimePattern(o.timestampFormat, true);
      this.parseTimestamp = (s) => tf.parse(s, o.timeZone) !== null;
    } else this.parseTimestamp = (s) => stringToTimestamp(s, o.timeZone) !== null;
  }

  /** The type after seeing one more field value. */
  infer(soFar: DataType, field: string | null): DataType {
    if (field === null || field === '' || field === this.o.nullValue) return soFar;
    let t: DataType;
    switch (soFar.kind) {
      case 'null':
      case 'integer':
        t = this.tryInteger(field);
        break;
      case 'long':
        t = this.tryLong(field);
        break;
      case 'decimal':
        t = this.tryDecimal(field);
        break;
      case 'double':
        t = this.tryDouble(field);
        break;
      case 'date':
        t = this.tryDate(field);
        break;
      case 'timestamp':
        t = this.tryTimestamp(field);
        break;
      case 'boolean':
        t = this.tryBoolean(field);
        break;
      default:
        return StringType;
    }
    return compatibleType(soFar, t);
  }

  private tryInteger(s: string): DataType {
    if (INTEGRAL.test(s) && s.length <= 11) {
      const n = Number(s);
      if (n >= -2147483648 && n <= 2147483647) return IntegerType;
    }
    return this.tryLong(s);
  }
  private tryLong(s: string): DataType {
    if (INTEGRAL.test(s) && s.length <= 20) {
      const b = BigInt(s);
      if (b >= -(2n ** 63n) && b < 2n ** 63n) return LongType;
    }
    return this.tryDecimal(s);
  }
  private tryDecimal(s: string): DataType {
    const text = s.replace(/,/g, '');
    const m = DECIMAL.exec(text);
    if (m) {
      const digits = text.replace(/^[+-]/, '').replace(/[eE].*$/, '');
      const [int = '', frac = ''] = digits.split('.');
      const exp = m[2] ? Number(m[2].slice(1)) : 0;
      const scale = frac.length - exp;
      const unscaled = (int + frac).replace(/^0+(?=\d)/, '');
      const precision = Math.max(unscaled.length, 1);
      if (scale === 0 && precision <= 38) return decimalType(precision, 0);
      if (scale > 0 && this.o.prefersDecimal && Math.max(precision, scale) <= 38) {
        return decimalType(Math.max(precision, scale), scale);
      }
    }
    return this.tryDouble(s);
  }
  private tryDouble(s: string): DataType {
    if (
      parseJavaDouble(s) !== undefined ||
      s === this.o.nanValue ||
      s === this.o.positiveInf ||
      s === this.o.negativeInf
    )
      return DoubleType;
    return this.o.preferDate ? this.tryDate(s) : this.tryTimestamp(s);
  }
  private tryDate(s: string): DataType {
    if (this.o.preferDate && this.parseDate(s)) return DateType;
    return this.tryTimestamp(s);
  }
  private tryTimestamp(s: string): DataType {
    return this.parseTimestamp(s) ? TimestampType : this.tryBoolean(s);
  }
  private tryBoolean(s: string): DataType {
    const l = s.toLowerCase();
    return l === 'true' || l === 'false' ? BooleanType : StringType;
  }
}

/** Spark's CSVInferSchema.compatibleType. */
export function compatibleType(a: DataType, b: DataType): DataType {
  const tight = tightestCommonType(a, b);
  if (tight) return tight;
  if (a.kind === 'string' || b.kind === 'string') return StringType;
  if ((a.kind === 'double' && b.kind === 'decimal') || (a.kind === 'decimal' && b.kind === 'double')) {
    return DoubleType;
  }
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    const da = a.kind === 'decimal' ? a : isIntegral(a) ? decimalForType(a) : undefined;
    const db = b.kind === 'decimal' ? b : isIntegral(b) ? decimalForType(b) : undefined;
    if (da && db) {
      const scale = Math.max(da.scale, db.scale);
      const range = Math.max(da.precision - da.scale, db.precision - db.scale);
      return range + scale > 38 ? DoubleType : widerDecimal(da, db);
    }
  }
  return StringType;
}

export function finalCsvType(t: DataType): DataType {
  return t.kind === 'null' ? StringType : t;
}
