/**
 * Joins within co-partitioned inputs: the hash join builds a table on the right side's keys and
 * streams the left; the nested-loop join handles conditions without equi-keys.
 *
 * Invariants: SQL semantics — null keys never match; outer joins pad with nulls; semi/anti
 * joins emit each left row at most once; the residual condition is evaluated over left ++ right.
 */
import type { Row } from '../../expr/expression.js';
import { dataTypeOf } from '../../expr/expression-type.js';
import { collectPartition, executePartition } from '../execute.js';
import type { PhysicalPlan } from '../physical-plan.js';
import { compiledFor, compilerFor, type RowBatch, type TaskContext } from '../task-context.js';
import { keyFunction } from './hash-aggregate-exec.js';

type HashJoin = Extract<PhysicalPlan, { kind: 'hashJoinExec' }>;
type LoopJoin = Extract<PhysicalPlan, { kind: 'nestedLoopJoinExec' }>;

export async function* hashJoinExec(
  node: HashJoin,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const c = compiledFor(
    node,
    'join',
    () => {
      const lc = compilerFor(node.left.output, ctx);
      const rc = compilerFor(node.right.output, ctx);
      const types = node.leftKeys.map(dataTypeOf);
      return {
        leftKey: lc.compileProjection(node.leftKeys),
        rightKey: rc.compileProjection(node.rightKeys),
        key: keyFunction(types),
        cond: node.condition
          ? compilerFor([...node.left.output, ...node.right.output], ctx).compilePredicate(node.condition)
          : null,
      };
    },
    ctx,
  );
  const rightRows = await collectPartition(node.right, partition, ctx);
  const table = new Map<unknown, Row[]>();
  for (const r of rightRows) {
    const kv = c.rightKey(r);
    if (kv.some((v) => v === null)) continue;
    const k = c.key(kv);
    const list = table.get(k);
    if (list) list.push(r);
    else table.set(k, [r]);
  }
  const lw = node.left.output.length;
  const rw = node.right.output.length;
  const leftNulls = new Array(lw).fill(null);
  const rightNulls = new Array(rw).fill(null);
  const jt = node.joinType;
  const matchedRight = jt === 'right' || jt === 'full' ? new Set<Row>() : null;
  for await (const batch of executePartition(node.left, partition, ctx)) {
    const out: RowBatch = [];
    for (const l of batch) {
      const kv = c.leftKey(l);
      const candidates = kv.some((v) => v === null) ? undefined : table.get(c.key(kv));
      let matched = false;
      if (candidates) {
        for (const r of candidates) {
          if (c.cond && !c.cond([...l, ...r])) continue;
          matched = true;
          if (jt === 'left_semi' || jt === 'left_anti') break;
          matchedRight?.add(r);
          out.push([...l, ...r]);
        }
      }
      if (jt === 'left_semi' && matched) out.push(l);
      else if (jt === 'left_anti' && !matched) out.push(l);
      else if (!matched && (jt === 'left' || jt === 'full')) out.push([...l, ...rightNulls]);
    }
    if (out.length) yield out;
  }
  if (matchedRight) {
    const out: RowBatch = [];
    for (const r of rightRows) if (!matchedRight.has(r)) out.push([...leftNulls, ...r]);
    if (out.length) yield out;
  }
}

export async function* nestedLoopJoinExec(
  node: LoopJoin,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const cond = compiledFor(
    node,
    'cond',
    () =>
      node.condition
        ? compilerFor([...node.left.output, ...node.right.output], ctx).compilePredicate(node.condition)
        : null,
    ctx,
  );
  const rightRows = await collectPartition(node.right, 0, ctx);
  const lw = node.left.output.length;
  const rw = node.right.output.length;
  const leftNulls = new Array(lw).fill(null);
  const rightNulls = new Array(rw).fill(null);
  const jt = node.joinType;
  const matchedRight = jt === 'right' || jt === 'full' ? new Set<number>() : null;
  for await (const batch of executePartition(node.left, partition, ctx)) {
    const out: RowBatch = [];
    for (const l of batch) {
      let matched = false;
      for (let j = 0; j < rightRows.length; j++) {
        const r = rightRows[j]!;
        const joined = [...l, ...r];
        if (cond && !cond(joined)) continue;
        matched = true;
        if (jt === 'left_semi' || jt === 'left_anti') break;
        matchedRight?.add(j);
        out.push(joined);
      }
      if (jt === 'left_semi' && matched) out.push(l);
      else if (jt === 'left_anti' && !matched) out.push(l);
      else if (!matched && (jt === 'left' || jt === 'full')) out.push([...l, ...rightNulls]);
    }
    if (out.length) yield out;
  }
  if (matchedRight) {
    const out: RowBatch = [];
    rightRows.forEach((r, j) => {
      if (!matchedRight.has(j)) out.push([...leftNulls, ...r]);
    });
    if (out.length) yield out;
  }
}
