/**
 * Shuffle reads, cache reads, deduplication and set operations: operators whose input was moved
 * or stored by the scheduler. (The map side of an exchange runs in the scheduler, which owns
 * stage boundaries; an exchange node is never executed directly.)
 */

import type { Row } from '../../expr/expression.js';
import { dataTypeOf } from '../../expr/expression-type.js';
import { collectPartition, executePartition } from '../execute.js';
import type { PhysicalPlan } from '../physical-plan.js';
import { compiledFor, compilerFor, type RowBatch, type TaskContext } from '../task-context.js';
import { keyFunction } from './hash-aggregate-exec.js';

type Node<K extends PhysicalPlan['kind']> = Extract<PhysicalPlan, { kind: K }>;

export function exchangeExec(_node: Node<'exchangeExec'>): AsyncIterable<RowBatch> {
  throw new Error('internal error: an exchange must be replaced by a shuffle read before execution');
}

export async function* shuffleReadExec(
  node: Node<'shuffleReadExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  for (const reduceId of node.partitionGroups[partition] ?? []) {
    for (const b of ctx.shuffles.read(node.shuffleId, reduceId)) yield b;
  }
}

export async function* cachedExec(
  node: Node<'cachedExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const hit = ctx.blocks.get(node.cacheId, partition);
  if (hit) {
    yield* hit;
    return;
  }
  const stored: RowBatch[] = [];
  for await (const b of executePartition(node.child, partition, ctx)) {
    stored.push(b);
    yield b;
  }
  ctx.blocks.put(node.cacheId, partition, stored);
}

export async function* deduplicateExec(
  node: Node<'deduplicateExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const c = compiledFor(node, 'dedup', () => ({
    keys: compilerFor(node.child.output, ctx).compileProjection(node.keys),
    key: keyFunction(node.keys.map(dataTypeOf)),
  }));
  const seen = new Set<unknown>();
  for await (const batch of executePartition(node.child, partition, ctx)) {
    const out: RowBatch = [];
    for (const r of batch) {
      const k = c.key(c.keys(r));
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(r);
    }
    if (out.length) yield out;
  }
}

export async function* setOperationExec(
  node: Node<'setOperationExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const key = compiledFor(node, 'key', () => keyFunction(node.left.output.map((a) => a.dataType)));
  const right = await collectPartition(node.right, partition, ctx);
  const counts = new Map<unknown, number>();
  for (const r of right) {
    const k = key(r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const emitted = new Set<unknown>();
  const out: Row[] = [];
  for await (const batch of executePartition(node.left, partition, ctx)) {
    for (const l of batch) {
      const k = key(l);
      const n = counts.get(k) ?? 0;
      if (node.op === 'intersect') {
        if (node.all) {
          if (n > 0) {
            counts.set(k, n - 1);
            out.push(l);
          }
        } else if (n > 0 && !emitted.has(k)) {
          emitted.add(k);
          out.push(l);
        }
      } else if (node.all) {
        if (n > 0) counts.set(k, n - 1);
        else out.push(l);
      } else if (n === 0 && !emitted.has(k)) {
        emitted.add(k);
        out.push(l);
      }
    }
  }
  if (out.length) yield out;
}

export async function* dataSourceScanExec(
  node: Node<'dataSourceScanExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  if (!ctx.scanReader) throw new Error(`internal error: no reader for format ${node.format}`);
  yield* ctx.scanReader(node, partition, ctx);
}
