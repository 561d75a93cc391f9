/**
 * Runs scalar registry functions the way a plan does: resolve through the registry (implicit
 * casts included), build the `fn` node, compile it with the engine's ExpressionCompiler and
 * evaluate it on rows. Shared by the string, regex and math function tests.
 */
import '../../src/expr/functions/string.js';
import '../../src/expr/functions/regex.js';
import '../../src/expr/functions/math.js';
import { ExpressionCompiler } from '../../src/expr/compiler.js';
import {
  type AttributeReference,
  attributeReference,
  type Expr,
  type FunctionCall,
  literal,
} from '../../src/expr/expression.js';
import type { FunctionContext, ScalarFunctionDef } from '../../src/expr/function-registry.js';
import { lookupFunction } from '../../src/expr/function-registry.js';
import { prettyName } from '../../src/expr/pretty-name.js';
import {
  BinaryType,
  BooleanType,
  type DataType,
  DoubleType,
  decimalType,
  IntegerType,
  LongType,
  NullType,
  StringType,
} from '../../src/types/data-type.js';
import { Conf } from '../../src/util/conf.js';

export function ctx(ansi = false): FunctionContext {
  return { conf: new Conf(), timeZone: 'UTC', ansi, queryStartMicros: 0 };
}

// literal builders
export const str = (v: string | null): Expr => literal(v, v === null ? NullType : StringType);
export const int = (v: number | null): Expr => literal(v, IntegerType);
export const long = (v: number | bigint | null): Expr => literal(v, LongType);
export const dbl = (v: number | null): Expr => literal(v, DoubleType);
export const bool = (v: boolean | null): Expr => literal(v, BooleanType);
export const bin = (v: Uint8Array | string | null): Expr =>
  literal(typeof v === 'string' ? new TextEncoder().encode(v) : v, BinaryType);
export const nul = (t: DataType = NullType): Expr => literal(null, t);
/** A decimal literal from its text, e.g. dec('3.14159', 10, 5). */
export const dec = (text: string | null, precision: number, scale: number): Expr => {
  if (text === null) return literal(null, decimalType(precision, scale));
  const [i = '0', f = ''] = text.replace('-', '').split('.');
  const unscaled = BigInt(i + f.padEnd(scale, '0')) * (text.startsWith('-') ? -1n : 1n);
  return literal(unscaled, decimalType(precision, scale));
};

/** Resolves `name(args)` through the registry into a typed `fn` node. */
export function call(name: string, args: readonly Expr[], context = ctx()): FunctionCall {
  const def = lookupFunction(name);
  if (def?.kind !== 'scalar') throw new Error(`${name} is not a scalar function`);
  if (args.length < def.minArgs || args.length > def.maxArgs)
    throw new Error(`${name}: wrong number of arguments`);
  const r = (def as ScalarFunctionDef).resolve(args, context);
  return {
    kind: 'fn',
    name: def.name,
    args: r.args,
    dataType: r.dataType,
    nullable: r.nullable,
    ...(r.params ? { params: r.params } : {}),
  };
}

/** Evaluates `name(args)` on one row (columns from `input`). */
export function evaluate(
  name: string,
  args: readonly Expr[],
  opts: { row?: unknown[]; input?: readonly AttributeReference[]; ansi?: boolean } = {},
): unknown {
  const context = ctx(opts.ansi);
  const c = call(name, args, context);
  return new ExpressionCompiler(opts.input ?? [], context).compile(c)(opts.row ?? []);
}

/** Shorthand: evaluate a call whose arguments are all literals. */
export function ev(name: string, ...args: Expr[]): unknown {
  return evaluate(name, args);
}

/** Column name Spark would give the call. */
export function pretty(name: string, args: readonly Expr[]): string {
  return prettyName(call(name, args));
}

/** Attribute columns with a row evaluator, for per-row (non-constant) argument paths. */
export function columns(spec: readonly [string, DataType][]) {
  const attrs = spec.map(([n, t]) => attributeReference(n, t, true));
  const col = (name: string): AttributeReference => {
    const a = attrs.find((x) => x.name === name);
    if (!a) throw new Error(`no column ${name}`);
    return a;
  };
  /** Evaluates `name(args)` on each row. */
  const run = (name: string, args: readonly Expr[], rows: readonly unknown[][], ansi = false): unknown[] => {
    const context = ctx(ansi);
    const f = new ExpressionCompiler(attrs, context).compile(call(name, args, context));
    return rows.map((r) => f(r));
  };
  return { attrs, col, run };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
