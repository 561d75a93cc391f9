/**
 * Sorts one partition by a list of sort orders (stable, nulls placed per order), and builds the
 * row comparators other operators reuse (window partitions, merge of sorted runs).
 */
import type { AttributeReference, Row, SortOrder } from '../../expr/expression.js';
import { dataTypeOf } from '../../expr/expression-type.js';
import { comparatorFor } from '../../expr/ordering.js';
import { collectPartition } from '../execute.js';
import type { PhysicalPlan } from '../physical-plan.js';
import { BATCH_SIZE, compiledFor, compilerFor, type RowBatch, type TaskContext } from '../task-context.js';

export function rowComparator(
  order: readonly SortOrder[],
  input: readonly AttributeReference[],
  ctx: TaskContext,
): (a: Row, b: Row) => number {
  const c = compilerFor(input, ctx);
  const keys = order.map((o) => ({
    f: c.compile(o.child),
    cmp: comparatorFor(dataTypeOf(o.child)),
    dir: o.ascending ? 1 : -1,
    nullsFirst: o.nullsFirst,
  }));
  return (a, b) => {
    for (const k of keys) {
      const x = k.f(a);
      const y = k.f(b);
      if (x === null || y === null) {
        if (x === y) continue;
        return x === null ? (k.nullsFirst ? -1 : 1) : k.nullsFirst ? 1 : -1;
      }
      const r = k.cmp(x, y);
      if (r !== 0) return r * k.dir;
    }
    return 0;
  };
}

export async function* sortExec(
  node: Extract<PhysicalPlan, { kind: 'sortExec' }>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const cmp = compiledFor(node, 'cmp', () => rowComparator(node.order, node.child.output, ctx), ctx);
  const rows = await collectPartition(node.child, partition, ctx);
  rows.sort(cmp);
  for (let i = 0; i < rows.length; i += BATCH_SIZE) yield rows.slice(i, i + BATCH_SIZE);
}
