/**
 * Type and nullability of resolved expressions.
 *
 * Invariant: only called on resolved nodes; an unresolved node here is an analyzer bug.
 */
import type { DataType } from '../types/data-type.js';
import type { Expr } from './expression.js';

export function dataTypeOf(e: Expr): DataType {
  switch (e.kind) {
    case 'literal':
    case 'attributeReference':
    case 'cast':
    case 'fn':
    case 'aggregate':
    case 'generator':
    case 'getStructField':
    case 'udf':
    case 'lambdaVariable':
      return e.dataType;
    case 'alias':
    case 'sortOrder':
      return dataTypeOf(e.child);
    case 'windowExpression':
      return dataTypeOf(e.fn);
    case 'lambda':
      return dataTypeOf(e.body);
    case 'subquery':
      if (e.dataType) return e.dataType;
      throw new Error('internal error: dataTypeOf(subquery) on an unresolved expression');
    default:
      throw new Error(`internal error: dataTypeOf(${e.kind}) on an unresolved expression`);
  }
}

export function nullableOf(e: Expr): boolean {
  switch (e.kind) {
    case 'literal':
      return e.value === null;
    case 'attributeReference':
    case 'fn':
    case 'aggregate':
    case 'generator':
    case 'getStructField':
    case 'udf':
    case 'lambdaVariable':
      return e.nullable;
    case 'cast':
      return e.mode === 'try' || nullableOf(e.child) || castCanIntroduceNull(dataTypeOf(e.child), e.dataType);
    case 'alias':
    case 'sortOrder':
      return nullableOf(e.child);
    case 'windowExpression':
      return nullableOf(e.fn);
    case 'lambda':
      return nullableOf(e.body);
    case 'subquery':
      // a scalar subquery is null when it returns no row; IN / EXISTS are existence tests
      return e.subqueryType === 'scalar';
    default:
      throw new Error(`internal error: nullableOf(${e.kind}) on an unresolved expression`);
  }
}

/** Spark's `Cast.forceNullable`: non-ANSI casts that may produce null from a non-null input. */
function castCanIntroduceNull(from: DataType, to: DataType): boolean {
  if (from.kind === to.kind && from.kind !== 'decimal') return false;
  if (from.kind === 'null') return true;
  if (to.kind === 'string' || to.kind === 'binary') return false;
  if (from.kind === 'string') return true;
  if (to.kind === 'boolean') return false;
  if (to.kind === 'decimal') return !canNullSafeCastToDecimal(from, to);
  if (to.kind === 'timestamp' || to.kind === 'date') return from.kind !== 'date' && from.kind !== 'timestamp';
  // numeric ↔ numeric casts wrap or saturate in legacy mode: never null from a non-null input
  return false;
}

const INTEGRAL_DIGITS: Readonly<Record<string, number>> = { byte: 3, short: 5, integer: 10, long: 20 };

/** Spark's `Cast.canNullSafeCastToDecimal`: the target holds every value of the source exactly. */
function canNullSafeCastToDecimal(from: DataType, to: Extract<DataType, { kind: 'decimal' }>): boolean {
  const toIntDigits = to.precision - to.scale;
  if (from.kind === 'boolean') return toIntDigits >= 1;
  const digits = INTEGRAL_DIGITS[from.kind];
  if (digits !== undefined) return toIntDigits >= digits;
  if (from.kind === 'decimal') {
    const fromIntDigits = from.precision - from.scale;
    // wider on both sides, or (rounding the fraction) strictly more integer digits
    return (toIntDigits >= fromIntDigits && to.scale >= from.scale) || toIntDigits > fromIntDigits;
  }
  return false;
}
