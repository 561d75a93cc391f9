/**
 * A compact way to define the common shape of scalar function: fixed parameter types with Spark's
 * implicit casts, optional trailing parameters filled with default literals (which then show in the
 * pretty name, as Spark's do), null in → null out, and a body specialised once per plan.
 *
 * Invariant: `body` runs at compile time and returns the per-row implementation; the per-row
 * implementation never sees null arguments.
 */
import type { DataType } from '../../types/data-type.js';
import type { Expr, FunctionCall } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { coerceArgs, type InputType } from './input-coercion.js';
import { nullSafe1, nullSafe2, nullSafe3, nullSafe4, nullSafeN } from './null-safe.js';

export interface StrictFunctionSpec {
  readonly name: string;
  /** Expected type of each parameter (implicit casts are inserted to reach them). */
  readonly inputs: readonly InputType[];
  /** Literals appended for omitted trailing parameters; `minArgs` defaults to `inputs.length - defaults.length`. */
  readonly defaults?: readonly Expr[];
  readonly minArgs?: number;
  readonly aliases?: readonly string[];
  readonly displayName?: string;
  readonly prettyName?: ScalarFunctionDef['prettyName'];
  /** Result type, from the (coerced) argument types. */
  readonly result: DataType | ((types: readonly DataType[], args: readonly Expr[]) => DataType);
  /** Result nullability; default: any argument nullable. */
  readonly nullable?: (args: readonly Expr[]) => boolean;
  /** Extra analysis-time checks on the coerced arguments (constant parameters, …). */
  readonly check?: (args: readonly Expr[]) => void;
  /** Returns the per-row implementation for this call; argument values are never null. */
  readonly body: (
    call: FunctionCall,
    ctx: FunctionContext,
    args: readonly Evaluator[],
  ) => (...vals: any[]) => unknown;
}

export function anyNullable(args: readonly Expr[]): boolean {
  return args.some(nullableOf);
}

export function strictFunction(spec: StrictFunctionSpec): ScalarFunctionDef {
  const defaults = spec.defaults ?? [];
  const maxArgs = spec.inputs.length;
  const minArgs = spec.minArgs ?? maxArgs - defaults.length;
  return {
    kind: 'scalar',
    name: spec.name,
    minArgs,
    maxArgs,
    ...(spec.aliases ? { aliases: spec.aliases } : {}),
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    ...(spec.prettyName ? { prettyName: spec.prettyName } : {}),
    resolve: (rawArgs) => {
      const missing = maxArgs - rawArgs.length;
      const full = missing > 0 ? [...rawArgs, ...defaults.slice(defaults.length - missing)] : rawArgs;
      const args = coerceArgs(full, spec.inputs);
      spec.check?.(args);
      const types = args.map(dataTypeOf);
      const dataType = typeof spec.result === 'function' ? spec.result(types, args) : spec.result;
      return { args, dataType, nullable: (spec.nullable ?? anyNullable)(args) };
    },
    compile: (call, args, ctx) => {
      const f = spec.body(call, ctx, args);
      return strictEvaluator(args, f);
    },
  };
}

/** Null-intolerant evaluator over `args` calling `f` with the argument values. */
export function strictEvaluator(args: readonly Evaluator[], f: (...vals: any[]) => unknown): Evaluator {
  switch (args.length) {
    case 0:
      return () => f();
    case 1:
      return nullSafe1(args[0]!, f);
    case 2:
      return nullSafe2(args[0]!, args[1]!, f);
    case 3:
      return nullSafe3(args[0]!, args[1]!, args[2]!, f);
    case 4:
      return nullSafe4(args[0]!, args[1]!, args[2]!, args[3]!, f);
    default:
      return nullSafeN(args, (vals) => f(...vals));
  }
}

/** A copy of `def` registered under another name (Spark shows the name the user called). */
export function renamed(def: ScalarFunctionDef, name: string, displayName?: string): ScalarFunctionDef {
  const { aliases: _aliases, ...rest } = def;
  return displayName ? { ...rest, name, displayName } : { ...rest, name, displayName: name };
}
