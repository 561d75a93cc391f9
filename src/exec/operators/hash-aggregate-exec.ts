/**
 * Hash aggregation (partial / final / complete). Groups are kept in a JS Map keyed by the
 * grouping values (the value itself for one primitive key, a length-prefixed composite string for
 * several), each holding one buffer per aggregate.
 *
 * Invariants: partial output rows are [keys…, buffers…] and buffers are structured-clone safe, so
 * they cross shuffles and threads; DISTINCT aggregates keep the set of distinct argument tuples
 * in their buffer and fold the aggregate over it at the end (exact, mergeable); a global
 * aggregate over no rows yields one row of initial values (count = 0, sum = null).
 */
import type { AggregateCall, Expr, Literal, Row } from '../../expr/expression.js';
import { dataTypeOf } from '../../expr/expression-type.js';
import type { AggregateFunctionDef, Aggregator, Evaluator } from '../../expr/function-registry.js';
import { lookupFunction } from '../../expr/function-registry.js';
import { floatNormalizer, groupKeyOf } from '../../expr/ordering.js';
import type { DataType } from '../../types/data-type.js';
import { executePartition } from '../execute.js';
import type { PhysicalPlan } from '../physical-plan.js';
import { BATCH_SIZE, compiledFor, compilerFor, type RowBatch, type TaskContext } from '../task-context.js';

type Node = Extract<PhysicalPlan, { kind: 'hashAggregateExec' }>;

export interface CompiledAgg {
  readonly aggregator: Aggregator;
  readonly args: readonly Evaluator[];
  readonly skipNulls: boolean;
  readonly distinct: boolean;
  readonly filter: ((row: Row) => boolean) | undefined;
  readonly argTypes: readonly DataType[];
  /** The argument values when every argument is a literal (count(1)): one array for all rows. */
  readonly constArgs: readonly unknown[] | undefined;
  /** Whether a row's arguments must be checked for null (skipNulls, unless they are constants). */
  readonly checkNulls: boolean;
}

/** Builds a Map key for grouping values. */
export function keyFunction(types: readonly DataType[]): (values: readonly unknown[]) => unknown {
  if (types.length === 0) return () => '';
  if (types.length === 1) {
    const t = types[0]!;
    return (v) => groupKeyOf(v[0], t);
  }
  return (values) => {
    let s = '';
    for (let i = 0; i < values.length; i++) {
      const v = groupKeyOf(values[i], types[i]!);
      if (v === null) s += 'n|';
      else if (typeof v === 'string') s += `s${v.length}:${v}|`;
      else s += `${typeof v === 'bigint' ? 'b' : typeof v === 'boolean' ? 'o' : 'd'}${String(v)}|`;
    }
    return s;
  };
}

export function compileAggregates(
  node: Pick<Node, 'child' | 'aggregates'> & { mode: Node['mode'] },
  ctx: TaskContext,
): CompiledAgg[] {
  const c = compilerFor(node.child.output, ctx);
  return node.aggregates.map((a: AggregateCall) => {
    const def = lookupFunction(a.name) as AggregateFunctionDef;
    const literals = node.mode !== 'final' && a.args.length > 0 && a.args.every((x) => x.kind === 'literal');
    const constArgs = literals ? Object.freeze(a.args.map((x) => (x as Literal).value)) : undefined;
    const skipNulls = def.skipNulls ?? false;
    // one object shape for every aggregate: the per-row loop reads these fields monomorphically
    return {
      aggregator: def.createAggregator(a, ctx.fn),
      args: node.mode === 'final' ? [] : a.args.map((x) => c.compile(x)),
      skipNulls,
      distinct: a.distinct,
      filter: a.filter && node.mode !== 'final' ? c.compilePredicate(a.filter) : undefined,
      argTypes: a.args.map(dataTypeOf),
      constArgs,
      checkNulls: skipNulls && !(constArgs && !constArgs.includes(null)),
    };
  });
}

type DistinctBuffer = { d: Map<unknown, unknown[]> };

export function initBuffer(agg: CompiledAgg): unknown {
  return agg.distinct ? ({ d: new Map() } satisfies DistinctBuffer) : agg.aggregator.init();
}

export function finishBuffer(agg: CompiledAgg, buf: unknown): unknown {
  if (!agg.distinct) return agg.aggregator.finish(buf);
  let inner = agg.aggregator.init();
  for (const args of (buf as DistinctBuffer).d.values()) inner = agg.aggregator.update(inner, args);
  return agg.aggregator.finish(inner);
}

export function mergeBuffer(agg: CompiledAgg, a: unknown, b: unknown): unknown {
  if (!agg.distinct) return agg.aggregator.merge(a, b);
  const m = (a as DistinctBuffer).d;
  for (const [k, v] of (b as DistinctBuffer).d) if (!m.has(k)) m.set(k, v);
  return a;
}

export async function* hashAggregateExec(
  node: Node,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const compiled = compiledFor(
    node,
    'agg',
    () => {
      const aggs = compileAggregates(node, ctx);
      const keyTypes = node.groupingExprs.map(dataTypeOf);
      const inputCompiler = compilerFor(node.child.output, ctx);
      const keyExprs: Expr[] = node.mode === 'final' ? [] : [...node.groupingExprs];
      const keyEval = node.mode === 'final' ? null : inputCompiler.compileProjection(keyExprs);
      // one grouping key (the common case): its value alone, no per-row key array
      const singleKeyEval = keyExprs.length === 1 ? inputCompiler.compile(keyExprs[0]!) : null;
      const singleKeyType = keyTypes[0]!;
      const result = compilerFor([...node.groupingAttrs, ...node.aggregateAttrs], ctx).compileProjection(
        node.resultExprs,
      );
      const distinctKey = aggs.map((a) => (a.distinct ? keyFunction(a.argTypes) : null));
      const normalizers = keyTypes.map(floatNormalizer);
      const normalize = normalizers.some((f) => f !== undefined)
        ? (keys: unknown[]) => keys.map((v, i) => (normalizers[i] ? normalizers[i](v) : v))
        : undefined;
      return {
        aggs,
        key: keyFunction(keyTypes),
        keyEval,
        singleKeyEval,
        singleKeyType,
        result,
        distinctKey,
        normalize,
      };
    },
    ctx,
  );
  const { aggs, key, keyEval, singleKeyEval, singleKeyType, result, distinctKey, normalize } = compiled;
  const nKeys = node.groupingExprs.length;
  const nAggs = aggs.length;
  const groups = new Map<unknown, { keys: unknown[]; bufs: unknown[] }>();
  const emptyKeys: unknown[] = [];
  const scratch = aggs.map((a) => new Array<unknown>(a.args.length).fill(null));

  for await (const batch of executePartition(node.child, partition, ctx)) {
    if (node.mode === 'final') {
      for (const row of batch) {
        const keys = nKeys ? row.slice(0, nKeys) : emptyKeys;
        const k = key(keys);
        const g = groups.get(k);
        if (!g) {
          groups.set(k, { keys, bufs: row.slice(nKeys) });
        } else {
          for (let i = 0; i < nAggs; i++) g.bufs[i] = mergeBuffer(aggs[i]!, g.bufs[i], row[nKeys + i]);
        }
      }
      continue;
    }
    for (let r = 0; r < batch.length; r++) {
      const row = batch[r]!;
      let g: { keys: unknown[]; bufs: unknown[] } | undefined;
      if (singleKeyEval) {
        const kv = singleKeyEval(row);
        const k = groupKeyOf(kv, singleKeyType);
        g = groups.get(k);
        if (!g) {
          g = { keys: normalize ? normalize([kv]) : [kv], bufs: aggs.map(initBuffer) };
          groups.set(k, g);
        }
      } else {
        const keys = nKeys ? keyEval!(row) : emptyKeys;
        const k = key(keys);
        g = groups.get(k);
        if (!g) {
          g = { keys: normalize ? normalize(keys) : keys, bufs: aggs.map(initBuffer) };
          groups.set(k, g);
        }
      }
      const bufs = g.bufs;
      for (let i = 0; i < nAggs; i++) {
        const a = aggs[i]!;
        if (a.filter && !a.filter(row)) continue;
        // aggregators read their arguments during update only (Aggregator.update), so the
        // non-distinct path reuses one argument array per aggregate; distinct keeps them
        // (constant arguments, as in count(1), are one frozen array for all rows)
        const nArgs = a.args.length;
        let argv: readonly unknown[];
        if (a.constArgs) argv = a.constArgs;
        else if (a.distinct) argv = a.args.map((f) => f(row));
        else {
          const scratchArgs = scratch[i]!;
          for (let j = 0; j < nArgs; j++) scratchArgs[j] = a.args[j]!(row);
          argv = scratchArgs;
        }
        if (a.checkNulls) {
          let hasNull = false;
          for (const v of argv) if (v === null) hasNull = true;
          if (hasNull) continue;
        }
        if (a.distinct) {
          const dk = distinctKey[i]!(argv);
          const d = (bufs[i] as DistinctBuffer).d;
          if (!d.has(dk)) d.set(dk, [...argv]);
        } else {
          bufs[i] = a.aggregator.update(bufs[i], argv);
        }
      }
    }
  }

  if (groups.size === 0 && nKeys === 0 && node.mode !== 'partial') {
    groups.set('', { keys: emptyKeys, bufs: aggs.map(initBuffer) });
  }
  let out: RowBatch = [];
  for (const g of groups.values()) {
    if (node.mode === 'partial') {
      out.push([...g.keys, ...g.bufs]);
    } else {
      const vals = new Array(nAggs);
      for (let i = 0; i < nAggs; i++) vals[i] = finishBuffer(aggs[i]!, g.bufs[i]);
      out.push(result([...g.keys, ...vals]));
    }
    if (out.length === BATCH_SIZE) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}
