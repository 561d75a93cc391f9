/**
 * Streaming aggregation against the state store. Input: this batch's partial aggregation rows
 * [keys…, buffers…], hash-partitioned into the operator's fixed state partitions. For each row the
 * stored buffers of its key are merged with the new ones (on a copy: the committed state is never
 * mutated before commit), written back, and the key is marked updated. Output, per output mode:
 * complete → every group in the state; update/append → the groups updated in this batch.
 *
 * Invariant: a task reads a group of whole reduce partitions, and reduce partition p is state
 * partition p (the exchange uses the same partitioning function and count).
 */

import { partitionIdFor } from '../../core/partitioner.js';
import { dataTypeOf } from '../../expr/expression-type.js';
import { executePartition } from '../execute.js';
import type { PhysicalPlan } from '../physical-plan.js';
import { BATCH_SIZE, compiledFor, compilerFor, type RowBatch, type TaskContext } from '../task-context.js';
import { compileAggregates, finishBuffer, keyFunction, mergeBuffer } from './hash-aggregate-exec.js';

type Node = Extract<PhysicalPlan, { kind: 'statefulAggregateExec' }>;

export async function* statefulAggregateExec(
  node: Node,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const provider = ctx.stateProviders?.get(node.operatorId);
  if (!provider) throw new Error(`internal error: no state for operator ${node.operatorId}`);
  const c = compiledFor(
    node,
    'stateful',
    () => {
      const keyTypes = node.groupingAttrs.map(dataTypeOf);
      return {
        aggs: compileAggregates({ child: node.child, aggregates: node.aggregates, mode: 'final' }, ctx),
        key: keyFunction(keyTypes),
        keyTypes,
        result: compilerFor([...node.groupingAttrs, ...node.aggregateAttrs], ctx).compileProjection(
          node.resultExprs,
        ),
      };
    },
    ctx,
  );
  const nKeys = node.groupingAttrs.length;
  const nAggs = c.aggs.length;
  const updated = new Map<unknown, { keys: unknown[]; bufs: unknown[] }>();
  const stateOf = new Map<unknown, number>();

  for await (const batch of executePartition(node.child, partition, ctx)) {
    for (const row of batch) {
      const keys = row.slice(0, nKeys);
      const k = c.key(keys);
      let g = updated.get(k);
      if (!g) {
        const sp = nKeys === 0 ? 0 : partitionIdFor(keys, c.keyTypes, node.numStatePartitions);
        stateOf.set(k, sp);
        const stored = provider.getStore(sp).get(k) as [unknown[], unknown[]] | undefined;
        g = stored ? { keys: stored[0], bufs: stored[1].map(copyBuffer) } : { keys, bufs: row.slice(nKeys) };
        updated.set(k, g);
        if (!stored) continue;
      }
      for (let i = 0; i < nAggs; i++) g.bufs[i] = mergeBuffer(c.aggs[i]!, g.bufs[i], row[nKeys + i]);
    }
  }
  for (const [k, g] of updated) provider.getStore(stateOf.get(k)!).put(k, [g.keys, g.bufs]);

  const finish = (keys: unknown[], bufs: unknown[]) => {
    const vals = new Array(nAggs);
    for (let i = 0; i < nAggs; i++) vals[i] = finishBuffer(c.aggs[i]!, copyBuffer(bufs[i]));
    return c.result([...keys, ...vals]);
  };
  let out: RowBatch = [];
  const emit = function* (row: unknown[]) {
    out.push(row);
    if (out.length === BATCH_SIZE) {
      yield out;
      out = [];
    }
  };
  if (node.outputMode === 'complete') {
    const child = node.child;
    const reduceIds =
      child.kind === 'shuffleReadExec' ? (child.partitionGroups[partition] ?? []) : [partition];
    if (nKeys === 0 && reduceIds.includes(0) && updated.size === 0 && !provider.getStore(0).has('')) {
      // a global aggregate over an empty stream still has one row (count = 0)
      yield* emit(
        finish(
          [],
          c.aggs.map((a) => (a.distinct ? { d: new Map() } : a.aggregator.init())),
        ),
      );
    }
    for (const sp of reduceIds) {
      for (const [, v] of provider.getStore(sp).entries()) {
        const [keys, bufs] = v as [unknown[], unknown[]];
        yield* emit(finish(keys, bufs));
      }
    }
  } else {
    for (const g of updated.values()) yield* emit(finish(g.keys, g.bufs));
  }
  if (out.length) yield out;
}

/**
 * A buffer the merge or finish may change in place without touching the committed state: objects
 * are deep-copied; primitives (a count, a sum) are immutable and shared as they are.
 */
function copyBuffer(buf: unknown): unknown {
  return typeof buf === 'object' && buf !== null ? structuredClone(buf) : buf;
}
