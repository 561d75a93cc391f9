/**
 * Spark's `ImplicitCastInputTypes` for scalar functions: each parameter declares the type it
 * expects (a concrete type, or an abstract one such as "any numeric" or a choice of types), and an
 * argument of another type is wrapped in an implicit cast when Spark would cast it (numbers and
 * dates to string, strings to numbers, integers to decimals…), or rejected with Spark's
 * `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` error.
 *
 * Invariant: only decides and inserts casts at analysis time; nothing here runs per row.
 */

import { castIfNeeded, decimalForType } from '../../types/coercion.js';
import {
  arrayType,
  BinaryType,
  type DataType,
  DoubleType,
  IntegerType,
  isAtomic,
  isNumeric,
  LongType,
  StringType,
  sameType,
  sqlTypeName,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import { prettyName } from '../pretty-name.js';

/** What a parameter accepts. Abstract kinds follow Spark's `AbstractDataType`s. */
export type InputType =
  | DataType
  | { readonly abstract: 'numeric' }
  | { readonly abstract: 'integral' }
  | { readonly abstract: 'decimal' }
  | { readonly abstract: 'any' }
  | { readonly oneOf: readonly InputType[] };

export const NUMERIC: InputType = { abstract: 'numeric' };
export const INTEGRAL: InputType = { abstract: 'integral' };
export const ANY_DECIMAL: InputType = { abstract: 'decimal' };
export const ANY: InputType = { abstract: 'any' };
export const STRING_OR_BINARY: InputType = { oneOf: [StringType, BinaryType] };
export const INT_OR_LONG: InputType = { oneOf: [IntegerType, LongType] };
export function oneOf(...types: InputType[]): InputType {
  return { oneOf: types };
}

function isAbstract(t: InputType): t is Exclude<InputType, DataType> {
  return 'abstract' in t || 'oneOf' in t;
}

/** Whether a value of type `t` is accepted without a cast. */
export function accepts(expected: InputType, t: DataType): boolean {
  if (!isAbstract(expected)) return sameType(expected, t, true);
  if ('oneOf' in expected) return expected.oneOf.some((e) => accepts(e, t));
  switch (expected.abstract) {
    case 'numeric':
      return isNumeric(t);
    case 'integral':
      return t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long';
    case 'decimal':
      return t.kind === 'decimal';
    case 'any':
      return true;
  }
}

/** Spark's `implicitCast(e, expected)` target type, or undefined when no implicit cast exists. */
export function implicitCastType(from: DataType, expected: InputType): DataType | undefined {
  if (accepts(expected, from)) return from;
  if (isAbstract(expected)) {
    if ('oneOf' in expected) {
      for (const e of expected.oneOf) {
        const t = implicitCastType(from, e);
        if (t) return t;
      }
      return undefined;
    }
    switch (expected.abstract) {
      case 'numeric':
        if (from.kind === 'null' || from.kind === 'string') return DoubleType;
        return undefined;
      case 'integral':
        if (from.kind === 'null' || from.kind === 'string') return LongType;
        return undefined;
      case 'decimal':
        if (from.kind === 'null') return decimalForType(DoubleType);
        if (from.kind === 'string') return decimalForType(DoubleType);
        return isNumeric(from) ? decimalForType(from) : undefined;
      case 'any':
        return from;
    }
  }
  const to = expected;
  if (from.kind === 'null') return to;
  if (to.kind === 'string') {
    return (isAtomic(from) && from.kind !== 'interval') || from.kind === 'decimal' ? StringType : undefined;
  }
  if (from.kind === 'string') {
    if (isNumeric(to) || to.kind === 'binary' || to.kind === 'date' || to.kind === 'timestamp') return to;
    return undefined;
  }
  if (isNumeric(from) && isNumeric(to)) return to;
  if (from.kind === 'date' && (to.kind === 'timestamp' || to.kind === 'timestamp_ntz')) return to;
  if ((from.kind === 'timestamp' || from.kind === 'timestamp_ntz') && to.kind === 'date') return to;
  if (from.kind === 'array' && to.kind === 'array') {
    const el = implicitCastType(from.elementType, to.elementType);
    return el ? arrayType(el, from.containsNull) : undefined;
  }
  return undefined;
}

/** Spark's rendering of an expected type in error messages: `"STRING"`, `("STRING" or "BINARY")`. */
export function describeInputType(t: InputType): string {
  if (!isAbstract(t)) return `"${sqlTypeName(t)}"`;
  if ('oneOf' in t) return `(${t.oneOf.map(describeInputType).join(' or ')})`;
  switch (t.abstract) {
    case 'numeric':
      return '"NUMERIC"';
    case 'integral':
      return '"INTEGRAL"';
    case 'decimal':
      return '"DECIMAL"';
    case 'any':
      return '"ANY"';
  }
}

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

export function ordinalWord(i: number): string {
  return ORDINALS[i] ?? `${i + 1}th`;
}

/**
 * `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE`. The call's SQL is left as `"x"` for the analyzer to
 * fill in (it knows the pretty name of the whole call).
 */
export function unexpectedInput(index: number, expected: InputType, arg: Expr): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "x" due to data type mismatch: The ${ordinalWord(index)} parameter requires the ${describeInputType(expected)} type, however "${prettyName(arg)}" has the type "${sqlTypeName(dataTypeOf(arg))}".`,
  );
}

/** Casts `arg` (parameter `index`) to what `expected` accepts, or throws Spark's type error. */
export function coerceArg(arg: Expr, expected: InputType, index: number): Expr {
  const from = dataTypeOf(arg);
  const to = implicitCastType(from, expected);
  if (!to) throw unexpectedInput(index, expected, arg);
  return castIfNeeded(arg, to);
}

/** Coerces every argument; `expected[i]` applies to arg i (the last entry repeats for varargs). */
export function coerceArgs(args: readonly Expr[], expected: readonly InputType[]): Expr[] {
  return args.map((a, i) => coerceArg(a, expected[Math.min(i, expected.length - 1)]!, i));
}

/** Spark's `DATATYPE_MISMATCH.NON_FOLDABLE_INPUT` for parameters that must be constants. */
export function nonFoldable(name: string, type: string, arg: Expr): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
    `Cannot resolve "x" due to data type mismatch: the input \`${name}\` should be a foldable "${type}" expression; however, got "${prettyName(arg)}".`,
  );
}
