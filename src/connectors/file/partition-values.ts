/**
 * Typed partition values from folder names (`day=21` → INT 21): Spark's partition type inference
 * (int, long, decimal, double, timestamp, date, else string), the conflict resolution that picks one
 * type per column across folders, and the string form a writer puts in a folder name.
 *
 * Invariant: values are engine-internal (see data-type.ts); `__HIVE_DEFAULT_PARTITION__` is null.
 */

import { buildCast } from '../../types/cast.js';
import { widerType } from '../../types/coercion.js';
import {
  type DataType,
  DateType,
  DoubleType,
  decimalType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  TimestampType,
} from '../../types/data-type.js';
import { stringToDate, stringToTimestamp } from '../../types/datetime/timestamp-parse.js';
import { castToString } from '../../types/value-format.js';
import { DEFAULT_PARTITION_NAME } from './path-escaping.js';

export interface TypedValue {
  readonly value: unknown;
  readonly dataType: DataType;
}

const INT_RE = /^[+-]?\d+$/;
const JAVA_DOUBLE_RE = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Java's Double.parseDouble, or undefined when it would throw. */
export function parseJavaDouble(s: string): number | undefined {
  const t = s.trim();
  if (!JAVA_DOUBLE_RE.test(t)) return undefined;
  return Number(t.replace(/[fFdD]$/, ''));
}

/** Infers the type and value of one (already unescaped) partition value. */
export function inferPartitionValue(raw: string, typeInference: boolean, timeZone: string): TypedValue {
  if (raw === DEFAULT_PARTITION_NAME) return { value: null, dataType: NullType };
  if (!typeInference) return { value: raw, dataType: StringType };
  if (INT_RE.test(raw)) {
    const b = BigInt(raw);
    if (b >= -(2n ** 31n) && b < 2n ** 31n) return { value: Number(b), dataType: IntegerType };
    if (b >= -(2n ** 63n) && b < 2n ** 63n) {
      return { value: Number.isSafeInteger(Number(b)) ? Number(b) : b, dataType: LongType };
    }
    const digits = raw.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '').length;
    if (digits <= 38) return { value: b, dataType: decimalType(digits, 0) };
  }
  const d = parseJavaDouble(raw);
  if (d !== undefined) return { value: d, dataType: DoubleType };
  if (TIMESTAMP_RE.test(raw)) {
    const ts = stringToTimestamp(raw, timeZone);
    if (ts !== null) return { value: ts, dataType: TimestampType };
  }
  if (DATE_RE.test(raw)) {
    const days = stringToDate(raw);
    if (days !== null) return { value: days, dataType: DateType };
  }
  return { value: raw, dataType: StringType };
}

/** The one type of a partition column given the types inferred for each folder. */
export function resolvePartitionType(types: readonly DataType[]): DataType {
  let acc: DataType = NullType;
  for (const t of types) acc = widerPartitionType(acc, t);
  return acc.kind === 'null' ? StringType : acc;
}

function widerPartitionType(a: DataType, b: DataType): DataType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  const pair = new Set([a.kind, b.kind]);
  if (pair.has('double') && (pair.has('decimal') || pair.has('long'))) return StringType;
  return widerType(a, b) ?? StringType;
}

/** Casts an inferred value to the column's resolved (or user-given) type, as Spark does. */
export function castPartitionValue(v: TypedValue, to: DataType, timeZone: string): unknown {
  if (v.value === null) return null;
  if (v.dataType.kind === to.kind && JSON.stringify(v.dataType) === JSON.stringify(to)) return v.value;
  if (to.kind === 'string') return castToString(v.value, v.dataType, timeZone);
  return buildCast(v.dataType, to, 'legacy', timeZone)(v.value);
}

/** The text a writer puts in `col=<text>` (before escaping); null stays null. */
export function partitionValueText(v: unknown, t: DataType, timeZone: string): string | null {
  if (v === null || v === undefined) return null;
  return castToString(v, t, timeZone);
}
