/**
 * Runs registry aggregates and window functions directly (resolve → createAggregator → update per
 * partition → structured clone → merge into a fresh buffer → finish), the way a two-phase
 * aggregation moves partial buffers between workers.
 */
import '../../src/expr/functions/aggregate.js';
import '../../src/expr/functions/window.js';
import { ExpressionCompiler } from '../../src/expr/compiler.js';
import {
  type AggregateCall,
  attributeReference,
  type Expr,
  type FunctionCall,
  literal,
} from '../../src/expr/expression.js';
import type {
  AggregateFunctionDef,
  FunctionContext,
  WindowFunctionDef,
} from '../../src/expr/function-registry.js';
import { lookupFunction } from '../../src/expr/function-registry.js';
import { prettyName } from '../../src/expr/pretty-name.js';
import type { DataType } from '../../src/types/data-type.js';
import { Conf } from '../../src/util/conf.js';

export function fnContext(ansi = false): FunctionContext {
  return { conf: new Conf(), timeZone: 'UTC', ansi, queryStartMicros: 0 };
}

export interface Columns {
  readonly attrs: ReturnType<typeof attributeReference>[];
  col(name: string): Expr;
}

export function columns(spec: readonly [string, DataType][]): Columns {
  const attrs = spec.map(([n, t]) => attributeReference(n, t, true));
  return {
    attrs,
    col: (name) => {
      const a = attrs.find((x) => x.name === name);
      if (!a) throw new Error(`no column ${name}`);
      return a;
    },
  };
}

export const lit = (v: unknown, t: DataType): Expr => literal(v, t);

export interface AggOptions {
  /** Number of contiguous partitions the rows are split into (like Spark's parallelize). */
  parts?: number;
  ansi?: boolean;
  ignoreNulls?: boolean;
}

export function resolveAggregate(name: string, args: readonly Expr[], opts: AggOptions = {}): AggregateCall {
  const def = lookupFunction(name) as AggregateFunctionDef;
  if (def?.kind !== 'aggregate') throw new Error(`${name} is not an aggregate`);
  const ctx = fnContext(opts.ansi);
  const r = def.resolve(args, ctx);
  return {
    kind: 'aggregate',
    name: def.name,
    args: r.args,
    distinct: false,
    ignoreNulls: opts.ignoreNulls ?? false,
    dataType: r.dataType,
    nullable: r.nullable,
    ...(r.params ? { params: r.params } : {}),
  };
}

export function runAggregate(
  cols: Columns,
  name: string,
  args: readonly Expr[],
  rows: readonly unknown[][],
  opts: AggOptions = {},
): { value: unknown; call: AggregateCall; name: string } {
  const call = resolveAggregate(name, args, opts);
  const def = lookupFunction(name) as AggregateFunctionDef;
  const ctx = fnContext(opts.ansi);
  const agg = def.createAggregator(call, ctx);
  const comp = new ExpressionCompiler(cols.attrs, ctx);
  const evals = call.args.map((a) => comp.compile(a));
  const parts = opts.parts ?? 1;
  const partials: unknown[] = [];
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * rows.length) / parts);
    const to = Math.floor(((p + 1) * rows.length) / parts);
    let buf = agg.init();
    for (let i = from; i < to; i++) {
      const argv = evals.map((f) => f(rows[i]!));
      if (def.skipNulls && argv.some((v) => v === null)) continue;
      buf = agg.update(buf, argv);
    }
    partials.push(structuredClone(buf));
  }
  let total = agg.init();
  for (const b of partials) total = agg.merge(total, b);
  return { value: agg.finish(total), call, name: prettyName(call) };
}

export function runWindow(
  cols: Columns,
  name: string,
  args: readonly Expr[],
  rows: readonly unknown[][],
  orderKey: (r: readonly unknown[]) => unknown,
): { values: unknown[]; call: FunctionCall; name: string } {
  const def = lookupFunction(name) as WindowFunctionDef;
  if (def?.kind !== 'window') throw new Error(`${name} is not a window function`);
  const ctx = fnContext();
  const r = def.resolve(args, ctx);
  const call: FunctionCall = {
    kind: 'fn',
    name: def.name,
    args: r.args,
    dataType: r.dataType,
    nullable: r.nullable,
    ...(r.params ? { params: r.params } : {}),
  };
  const comp = new ExpressionCompiler(cols.attrs, ctx);
  const evals = call.args.map((a) => comp.compile(a));
  const peers = (i: number, j: number) => Object.is(orderKey(rows[i]!), orderKey(rows[j]!));
  return {
    values: def.evaluatePartition(rows as unknown[][], evals, peers, call),
    call,
    name: prettyName(call),
  };
}
