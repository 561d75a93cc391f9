/**
 * Shared pieces of the aggregate family: Spark-worded type errors, folding of constant arguments
 * (percentages, accuracy, rsd) at analysis time, and implicit casts of inputs.
 *
 * Invariant: helpers here only inspect resolved expressions; they never evaluate a column.
 */

import { castIfNeeded } from '../../../types/coercion.js';
import { type DataType, DoubleType, isNumeric, sqlTypeName } from '../../../types/data-type.js';
import { AnalysisException } from '../../../util/errors.js';
import type { Expr } from '../../expression.js';
import { dataTypeOf } from '../../expression-type.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

export function ordinal(i: number): string {
  return ORDINALS[i] ?? `${i + 1}th`;
}

/** A rough SQL rendering of an argument for error messages (`a`, `1`, `sum(a)`). */
export function argSql(e: Expr): string {
  switch (e.kind) {
    case 'attributeReference':
    case 'alias':
      return e.name;
    case 'literal':
      return e.value === null ? 'NULL' : typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'cast':
      return e.implicit ? argSql(e.child) : `CAST(${argSql(e.child)} AS ${sqlTypeName(e.dataType)})`;
    case 'fn':
    case 'aggregate':
      return `${e.name}(${e.args.map(argSql).join(', ')})`;
    default:
      return e.kind;
  }
}

export function callSql(name: string, args: readonly Expr[]): string {
  return `${name}(${args.map(argSql).join(', ')})`;
}

/** `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]` in Spark's words. */
export function unexpectedInputType(
  name: string,
  args: readonly Expr[],
  index: number,
  required: string,
): AnalysisException {
  const arg = args[index]!;
  return new AnalysisException(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "${callSql(name, args)}" due to data type mismatch: The ${ordinal(index)} parameter requires the ${required} type, however "${argSql(arg)}" has the type "${sqlTypeName(dataTypeOf(arg))}".`,
  );
}

export function typeCheckFailure(name: string, args: readonly Expr[], message: string): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT',
    `Cannot resolve "${callSql(name, args)}" due to data type mismatch: ${message}.`,
  );
}

/** Inputs that Spark implicitly casts to double for functions taking DOUBLE (numbers, strings, NULL). */
export function castToDouble(name: string, args: readonly Expr[], index: number): Expr {
  const arg = args[index]!;
  const t = dataTypeOf(arg);
  if (isNumeric(t) || t.kind === 'string' || t.kind === 'null') return castIfNeeded(arg, DoubleType);
  throw unexpectedInputType(name, args, index, '"DOUBLE"');
}

export function requireBoolean(name: string, args: readonly Expr[], index: number): Expr {
  const arg = args[index]!;
  const t = dataTypeOf(arg);
  if (t.kind === 'boolean') return arg;
  if (t.kind === 'null') return castIfNeeded(arg, { kind: 'boolean' });
  throw unexpectedInputType(name, args, index, '"BOOLEAN"');
}

/** Whether Spark can order values of this type (min, max, max_by, sort keys). */
export function isOrderable(t: DataType): boolean {
  switch (t.kind) {
    case 'map':
    case 'interval':
      return false;
    case 'array':
      return isOrderable(t.elementType);
    case 'struct':
      return t.fields.every((f) => isOrderable(f.dataType));
    default:
      return true;
  }
}

export const NOT_FOLDABLE = Symbol('not foldable');

/**
 * The value of a constant argument (a literal, possibly under casts or in `array(...)`) as a JS
 * number / boolean / string / number[]; `NOT_FOLDABLE` when it is not a constant we can fold.
 */
export function foldConstant(e: Expr): unknown {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      if (v === null) return null;
      if (e.dataType.kind === 'decimal') return Number(v as bigint) / 10 ** e.dataType.scale;
      if (typeof v === 'bigint') return Number(v);
      if (Array.isArray(v)) {
        const t = e.dataType;
        const scale = t.kind === 'array' && t.elementType.kind === 'decimal' ? t.elementType.scale : 0;
        return v.map((x) => (typeof x === 'bigint' ? Number(x) / 10 ** scale : x));
      }
      return v;
    }
    case 'cast': {
      const v = foldConstant(e.child);
      if (v === NOT_FOLDABLE || v === null) return v;
      if (e.dataType.kind === 'double' || e.dataType.kind === 'float')
        return typeof v === 'number' ? v : Number(v);
      if (e.dataType.kind === 'integer' || e.dataType.kind === 'long')
        return typeof v === 'number' ? Math.trunc(v) : v;
      if (e.dataType.kind === 'array' && Array.isArray(v))
        return v.map((x) => (typeof x === 'number' ? x : Number(x)));
      return v;
    }
    case 'alias':
      return foldConstant(e.child);
    case 'fn':
      if (e.name === 'array') {
        const out: unknown[] = [];
        for (const a of e.args) {
          const v = foldConstant(a);
          if (v === NOT_FOLDABLE) return NOT_FOLDABLE;
          out.push(v);
        }
        return out;
      }
      if ((e.name === 'negative' || e.name === '__unary_minus') && e.args.length === 1) {
        const v = foldConstant(e.args[0]!);
        return typeof v === 'number' ? -v : NOT_FOLDABLE;
      }
      return NOT_FOLDABLE;
    default:
      return NOT_FOLDABLE;
  }
}

/** Spark's `Divide` in non-ANSI mode: null when dividing by zero. */
export function divideOrNull(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
