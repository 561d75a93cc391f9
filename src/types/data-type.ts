/**
 * Spark's data types as immutable, `kind`-tagged plain objects.
 *
 * Invariants: a DataType is plain data (structured-clone safe) so plans that carry
 * types travel to worker threads unchanged; atomic types are shared singletons;
 * `simpleString` and `typeName` render exactly what Spark renders.
 *
 * Value representation inside the engine (one per type, everywhere):
 *   string → string; boolean → boolean; byte/short/int → number (wrapped to width);
 *   long → number when a safe integer, otherwise bigint (always normalised);
 *   float → number (rounded with Math.fround); double → number;
 *   decimal(p,s) → bigint unscaled value (scale from the type);
 *   date → number of days since 1970-01-01; timestamp / timestamp_ntz → µs since the epoch like long
 *   (number when a safe integer, bigint beyond: 0001-01-01 … 9999-12-31 needs ~2^58; see datetime/micros.ts);
 *   binary → Uint8Array; array → unknown[]; map → Map; struct → unknown[] (field order);
 *   interval → CalendarInterval; null → null (never undefined);
 *   interval year to month (ANSI) → number of months; interval day to second (ANSI) → number of µs.
 */

export type AtomicKind =
  | 'null'
  | 'string'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'timestamp'
  | 'timestamp_ntz'
  | 'binary'
  | 'interval';

export interface AtomicType {
  readonly kind: AtomicKind;
}
export interface DecimalType {
  readonly kind: 'decimal';
  readonly precision: number;
  readonly scale: number;
}
export interface ArrayType {
  readonly kind: 'array';
  readonly elementType: DataType;
  readonly containsNull: boolean;
}
export interface MapType {
  readonly kind: 'map';
  readonly keyType: DataType;
  readonly valueType: DataType;
  readonly valueContainsNull: boolean;
}
export interface StructField {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly metadata?: Readonly<Record<string, unknown>>;
}
export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly StructField[];
}

/** ANSI `INTERVAL YEAR TO MONTH` and its narrower forms; fields: 0 = YEAR, 1 = MONTH. */
export interface YearMonthIntervalType {
  readonly kind: 'interval_ym';
  readonly startField: number;
  readonly endField: number;
}
/** ANSI `INTERVAL DAY TO SECOND` and its narrower forms; fields: 0 = DAY, 1 = HOUR, 2 = MINUTE, 3 = SECOND. */
export interface DayTimeIntervalType {
  readonly kind: 'interval_dt';
  readonly startField: number;
  readonly endField: number;
}

export type DataType =
  | AtomicType
  | DecimalType
  | ArrayType
  | MapType
  | StructType
  | YearMonthIntervalType
  | DayTimeIntervalType;

export const YEAR_MONTH_FIELDS = ['year', 'month'] as const;
export const DAY_TIME_FIELDS = ['day', 'hour', 'minute', 'second'] as const;

export function yearMonthIntervalType(startField = 0, endField = 1): YearMonthIntervalType {
  return Object.freeze({ kind: 'interval_ym', startField, endField });
}
export function dayTimeIntervalType(startField = 0, endField = 3): DayTimeIntervalType {
  return Object.freeze({ kind: 'interval_dt', startField, endField });
}
export function isAnsiInterval(t: DataType): t is YearMonthIntervalType | DayTimeIntervalType {
  return t.kind === 'interval_ym' || t.kind === 'interval_dt';
}

/** `interval day`, `interval day to second`, `interval year to month` (Spark's typeName). */
function ansiIntervalName(t: YearMonthIntervalType | DayTimeIntervalType): string {
  const names: readonly string[] = t.kind === 'interval_ym' ? YEAR_MONTH_FIELDS : DAY_TIME_FIELDS;
  const start = names[t.startField]!;
  return t.startField === t.endField ? `interval ${start}` : `interval ${start} to ${names[t.endField]!}`;
}

/** A Spark CalendarInterval: months, days and microseconds kept apart. */
export interface CalendarInterval {
  readonly months: number;
  readonly days: number;
  readonly micros: number;
}

const atomic = (kind: AtomicKind): AtomicType => Object.freeze({ kind });

export const NullType = atomic('null');
export const StringType = atomic('string');
export const BooleanType = atomic('boolean');
export const ByteType = atomic('byte');
export const ShortType = atomic('short');
export const IntegerType = atomic('integer');
export const LongType = atomic('long');
export const FloatType = atomic('float');
export const DoubleType = atomic('double');
export const DateType = atomic('date');
export const TimestampType = atomic('timestamp');
export const TimestampNTZType = atomic('timestamp_ntz');
export const BinaryType = atomic('binary');
export const CalendarIntervalType = atomic('interval');

const ATOMICS: Record<AtomicKind, AtomicType> = {
  null: NullType,
  string: StringType,
  boolean: BooleanType,
  byte: ByteType,
  short: ShortType,
  integer: IntegerType,
  long: LongType,
  float: FloatType,
  double: DoubleType,
  date: DateType,
  timestamp: TimestampType,
  timestamp_ntz: TimestampNTZType,
  binary: BinaryType,
  interval: CalendarIntervalType,
};

export function atomicType(kind: AtomicKind): AtomicType {
  return ATOMICS[kind];
}

export const MAX_DECIMAL_PRECISION = 38;

export function decimalType(precision = 10, scale = 0): DecimalType {
  return Object.freeze({ kind: 'decimal', precision, scale });
}
export function arrayType(elementType: DataType, containsNull = true): ArrayType {
  return Object.freeze({ kind: 'array', elementType, containsNull });
}
export function mapType(keyType: DataType, valueType: DataType, valueContainsNull = true): MapType {
  return Object.freeze({ kind: 'map', keyType, valueType, valueContainsNull });
}
export function structField(
  name: string,
  dataType: DataType,
  nullable = true,
  metadata?: Record<string, unknown>,
): StructField {
  return Object.freeze(metadata ? { name, dataType, nullable, metadata } : { name, dataType, nullable });
}
export function structType(fields: readonly StructField[] = []): StructType {
  return Object.freeze({ kind: 'struct', fields: Object.freeze([...fields]) });
}

export function isNumeric(t: DataType): boolean {
  switch (t.kind) {
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
    case 'decimal':
      return true;
    default:
      return false;
  }
}
export function isIntegral(t: DataType): boolean {
  return t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long';
}
export function isFractional(t: DataType): boolean {
  return t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal';
}
export function isAtomic(t: DataType): t is AtomicType {
  return (
    t.kind !== 'decimal' &&
    t.kind !== 'array' &&
    t.kind !== 'map' &&
    t.kind !== 'struct' &&
    t.kind !== 'interval_ym' &&
    t.kind !== 'interval_dt'
  );
}
export function isDatetime(t: DataType): boolean {
  return t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz';
}

/** Spark's `DataType.simpleString` (used in DDL, error messages, `dtypes`). */
export function simpleString(t: DataType): string {
  switch (t.kind) {
    case 'null':
      return 'void';
    case 'byte':
      return 'tinyint';
    case 'short':
      return 'smallint';
    case 'integer':
      return 'int';
    case 'long':
      return 'bigint';
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'array':
      return `array<${simpleString(t.elementType)}>`;
    case 'map':
      return `map<${simpleString(t.keyType)},${simpleString(t.valueType)}>`;
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(',')}>`;
    case 'interval_ym':
    case 'interval_dt':
      return ansiIntervalName(t);
    default:
      return t.kind;
  }
}

/** Spark's `DataType.typeName` as printed by `printSchema()`. */
export function typeName(t: DataType): string {
  switch (t.kind) {
    case 'null':
      return 'void';
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'interval':
      return 'interval';
    case 'interval_ym':
    case 'interval_dt':
      return ansiIntervalName(t);
    default:
      return t.kind;
  }
}

/** Spark's `DataType.sql` (upper-case, used in CAST pretty names and SQL errors). */
export function sqlTypeName(t: DataType): string {
  switch (t.kind) {
    case 'array':
      return `ARRAY<${sqlTypeName(t.elementType)}>`;
    case 'map':
      return `MAP<${sqlTypeName(t.keyType)}, ${sqlTypeName(t.valueType)}>`;
    case 'struct':
      return `STRUCT<${t.fields.map((f) => `${quoteIfNeeded(f.name)}: ${sqlTypeName(f.dataType)}${f.nullable ? '' : ' NOT NULL'}`).join(', ')}>`;
    default:
      return simpleString(t).toUpperCase();
  }
}

function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** Structural equality, ignoring nullability when `ignoreNullability` is set. */
export function sameType(a: DataType, b: DataType, ignoreNullability = false): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'decimal': {
      const bd = b as DecimalType;
      return a.precision === bd.precision && a.scale === bd.scale;
    }
    case 'array': {
      const ba = b as ArrayType;
      return (
        sameType(a.elementType, ba.elementType, ignoreNullability) &&
        (ignoreNullability || a.containsNull === ba.containsNull)
      );
    }
    case 'map': {
      const bm = b as MapType;
      return (
        sameType(a.keyType, bm.keyType, ignoreNullability) &&
        sameType(a.valueType, bm.valueType, ignoreNullability) &&
        (ignoreNullability || a.valueContainsNull === bm.valueContainsNull)
      );
    }
    case 'struct': {
      const bs = b as StructType;
      return (
        a.fields.length === bs.fields.length &&
        a.fields.every((f, i) => {
          const g = bs.fields[i]!;
          return (
            f.name === g.name &&
            sameType(f.dataType, g.dataType, ignoreNullability) &&
            (ignoreNullability || f.nullable === g.nullable)
          );
        })
      );
    }
    case 'interval_ym':
    case 'interval_dt': {
      const bi = b as YearMonthIntervalType | DayTimeIntervalType;
      return a.startField === bi.startField && a.endField === bi.endField;
    }
    default:
      return true;
  }
}

/** The same type with every nested nullability flag set to true (what Spark does for file sources). */
export function asNullable(t: DataType): DataType {
  switch (t.kind) {
    case 'array':
      return arrayType(asNullable(t.elementType), true);
    case 'map':
      return mapType(t.keyType, asNullable(t.valueType), true);
    case 'struct':
      return structType(t.fields.map((f) => structField(f.name, asNullable(f.dataType), true, f.metadata)));
    default:
      return t;
  }
}

/** Default size in bytes, used for memory estimates and broadcast decisions. */
export function defaultSize(t: DataType): number {
  switch (t.kind) {
    case 'boolean':
    case 'byte':
    case 'null':
      return 1;
    case 'short':
      return 2;
    case 'integer':
    case 'float':
    case 'date':
      return 4;
    case 'long':
    case 'double':
    case 'timestamp':
    case 'timestamp_ntz':
      return 8;
    case 'decimal':
      return t.precision <= 18 ? 8 : 16;
    case 'interval':
      return 16;
    case 'interval_ym':
      return 4;
    case 'interval_dt':
      return 8;
    case 'array':
      return defaultSize(t.elementType);
    case 'map':
      return defaultSize(t.keyType) + defaultSize(t.valueType);
    case 'struct':
      return t.fields.reduce((s, f) => s + defaultSize(f.dataType), 0);
    default:
      return 20;
  }
}
