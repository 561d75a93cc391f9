/**
 * Spark's PostgreSQL type mapping, both ways (checked against pyspark 4.3 with the PostgreSQL
 * JDBC driver):
 *
 *   read   bool→boolean, bit(1)→boolean, bit(n)/varbit→binary, int2→short, int4/serial→int,
 *          int8→long, oid→decimal(20,0), float4→float, float8→double, numeric(p,s)→decimal(p,s)
 *          (p>38 → decimal(38, max(0, s-(p-38))), unbounded → decimal(38,18)), text/varchar/
 *          char/name/uuid/json/jsonb/xml/inet/money/interval/enums→string, date→date,
 *          timestamp/timestamptz/time/timetz→timestamp (timestamp/time→timestamp_ntz with
 *          preferTimestampNTZ), bytea→binary, T[] → array<T> (one array level per declared
 *          dimension).
 *   write  boolean→BOOLEAN, byte/short→SMALLINT, int→INTEGER, long→BIGINT, float→FLOAT4,
 *          double→FLOAT8, decimal(p,s)→NUMERIC(p,s), string→TEXT, binary→BYTEA, date→DATE,
 *          timestamp→TIMESTAMP WITH TIME ZONE, timestamp_ntz→TIMESTAMP, array<T>→T[] (one []
 *          per nesting level);
 *          NOT NULL for non-nullable fields.
 *
 * Where Spark fails or loses data Sluice does better, noted at the spot (numeric with a negative
 * scale, arrays of bytea).
 */
import {
  type ArrayType,
  arrayType,
  BinaryType,
  BooleanType,
  type DataType,
  DateType,
  DoubleType,
  decimalType,
  FloatType,
  IntegerType,
  LongType,
  MAX_DECIMAL_PRECISION,
  ShortType,
  StringType,
  sqlTypeName,
  TimestampNTZType,
  TimestampType,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';

/** A PostgreSQL column type as the connector needs it. */
export interface PgType {
  /** pg_type.typname of the (base) type: `int4`, `numeric`, `_int4` for arrays. */
  readonly typname: string;
  readonly typmod: number;
  /** For arrays: the element type and the declared number of dimensions (≥ 1). */
  readonly element?: PgType;
  readonly dims?: number;
}

/** Built-in type oids (a table's columns can be typed without a catalog lookup). */
const BUILTIN: Readonly<Record<number, string>> = {
  16: 'bool',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'int8',
  21: 'int2',
  23: 'int4',
  25: 'text',
  26: 'oid',
  114: 'json',
  142: 'xml',
  650: 'cidr',
  700: 'float4',
  701: 'float8',
  790: 'money',
  829: 'macaddr',
  869: 'inet',
  1042: 'bpchar',
  1043: 'varchar',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1186: 'interval',
  1266: 'timetz',
  1560: 'bit',
  1562: 'varbit',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};
const BUILTIN_ARRAYS: Readonly<Record<number, number>> = {
  1000: 16,
  1001: 17,
  1002: 18,
  1003: 19,
  1016: 20,
  1005: 21,
  1007: 23,
  1009: 25,
  1028: 26,
  199: 114,
  143: 142,
  651: 650,
  1021: 700,
  1022: 701,
  791: 790,
  1040: 829,
  1041: 869,
  1014: 1042,
  1015: 1043,
  1182: 1082,
  1183: 1083,
  1115: 1114,
  1185: 1184,
  1187: 1186,
  1270: 1266,
  1561: 1560,
  1563: 1562,
  1231: 1700,
  2951: 2950,
  3807: 3802,
};

/** The type of a built-in oid, or undefined for types that need the catalog. */
export function builtinPgType(oid: number, typmod = -1): PgType | undefined {
  const name = BUILTIN[oid];
  if (name) return { typname: name, typmod };
  const elem = BUILTIN_ARRAYS[oid];
  if (elem !== undefined) {
    const e = BUILTIN[elem]!;
    return { typname: `_${e}`, typmod, element: { typname: e, typmod }, dims: 1 };
  }
  return undefined;
}

/** Precision and scale of a numeric typmod (scale may be negative since PostgreSQL 15). */
export function numericPrecisionScale(typmod: number): { precision: number; scale: number } | undefined {
  if (typmod < 4) return undefined;
  const t = typmod - 4;
  const precision = (t >> 16) & 0xffff;
  const scale = ((t & 0x7ff) ^ 1024) - 1024;
  return { precision, scale };
}

function decimalFor(typmod: number): DataType {
  const ps = numericPrecisionScale(typmod);
  if (!ps || ps.precision === 0) return decimalType(MAX_DECIMAL_PRECISION, 18);
  const { precision, scale } = ps;
  // Spark reads numeric(5,-2) as decimal(38,38) and then fails on every value; keep the digits
  if (scale < 0) return decimalType(Math.min(MAX_DECIMAL_PRECISION, precision - scale), 0);
  if (precision > MAX_DECIMAL_PRECISION) {
    return decimalType(MAX_DECIMAL_PRECISION, Math.max(0, scale - (precision - MAX_DECIMAL_PRECISION)));
  }
  return decimalType(precision, scale);
}

/** Spark's Catalyst type for a PostgreSQL type. */
export function toSparkType(t: PgType, preferTimestampNTZ: boolean): DataType {
  if (t.element) {
    let dt = toSparkType(t.element, preferTimestampNTZ);
    for (let i = 0; i < Math.max(1, t.dims ?? 1); i++) dt = arrayType(dt, true);
    return dt;
  }
  switch (t.typname) {
    case 'bool':
      return BooleanType;
    case 'bit':
      return t.typmod === 1 ? BooleanType : BinaryType;
    case 'varbit':
      return BinaryType;
    case 'int2':
      return ShortType;
    case 'int4':
      return IntegerType;
    case 'int8':
      return LongType;
    case 'oid':
      return decimalType(20, 0);
    case 'float4':
      return FloatType;
    case 'float8':
      return DoubleType;
    case 'numeric':
      return decimalFor(t.typmod);
    case 'date':
      return DateType;
    case 'timestamp':
    case 'time':
      return preferTimestampNTZ ? TimestampNTZType : TimestampType;
    case 'timestamptz':
    case 'timetz':
      return TimestampType;
    case 'bytea':
      return BinaryType;
    default:
      return StringType;
  }
}

/** The PostgreSQL DDL type Spark creates for a column of this type. */
export function toPgDdl(dt: DataType, column: string): string {
  switch (dt.kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'byte':
    case 'short':
      return 'SMALLINT';
    case 'integer':
      return 'INTEGER';
    case 'long':
      return 'BIGINT';
    case 'float':
      return 'FLOAT4';
    case 'double':
      return 'FLOAT8';
    case 'decimal':
      return `NUMERIC(${dt.precision},${dt.scale})`;
    case 'string':
      return 'TEXT';
    case 'binary':
      return 'BYTEA';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP WITH TIME ZONE';
    case 'timestamp_ntz':
      return 'TIMESTAMP';
    case 'array': {
      // Spark writes INTEGER[] for array<array<int>> too; declaring every dimension lets a read
      // of the table find array<array<int>> again (PostgreSQL does not enforce them)
      let e: DataType = dt.elementType;
      let dims = '[]';
      while (e.kind === 'array') {
        e = (e as ArrayType).elementType;
        dims += '[]';
      }
      return `${toPgDdl(e, column)}${dims}`;
    }
    default:
      throw new AnalysisException(
        'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
        `The jdbc datasource doesn't support the column \`${column}\` of the type "${sqlTypeName(dt)}".`,
      );
  }
}
