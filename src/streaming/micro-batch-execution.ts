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
 * Invariants: one batch at a time; offsets/N is written before batch N reads data; commits/N
 * only after the sink returned; a failure stops the query with the error (awaitTermination
 * rejects with it) and leaves the checkpoint ready for a restart.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFrame } from '../dataframe/dataframe.js';
import type { Session } from '../dataframe/session.js';
import type { PhysicalPlan } from '../exec/physical-plan.js';
import { physicalChildren } from '../exec/physical-plan.js';
import { attributeReference } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { FileStateStoreProvider } from '../state/file-state-store.js';
import type { StateStoreProvider } from '../state/state-store.js';
import { SluiceError } from '../util/errors.js';
import { CheckpointPaths } from './checkpoint/checkpoint-paths.js';
import { CommitLog } from './checkpoint/commit-log.js';
import { OffsetLog, type OffsetSeq } from './checkpoint/offset-log.js';
import { planRecovery } from './checkpoint/recovery.js';
import { type Clock, WakeSignal } from './clock.js';
import { planBatch, streamingRelations, substituteBatches } from './incremental-execution.js';
import { type SourceProgress, type StateOperatorProgress, StreamingQueryProgress } from './progress.js';
import type { OutputMode, Sink } from './sink.js';
import { lookupSourceProvider, type Offset, type ReadLimit, type Source } from './source.js';
import type { ListenerBus } from './streaming-query-listener.js';
import { parseDuration, type Trigger } from './trigger.js';

/** Confs fixed at the first run of a query and restored from its checkpoint afterwards. */
const PINNED_CONFS = ['spark.sql.shuffle.partitions'];
const MAX_RECENT_PROGRESS = 100;
const IDLE_POLL_MS = 10;
/** Idle re-check when every source signals new data itself (Source.signalsNewData). */
const IDLE_SIGNALLED_MS = 1000;

export interface MicroBatchOptions {
  readonly session: Session;
  readonly plan: LogicalPlan;
  readonly sink: Sink;
  readonly outputMode: OutputMode;
  readonly trigger: Trigger;
  readonly checkpointLocation: string;
  readonly name: string | null;
  readonly clock: Clock;
  readonly listeners: ListenerBus;
}

export class MicroBatchExecution {
  readonly id: string;
  readonly runId = randomUUID();
  readonly paths: CheckpointPaths;
  private readonly offsetLog: OffsetLog;
  private readonly commitLog: CommitLog;
  private readonly relations: LogicalPlan[];
  private sources: Source[] = [];
  private committed: (Offset | null)[] = [];
  private nextBatchId = 0;
  private pinnedConf: Record<string, string> = {};
  private readonly stateProviders = new Map<number, StateStoreProvider>();
  private readonly wake = new WakeSignal();
  private stopRequested = false;
  private loopDone: Promise<void> | undefined;
  private terminationWaiters: (() => void)[] = [];
  private triggerWaiters: (() => void)[] = [];
  private triggersStarted = 0;
  private triggersCompleted = 0;
  private lastTriggerHadData = true;
  exception: SluiceError | undefined;
  active = false;
  readonly recentProgress: StreamingQueryProgress[] = [];
  status = { message: 'Initializing sources', isDataAvailable: false, isTriggerActive: false };

  constructor(private readonly o: MicroBatchOptions) {
    this.paths = new CheckpointPaths(o.checkpointLocation);
    mkdirSync(o.checkpointLocation, { recursive: true });
    this.id = this.loadOrCreateId();
    this.offsetLog = new OffsetLog(this.paths.offsetsDir);
    this.commitLog = new CommitLog(this.paths.commitsDir);
    this.relations = streamingRelations(o.plan);
  }

  private loadOrCreateId(): string {
    const f = this.paths.metadata;
    if (existsSync(f)) return (JSON.parse(readFileSync(f, 'utf8')) as { id: string }).id;
    const id = randomUUID();
    writeFileSync(f, JSON.stringify({ id }));
    return id;
  }

  /** Creates the sources and restores the position from the checkpoint; then runs the loop. */
  start(): void {
    this.sources = this.relations.map((r, i) => {
      if (r.kind !== 'streamingRelation') throw new Error('internal error');
      const provider = lookupSourceProvider(r.format);
      const src = provider.createSource({
        session: this.o.session,
        options: r.options,
        paths: r.paths,
        schema: {
          kind: 'struct',
          fields: r.output.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable })),
        },
        metadataPath: this.paths.sourceDir(i),
        clock: this.o.clock,
        ...(r.sourceRef !== undefined ? { sourceRef: r.sourceRef } : {}),
      });
      src.setDataAvailableListener?.(() => this.wake.wake());
      return src;
    });
    this.active = true;
    this.o.listeners.post('onQueryStarted', {
      id: this.id,
      runId: this.runId,
      name: this.o.name,
      timestamp: new Date(this.o.clock.now()).toISOString(),
    });
    this.loopDone = this.runLoop();
  }

  private async runLoop(): Promise<void> {
    try {
      await this.recover();
      await this.triggerLoop();
    } catch (e) {
      this.exception =
        e instanceof SluiceError
          ? e
          : new SluiceError(
              'STREAM_FAILED',
              `Query [id = ${this.id}, runId = ${this.runId}] terminated with exception: ${e instanceof Error ? e.message : String(e)}`,
              {},
              { cause: e },
            );
    } finally {
      this.active = false;
      this.status = { message: 'Stopped', isDataAvailable: false, isTriggerActive: false };
      for (const s of this.sources) await s.stop().catch(() => undefined);
      await this.o.sink.stop?.().catch(() => undefined);
      this.o.listeners.post('onQueryTerminated', {
        id: this.id,
        runId: this.runId,
        exception: this.exception ? this.exception.message : null,
        errorClassOnException: this.exception ? this.exception.errorClass : null,
      });
      for (const w of this.terminationWaiters) w();
      for (const w of this.triggerWaiters) w();
    }
  }

  private parseOffsets(seq: OffsetSeq): (Offset | null)[] {
    if (seq.offsets.length !== this.sources.length) {
      throw new SluiceError(
        'STREAMING_SOURCES_CHANGED',
        `The query has ${this.sources.length} sources but its checkpoint at ${this.o.checkpointLocation} was written by a query with ${seq.offsets.length}. Use a new checkpoint location for a changed query.`,
      );
    }
    return seq.offsets.map((o) => (o === null ? null : JSON.parse(o)));
  }

  private async recover(): Promise<void> {
    const plan = planRecovery(this.offsetLog.latest(), this.commitLog.latest(), (id) =>
      this.offsetLog.get(id),
    );
    const conf = this.o.session.conf;
    if (plan.kind === 'fresh') {
      for (const k of PINNED_CONFS) this.pinnedConf[k] = conf.get(k) ?? '';
      this.committed = this.sources.map(() => null);
      this.nextBatchId = 0;
      return;
    }
    const seq = plan.kind === 'resume' ? plan.committed : plan.offsets;
    this.pinnedConf = { ...seq.metadata.conf };
    if (plan.kind === 'resume') {
      this.committed = this.parseOffsets(plan.committed);
      this.nextBatchId = plan.nextBatchId;
      return;
    }
    // re-run the uncommitted batch with exactly its logged offsets
    const previous = plan.previous ? this.parseOffsets(plan.previous) : this.sources.map(() => null);
    const ends = this.parseOffsets(plan.offsets);
    this.committed = previous;
    this.nextBatchId = plan.batchId;
    await this.runBatch(plan.batchId, previous, ends, plan.offsets.metadata.batchTimestampMs, true);
  }

  private async triggerLoop(): Promise<void> {
    const trigger = this.o.trigger;
    let availableNowTargets: (Offset | null)[] | undefined;
    if (trigger.kind === 'availableNow') {
      for (const s of this.sources) s.prepareForTriggerAvailableNow?.();
      availableNowTargets = await Promise.all(
        this.sources.map((s, i) => s.latestOffset(this.committed[i] ?? null, { kind: 'all' })),
      );
    }
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
      if (ran) this.lastIdleEventMs = Number.NEGATIVE_INFINITY;
      else if (triggerStart - this.lastIdleEventMs >= this.noDataEventIntervalMs()) {
        // as Spark: the first idle trigger after data is reported, then at most one per interval
        this.lastIdleEventMs = triggerStart;
        this.o.listeners.post('onQueryIdle', {
          id: this.id,
          runId: this.runId,
          timestamp: new Date(triggerStart).toISOString(),
        });
      }
      if (trigger.kind === 'once') break;
      if (trigger.kind === 'availableNow' && (!ran || sameOffsets(this.committed, availableNowTargets!)))
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

  private lastIdleEventMs = Number.NEGATIVE_INFINITY;

  /** spark.sql.streaming.noDataProgressEventInterval: ms, or a duration like '10s' (default 10 s). */
  private noDataEventIntervalMs(): number {
    const v = this.o.session.conf.get('spark.sql.streaming.noDataProgressEventInterval') ?? '10000';
    return /^\d+$/.test(v.trim())
      ? Number(v)
      : parseDuration(v, 'spark.sql.streaming.noDataProgressEventInterval');
  }

  /** A signal that only stop() fires (processing-time triggers ignore new-data wake-ups). */
  private readonly stopSignal = new WakeSignal();

  /**
   * Runs a batch if any source has new data; returns whether one ran. Trigger.Once reads all
   * available data (read limits do not apply); under Trigger.AvailableNow a source that cannot
   * stop at a target by itself reads up to the target it reported at start.
   */
  private async runOneTrigger(availableNowTargets?: readonly (Offset | null)[]): Promise<boolean> {
    const t0 = performance.now();
    const ends: (Offset | null)[] = [];
    for (let i = 0; i < this.sources.length; i++) {
      const s = this.sources[i]!;
      if (availableNowTargets && !s.prepareForTriggerAvailableNow) {
        ends.push(availableNowTargets[i] ?? null);
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
    if (!isRerun || !this.offsetLog.get(batchId)) {
      await time('walCommit', () => {
        this.offsetLog.add(batchId, {
          metadata: { batchWatermarkMs: 0, batchTimestampMs, conf: this.pinnedConf },
          offsets: ends.map((e) => (e === null ? null : JSON.stringify(e))),
        });
      });
    }
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
    const operatorIds = statefulOperatorIds(physical);
    for (const op of operatorIds) {
      let p = this.stateProviders.get(op);
      if (!p) {
        p = new FileStateStoreProvider(join(this.o.checkpointLocation, 'state', String(op)));
        this.stateProviders.set(op, p);
      }
      p.open(batchId);
    }
    let numOutputRows = 0;
    await time('addBatch', async () => {
      const rows = await session.runPhysical(physical, this.stateProviders);
      for (const op of operatorIds) this.stateProviders.get(op)!.commit();
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
    await time('commitOffsets', async () => {
      this.commitLog.add(batchId, 0);
      for (let i = 0; i < this.sources.length; i++) {
        const e = ends[i];
        if (e !== null && e !== undefined) await this.sources[i]!.commit(e);
      }
    });
    for (const op of operatorIds) this.stateProviders.get(op)!.maintenance(100);
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
      operatorIds,
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
    operatorIds: readonly number[],
    numStatePartitions: number,
    batchTimestampMs: number,
  ): void {
    const numInputRows = inputCounts.reduce((a, b) => a + Math.max(0, b), 0);
    const secs = Math.max(1, durationMs.triggerExecution ?? 1) / 1000;
    const prev = this.recentProgress[this.recentProgress.length - 1];
    const sinceLast = prev ? (batchTimestampMs - Date.parse(prev.timestamp)) / 1000 : 0;
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
    const stateOperators: StateOperatorProgress[] = operatorIds.map((op) => {
      const m = this.stateProviders.get(op)!.metrics();
      return {
        operatorName: 'stateStoreSave',
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
    this.recentProgress.push(progress);
    if (this.recentProgress.length > MAX_RECENT_PROGRESS) this.recentProgress.shift();
    this.o.listeners.post('onQueryProgress', { progress });
  }

  // ------------------------------------------------------------------ control

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wake.wake();
    this.stopSignal.wake();
    await this.loopDone;
  }

  awaitTermination(timeoutMs?: number): Promise<boolean> {
    if (!this.active && this.loopDone === undefined) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        if (this.exception) reject(this.exception);
        else resolve(true);
      };
      if (!this.active) return done();
      this.terminationWaiters.push(done);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.terminationWaiters = this.terminationWaiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

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

  get lastProgress(): StreamingQueryProgress | null {
    return this.recentProgress[this.recentProgress.length - 1] ?? null;
  }

  explain(): string {
    return `== Physical Plan ==\nWriteToMicroBatchDataSource ${this.o.sink.description()}\n`;
  }
}

function sameOffsets(a: readonly (Offset | null)[], b: readonly (Offset | null)[]): boolean {
  return a.every((x, i) => JSON.stringify(x ?? null) === JSON.stringify(b[i] ?? null));
}

function statefulOperatorIds(p: PhysicalPlan): number[] {
  const out: number[] = [];
  const visit = (n: PhysicalPlan) => {
    if (n.kind === 'statefulAggregateExec') out.push(n.operatorId);
    for (const c of physicalChildren(n)) visit(c);
  };
  visit(p);
  return out.sort((a, b) => a - b);
}
