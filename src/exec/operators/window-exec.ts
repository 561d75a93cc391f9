/**
 * Window functions over partitions sorted by (partition keys, order keys): ranking and offset
 * functions through their WindowFunctionDef, aggregates over ROWS or RANGE frames.
 *
 * Invariants: input arrives sorted by the planner's SortExec; output rows are input rows with
 * the window values appended, in input order; running frames (UNBOUNDED PRECEDING to CURRENT
 * ROW) are computed incrementally, RANGE frames give peers the same value.
 */
import type { AggregateCall, Expr, FrameBoundary, Row, WindowExpression } from '../../expr/expression.js';
import { dataTypeOf } from '../../expr/expression-type.js';
import type { AggregateFunctionDef, Evaluator, WindowFunctionDef } from '../../expr/function-registry.js';
import { lookupFunction } from '../../expr/function-registry.js';
import { collectPartition } from '../execute.js';
import type { PhysicalPlan } from '../physical-plan.js';
import { BATCH_SIZE, compiledFor, compilerFor, type RowBatch, type TaskContext } from '../task-context.js';
import { keyFunction } from './hash-aggregate-exec.js';
import { rowComparator } from './sort-exec.js';

type Node = Extract<PhysicalPlan, { kind: 'windowExec' }>;

function windowOf(e: Expr): WindowExpression {
  const w = e.kind === 'alias' ? e.child : e;
  if (w.kind !== 'windowExpression')
    throw new Error('internal error: window operator without window expression');
  return w;
}

export async function* windowExec(node: Node, partition: number, ctx: TaskContext): AsyncIterable<RowBatch> {
  const c = compiledFor(
    node,
    'window',
    () => {
      const comp = compilerFor(node.child.output, ctx);
      const partKey = comp.compileProjection(node.partitionSpec);
      const key = keyFunction(node.partitionSpec.map(dataTypeOf));
      const orderCmp = rowComparator(node.orderSpec, node.child.output, ctx);
      const orderKey = node.orderSpec.length === 1 ? comp.compile(node.orderSpec[0]!.child) : null;
      const fns = node.windowExprs.map((e) => {
        const w = windowOf(e);
        const fn = w.fn;
        const args = (fn.kind === 'fn' || fn.kind === 'aggregate' ? fn.args : []).map((a) => comp.compile(a));
        return { w, fn, args };
      });
      return { partKey, key, orderCmp, orderKey, fns };
    },
    ctx,
  );
  const rows = await collectPartition(node.child, partition, ctx);
  const out: RowBatch = [];
  let start = 0;
  while (start < rows.length) {
    const k = c.key(c.partKey(rows[start]!));
    let end = start + 1;
    while (end < rows.length && c.key(c.partKey(rows[end]!)) === k) end++;
    const group = rows.slice(start, end);
    const peers = (i: number, j: number) => c.orderCmp(group[i]!, group[j]!) === 0;
    const columns = c.fns.map(({ w, fn, args }) => {
      if (fn.kind === 'fn') {
        const def = lookupFunction(fn.name) as WindowFunctionDef;
        return def.evaluatePartition(group, args, peers, fn);
      }
      return aggregateOverFrame(group, fn as AggregateCall, args, w, peers, c.orderKey, ctx);
    });
    for (let i = 0; i < group.length; i++) {
      const r = group[i]!;
      const extra = columns.map((col) => col[i] ?? null);
      out.push([...r, ...extra]);
    }
    start = end;
  }
  for (let i = 0; i < out.length; i += BATCH_SIZE) yield out.slice(i, i + BATCH_SIZE);
}

function boundIndex(b: FrameBoundary, i: number, n: number, lower: boolean): number {
  if (b === 'unboundedPreceding') return 0;
  if (b === 'unboundedFollowing') return n - 1;
  if (b === 'currentRow') return i;
  return lower ? Math.max(0, i + b) : Math.min(n - 1, i + b);
}

function aggregateOverFrame(
  group: readonly Row[],
  call: AggregateCall,
  args: readonly Evaluator[],
  w: WindowExpression,
  peers: (i: number, j: number) => boolean,
  orderKey: Evaluator | null,
  ctx: TaskContext,
): unknown[] {
  const def = lookupFunction(call.name) as AggregateFunctionDef;
  const agg = def.createAggregator(call, ctx.fn);
  const skipNulls = def.skipNulls ?? false;
  const n = group.length;
  const argv = group.map((r) => args.map((f) => f(r)));
  const usable = (i: number) => !skipNulls || !argv[i]!.some((v) => v === null);
  const frame = w.spec.frame ?? {
    frameType: 'rows',
    lower: 'unboundedPreceding',
    upper: 'unboundedFollowing',
  };
  const out = new Array<unknown>(n);
  const distinctFold = (from: number, to: number) => {
    let buf = agg.init();
    const seen = new Set<string>();
    for (let j = from; j <= to; j++) {
      if (!usable(j)) continue;
      if (call.distinct) {
        const key = JSON.stringify(argv[j], (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
        if (seen.has(key)) continue;
        seen.add(key);
      }
      buf = agg.update(buf, argv[j]!);
    }
    return agg.finish(buf);
  };
  if (frame.lower === 'unboundedPreceding' && frame.upper === 'unboundedFollowing') {
    const v = distinctFold(0, n - 1);
    out.fill(v);
    return out;
  }
  if (frame.lower === 'unboundedPreceding' && frame.upper === 'currentRow' && !call.distinct) {
    let buf = agg.init();
    let i = 0;
    while (i < n) {
      let j = i;
      if (frame.frameType === 'range') while (j + 1 < n && peers(i, j + 1)) j++;
      for (let x = i; x <= j; x++) if (usable(x)) buf = agg.update(buf, argv[x]!);
      // finish must not consume the buffer: fold a copy for aggregates with mutable buffers
      const v = agg.finish(structuredClone(buf));
      for (let x = i; x <= j; x++) out[x] = v;
      i = j + 1;
    }
    return out;
  }
  if (frame.frameType === 'range' && orderKey) {
    // RANGE offsets count in the ORDER BY direction: `1 PRECEDING` under DESC means a key up to
    // one *greater*. Rows are sorted, so each bound is the first / last row within reach; a null
    // key's frame is its null peers.
    const keys = group.map((r) => {
      const k = orderKey(r);
      return k === null ? null : Number(k);
    });
    const dir = (w.spec.orderSpec[0]?.ascending ?? true) ? 1 : -1;
    const offset = (b: FrameBoundary) => (b === 'currentRow' ? 0 : (b as number));
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      let from = i;
      let to = i;
      if (k !== null) {
        const distance = (j: number) => (keys[j] === null ? null : (keys[j]! - k) * dir);
        if (frame.lower === 'unboundedPreceding') from = 0;
        else {
          const lo = offset(frame.lower);
          from = 0;
          while (from < n && (distance(from) === null || distance(from)! < lo)) from++;
        }
        if (frame.upper === 'unboundedFollowing') to = n - 1;
        else {
          const hi = offset(frame.upper);
          to = n - 1;
          while (to >= 0 && (distance(to) === null || distance(to)! > hi)) to--;
        }
      } else {
        while (from > 0 && keys[from - 1] === null) from--;
        while (to + 1 < n && keys[to + 1] === null) to++;
        if (frame.lower === 'unboundedPreceding') from = 0;
        if (frame.upper === 'unboundedFollowing') to = n - 1;
      }
      out[i] = from <= to ? distinctFold(from, to) : agg.finish(agg.init());
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const from = boundIndex(frame.lower, i, n, true);
    const to = boundIndex(frame.upper, i, n, false);
    out[i] = from <= to ? distinctFold(from, to) : agg.finish(agg.init());
  }
  return out;
}
