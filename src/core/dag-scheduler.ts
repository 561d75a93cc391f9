/**
 * The DAG scheduler: cuts a physical plan into stages at exchanges, runs each shuffle map stage
 * (its tasks bucket rows by the exchange's partitioning), then runs the result stage.
 *
 * Invariants: a stage runs only after every shuffle it reads has finished; a task is
 * (stage, partition, attempt) and is retried up to `maxTaskAttempts` times on failure; reduce
 * partitions of a shuffle are coalesced adaptively (like Spark's AQE) so small shuffles do not
 * run hundreds of empty tasks.
 */

import { collectPartition, executePartition } from '../exec/execute.js';
import {
  numPartitionsOf,
  type PhysicalPlan,
  physicalChildren,
  withPhysicalChildren,
} from '../exec/physical-plan.js';
import type { BlockStore, RowBatch, ScanReader, ShuffleStore, TaskContext } from '../exec/task-context.js';
import { compiledFor, compilerFor } from '../exec/task-context.js';
import type { Row } from '../expr/expression.js';
import { dataTypeOf } from '../expr/expression-type.js';
import type { FunctionContext } from '../expr/function-registry.js';
import type { StateStoreProvider } from '../state/state-store.js';
import { partitionIdFor } from './partitioner.js';

/** Target rows per reduce task when coalescing shuffle partitions. */
const TARGET_ROWS_PER_TASK = 200_000;

class InMemoryShuffleStore implements ShuffleStore {
  private readonly shuffles = new Map<number, RowBatch[][]>();
  write(shuffleId: number, buckets: RowBatch[][]): void {
    this.shuffles.set(shuffleId, buckets);
  }
  read(shuffleId: number, reduceId: number): readonly RowBatch[] {
    return this.shuffles.get(shuffleId)?.[reduceId] ?? [];
  }
  sizes(shuffleId: number): number[] {
    return (this.shuffles.get(shuffleId) ?? []).map((bs) => bs.reduce((s, b) => s + b.length, 0));
  }
  remove(shuffleId: number): void {
    this.shuffles.delete(shuffleId);
  }
}

export class InMemoryBlockStore implements BlockStore {
  private readonly blocks = new Map<string, readonly RowBatch[]>();
  get(cacheId: number, partition: number): readonly RowBatch[] | undefined {
    return this.blocks.get(`${cacheId}:${partition}`);
  }
  put(cacheId: number, partition: number, batches: readonly RowBatch[]): void {
    this.blocks.set(`${cacheId}:${partition}`, batches);
  }
  drop(cacheId: number): void {
    for (const k of [...this.blocks.keys()]) if (k.startsWith(`${cacheId}:`)) this.blocks.delete(k);
  }
}

export interface SchedulerOptions {
  readonly maxTaskAttempts: number;
  readonly scanReader?: ScanReader;
}

let nextShuffleId = 1;
let nextStageId = 1;

export class DAGScheduler {
  private readonly shuffles = new InMemoryShuffleStore();

  constructor(
    private readonly blocks: BlockStore,
    private readonly opts: SchedulerOptions,
  ) {}

  /** Runs a job and returns the rows of every result partition, in partition order. */
  async runJob(
    plan: PhysicalPlan,
    fn: FunctionContext,
    stateProviders?: ReadonlyMap<number, StateStoreProvider>,
  ): Promise<Row[][]> {
    const used: number[] = [];
    // the state travels with the job, not the scheduler: queries of one session run jobs concurrently
    try {
      const finalPlan = await this.materializeShuffles(plan, fn, used, stateProviders);
      const stageId = nextStageId++;
      const n = numPartitionsOf(finalPlan);
      const results: Row[][] = [];
      for (let p = 0; p < n; p++) results.push(await this.runTask(finalPlan, stageId, p, fn, stateProviders));
      return results;
    } finally {
      for (const id of used) this.shuffles.remove(id);
    }
  }

  /**
   * Runs a job without collecting its result: each result partition's batches are handed to
   * `consume` as the task computes them (a writer streams them to files), so no more than a batch
   * per operator is in memory. A failed attempt is retried like a collecting task; `consume` must
   * then discard what the failed attempt produced. Returns `consume`'s results in partition order.
   */
  async runJobStreaming<T>(
    plan: PhysicalPlan,
    fn: FunctionContext,
    consume: (partition: number, batches: AsyncIterable<RowBatch>, attempt: number) => Promise<T>,
  ): Promise<T[]> {
    const used: number[] = [];
    try {
      const finalPlan = await this.materializeShuffles(plan, fn, used, undefined);
      const stageId = nextStageId++;
      const n = numPartitionsOf(finalPlan);
      const results: T[] = [];
      for (let p = 0; p < n; p++) {
        results.push(
          await this.runTask(finalPlan, stageId, p, fn, undefined, (ctx) =>
            consume(p, executePartition(finalPlan, p, ctx), ctx.attempt),
          ),
        );
      }
      return results;
    } finally {
      for (const id of used) this.shuffles.remove(id);
    }
  }

  private async runTask(
    plan: PhysicalPlan,
    stageId: number,
    partition: number,
    fn: FunctionContext,
    stateProviders: ReadonlyMap<number, StateStoreProvider> | undefined,
  ): Promise<Row[]>;
  private async runTask<T>(
    plan: PhysicalPlan,
    stageId: number,
    partition: number,
    fn: FunctionContext,
    stateProviders: ReadonlyMap<number, StateStoreProvider> | undefined,
    body: (ctx: TaskContext) => Promise<T>,
  ): Promise<T>;
  private async runTask<T>(
    plan: PhysicalPlan,
    stageId: number,
    partition: number,
    fn: FunctionContext,
    stateProviders: ReadonlyMap<number, StateStoreProvider> | undefined,
    body?: (ctx: TaskContext) => Promise<T>,
  ): Promise<T | Row[]> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.opts.maxTaskAttempts; attempt++) {
      const ctx: TaskContext = {
        fn,
        shuffles: this.shuffles,
        blocks: this.blocks,
        ...(this.opts.scanReader ? { scanReader: this.opts.scanReader } : {}),
        ...(stateProviders ? { stateProviders } : {}),
        stageId,
        partition,
        attempt,
      };
      try {
        return body ? await body(ctx) : await collectPartition(plan, partition, ctx);
      } catch (e) {
        lastError = e;
        // errors of the query itself (analysis, ANSI, FAILFAST) are not transient: do not retry
        if (e instanceof Error && e.name !== 'Error') throw e;
      }
    }
    throw lastError;
  }

  /** Runs every exchange's map stage (bottom-up) and replaces it by a shuffle read. */
  private async materializeShuffles(
    plan: PhysicalPlan,
    fn: FunctionContext,
    used: number[],
    stateProviders: ReadonlyMap<number, StateStoreProvider> | undefined,
  ): Promise<PhysicalPlan> {
    const kids = physicalChildren(plan);
    const newKids: PhysicalPlan[] = [];
    for (const k of kids) newKids.push(await this.materializeShuffles(k, fn, used, stateProviders));
    const node = newKids.some((k, i) => k !== kids[i]) ? withPhysicalChildren(plan, newKids) : plan;
    if (node.kind !== 'exchangeExec') return node;

    const shuffleId = nextShuffleId++;
    used.push(shuffleId);
    const stageId = nextStageId++;
    const child = node.child;
    const part = node.partitioning;
    const numReduce = part.type === 'single' ? 1 : part.numPartitions;
    const buckets: RowBatch[][] = Array.from({ length: numReduce }, () => []);
    const mapPartitions = numPartitionsOf(child);
    const keyTypes = part.type === 'hash' ? part.exprs.map(dataTypeOf) : [];
    let rr = 0;
    for (let p = 0; p < mapPartitions; p++) {
      const rows = await this.runTask(child, stageId, p, fn, stateProviders);
      if (part.type === 'single') {
        if (rows.length) buckets[0]!.push(rows);
        continue;
      }
      const local: Row[][] = Array.from({ length: numReduce }, () => []);
      if (part.type === 'roundRobin') {
        for (const r of rows) local[rr++ % numReduce]!.push(r);
      } else {
        const keyOf = compiledFor(node, 'key', () =>
          compilerFor(child.output, { fn } as TaskContext).compileProjection(part.exprs),
        );
        for (const r of rows) local[partitionIdFor(keyOf(r), keyTypes, numReduce)]!.push(r);
      }
      local.forEach((b, i) => {
        if (b.length) buckets[i]!.push(b);
      });
    }
    this.shuffles.write(shuffleId, buckets);
    return {
      kind: 'shuffleReadExec',
      output: node.output,
      shuffleId,
      partitionGroups:
        part.type === 'roundRobin'
          ? buckets.map((_, i) => [i])
          : coalesceGroups(this.shuffles.sizes(shuffleId)),
    };
  }
}

/** Groups consecutive reduce partitions so each task reads about TARGET_ROWS_PER_TASK rows. */
function coalesceGroups(sizes: readonly number[]): number[][] {
  const groups: number[][] = [];
  let cur: number[] = [];
  let rows = 0;
  sizes.forEach((s, i) => {
    if (cur.length && rows + s > TARGET_ROWS_PER_TASK) {
      groups.push(cur);
      cur = [];
      rows = 0;
    }
    cur.push(i);
    rows += s;
  });
  if (cur.length) groups.push(cur);
  return groups.length ? groups : [[0]];
}
