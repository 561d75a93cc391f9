/**
 * Shared pieces of the collection functions: Spark's type errors for arrays and maps, index
 * argument coercion, and map construction with Spark's key rules (no null keys, duplicate keys
 * per `spark.sql.mapKeyDedupPolicy`).
 *
 * Invariants: maps are JS Maps keyed by the internal value; float/double keys are stored with
 * -0.0 normalised to 0.0 (NaN is one key, as JS Map's SameValueZero gives); maps whose keys are
 * arrays, structs or binaries are deduplicated by value with a scan, since JS Map compares those
 * by reference.
 */

import { castIfNeeded } from '../../types/coercion.js';
import { type ArrayType, type DataType, IntegerType, sqlTypeName } from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { ExpressionCompiler } from '../compiler.js';
import type { Expr } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { FunctionContext } from '../function-registry.js';
import { equalityFor } from '../ordering.js';
import { prettyName } from '../pretty-name.js';
import { ordinalWord } from './input-coercion.js';

/** `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` with a required-type text such as `"ARRAY"` or `("ARRAY" or "MAP")`. */
export function requiresType(index: number, required: string, arg: Expr): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "x" due to data type mismatch: The ${ordinalWord(index)} parameter requires the ${required} type, however "${prettyName(arg)}" has the type "${sqlTypeName(dataTypeOf(arg))}".`,
  );
}

export function nullTypeError(fn: string): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.NULL_TYPE',
    `Cannot resolve "x" due to data type mismatch: Null typed values cannot be used as arguments of \`${fn}\`.`,
  );
}

export function arrayFunctionDiffTypes(fn: string, a: DataType, b: DataType): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES',
    `Cannot resolve "x" due to data type mismatch: Input to \`${fn}\` should have been "ARRAY" followed by a value with same element type, but it's ["${sqlTypeName(a)}", "${sqlTypeName(b)}"].`,
  );
}

export function binaryArrayDiffTypes(fn: string, a: DataType, b: DataType): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES',
    `Cannot resolve "x" due to data type mismatch: Input to function \`${fn}\` should have been two "ARRAY" with same element type, but it's ["${sqlTypeName(a)}", "${sqlTypeName(b)}"].`,
  );
}

export function dataDiffTypes(fn: string, types: readonly DataType[]): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
    `Cannot resolve "x" due to data type mismatch: Input to \`${fn}\` should all be the same type, but it's (${types.map((t) => `"${sqlTypeName(t)}"`).join(' or ')}).`,
  );
}

export function invalidOrderingType(fn: string, t: DataType): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
    `Cannot resolve "x" due to data type mismatch: The \`${fn}\` does not support ordering on type "${sqlTypeName(t)}".`,
  );
}

/** Whether values of `t` can be ordered/compared (maps cannot, anywhere inside). */
export function isOrderable(t: DataType): boolean {
  switch (t.kind) {
    case 'map':
      return false;
    case 'array':
      return isOrderable(t.elementType);
    case 'struct':
      return t.fields.every((f) => isOrderable(f.dataType));
    default:
      return true;
  }
}

/**
 * An index argument that Spark types as INT without accepting BIGINT (element_at, array_repeat):
 * tinyint/smallint are widened, anything else is rejected.
 */
export function intIndexArg(arg: Expr, index: number): Expr {
  const t = dataTypeOf(arg);
  if (t.kind === 'integer') return arg;
  if (t.kind === 'byte' || t.kind === 'short') return castIfNeeded(arg, IntegerType);
  throw requiresType(index, '"INT"', arg);
}

/** Whether JS Map lookups by value work for keys of this type. */
export function isPrimitiveKeyType(t: DataType): boolean {
  return t.kind !== 'array' && t.kind !== 'struct' && t.kind !== 'binary' && t.kind !== 'map';
}

/** The key under which a value of a primitive key type is stored in a JS Map. */
export function normalizeKey(k: unknown): unknown {
  return k === 0 ? 0 : k;
}

export function nullMapKeyError(): SparkRuntimeError {
  return new SparkRuntimeError('NULL_MAP_KEY', 'Cannot use null as map key.');
}

export function duplicateMapKeyError(k: unknown, keyType: DataType, timeZone: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'DUPLICATED_MAP_KEY',
    `Duplicate map key ${renderKey(k, keyType, timeZone)} was found, please check the input data.\nIf you want to remove the duplicated keys, you can set "spark.sql.mapKeyDedupPolicy" to "LAST_WIN" so that the key inserted at last takes precedence.`,
  );
}

function renderKey(k: unknown, t: DataType, _timeZone: string): string {
  if (t.kind === 'string') return String(k);
  if (Array.isArray(k)) return `[${k.map((x) => (x === null ? 'null' : String(x))).join(',')}]`;
  return String(k);
}

export type MapPut = (m: Map<unknown, unknown>, k: unknown, v: unknown) => void;

/**
 * Compiles the insertion of one entry into a map being built: rejects null keys and applies the
 * duplicate-key policy (EXCEPTION by default, LAST_WIN keeps the first position and the last value).
 */
export function compileMapPut(keyType: DataType, ctx: FunctionContext): MapPut {
  const lastWin = (ctx.conf.get('spark.sql.mapKeyDedupPolicy') ?? 'EXCEPTION').toUpperCase() === 'LAST_WIN';
  const tz = ctx.timeZone;
  if (isPrimitiveKeyType(keyType)) {
    return (m, k, v) => {
      if (k === null || k === undefined) throw nullMapKeyError();
      const key = normalizeKey(k);
      if (!lastWin && m.has(key)) throw duplicateMapKeyError(k, keyType, tz);
      m.set(key, v);
    };
  }
  const eq = equalityFor(keyType);
  return (m, k, v) => {
    if (k === null || k === undefined) throw nullMapKeyError();
    for (const existing of m.keys()) {
      if (eq(existing, k)) {
        if (!lastWin) throw duplicateMapKeyError(k, keyType, tz);
        m.set(existing, v);
        return;
      }
    }
    m.set(k, v);
  };
}

/** Compiles a lookup `m[key]` (undefined when absent) honouring NaN/-0.0 and value-compared keys. */
export function compileMapGet(keyType: DataType): (m: Map<unknown, unknown>, key: unknown) => unknown {
  if (isPrimitiveKeyType(keyType)) return (m, key) => m.get(normalizeKey(key));
  const eq = equalityFor(keyType);
  return (m, key) => {
    for (const [k, v] of m) if (eq(k, key)) return v;
    return undefined;
  };
}

/** Evaluates a constant (foldable) expression at analysis or compile time. */
export function evaluateConstant(e: Expr, ctx: FunctionContext): unknown {
  if (e.kind === 'literal') return e.value;
  return new ExpressionCompiler([], ctx).compile(e)([]);
}

/** The array type of argument `index`, or Spark's UNEXPECTED_INPUT_TYPE requiring "ARRAY". */
export function requireArray(a: Expr, index: number): ArrayType {
  const t = dataTypeOf(a);
  if (t.kind !== 'array') throw requiresType(index, '"ARRAY"', a);
  return t;
}
