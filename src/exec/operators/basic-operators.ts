/**
 * Row-at-a-time pipeline operators: local and range scans, project, filter, limit, union, expand,
 * sample, coalesce, generate. Each consumes its child's batches and yields new batches, never
 * materialising a partition.
 */
import type { Row } from '../../expr/expression.js';
import type { GeneratorFunctionDef } from '../../expr/function-registry.js';
import { lookupFunction } from '../../expr/function-registry.js';
import { executePartition } from '../execute.js';
import { numPartitionsOf, type PhysicalPlan } from '../physical-plan.js';
import { BATCH_SIZE, compiledFor, compilerFor, type RowBatch, type TaskContext } from '../task-context.js';

type Node<K extends PhysicalPlan['kind']> = Extract<PhysicalPlan, { kind: K }>;

export async function* localTableScan(
  node: Node<'localTableScan'>,
  partition: number,
): AsyncIterable<RowBatch> {
  const n = node.rows.length;
  const parts = node.numPartitions;
  const start = Math.floor((partition * n) / parts);
  const end = Math.floor(((partition + 1) * n) / parts);
  for (let i = start; i < end; i += BATCH_SIZE)
    yield node.rows.slice(i, Math.min(end, i + BATCH_SIZE)) as Row[];
}

export async function* rangeExec(node: Node<'rangeExec'>, partition: number): AsyncIterable<RowBatch> {
  const count = Math.max(0, Math.ceil((node.end - node.start) / node.step));
  const from = Math.floor((partition * count) / node.numPartitions);
  const to = Math.floor(((partition + 1) * count) / node.numPartitions);
  let batch: RowBatch = [];
  for (let i = from; i < to; i++) {
    batch.push([node.start + i * node.step]);
    if (batch.length === BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export async function* projectExec(
  node: Node<'projectExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const project = compiledFor(
    node,
    'project',
    () =>
      isPassThrough(node) ? null : compilerFor(node.child.output, ctx).compileProjection(node.projectList),
    ctx,
  );
  if (project === null) {
    // rows are immutable once produced: the child's rows are this projection's rows
    yield* executePartition(node.child, partition, ctx);
    return;
  }
  for await (const batch of executePartition(node.child, partition, ctx)) {
    const out = new Array<Row>(batch.length);
    for (let i = 0; i < batch.length; i++) out[i] = project(batch[i]!);
    yield out;
  }
}

/**
 * Whether a projection reproduces its input row as is: column i is the child's column i (or an
 * alias of it) for every column of the child, so no row needs copying.
 */
function isPassThrough(node: Node<'projectExec'>): boolean {
  const input = node.child.output;
  if (node.projectList.length !== input.length) return false;
  return node.projectList.every((e, i) => {
    const x = e.kind === 'alias' ? e.child : e;
    return x.kind === 'attributeReference' && x.exprId === input[i]!.exprId;
  });
}

export async function* filterExec(
  node: Node<'filterExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const pred = compiledFor(
    node,
    'pred',
    () => compilerFor(node.child.output, ctx).compilePredicate(node.condition),
    ctx,
  );
  for await (const batch of executePartition(node.child, partition, ctx)) {
    const out: RowBatch = [];
    for (let i = 0; i < batch.length; i++) {
      const r = batch[i]!;
      if (pred(r)) out.push(r);
    }
    if (out.length) yield out;
  }
}

export async function* limitExec(
  node: Node<'limitExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  let skip = node.offset;
  let left = node.limit;
  if (left <= 0) return;
  for await (const batch of executePartition(node.child, partition, ctx)) {
    let b = batch;
    if (skip > 0) {
      const s = Math.min(skip, b.length);
      b = b.slice(s);
      skip -= s;
    }
    if (b.length === 0) continue;
    if (b.length >= left) {
      yield b.slice(0, left);
      return;
    }
    left -= b.length;
    yield b;
  }
}

export async function* unionExec(
  node: Node<'unionExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  let p = partition;
  for (const c of node.children) {
    const n = numPartitionsOf(c);
    if (p < n) {
      yield* executePartition(c, p, ctx);
      return;
    }
    p -= n;
  }
}

export async function* expandExec(
  node: Node<'expandExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const projections = compiledFor(
    node,
    'proj',
    () => {
      const c = compilerFor(node.child.output, ctx);
      return node.projections.map((p) => c.compileProjection(p));
    },
    ctx,
  );
  for await (const batch of executePartition(node.child, partition, ctx)) {
    const out: RowBatch = [];
    for (const r of batch) for (const p of projections) out.push(p(r));
    yield out;
  }
}

/** Deterministic xorshift PRNG so a seeded sample is reproducible per partition. */
function prng(seed: number): () => number {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export async function* sampleExec(
  node: Node<'sampleExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const rand = prng(node.seed + partition * 7919);
  for await (const batch of executePartition(node.child, partition, ctx)) {
    const out: RowBatch = [];
    for (const r of batch) {
      if (node.withReplacement) {
        // Poisson(fraction) copies via inversion
        let k = 0;
        let p = Math.exp(-node.fraction);
        let s = p;
        const u = rand();
        while (u > s) {
          k++;
          p *= node.fraction / k;
          s += p;
        }
        for (let i = 0; i < k; i++) out.push(r);
      } else if (rand() < node.fraction) out.push(r);
    }
    if (out.length) yield out;
  }
}

export async function* coalesceExec(
  node: Node<'coalesceExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const n = numPartitionsOf(node.child);
  const from = Math.floor((partition * n) / node.numPartitions);
  const to = Math.floor(((partition + 1) * n) / node.numPartitions);
  for (let p = from; p < to; p++) yield* executePartition(node.child, p, ctx);
}

export async function* generateExec(
  node: Node<'generateExec'>,
  partition: number,
  ctx: TaskContext,
): AsyncIterable<RowBatch> {
  const gen = compiledFor(
    node,
    'gen',
    () => {
      const g = node.generator;
      if (g.kind !== 'generator') throw new Error('internal error: generate without generator');
      const def = lookupFunction(g.name) as GeneratorFunctionDef;
      const c = compilerFor(node.child.output, ctx);
      return def.compile(
        g,
        g.args.map((a) => c.compile(a)),
        ctx.fn,
      );
    },
    ctx,
  );
  const kept = keptOrdinals(node);
  const width = node.output.length - node.requiredChildOutput.length;
  let out: RowBatch = [];
  for await (const batch of executePartition(node.child, partition, ctx)) {
    for (const r of batch) {
      const produced = gen(r);
      if (produced.length === 0) {
        if (node.outer) out.push(joined(r, kept, new Array(width).fill(null)));
      } else if (kept.length === 0) for (const g of produced) out.push(g);
      else for (const g of produced) out.push(joined(r, kept, g));
      // bounded batches: the rows are consumed (and die young) before the next ones are made
      if (out.length >= BATCH_SIZE) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length) yield out;
}

/** The child ordinals of the generate's kept input columns. */
function keptOrdinals(node: Node<'generateExec'>): number[] {
  const ordinal = new Map(node.child.output.map((a, i) => [a.exprId, i]));
  return node.requiredChildOutput.map((a) => ordinal.get(a.exprId)!);
}

/** An output row: the kept input values, then the generated ones. */
function joined(input: Row, kept: readonly number[], generated: Row): Row {
  const n = kept.length;
  const out = new Array<unknown>(n + generated.length);
  for (let i = 0; i < n; i++) out[i] = input[kept[i]!];
  for (let j = 0; j < generated.length; j++) out[n + j] = generated[j];
  return out;
}
