/**
 * Implicit type coercion, following Spark's (non-ANSI) TypeCoercion rules: tightest common
 * type, wider common type with string promotion, and decimal widening.
 *
 * Invariant: these functions only decide types; wrapping expressions in casts is done by
 * `castIfNeeded`, which marks the casts as implicit so pretty names hide them like Spark does.
 */

import type { Cast, Expr } from '../expr/expression.js';
import { dataTypeOf } from '../expr/expression-type.js';
import { unionIntervalType } from './ansi-interval.js';
import {
  arrayType,
  type DataType,
  type DecimalType,
  DoubleType,
  decimalType,
  isIntegral,
  isNumeric,
  MAX_DECIMAL_PRECISION,
  mapType,
  StringType,
  sameType,
  structField,
  structType,
} from './data-type.js';

const NUMERIC_PRECEDENCE = ['byte', 'short', 'integer', 'long', 'float', 'double'];

/** The decimal type that holds every value of an integral or floating type exactly (Spark's `DecimalType.forType`). */
export function decimalForType(t: DataType): DecimalType | undefined {
  switch (t.kind) {
    case 'byte':
      return decimalType(3, 0);
    case 'short':
      return decimalType(5, 0);
    case 'integer':
      return decimalType(10, 0);
    case 'long':
      return decimalType(20, 0);
    case 'float':
      return decimalType(14, 7);
    case 'double':
      return decimalType(30, 15);
    case 'decimal':
      return t;
    default:
      return undefined;
  }
}

/** Spark's `DecimalType.bounded`: clamp precision and scale to 38. */
export function boundedDecimal(precision: number, scale: number): DecimalType {
  return decimalType(Math.min(precision, MAX_DECIMAL_PRECISION), Math.min(scale, MAX_DECIMAL_PRECISION));
}

/** Spark's `DecimalPrecision.widerDecimalType`. */
export function widerDecimal(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return boundedDecimal(range + scale, scale);
}

/** Spark's `findTightestCommonType`: widening without loss (no string promotion, no decimals except equal ones). */
export function tightestCommonType(a: DataType, b: DataType): DataType | undefined {
  if (sameType(a, b, true)) return mergeNullability(a, b);
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  const ia = NUMERIC_PRECEDENCE.indexOf(a.kind);
  const ib = NUMERIC_PRECEDENCE.indexOf(b.kind);
  if (ia >= 0 && ib >= 0) return ia >= ib ? a : b;
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) {
    return a.kind === 'timestamp' ? a : b;
  }
  if (a.kind === 'timestamp_ntz' && b.kind === 'date') return a;
  if (b.kind === 'timestamp_ntz' && a.kind === 'date') return b;
  // ANSI intervals of one family widen to the fields of both (DAY and HOUR → DAY TO HOUR)
  if (
    (a.kind === 'interval_dt' && b.kind === 'interval_dt') ||
    (a.kind === 'interval_ym' && b.kind === 'interval_ym')
  ) {
    return unionIntervalType(a, b);
  }
  if (a.kind === 'struct' && b.kind === 'struct' && a.fields.length === b.fields.length) {
    const fields = [];
    for (let i = 0; i < a.fields.length; i++) {
      const fa = a.fields[i]!;
      const fb = b.fields[i]!;
      if (fa.name.toLowerCase() !== fb.name.toLowerCase()) return undefined;
      const t = tightestCommonType(fa.dataType, fb.dataType);
      if (!t) return undefined;
      fields.push(structField(fa.name, t, fa.nullable || fb.nullable));
    }
    return structType(fields);
  }
  return undefined;
}

function mergeNullability(a: DataType, b: DataType): DataType {
  if (a.kind === 'array' && b.kind === 'array') {
    return arrayType(mergeNullability(a.elementType, b.elementType), a.containsNull || b.containsNull);
  }
  if (a.kind === 'map' && b.kind === 'map') {
    return mapType(
      a.keyType,
      mergeNullability(a.valueType, b.valueType),
      a.valueContainsNull || b.valueContainsNull,
    );
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    return structType(
      a.fields.map((f, i) => {
        const g = b.fields[i]!;
        return structField(
          f.name,
          mergeNullability(f.dataType, g.dataType),
          f.nullable || g.nullable,
          f.metadata,
        );
      }),
    );
  }
  return a;
}

/** Widening between a decimal and another numeric type (Spark's `findWiderTypeForDecimal`). */
function widerTypeForDecimal(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === 'decimal' && b.kind === 'decimal') return widerDecimal(a, b);
  if (a.kind === 'decimal' && isIntegral(b)) return widerDecimal(a, decimalForType(b)!);
  if (b.kind === 'decimal' && isIntegral(a)) return widerDecimal(decimalForType(a)!, b);
  if (
    (a.kind === 'decimal' && (b.kind === 'float' || b.kind === 'double')) ||
    (b.kind === 'decimal' && (a.kind === 'float' || a.kind === 'double'))
  )
    return DoubleType;
  return undefined;
}

/**
 * Spark's `findWiderTypeForTwo`: tightest, then decimals, then string promotion (an atomic type
 * and a string widen to string), recursively through arrays, maps and structs.
 */
export function widerType(a: DataType, b: DataType, stringPromotion = true): DataType | undefined {
  const tight = tightestCommonType(a, b) ?? widerTypeForDecimal(a, b);
  if (tight) return tight;
  if (stringPromotion) {
    const atomicish = (t: DataType) =>
      t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct' && t.kind !== 'binary';
    if ((a.kind === 'string' && atomicish(b)) || (b.kind === 'string' && atomicish(a))) return StringType;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    const el = widerType(a.elementType, b.elementType, stringPromotion);
    return el ? arrayType(el, a.containsNull || b.containsNull) : undefined;
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const k = widerType(a.keyType, b.keyType, stringPromotion);
    const v = widerType(a.valueType, b.valueType, stringPromotion);
    return k && v ? mapType(k, v, a.valueContainsNull || b.valueContainsNull) : undefined;
  }
  if (a.kind === 'struct' && b.kind === 'struct' && a.fields.length === b.fields.length) {
    const fields = [];
    for (let i = 0; i < a.fields.length; i++) {
      const fa = a.fields[i]!;
      const fb = b.fields[i]!;
      if (fa.name.toLowerCase() !== fb.name.toLowerCase()) return undefined;
      const t = widerType(fa.dataType, fb.dataType, stringPromotion);
      if (!t) return undefined;
      fields.push(structField(fa.name, t, fa.nullable || fb.nullable));
    }
    return structType(fields);
  }
  return undefined;
}

/** Wider type of many (coalesce, greatest, array(...), CASE branches, IN lists). */
export function widerTypeOfAll(types: readonly DataType[], stringPromotion = true): DataType | undefined {
  let acc: DataType | undefined = types[0];
  for (let i = 1; i < types.length && acc; i++) acc = widerType(acc, types[i]!, stringPromotion);
  return acc;
}

/** Wraps `e` in an implicit cast to `to` unless it already has that type. */
export function castIfNeeded(e: Expr, to: DataType): Expr {
  const from = dataTypeOf(e);
  if (sameType(from, to, true)) return e;
  if (e.kind === 'literal' && e.value === null) return { kind: 'literal', value: null, dataType: to };
  const c: Cast = { kind: 'cast', child: e, dataType: to, mode: 'legacy', implicit: true };
  return c;
}

/** Numeric type arithmetic between `a` and `b` computes in (decimals excluded). */
export function numericResultType(a: DataType, b: DataType): DataType | undefined {
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  return tightestCommonType(a, b) ?? widerTypeForDecimal(a, b);
}
