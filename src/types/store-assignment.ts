/**
 * Spark's store assignment: how a value of a query's column type is converted to a table column's
 * type on INSERT, under `spark.sql.storeAssignmentPolicy`.
 *
 * - `ANSI` (Spark's default): the pair must pass `canAnsiStoreAssign` (numeric ↔ numeric, any
 *   atomic → string, date ↔ timestamp, complex types field by field) or the analyzer refuses it
 *   with INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST; the conversion is an ANSI cast, and an
 *   integral overflow raises CAST_OVERFLOW_IN_TABLE_INSERT naming the column.
 * - `LEGACY`: any castable pair, converted with the lenient cast (`'1x'` → NULL, 300 → 44 in a
 *   TINYINT).
 *
 * Invariant: pure type logic plus the error texts; the conversions are Spark's CAST (cast.ts).
 */
import { AnalysisException, SparkRuntimeError } from '../util/errors.js';
import { type DataType, isNumeric, sqlTypeName } from './data-type.js';

export type StoreAssignmentPolicy = 'ANSI' | 'LEGACY';

export function storeAssignmentPolicy(value: string | undefined): StoreAssignmentPolicy {
  const v = (value ?? 'ANSI').toUpperCase();
  if (v === 'ANSI' || v === 'LEGACY') return v;
  throw new AnalysisException(
    'INVALID_CONF_VALUE',
    `The value '${value}' in the config "spark.sql.storeAssignmentPolicy" is invalid. Sluice supports ANSI (the default) and LEGACY.`,
  );
}

const ATOMIC = new Set([
  'string',
  'boolean',
  'byte',
  'short',
  'integer',
  'long',
  'float',
  'double',
  'decimal',
  'date',
  'timestamp',
  'timestamp_ntz',
  'binary',
  'interval_ym',
  'interval_dt',
]);

/** Spark's `Cast.canANSIStoreAssign`. */
export function canAnsiStoreAssign(from: DataType, to: DataType): boolean {
  if (from.kind === 'null') return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (to.kind === 'string' && (ATOMIC.has(from.kind) || from.kind === 'interval')) return true;
  const datetime = ['date', 'timestamp', 'timestamp_ntz'];
  if (datetime.includes(from.kind) && datetime.includes(to.kind)) return true;
  if (from.kind === 'array' && to.kind === 'array')
    return canAnsiStoreAssign(from.elementType, to.elementType);
  if (from.kind === 'map' && to.kind === 'map')
    return canAnsiStoreAssign(from.keyType, to.keyType) && canAnsiStoreAssign(from.valueType, to.valueType);
  if (from.kind === 'struct' && to.kind === 'struct') {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) => canAnsiStoreAssign(f.dataType, to.fields[i]!.dataType))
    );
  }
  return from.kind === to.kind && ATOMIC.has(from.kind);
}

export function cannotSafelyCast(table: string, column: string, from: DataType, to: DataType) {
  return new AnalysisException(
    'INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST',
    `Cannot write incompatible data for the table ${table}: Cannot safely cast \`${column}\` "${sqlTypeName(from)}" to "${sqlTypeName(to)}".`,
    { sqlState: 'KD000' },
  );
}

export function castOverflowInTableInsert(column: string, from: DataType, to: DataType) {
  return new SparkRuntimeError(
    'CAST_OVERFLOW_IN_TABLE_INSERT',
    `Fail to assign a value of "${sqlTypeName(from)}" type to the "${sqlTypeName(to)}" type column or variable \`${column}\` due to an overflow. Use \`try_cast\` on the input value to tolerate overflow and return NULL instead.`,
    { sqlState: '22003' },
  );
}
