/**
 * Spark's StreamingGlobalLimitExec: emits rows until `limit` rows have been emitted over the
 * whole stream. The count is one entry (key '') in partition 0 of the operator's state store,
 * read at the batch's version and written back when it changed, so the limit holds across
 * batches, re-runs and restarts.
 *
 * Invariant: the input is a single partition (the planner puts a single-partition exchange below).
 */
import { executePartition } from '../execute.js';
import type { PhysicalPlan } from '../physical-plan.js';
import type { RowBatch, TaskContext } from '../task-context.js';

type Node = Extract<PhysicalPlan, { kind: 'streamingGlobalLimitExec' }>;

const COUNT_KEY = '';

export async function* streamingGlobalLimitExec(
  node: Node,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const provider = ctx.stateProviders?.get(node.operatorId);
  if (!provider) throw new Error(`internal error: no state for operator ${node.operatorId}`);
  const store = provider.getStore(0);
  const before = (store.get(COUNT_KEY) as number | undefined) ?? 0;
  let count = before;
  // drain the input even past the limit, so the operators below finish their work
  for await (const batch of executePartition(node.child, partition, ctx)) {
    if (count >= node.limit) continue;
    const take = batch.length <= node.limit - count ? batch : batch.slice(0, node.limit - count);
    count += take.length;
    if (take.length > 0) yield take;
  }
  if (count !== before) store.put(COUNT_KEY, count);
}
