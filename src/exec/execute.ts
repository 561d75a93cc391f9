/**
 * Runs one partition of a physical plan as a pipeline of async batch iterators. Operators are
 * looked up in a table typed by node kind, so a new physical node without an operator is a
 * compile error.
 */

import { operators } from './operators/index.js';
import type { PhysicalKind, PhysicalPlan } from './physical-plan.js';
import type { RowBatch, TaskContext } from './task-context.js';

export type Operator<K extends PhysicalKind> = (
  node: Extract<PhysicalPlan, { kind: K }>,
  partition: number,
  ctx: TaskContext,
) => AsyncIterable<RowBatch>;

export type OperatorTable = { [K in PhysicalKind]: Operator<K> };

export function executePartition(
  node: PhysicalPlan,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const op = operators[node.kind] as Operator<PhysicalKind>;
  return op(node as never, partition, ctx);
}

/** Drains a partition into one array of rows. */
export async function collectPartition(
  node: PhysicalPlan,
  partition: number,
  ctx: TaskContext,
): Promise<RowBatch> {
  const out: RowBatch = [];
  for await (const batch of executePartition(node, partition, ctx)) {
    for (let i = 0; i < batch.length; i++) out.push(batch[i]!);
  }
  return out;
}
