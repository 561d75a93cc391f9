/**
 * What every way of running a streaming query shares (Spark's StreamExecution): the query's
 * identity (id kept in the checkpoint, runId per start), its sources and checkpoint logs, the
 * life cycle (started → running → terminated, with listener events), progress records, waiting
 * for termination, and the clean-up when the query ends. `MicroBatchExecution` and
 * `ContinuousExecution` supply the loop itself (`runActivated`).
 *
 * Invariants:
 * - a failure anywhere in the loop ends the query with the error in `exception` (awaitTermination
 *   rejects with it) and leaves the checkpoint ready for a restart;
 * - when the query ends, its sources and sink are stopped (releasing their subscriptions), then
 *   onQueryTerminated is posted, then a temporary checkpoint is deleted — unless the query failed
 *   (`spark.sql.streaming.forceDeleteTempCheckpointLocation=true` deletes it anyway) — and only
 *   then do awaitTermination() waiters resolve.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Session } from '../dataframe/session.js';
import type { PhysicalPlan } from '../exec/physical-plan.js';
import { physicalTree } from '../plan/explain.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { SluiceError } from '../util/errors.js';
import { CheckpointPaths } from './checkpoint/checkpoint-paths.js';
import { CommitLog } from './checkpoint/commit-log.js';
import { OffsetLog, type OffsetSeq } from './checkpoint/offset-log.js';
import { type Clock, WakeSignal } from './clock.js';
import { streamingRelations } from './incremental-execution.js';
import type { StreamingQueryProgress } from './progress.js';
import type { OutputMode, Sink } from './sink.js';
import { lookupSourceProvider, type Offset, type Source } from './source.js';
import type { ListenerBus } from './streaming-query-listener.js';
import type { Trigger } from './trigger.js';

/** Confs fixed at the first run of a query and restored from its checkpoint afterwards. */
export const PINNED_CONFS = ['spark.sql.shuffle.partitions'];
const MAX_RECENT_PROGRESS = 100;

export interface StreamExecutionOptions {
  readonly session: Session;
  readonly plan: LogicalPlan;
  readonly sink: Sink;
  readonly outputMode: OutputMode;
  readonly trigger: Trigger;
  readonly checkpointLocation: string;
  readonly name: string | null;
  readonly clock: Clock;
  readonly listeners: ListenerBus;
  /** The checkpoint is a temporary folder made for this run: delete it when the query ends well. */
  readonly deleteCheckpointOnStop?: boolean;
}

export type QueryStatus = { message: string; isDataAvailable: boolean; isTriggerActive: boolean };

export abstract class StreamExecution {
  readonly id: string;
  readonly runId = randomUUID();
  readonly paths: CheckpointPaths;
  protected readonly offsetLog: OffsetLog;
  protected readonly commitLog: CommitLog;
  protected readonly relations: LogicalPlan[];
  protected sources: Source[] = [];
  /** The end offsets of the last committed batch/epoch, one per source (null: nothing read yet). */
  protected committed: (Offset | null)[] = [];
  protected nextBatchId = 0;
  protected pinnedConf: Record<string, string> = {};
  /** Wakes the loop: new data, stop, processAllAvailable. */
  protected readonly wake = new WakeSignal();
  /** A signal that only stop() fires (time-driven loops ignore new-data wake-ups). */
  protected readonly stopSignal = new WakeSignal();
  protected stopRequested = false;
  private loopDone: Promise<void> | undefined;
  private terminationWaiters: (() => void)[] = [];
  /** Set once the loop and its clean-up are over. */
  private ended = false;
  exception: SluiceError | undefined;
  active = false;
  readonly recentProgress: StreamingQueryProgress[] = [];
  status: QueryStatus = { message: 'Initializing sources', isDataAvailable: false, isTriggerActive: false };

  constructor(protected readonly o: StreamExecutionOptions) {
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

  /** The loop: recover from the checkpoint, then run until stopped, finished or failed. */
  protected abstract runActivated(): Promise<void>;
  /** Resolves once every row available when it was called has been processed (or the query stopped). */
  abstract processAllAvailable(): Promise<void>;
  /** The physical plan of the last batch (continuous: of the query), once there is one. */
  protected lastPhysical: PhysicalPlan | undefined;
  /** Spark's query.explain(): the sink over the last batch's physical plan. */
  explain(): string {
    const p = this.lastPhysical;
    if (!p) return 'No physical plan. Waiting for data.\n';
    const [first, ...rest] = physicalTree(p).trimEnd().split('\n');
    const write =
      this.o.trigger.kind === 'continuous' ? 'WriteToContinuousDataSource' : 'WriteToMicroBatchDataSource';
    return `== Physical Plan ==\n${write} ${this.o.sink.description()}\n+- ${first}\n${rest.map((l) => `   ${l}\n`).join('')}`;
  }
  /** Called (once) when the loop has ended, before waiters are released. */
  protected onTerminated(): void {}

  /** Creates the sources, posts onQueryStarted and runs the loop in the background. */
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
      await this.runActivated();
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
      this.onTerminated();
      this.o.listeners.post('onQueryTerminated', {
        id: this.id,
        runId: this.runId,
        exception: this.exception ? this.exception.message : null,
        errorClassOnException: this.exception ? this.exception.errorClass : null,
      });
      this.deleteTemporaryCheckpoint();
      this.ended = true;
      for (const w of this.terminationWaiters.splice(0)) w();
    }
  }

  private deleteTemporaryCheckpoint(): void {
    if (!this.o.deleteCheckpointOnStop) return;
    const force = this.o.session.conf.get('spark.sql.streaming.forceDeleteTempCheckpointLocation') === 'true';
    if (this.exception && !force) return;
    // best effort, as Spark: a folder that cannot be deleted is left behind
    try {
      rmSync(this.o.checkpointLocation, { recursive: true, force: true });
    } catch {
      /* left behind */
    }
  }

  // ------------------------------------------------------------------ helpers for the loops

  protected parseOffsets(seq: OffsetSeq): (Offset | null)[] {
    if (seq.offsets.length !== this.sources.length) {
      throw new SluiceError(
        'STREAMING_SOURCES_CHANGED',
        `The query has ${this.sources.length} sources but its checkpoint at ${this.o.checkpointLocation} was written by a query with ${seq.offsets.length}. Use a new checkpoint location for a changed query.`,
      );
    }
    return seq.offsets.map((o) => (o === null ? null : JSON.parse(o)));
  }

  /** Pins the confs of a fresh query, or restores them from the checkpoint's offset entry. */
  protected pinConfs(seq: OffsetSeq | undefined): void {
    if (seq) {
      this.pinnedConf = { ...seq.metadata.conf };
      return;
    }
    const conf = this.o.session.conf;
    for (const k of PINNED_CONFS) this.pinnedConf[k] = conf.get(k) ?? '';
  }

  /** Keeps `spark.sql.streaming.minBatchesToRetain` (100) entries of the offset and commit logs. */
  protected purgeLogs(lastBatchId: number): void {
    const keep = Number(this.o.session.conf.get('spark.sql.streaming.minBatchesToRetain') ?? '100');
    if (!(keep > 0) || lastBatchId + 1 <= keep) return;
    this.offsetLog.purge(lastBatchId + 1 - keep);
    this.commitLog.purge(lastBatchId + 1 - keep);
  }

  protected recordProgress(progress: StreamingQueryProgress): void {
    this.recentProgress.push(progress);
    if (this.recentProgress.length > MAX_RECENT_PROGRESS) this.recentProgress.shift();
    this.o.listeners.post('onQueryProgress', { progress });
  }

  /** Posts onQueryIdle (Spark: the first idle trigger after data, then at most once per interval). */
  private lastIdleEventMs = Number.NEGATIVE_INFINITY;
  protected noteTrigger(hadData: boolean, triggerStartMs: number, noDataEventIntervalMs: number): void {
    if (hadData) {
      this.lastIdleEventMs = Number.NEGATIVE_INFINITY;
      return;
    }
    if (triggerStartMs - this.lastIdleEventMs < noDataEventIntervalMs) return;
    this.lastIdleEventMs = triggerStartMs;
    this.o.listeners.post('onQueryIdle', {
      id: this.id,
      runId: this.runId,
      timestamp: new Date(triggerStartMs).toISOString(),
    });
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
      if (this.ended) return done();
      this.terminationWaiters.push(done);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.terminationWaiters = this.terminationWaiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  get lastProgress(): StreamingQueryProgress | null {
    return this.recentProgress[this.recentProgress.length - 1] ?? null;
  }
}
