/**
 * Runs collection, higher-order, generator and JSON functions the way a plan does: resolve
 * through the registry (implicit casts included), bind lambdas through the functions'
 * `lambdaParams` hooks as the analyzer does, compile with the engine's ExpressionCompiler and
 * evaluate on rows.
 */
import '../../src/expr/functions/all.js';
import '../../src/expr/functions/collection.js';
import '../../src/expr/functions/higher-order.js';
import '../../src/expr/functions/generators.js';
import '../../src/expr/functions/json.js';
import '../../src/expr/functions/string.js';
import { ExpressionCompiler } from '../../src/expr/compiler.js';
import {
  type AttributeReference,
  attributeReference,
  type Expr,
  type FunctionCall,
  type GeneratorCall,
  type LambdaFunction,
  type LambdaVariable,
  literal,
  newExprId,
} from '../../src/expr/expression.js';
import type {
  FunctionContext,
  GeneratorFunctionDef,
  ScalarFunctionDef,
} from '../../src/expr/function-registry.js';
import { lookupFunction } from '../../src/expr/function-registry.js';
import { prettyName } from '../../src/expr/pretty-name.js';
import type { LambdaParamsHook } from '../../src/plan/expression-resolver.js';
import {
  arrayType,
  BooleanType,
  type DataType,
  DoubleType,
  IntegerType,
  LongType,
  mapType,
  NullType,
  StringType,
} from '../../src/types/data-type.js';
import { Conf } from '../../src/util/conf.js';

export function ctx(
  opts: { ansi?: boolean; timeZone?: string; conf?: Record<string, string> } = {},
): FunctionContext {
  return {
    conf: new Conf(opts.conf ?? {}),
    timeZone: opts.timeZone ?? 'UTC',
    ansi: opts.ansi ?? false,
    queryStartMicros: 0,
  };
}

export const str = (v: string | null): Expr => literal(v, v === null ? NullType : StringType);
export const int = (v: number | null): Expr => literal(v, IntegerType);
export const long = (v: number | bigint | null): Expr => literal(v, LongType);
export const dbl = (v: number | null): Expr => literal(v, DoubleType);
export const bool = (v: boolean | null): Expr => literal(v, BooleanType);
export const nul = (t: DataType = NullType): Expr => literal(null, t);
/** An array literal; `containsNull` follows the values unless given. */
export const arr = (values: unknown[] | null, el: DataType = IntegerType, containsNull?: boolean): Expr =>
  literal(values, arrayType(el, containsNull ?? (values ?? []).some((v) => v === null)));
export const map = (
  entries: [unknown, unknown][] | null,
  k: DataType = StringType,
  v: DataType = IntegerType,
): Expr =>
  literal(
    entries === null ? null : new Map(entries),
    mapType(
      k,
      v,
      (entries ?? []).some(([, x]) => x === null),
    ),
  );

/** A lambda argument: a JS function from variables to the body. */
export type LambdaBuilder = (...vars: LambdaVariable[]) => Expr;
export type Arg = Expr | LambdaBuilder;

/** Resolves `name(args)` through the registry into a typed `fn` node, binding lambdas like the analyzer. */
export function fn(name: string, args: readonly Arg[], context = ctx()): FunctionCall {
  const def = lookupFunction(name);
  if (def?.kind !== 'scalar') throw new Error(`${name} is not a scalar function`);
  if (args.length < def.minArgs || args.length > def.maxArgs)
    throw new Error(`${name}: wrong number of arguments`);
  const resolved: (Expr | undefined)[] = args.map((a) => (typeof a === 'function' ? undefined : a));
  args.forEach((a, i) => {
    if (typeof a !== 'function') return;
    const hook = (def as { lambdaParams?: LambdaParamsHook }).lambdaParams;
    if (!hook) throw new Error(`${name} takes no lambda`);
    const types = hook(resolved, i, a.length);
    const names = ['x', 'y', 'z'];
    const params: LambdaVariable[] = types.map((t, j) => ({
      kind: 'lambdaVariable',
      name: names[j]!,
      exprId: newExprId(),
      dataType: t.dataType,
      nullable: t.nullable,
    }));
    const lambda: LambdaFunction = { kind: 'lambda', params, body: a(...params) };
    resolved[i] = lambda;
  });
  const r = (def as ScalarFunctionDef).resolve(resolved as Expr[], context);
  return {
    kind: 'fn',
    name: def.name,
    args: r.args,
    dataType: r.dataType,
    nullable: r.nullable,
    ...(r.params ? { params: r.params } : {}),
  };
}

/** Evaluates an expression on one row (columns from `input`). */
export function evalExpr(
  e: Expr,
  opts: { row?: unknown[]; input?: readonly AttributeReference[]; context?: FunctionContext } = {},
): unknown {
  const context = opts.context ?? ctx();
  return new ExpressionCompiler(opts.input ?? [], context).compile(e)(opts.row ?? []);
}

/** Evaluates `name(args)` with literal arguments. */
export function ev(name: string, ...args: Arg[]): unknown {
  return evalExpr(fn(name, args));
}

/** Evaluates `name(args)` in a given context (ANSI, time zone, conf). */
export function evIn(context: FunctionContext, name: string, ...args: Arg[]): unknown {
  return evalExpr(fn(name, args, context), { context });
}

export function pretty(e: Expr): string {
  return prettyName(e);
}

/** Resolves and runs a generator on one row; returns its output rows and column names. */
export function generate(
  name: string,
  args: readonly Expr[],
  opts: { row?: unknown[]; input?: readonly AttributeReference[]; context?: FunctionContext } = {},
): { rows: unknown[][]; names: string[]; call: GeneratorCall } {
  const context = opts.context ?? ctx();
  const def = lookupFunction(name) as GeneratorFunctionDef;
  if (def?.kind !== 'generator') throw new Error(`${name} is not a generator`);
  const r = def.resolve(args, context);
  const call: GeneratorCall = {
    kind: 'generator',
    name: def.name,
    args: r.args,
    outer: def.name.endsWith('_outer'),
    elementFields: r.elementFields,
    dataType: StringType,
    nullable: true,
  };
  const compiler = new ExpressionCompiler(opts.input ?? [], context);
  const g = def.compile(
    call,
    call.args.map((a) => compiler.compile(a)),
    context,
  );
  return { rows: g(opts.row ?? []), names: r.elementFields.map((f) => f.name), call };
}

/** Typed column attributes for per-row evaluation. */
export function columns(spec: readonly [string, DataType][]) {
  const attrs = spec.map(([n, t]) => attributeReference(n, t, true));
  const col = (name: string): AttributeReference => {
    const a = attrs.find((x) => x.name === name);
    if (!a) throw new Error(`no column ${name}`);
    return a;
  };
  const run = (e: Expr, rows: readonly unknown[][], context = ctx()): unknown[] => {
    const f = new ExpressionCompiler(attrs, context).compile(e);
    return rows.map((r) => f(r));
  };
  return { attrs, col, run };
}

/** Catches the error a thunk throws (for asserting Spark's error classes). */
export function errorOf(f: () => unknown): { errorClass?: string; message: string } {
  try {
    f();
  } catch (e) {
    return e as { errorClass?: string; message: string };
  }
  throw new Error('expected an error');
}
