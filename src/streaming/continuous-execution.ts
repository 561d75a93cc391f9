/**
 * The continuous trigger (Spark's ContinuousExecution): rows are processed as soon as the source
 * has them, a small chunk at a time, and the query's progress is committed once per checkpoint
 * interval as an *epoch*:
 *
 *   poll the source → run the chunk through the compiled plan → hand the output to the epoch's
 *   writer … at the interval's end: offsets/N (where epoch N ended) → sink commit of epoch N →
 *   commits/N → source.commit → progress report → epoch N+1 begins
 *
 * One engine: the query's plan (map-like only — projections and filters, checked at start) is
 * planned once by the same incremental planner as a micro-batch, over a leaf that reads this
 * execution's chunk buffer, so expressions compile once and every chunk runs the same physical
 * plan through the same scheduler.
 *
 * Invariants: one chunk at a time; an epoch's offsets are written before its sink commit, its
 * commit entry after; a query stopped mid-epoch commits nothing of that epoch (the rows are read
 * again after a restart); on restart an epoch with offsets but no commit is re-run with exactly
 * those offsets (so a replayable source and an idempotent sink stay exactly-once), then new
 * epochs continue from there. Epochs follow the interval even without data (as in Spark, the
 * console prints every epoch).
 */
import { DataFrame } from '../dataframe/dataframe.js';
import type { PhysicalPlan } from '../exec/physical-plan.js';
import { physicalChildren } from '../exec/physical-plan.js';
import { attributeReference, type Row } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { planRecovery } from './checkpoint/recovery.js';
import { planBatch, substituteBatches } from './incremental-execution.js';
import { StreamingQueryProgress } from './progress.js';
import type { EpochWriter } from './sink.js';
import type { Offset } from './source.js';
import { StreamExecution } from './stream-execution.js';

/** How often a source without data-available events is polled for new rows. */
const POLL_MS = 10;

interface Epoch {
  readonly id: number;
  readonly startMs: number;
  readonly startOffset: Offset | null;
  readonly writer: EpochWriter;
  inputRows: number;
  outputRows: number;
}

export class ContinuousExecution extends StreamExecution {
  /** The leaf of the compiled plan reads this buffer: one chunk's input rows while it runs. */
  private readonly chunk: Row[] = [];
  private physical: PhysicalPlan | undefined;
  private position: Offset | null = null;
  private epochWaiters: (() => void)[] = [];
  /** Polls of the source so far, and the last poll before the last epoch commit. */
  private polls = 0;
  private lastPollCommitted = 0;

  private get intervalMs(): number {
    return this.o.trigger.kind === 'continuous' ? this.o.trigger.intervalMs : 1000;
  }

  protected async runActivated(): Promise<void> {
    this.physical = this.compile();
    this.lastPhysical = this.physical;
    this.status = { message: 'Running', isDataAvailable: false, isTriggerActive: false };
    await this.recover();
    await this.epochLoop();
  }

  protected override onTerminated(): void {
    for (const w of this.epochWaiters.splice(0)) w();
  }

  /** Plans the query once, over a leaf that reads `this.chunk`. */
  private compile(): PhysicalPlan {
    const rel = this.relations[0]!;
    const leaf: LogicalPlan = {
      kind: 'localRelation',
      output: outputOf(rel).map((a) => attributeReference(a.name, a.dataType, a.nullable)),
      rows: this.chunk,
      numPartitions: 1,
    };
    const physical = planBatch(this.o.session, substituteBatches(this.o.plan, this.relations, [leaf]), {
      outputMode: this.o.outputMode,
      numStatePartitions: 1,
    });
    const reads = (p: PhysicalPlan): boolean =>
      (p.kind === 'localTableScan' && p.rows === this.chunk) || physicalChildren(p).some(reads);
    if (!reads(physical)) throw new Error('internal error: the continuous plan lost its input buffer');
    return physical;
  }

  private async recover(): Promise<void> {
    const plan = planRecovery(this.offsetLog.latest(), this.commitLog.latest(), (id) =>
      this.offsetLog.get(id),
    );
    if (plan.kind === 'fresh') {
      this.pinConfs(undefined);
      this.committed = [null];
      return;
    }
    this.pinConfs(plan.kind === 'resume' ? plan.committed : plan.offsets);
    if (plan.kind === 'resume') {
      this.committed = this.parseOffsets(plan.committed);
      this.nextBatchId = plan.nextBatchId;
      this.position = this.committed[0] ?? null;
      return;
    }
    // an epoch that was cut short before its commit: re-run it with exactly its logged offsets
    this.committed = plan.previous ? this.parseOffsets(plan.previous) : [null];
    this.position = this.committed[0] ?? null;
    this.nextBatchId = plan.batchId;
    const end = this.parseOffsets(plan.offsets)[0] ?? null;
    const epoch = await this.openEpoch(plan.batchId);
    if (end !== null && !sameOffset(end, this.position)) await this.processChunk(epoch, end);
    await this.commitEpoch(epoch, true, this.polls);
  }

  private async epochLoop(): Promise<void> {
    const clock = this.o.clock;
    let epoch: Epoch | undefined;
    let deadline = nextMultiple(clock.now(), this.intervalMs);
    try {
      while (!this.stopRequested) {
        epoch ??= await this.openEpoch(this.nextBatchId);
        const now = clock.now();
        const poll = ++this.polls;
        const latest = await this.sources[0]!.latestOffset(this.position, { kind: 'all' });
        if (this.stopRequested) break;
        const hasData = latest !== null && !sameOffset(latest, this.position);
        if (hasData) {
          this.status = { message: 'Running', isDataAvailable: true, isTriggerActive: true };
          await this.processChunk(epoch, latest);
          this.status = { message: 'Running', isDataAvailable: false, isTriggerActive: false };
        }
        if (now >= deadline) {
          // the rows the source had when the epoch's time ran out (read just above) belong to it
          await this.commitEpoch(epoch, false, poll);
          epoch = undefined;
          // a late epoch end starts the next epoch at the next interval boundary (no catch-up storm)
          deadline = nextMultiple(clock.now(), this.intervalMs);
          continue;
        }
        if (hasData) continue;
        await clock.sleepUntil(Math.min(deadline, now + POLL_MS), this.wake);
      }
    } finally {
      // stopped (or failed) mid-epoch: nothing of this epoch is committed
      if (epoch) await epoch.writer.abort().catch(() => undefined);
    }
  }

  private async openEpoch(id: number): Promise<Epoch> {
    const sink = this.o.sink;
    const writer = sink.openEpoch ? await sink.openEpoch(id) : this.bufferingWriter(id);
    return {
      id,
      startMs: this.o.clock.now(),
      startOffset: this.position,
      writer,
      inputRows: 0,
      outputRows: 0,
    };
  }

  /** For sinks that take whole batches: the epoch's rows go to `addBatch(epochId)` at its commit. */
  private bufferingWriter(epochId: number): EpochWriter {
    let rows: Row[] = [];
    const { session, sink, outputMode, plan } = this.o;
    return {
      write: async (chunk) => {
        for (const r of chunk) rows.push(r);
      },
      commit: async () => {
        const out = new DataFrame(
          session,
          session.analyze({
            kind: 'localRelation',
            output: outputOf(plan).map((a) => attributeReference(a.name, a.dataType, a.nullable)),
            rows,
            numPartitions: 1,
          }),
        );
        rows = [];
        await sink.addBatch(epochId, out, outputMode);
      },
      abort: async () => {
        rows = [];
      },
    };
  }

  /** Reads (position, end] from the source and runs it through the compiled plan into the epoch. */
  private async processChunk(epoch: Epoch, end: Offset): Promise<void> {
    const session = this.o.session;
    const batch = await this.sources[0]!.getBatch(this.position, end);
    const input = batch.kind === 'localRelation' ? batch.rows : await session.executeInternal(batch);
    this.chunk.length = 0;
    for (const r of input) this.chunk.push(r);
    let out: Row[];
    try {
      out = await session.runPhysical(this.physical!);
    } finally {
      this.chunk.length = 0;
    }
    epoch.inputRows += input.length;
    epoch.outputRows += out.length;
    this.position = end;
    if (out.length > 0) await epoch.writer.write(out);
  }

  private async commitEpoch(epoch: Epoch, isRerun: boolean, lastPoll: number): Promise<void> {
    const t0 = performance.now();
    const end = this.position;
    const timestampMs = this.o.clock.now();
    if (!isRerun || !this.offsetLog.get(epoch.id)) {
      this.offsetLog.add(epoch.id, {
        metadata: { batchWatermarkMs: 0, batchTimestampMs: timestampMs, conf: this.pinnedConf },
        offsets: [end === null ? null : JSON.stringify(end)],
      });
    }
    await epoch.writer.commit();
    this.commitLog.add(epoch.id, 0);
    if (end !== null) await this.sources[0]!.commit(end);
    this.committed = [end];
    this.nextBatchId = epoch.id + 1;
    this.purgeLogs(epoch.id);
    this.lastPollCommitted = lastPoll;
    this.reportEpoch(epoch, end, timestampMs, Math.round(performance.now() - t0));
    for (const w of this.epochWaiters.splice(0)) w();
  }

  private reportEpoch(epoch: Epoch, end: Offset | null, timestampMs: number, commitMs: number): void {
    const prev = this.lastProgress;
    const secs = Math.max(1, timestampMs - epoch.startMs) / 1000;
    const sinceLast = prev ? (timestampMs - Date.parse(prev.timestamp)) / 1000 : secs;
    const inputRate = sinceLast > 0 ? epoch.inputRows / sinceLast : 0;
    this.recordProgress(
      new StreamingQueryProgress({
        id: this.id,
        runId: this.runId,
        name: this.o.name,
        timestamp: new Date(timestampMs).toISOString(),
        batchId: epoch.id,
        batchDuration: Math.round(timestampMs - epoch.startMs),
        numInputRows: epoch.inputRows,
        inputRowsPerSecond: inputRate,
        processedRowsPerSecond: epoch.inputRows / secs,
        durationMs: { commitOffsets: commitMs, triggerExecution: Math.round(timestampMs - epoch.startMs) },
        eventTime: {},
        stateOperators: [],
        sources: [
          {
            description: this.sources[0]!.description(),
            startOffset: epoch.startOffset,
            endOffset: end,
            latestOffset: end,
            numInputRows: epoch.inputRows,
            inputRowsPerSecond: inputRate,
            processedRowsPerSecond: epoch.inputRows / secs,
          },
        ],
        sink: { description: this.o.sink.description(), numOutputRows: epoch.outputRows },
      }),
    );
  }

  /**
   * Resolves once an epoch has committed everything the source had at this call: the first commit
   * whose last poll of the source came after the call (epochs end on the clock, so under a
   * ManualClock the test advances it).
   */
  async processAllAvailable(): Promise<void> {
    const pollsAtCall = this.polls;
    for (;;) {
      if (this.exception) throw this.exception;
      if (!this.active) return;
      if (this.lastPollCommitted > pollsAtCall) return;
      await new Promise<void>((resolve) => {
        this.epochWaiters.push(resolve);
        this.wake.wake();
      });
    }
  }
}

function nextMultiple(t: number, interval: number): number {
  return Math.floor(t / interval) * interval + interval;
}

function sameOffset(a: Offset | null, b: Offset | null): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
