/**
 * The function catalogue: every built-in scalar function, operator, aggregate, generator and
 * window function is one entry here, looked up by its Spark SQL name (case-insensitive).
 *
 * Invariants:
 * - `resolve` sees resolved, typed arguments; it applies implicit coercion (by wrapping args in
 *   casts) and returns the result type, or throws an AnalysisException naming the expression.
 * - `compile` runs once per plan (per executor): it returns a closure specialised for the
 *   argument types; nothing in the per-row path looks at types or names again.
 * - Functions are registered by the family files in `functions/` (one file per family).
 */

import type { DataType } from '../types/data-type.js';
import type { Conf } from '../util/conf.js';
import type { AggregateCall, Expr, FunctionCall, GeneratorCall, Row } from './expression.js';

export type Evaluator = (row: Row) => unknown;

/** Session settings visible to functions at analysis and compile time. */
export interface FunctionContext {
  readonly conf: Conf;
  /** `spark.sql.session.timeZone` resolved to an IANA zone id. */
  readonly timeZone: string;
  /** `spark.sql.ansi.enabled`. */
  readonly ansi: boolean;
  /** Query start instant in µs: current_timestamp() and friends are constant within a query. */
  readonly queryStartMicros: number;
  /** The partition a task evaluates (set at execution): Spark seeds rand/randn/uuid with seed + this. */
  readonly partitionIndex?: number;
}

export interface ResolvedCallShape {
  /** The arguments after coercion (possibly wrapped in casts). */
  readonly args: readonly Expr[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly params?: Readonly<Record<string, unknown>>;
}

interface BaseDef {
  /** Registry name, lower-case (`'upper'`, `'add'`, `'count'`). */
  readonly name: string;
  readonly minArgs: number;
  /** Infinity for varargs. */
  readonly maxArgs: number;
  /** SQL aliases (`'ucase'` for `upper`). */
  readonly aliases?: readonly string[];
  /**
   * Pretty name used for generated column names (Spark's `toPrettySQL`), given the arguments'
   * pretty names. Default: `name(arg1, arg2)`.
   */
  readonly prettyName?: (
    args: readonly string[],
    call: { params?: Readonly<Record<string, unknown>>; distinct?: boolean },
  ) => string;
  /** Spark SQL name shown in pretty names when it differs from the registry name. */
  readonly displayName?: string;
}

export interface ScalarFunctionDef extends BaseDef {
  readonly kind: 'scalar';
  /**
   * Optional: given the resolved arguments, a different (unresolved) expression to resolve instead —
   * e.g. `date + 1` is Spark's `date_add(date, 1)`. Undefined keeps this function.
   */
  readonly rewrite?: (args: readonly Expr[], ctx: FunctionContext) => Expr | undefined;
  readonly resolve: (args: readonly Expr[], ctx: FunctionContext) => ResolvedCallShape;
  readonly compile: (call: FunctionCall, args: readonly Evaluator[], ctx: FunctionContext) => Evaluator;
  /** False for rand(), uuid(), …: never constant-folded, never deduplicated. */
  readonly deterministic?: boolean;
  /**
   * Lazy functions (and/or/if/case/coalesce) receive unevaluated children: their compile decides
   * what to evaluate. Others may assume strict evaluation order of all args.
   */
  readonly lazy?: boolean;
}

/** Mutable per-group buffer of an aggregate. Must be structured-clone safe (partial results move between tasks). */
export type AggBuffer = unknown;

export interface Aggregator {
  init(): AggBuffer;
  /**
   * Fold one input row's argument values into the buffer; returns the (possibly new) buffer.
   * `args` is only valid during the call (the caller reuses the array): keep values, not it.
   */
  update(buffer: AggBuffer, args: readonly unknown[]): AggBuffer;
  /** Combine two partial buffers (from different partitions). */
  merge(a: AggBuffer, b: AggBuffer): AggBuffer;
  finish(buffer: AggBuffer): unknown;
}

export interface AggregateFunctionDef extends BaseDef {
  readonly kind: 'aggregate';
  readonly resolve: (args: readonly Expr[], ctx: FunctionContext) => ResolvedCallShape;
  readonly createAggregator: (call: AggregateCall, ctx: FunctionContext) => Aggregator;
  /** Whether the aggregate ignores null inputs (count(x), sum...): the operator skips rows where any arg is null. */
  readonly skipNulls?: boolean;
}

export interface GeneratorFunctionDef extends BaseDef {
  readonly kind: 'generator';
  readonly resolve: (
    args: readonly Expr[],
    ctx: FunctionContext,
  ) => { args: readonly Expr[]; elementFields: GeneratorCall['elementFields'] };
  /** Returns the output tuples one input row expands into (empty array for none). */
  readonly compile: (
    call: GeneratorCall,
    args: readonly Evaluator[],
    ctx: FunctionContext,
  ) => (row: Row) => Row[];
}

/** Ranking / offset window functions; aggregates work as window functions too. */
export interface WindowFunctionDef extends BaseDef {
  readonly kind: 'window';
  readonly resolve: (args: readonly Expr[], ctx: FunctionContext) => ResolvedCallShape;
  /**
   * Computes the function over one ordered partition: `rows` sorted by the window's ORDER BY,
   * `args` the compiled arguments, `peers(i, j)` whether rows i and j tie on the ORDER BY keys.
   */
  readonly evaluatePartition: (
    rows: readonly Row[],
    args: readonly Evaluator[],
    peers: (i: number, j: number) => boolean,
    call: FunctionCall,
  ) => unknown[];
}

export type FunctionDef = ScalarFunctionDef | AggregateFunctionDef | GeneratorFunctionDef | WindowFunctionDef;

const registry = new Map<string, FunctionDef>();

export function registerFunction(def: FunctionDef): void {
  registry.set(def.name, def);
  for (const a of def.aliases ?? []) registry.set(a, def);
}

export function registerFunctions(defs: readonly FunctionDef[]): void {
  for (const d of defs) registerFunction(d);
}

export function lookupFunction(name: string): FunctionDef | undefined {
  return registry.get(name.toLowerCase());
}

export function allFunctionNames(): string[] {
  return [...registry.keys()].sort();
}
