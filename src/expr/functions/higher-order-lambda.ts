/**
 * The lambda protocol shared by the higher-order functions (see higher-order.ts for the whole
 * picture): lambda variables read per-variable slots; a bound lambda writes its slots and
 * evaluates its body; plus the analysis helpers every higher-order function uses to type its
 * lambda parameters and check its lambdas' bodies.
 *
 * Invariants: evaluation is synchronous and a variable's slot is written right before every use
 * of the body, so nested lambdas (distinct exprIds) and repeated copies of one lambda (the same
 * exprIds, evaluated one after the other) never see each other's values.
 */
import type { LambdaParamsHook } from '../../plan/expression-resolver.js';
import {
  type ArrayType,
  type DataType,
  IntegerType,
  type MapType,
  sameType,
  sqlTypeName,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { setLambdaVariableCompiler } from '../compiler.js';
import type { Expr, LambdaFunction, LambdaVariable, Row } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { prettyName } from '../pretty-name.js';
import { requiresType } from './collection-common.js';
import { ordinalWord } from './input-coercion.js';

// ---------------------------------------------------------------------------------------------
// Lambda variables

interface Slot {
  value: unknown;
}
const slots = new Map<number, Slot>();

function slotOf(exprId: number): Slot {
  let s = slots.get(exprId);
  if (!s) {
    s = { value: null };
    slots.set(exprId, s);
  }
  return s;
}

/** The evaluator of a lambda variable: reads the value its lambda was last called with. */
export function compileLambdaVariable(v: LambdaVariable): Evaluator {
  const slot = slotOf(v.exprId);
  return () => slot.value;
}

setLambdaVariableCompiler(compileLambdaVariable);

/** A compiled lambda: writes its parameters, then evaluates the body on `row`. */
export type BoundLambda = (row: Row, a: unknown, b?: unknown, c?: unknown) => unknown;

export function bindLambda(fn: LambdaFunction, body: Evaluator): BoundLambda {
  const ss = fn.params.map((p) => slotOf(p.exprId));
  switch (ss.length) {
    case 0:
      return (row) => body(row);
    case 1: {
      const s0 = ss[0]!;
      return (row, a) => {
        s0.value = a;
        return body(row);
      };
    }
    case 2: {
      const [s0, s1] = ss as [Slot, Slot];
      return (row, a, b) => {
        s0.value = a;
        s1.value = b ?? null;
        return body(row);
      };
    }
    default: {
      const [s0, s1, s2] = ss as [Slot, Slot, Slot];
      return (row, a, b, c) => {
        s0.value = a;
        s1.value = b ?? null;
        s2.value = c ?? null;
        return body(row);
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Analysis helpers

export type ParamType = { dataType: DataType; nullable: boolean };
export type HigherOrderDef = ScalarFunctionDef & { readonly lambdaParams: LambdaParamsHook };

export function numArgsMismatch(expected: number, actual: number): AnalysisException {
  return new AnalysisException(
    'INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH',
    `Invalid lambda function call. A higher order function expects ${expected} arguments, but got ${actual}.`,
  );
}

/** Picks the parameter list matching the lambda's arity, or Spark's NUM_ARGS_MISMATCH. */
export function byArity(arity: number, ...options: ParamType[][]): ParamType[] {
  const hit = options.find((o) => o.length === arity);
  if (!hit) throw numArgsMismatch(arity, options[0]!.length);
  return hit;
}

export function resolvedArg(args: readonly (Expr | undefined)[], i: number): Expr {
  const a = args[i];
  if (!a) throw new AnalysisException('INVALID_LAMBDA_FUNCTION_CALL', 'A lambda function is expected here.');
  return a;
}

export function arrayArg(args: readonly (Expr | undefined)[], i: number): ArrayType {
  const a = resolvedArg(args, i);
  const t = dataTypeOf(a);
  if (t.kind !== 'array') throw requiresType(i, '"ARRAY"', a);
  return t;
}

export function mapArg(args: readonly (Expr | undefined)[], i: number): MapType {
  const a = resolvedArg(args, i);
  const t = dataTypeOf(a);
  if (t.kind !== 'map') throw requiresType(i, '"MAP"', a);
  return t;
}

export function lambdaAt(args: readonly Expr[], i: number): LambdaFunction {
  const a = args[i];
  if (a?.kind !== 'lambda') {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      `Cannot resolve "x" due to data type mismatch: The ${ordinalWord(i)} parameter requires a lambda function.`,
    );
  }
  return a;
}

export function requireBodyType(args: readonly Expr[], i: number, expected: DataType): void {
  const l = lambdaAt(args, i);
  const t = dataTypeOf(l.body);
  if (t.kind === 'null' || sameType(t, expected, true)) return;
  throw new AnalysisException(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "x" due to data type mismatch: The ${ordinalWord(i)} parameter requires the "${sqlTypeName(expected)}" type, however "${prettyName(l)}" has the type "${sqlTypeName(t)}".`,
  );
}

export const INDEX: ParamType = { dataType: IntegerType, nullable: false };
