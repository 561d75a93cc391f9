/**
 * The micro-batch run loop (Spark's MicroBatchExecution). Per trigger:
 *
 *   choose end offsets → write offsets/N (write-ahead) → read each source's (start, end] →
 *   plan the batch incrementally → run it (stateful operators at state version N) →
 *   commit state (version N+1) → sink.addBatch(N) → write commits/N → sources.commit(end)
 *
 * On restart the checkpoint decides (see checkpoint/recovery.ts): a batch with offsets but no
 * commit is re-run with exactly the same offsets, so a replayable source and an idempotent sink
 * give exactly-once output.
 *
 * Per-batch disk work is kept off the batch's critical path where ordering allows: offsets/N is
 * written and fsync'ed (file and folder) on the thread pool while the batch reads and computes,
 * and awaited before the sink sees the batch; the state store's files are fsync'ed while the sink
 * writes, and awaited before commits/N; commits/N itself is not fsync'ed (losing it to an OS
 * crash costs a re-run of batch N, which the idempotent sink absorbs).
 *
 * Invariants: one batch at a time; offsets/N is durable before the sink is called for batch N
 * (reading sources has no effects; state version N+1 without offsets/N is simply rewritten);
 * commits/N only after the sink returned and the state version is durable; current_timestamp() in batch N is the timestamp logged in
 * offsets/N, also when the batch is re-run; a failure stops the query with the error
 * (awaitTermination rejects with it) and leaves the checkpoint ready for a restart.
 */
import { join } from 'node:path';
import { DataFrame } from '../dataframe/dataframe.js';
import type { PhysicalPlan } from '../exec/physical-plan.js';
import { physicalChildren } from '../exec/physical-plan.js';
import { attributeReference } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { FileStateStoreProvider } from '../state/file-state-store.js';
import type { StateStoreProvider } from '../state/state-store.js';
import { simpleString } from '../types/data-type.js';
import { planRecovery } from './checkpoint/recovery.js';
import { type OperatorStateSchema, StateSchemaCheck } from './checkpoint/state-schema.js';
import { planBatch, substituteBatches } from './incremental-execution.js';
import { type SourceProgress, type StateOperatorProgress, StreamingQueryProgress } from './progress.js';
import type { Offset, ReadLimit } from './source.js';
import { StreamExecution } from './stream-execution.js';
import { parseDuration } from './trigger.js';

const IDLE_POLL_MS = 10;
/** Idle re-check when every source signals new data itself (Source.signalsNewData). */
const IDLE_SIGNALLED_MS = 1000;

export class MicroBatchExecution extends StreamExecution {
  private readonly stateProviders = new Map<number, StateStoreProvider>();
  private readonly stateSchemas = new StateSchemaCheck(
    this.paths,
    this.o.session.conf.get('spark.sql.streaming.stateStore.stateSchemaCheck') !== 'false',
  );
  private triggerWaiters: (() => void)[] = [];
  private triggersStarted = 0;
  private triggersCompleted = 0;
  private lastTriggerHadData = true;
  /**
   * When the previous trigger of this run started, idle ones included: Spark's input rate is a
   * batch's rows over the time since then (0 for the run's first trigger).
   */
  private previousTriggerStartMs: number | undefined;

  protected async runActivated(): Promise<void> {
    const recoveryStart = this.o.clock.now();
    const reran = await this.recover();
    // a re-run batch is the run's first trigger
    if (reran) this.previousTriggerStartMs = recoveryStart;
    // Trigger.Once runs one batch (Spark's SingleBatchExecutor): after a crash that batch is the
    // re-run of the uncommitted one, and data that arrived since waits for the next run.
    // AvailableNow goes on to its target after the re-run, as Spark's MultiBatchExecutor.
    if (reran && this.o.trigger.kind === 'once') return;
    await this.triggerLoop();
  }

  protected override onTerminated(): void {
    for (const w of this.triggerWaiters.splice(0)) w();
  }

  /** Restores the position from the checkpoint; returns whether it re-ran an uncommitted batch. */
  private async recover(): Promise<boolean> {
    const plan = planRecovery(this.offsetLog.latest(), this.commitLog.latest(), (id) =>
      this.offsetLog.get(id),
    );
    if (plan.kind === 'fresh') {
      this.pinConfs(undefined);
      this.committed = this.sources.map(() => null);
      this.nextBatchId = 0;
      return false;
    }
    this.pinConfs(plan.kind === 'resume' ? plan.committed : plan.offsets);
    if (plan.kind === 'resume') {
      this.committed = this.parseOffsets(plan.committed);
      this.nextBatchId = plan.nextBatchId;
      return false;
    }
    // re-run the uncommitted batch with exactly its logged offsets
    const previous = plan.previous ? this.parseOffsets(plan.previous) : this.sources.map(() => null);
    const ends = this.parseOffsets(plan.offsets);
    this.committed = previous;
    this.nextBatchId = plan.batchId;
    await this.runBatch(plan.batchId, previous, ends, plan.offsets.metadata.batchTimestampMs, true);
    return true;
  }

  private async triggerLoop(): Promise<void> {
    const trigger = this.o.trigger;
    const availableNowTargets =
      trigger.kind === 'availableNow' ? await this.prepareAvailableNow() : undefined;
    while (!this.stopRequested) {
      const triggerStart = this.o.clock.now();
      this.status = {
        message: 'Getting offsets from sources',
        isDataAvailable: false,
        isTriggerActive: true,
      };
      this.triggersStarted++;
      const ran = await this.runOneTrigger(availableNowTargets);
      this.triggersCompleted = this.triggersStarted;
      this.lastTriggerHadData = ran;
      for (const w of this.triggerWaiters.splice(0)) w();
      this.noteTrigger(ran, triggerStart, this.noDataEventIntervalMs());
      this.previousTriggerStartMs = triggerStart;
      if (trigger.kind === 'once') break;
      if (trigger.kind === 'availableNow' && (!ran || reachedTargets(this.committed, availableNowTargets!)))
        break;
      this.status = {
        message: ran ? 'Waiting for next trigger' : 'Waiting for data to arrive',
        isDataAvailable: false,
        isTriggerActive: false,
      };
      if (this.stopRequested) break;
      if (trigger.kind === 'processingTime') {
        // triggers fire on multiples of the interval (Spark's ProcessingTimeExecutor); a late
        // trigger fires once, at once (no catch-up storm of missed intervals)
        const next = Math.floor(triggerStart / trigger.intervalMs) * trigger.intervalMs + trigger.intervalMs;
        await this.o.clock.sleepUntil(next, this.stopSignal);
      } else if (!ran && trigger.kind !== 'availableNow') {
        const idle = this.sources.every((s) => s.signalsNewData) ? IDLE_SIGNALLED_MS : IDLE_POLL_MS;
        await this.o.clock.sleepUntil(this.o.clock.now() + idle, this.wake);
      }
    }
  }

  /**
   * Trigger.AvailableNow, as Spark's: a source that supports it fixes its own target now and is
   * then read within its default read limit, batch after batch, until a trigger finds nothing new;
   * any other source is asked once for its latest offset (no limit) and read up to it in one batch.
   * Returns each source's fixed target, or undefined where the source keeps its own.
   */
  private async prepareAvailableNow(): Promise<(Offset | null | undefined)[]> {
    return Promise.all(
      this.sources.map(async (s, i) => {
        if (s.prepareForTriggerAvailableNow) {
          s.prepareForTriggerAvailableNow();
          return undefined;
        }
        return s.latestOffset(this.committed[i] ?? null, { kind: 'all' });
      }),
    );
  }

  /** spark.sql.streaming.noDataProgressEventInterval: ms, or a duration like '10s' (default 10 s). */
  private noDataEventIntervalMs(): number {
    const v = this.o.session.conf.get('spark.sql.streaming.noDataProgressEventInterval') ?? '10000';
    return /^\d+$/.test(v.trim())
      ? Number(v)
      : parseDuration(v, 'spark.sql.streaming.noDataProgressEventInterval');
  }

  /**
   * Runs a batch if any source has new data; returns whether one ran. Trigger.Once reads all
   * available data (read limits do not apply); under Trigger.AvailableNow a source that cannot
   * stop at a target by itself reads up to the target it reported at start.
   */
  private async runOneTrigger(
    availableNowTargets?: readonly (Offset | null | undefined)[],
  ): Promise<boolean> {
    const t0 = performance.now();
    const ends: (Offset | null)[] = [];
    for (let i = 0; i < this.sources.length; i++) {
      const s = this.sources[i]!;
      const target = availableNowTargets?.[i];
      if (target !== undefined) {
        ends.push(target);
        continue;
      }
      const limit: ReadLimit = this.o.trigger.kind === 'once' ? { kind: 'all' } : s.defaultReadLimit();
      ends.push(await s.latestOffset(this.committed[i] ?? null, limit));
    }
    const latestOffsetMs = performance.now() - t0;
    const hasData = ends.some(
      (e, i) => e !== null && JSON.stringify(e) !== JSON.stringify(this.committed[i] ?? null),
    );
    if (!hasData) return false;
    this.status = { message: 'Processing new data', isDataAvailable: true, isTriggerActive: true };
    await this.runBatch(
      this.nextBatchId,
      this.committed,
      ends.map((e, i) => e ?? this.committed[i] ?? null),
      this.o.clock.now(),
      false,
      latestOffsetMs,
    );
    return true;
  }

  private async runBatch(
    batchId: number,
    starts: readonly (Offset | null)[],
    ends: readonly (Offset | null)[],
    batchTimestampMs: number,
    isRerun: boolean,
    latestOffsetMs = 0,
  ): Promise<void> {
    // the write-ahead entry goes to disk while the batch reads and computes (see the header)
    const wal =
      !isRerun || !this.offsetLog.get(batchId)
        ? this.offsetLog.addDurably(batchId, {
            metadata: { batchWatermarkMs: 0, batchTimestampMs, conf: this.pinnedConf },
            offsets: ends.map((e) => (e === null ? null : JSON.stringify(e))),
          })
        : undefined;
    // awaited in executeBatch; if it fails before the batch gets there, it must not count as unhandled
    wal?.catch(() => undefined);
    try {
      await this.executeBatch(batchId, starts, ends, batchTimestampMs, latestOffsetMs, wal);
    } catch (e) {
      // a failed batch leaves the checkpoint settled: its offset entry logged (a restart re-runs
      // it), no state file still being written
      await wal?.catch(() => undefined);
      for (const p of this.stateProviders.values()) await p.flush().catch(() => undefined);
      throw e;
    }
  }

  private async executeBatch(
    batchId: number,
    starts: readonly (Offset | null)[],
    ends: readonly (Offset | null)[],
    batchTimestampMs: number,
    latestOffsetMs: number,
    wal: Promise<boolean> | undefined,
  ): Promise<void> {
    const session = this.o.session;
    const durations: Record<string, number> = {};
    const tStart = performance.now();
    const time = async <T>(key: string, f: () => Promise<T> | T): Promise<T> => {
      const t = performance.now();
      try {
        return await f();
      } finally {
        durations[key] = Math.round(performance.now() - t);
      }
    };
    durations.latestOffset = Math.round(latestOffsetMs);
    if (wal) durations.walCommit = 0; // set below; the key keeps its place in the progress JSON
    const inputCounts: number[] = this.sources.map(() => 0);
    const batches = await time('getBatch', () =>
      Promise.all(
        this.sources.map(async (s, i) => {
          const start = starts[i] ?? null;
          const end = ends[i] ?? null;
          const rel = this.relations[i]!;
          const plan: LogicalPlan =
            end === null || JSON.stringify(start) === JSON.stringify(end)
              ? {
                  kind: 'localRelation',
                  output: outputOf(rel).map((a) => attributeReference(a.name, a.dataType, a.nullable)),
                  rows: [],
                  numPartitions: 1,
                }
              : await s.getBatch(start, end);
          if (plan.kind === 'localRelation') {
            inputCounts[i] = plan.rows.length;
            return plan;
          }
          // read connector batches once here: the rows are counted for progress and the batch
          // plan runs over them (a re-run re-reads the same offsets)
          const rows = await session.executeInternal(plan);
          inputCounts[i] = rows.length;
          const out: LogicalPlan = {
            kind: 'localRelation',
            output: outputOf(plan),
            rows,
            numPartitions: Math.max(1, session.parallelism),
          };
          return out;
        }),
      ),
    );
    const numStatePartitions = Number(
      this.pinnedConf['spark.sql.shuffle.partitions'] || session.shufflePartitions(),
    );
    const physical = await time('queryPlanning', () =>
      planBatch(session, substituteBatches(this.o.plan, this.relations, batches), {
        outputMode: this.o.outputMode,
        numStatePartitions,
      }),
    );
    this.lastPhysical = physical;
    const operators = statefulOperators(physical);
    const operatorIds = [...operators.keys()];
    this.stateSchemas.check(stateSchemasOf(physical));
    for (const op of operatorIds) {
      let p = this.stateProviders.get(op);
      if (!p) {
        p = new FileStateStoreProvider(join(this.o.checkpointLocation, 'state', String(op)));
        this.stateProviders.set(op, p);
      }
      p.open(batchId);
    }
    let numOutputRows = 0;
    let walWaitMs = 0;
    await time('addBatch', async () => {
      // current_timestamp() is the batch's timestamp from offsets/N (Spark's CurrentBatchTimestamp),
      // so a re-run of the batch after a crash computes the same values
      const rows = await session.runPhysical(physical, this.stateProviders, batchTimestampMs * 1000);
      // state version N+1 may reach disk before offsets/N: a restart that finds no offsets/N
      // plans batch N afresh from version N, and rewrites N+1
      for (const op of operatorIds) this.stateProviders.get(op)!.commit();
      const tWal = performance.now();
      await wal;
      walWaitMs = performance.now() - tWal;
      numOutputRows = rows.length;
      const out = new DataFrame(
        session,
        session.analyze({
          kind: 'localRelation',
          output: outputOf(this.o.plan).map((a) => attributeReference(a.name, a.dataType, a.nullable)),
          rows,
          numPartitions: 1,
        }),
      );
      await this.o.sink.addBatch(batchId, out, this.o.outputMode);
    });
    // walCommit: how long the batch waited for its offset entry to be durable
    durations.walCommit = Math.round(walWaitMs);
    await time('commitOffsets', async () => {
      // the state version the next batch starts from is durable before the batch is marked done
      await Promise.all(operatorIds.map((op) => this.stateProviders.get(op)!.flush()));
      this.commitLog.add(batchId, 0);
      for (let i = 0; i < this.sources.length; i++) {
        const e = ends[i];
        if (e !== null && e !== undefined) await this.sources[i]!.commit(e);
      }
    });
    for (const op of operatorIds) this.stateProviders.get(op)!.maintenance(100);
    this.purgeLogs(batchId);
    this.committed = [...ends];
    this.nextBatchId = batchId + 1;
    durations.triggerExecution = Math.round(performance.now() - tStart + latestOffsetMs);
    this.reportProgress(
      batchId,
      starts,
      ends,
      inputCounts,
      durations,
      numOutputRows,
      operators,
      numStatePartitions,
      batchTimestampMs,
    );
  }

  private reportProgress(
    batchId: number,
    starts: readonly (Offset | null)[],
    ends: readonly (Offset | null)[],
    inputCounts: readonly number[],
    durationMs: Record<string, number>,
    numOutputRows: number,
    operators: ReadonlyMap<number, string>,
    numStatePartitions: number,
    batchTimestampMs: number,
  ): void {
    const numInputRows = inputCounts.reduce((a, b) => a + Math.max(0, b), 0);
    const secs = Math.max(1, durationMs.triggerExecution ?? 1) / 1000;
    const previous = this.previousTriggerStartMs;
    const sinceLast = previous !== undefined ? (batchTimestampMs - previous) / 1000 : 0;
    const inputRate = sinceLast > 0 ? numInputRows / sinceLast : 0;
    const sources: SourceProgress[] = this.sources.map((s, i) => ({
      description: s.description(),
      startOffset: starts[i] ?? null,
      endOffset: ends[i] ?? null,
      latestOffset: ends[i] ?? null,
      numInputRows: Math.max(0, inputCounts[i] ?? 0),
      inputRowsPerSecond: sinceLast > 0 ? Math.max(0, inputCounts[i] ?? 0) / sinceLast : 0,
      processedRowsPerSecond: Math.max(0, inputCounts[i] ?? 0) / secs,
    }));
    const stateOperators: StateOperatorProgress[] = [...operators].map(([op, operatorName]) => {
      const m = this.stateProviders.get(op)!.metrics();
      return {
        operatorName,
        numRowsTotal: m.numKeys,
        numRowsUpdated: m.numUpdated,
        allUpdatesTimeMs: 0,
        numRowsRemoved: m.numRemoved,
        allRemovalsTimeMs: 0,
        commitTimeMs: 0,
        memoryUsedBytes: m.memoryUsedBytes,
        numRowsDroppedByWatermark: 0,
        numShufflePartitions: numStatePartitions,
        numStateStoreInstances: numStatePartitions,
        customMetrics: {},
      };
    });
    const progress = new StreamingQueryProgress({
      id: this.id,
      runId: this.runId,
      name: this.o.name,
      timestamp: new Date(batchTimestampMs).toISOString(),
      batchId,
      batchDuration: durationMs.triggerExecution ?? 0,
      numInputRows,
      inputRowsPerSecond: inputRate,
      processedRowsPerSecond: numInputRows / secs,
      durationMs,
      eventTime: {},
      stateOperators,
      sources,
      sink: { description: this.o.sink.description(), numOutputRows },
    });
    this.recordProgress(progress);
  }

  // ------------------------------------------------------------------ control

  /** Resolves once every row available when it was called has been processed (or the query stopped). */
  async processAllAvailable(): Promise<void> {
    // done when a trigger that started after this call found no new data
    const startedAtCall = this.triggersStarted;
    for (;;) {
      if (this.exception) throw this.exception;
      if (!this.active) return;
      await new Promise<void>((resolve) => {
        this.triggerWaiters.push(resolve);
        this.wake.wake();
      });
      if (this.exception) throw this.exception;
      if (this.triggersCompleted > startedAtCall && !this.lastTriggerHadData) return;
    }
  }
}

/** Whether every source has a fixed AvailableNow target and the query has committed it. */
function reachedTargets(
  committed: readonly (Offset | null)[],
  targets: readonly (Offset | null | undefined)[],
): boolean {
  return committed.every(
    (x, i) => targets[i] !== undefined && JSON.stringify(x ?? null) === JSON.stringify(targets[i]),
  );
}

/** The plan's stateful operators by operator id (ascending), with their names in progress reports. */
function statefulOperators(p: PhysicalPlan): Map<number, string> {
  return new Map(stateSchemasOf(p).map((s) => [s.operatorId, s.operatorName]));
}

/** What each stateful operator keeps, as recorded in the checkpoint (see checkpoint/state-schema.ts). */
function stateSchemasOf(p: PhysicalPlan): OperatorStateSchema[] {
  const out: OperatorStateSchema[] = [];
  const visit = (n: PhysicalPlan) => {
    if (n.kind === 'statefulAggregateExec') {
      out.push({
        operatorId: n.operatorId,
        operatorName: 'stateStoreSave',
        keySchema: `struct<${n.groupingAttrs.map((a) => `${a.name}:${simpleString(a.dataType)}`).join(',')}>`,
        valueSchema: `struct<${n.aggregates
          .map((a) => `${a.name}${a.distinct ? '_distinct' : ''}:${simpleString(a.dataType)}`)
          .join(',')}>`,
      });
    }
    if (n.kind === 'streamingGlobalLimitExec') {
      out.push({
        operatorId: n.operatorId,
        operatorName: 'globalLimit',
        keySchema: 'struct<>',
        valueSchema: 'struct<count:bigint>',
      });
    }
    for (const c of physicalChildren(n)) visit(c);
  };
  visit(p);
  return out.sort((a, b) => a.operatorId - b.operatorId);
}
