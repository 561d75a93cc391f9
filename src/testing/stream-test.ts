/**
 * `StreamTest`: runs a streaming DataFrame as a query and drives it step by step, like Spark's
 * StreamTest, so streaming tests never depend on how long anything takes:
 *
 *   const { addData, checkAnswer, stopStream, startStream } = StreamTest;
 *   const lines = new MemoryStream(spark, 'value STRING');
 *   const counts = lines.toDF().select(F.explode(F.split('value', ' ')).alias('word')).groupBy('word').count();
 *   await new StreamTest(spark, counts, { outputMode: 'complete' }).run([
 *     addData(lines, ['spark scala spark']),
 *     checkAnswer([['spark', 2], ['scala', 1]]),
 *     stopStream(),
 *     startStream(),                      // same checkpoint: resumes after the last commit
 *     addData(lines, ['spark']),
 *     checkAnswer([['spark', 3], ['scala', 1]]),
 *   ]);
 *
 * The query runs on a ManualClock (`advanceClock(ms)` moves it and waits for the trigger it
 * releases) and writes to a capturing sink that lives across restarts, keeps batch ids idempotent
 * (a re-run batch is not written twice) and fails the query if a re-run batch differs from the
 * first run — so recovery tests check exactly-once as well as the answer. `crash(at)` makes the
 * next batch die inside the sink (before or after its rows are written, before the commit log),
 * leaving the checkpoint as a crash would; `startStream()` then recovers from it.
 *
 * Invariants: each wait resolves on an event (batch done, loop asleep, query terminated); the
 * timeout only turns a hang into a readable failure. The stream starts before the first action
 * unless that action is `startStream`; a query failure that no `expectFailure`/`crash` expected
 * fails the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataFrame } from '../dataframe/dataframe.js';
import type { Row } from '../dataframe/row.js';
import type { Session } from '../dataframe/session.js';
import type { OutputMode } from '../streaming/sink.js';
import type { StreamingQuery } from '../streaming/streaming-query.js';
import type { TriggerOptions } from '../streaming/trigger.js';
import * as actions from './stream-actions.js';
import { type CrashPoint, InjectedCrash, type StreamAction, terminated } from './stream-actions.js';
import { StreamTestClock } from './stream-test-clock.js';
import { canonicalRow, diffAnswers, type ExpectedRow } from './stream-test-rows.js';

export type { AnswerOptions, CrashPoint, FailureMatcher, StreamAction } from './stream-actions.js';
export type { ExpectedRow } from './stream-test-rows.js';

export interface StreamTestOptions {
  /** Default 'append'. */
  readonly outputMode?: OutputMode;
  /** Default: the default trigger (next batch as soon as data arrives). */
  readonly trigger?: TriggerOptions;
  /** Default: a fresh temporary folder, removed when `run()` ends. */
  readonly checkpointLocation?: string;
  readonly queryName?: string;
  /** The ManualClock's time when the test starts (ms since the epoch, default 0). */
  readonly startTimeMs?: number;
  /** How long one wait may take before the test fails with a diagnosis (default 30 s). */
  readonly timeoutMs?: number;
}

export class StreamTest {
  readonly clock: StreamTestClock;
  readonly checkpointLocation: string;
  /** The running (or last) query. */
  query: StreamingQuery | undefined;
  /** Rows the sink received, by batch id (a re-run batch is kept once). */
  readonly batches = new Map<number, Row[]>();
  readonly outputMode: OutputMode;
  /** @internal the error start() threw, until an expectFailure takes it */
  startError: Error | undefined;
  /** @internal failures that an expectFailure or crash step accounted for */
  readonly expectedFailures = new Set<Error>();
  /** @internal where the sink kills the next batch */
  armedCrash: CrashPoint | undefined;
  /** @internal the last batch id a check* step looked at */
  lastCheckedBatch = -1;
  private readonly ownsCheckpoint: boolean;
  private readonly columns: string[];
  private readonly timeoutMs: number;
  private trigger: TriggerOptions | undefined;

  constructor(
    readonly session: Session,
    readonly df: DataFrame,
    private readonly options: StreamTestOptions = {},
  ) {
    this.clock = new StreamTestClock(options.startTimeMs ?? 0);
    this.ownsCheckpoint = options.checkpointLocation === undefined;
    this.checkpointLocation =
      options.checkpointLocation ?? mkdtempSync(join(tmpdir(), 'sluice-stream-test-'));
    this.outputMode = options.outputMode ?? 'append';
    this.columns = df.schema.fields.map((f) => f.name);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.trigger = options.trigger;
  }

  /** Runs the steps in order; stops the query at the end and fails on any unexpected error. */
  async run(steps: readonly StreamAction[]): Promise<void> {
    const all = steps[0]?.starts ? steps : [actions.startStream(), ...steps];
    let i = 0;
    try {
      for (; i < all.length; i++) {
        const a = all[i]!;
        if (!a.failureAware) this.assertNoUnexpectedFailure();
        await a.run(this);
      }
      if (this.query?.isActive) await this.query.stop();
      this.assertNoUnexpectedFailure();
    } catch (e) {
      if (this.query?.isActive) await this.query.stop().catch(() => undefined);
      throw new Error(this.diagnosis(all, i, e), { cause: e });
    } finally {
      if (this.ownsCheckpoint) rmSync(this.checkpointLocation, { recursive: true, force: true });
    }
  }

  // ---------------------------------------------------------------- the actions (stream-actions.ts)

  static readonly startStream = actions.startStream;
  static readonly stopStream = actions.stopStream;
  static readonly restart = actions.restart;
  static readonly addData = actions.addData;
  static readonly advanceClock = actions.advanceClock;
  static readonly processAllAvailable = actions.processAllAvailable;
  static readonly checkAnswer = actions.checkAnswer;
  static readonly checkLastBatch = actions.checkLastBatch;
  static readonly checkNewAnswer = actions.checkNewAnswer;
  static readonly crash = actions.crash;
  static readonly expectFailure = actions.expectFailure;
  static readonly awaitTermination = actions.awaitTermination;
  static readonly awaitProgress = actions.awaitProgress;
  static readonly awaitInputRows = actions.awaitInputRows;
  static readonly assertOnQuery = actions.assertOnQuery;
  static readonly execute = actions.execute;

  // ---------------------------------------------------------------- internals

  /** @internal */
  start(trigger: TriggerOptions | undefined): void {
    if (this.query?.isActive) throw new Error('startStream(): the query is already running');
    if (trigger) this.trigger = trigger;
    if (this.trigger?.continuous !== undefined) {
      // its capturing sink is a foreachBatch, which the continuous trigger does not allow
      throw new Error(
        'StreamTest drives micro-batch queries; test a continuous query with a memory or foreach sink on a ManualClock.',
      );
    }
    const w = this.df.writeStream
      .outputMode(this.outputMode)
      .withClock(this.clock)
      .option('checkpointLocation', this.checkpointLocation)
      .foreachBatch((df, batchId) => this.capture(df, batchId));
    if (this.trigger) w.trigger(this.trigger);
    if (this.options.queryName) w.queryName(this.options.queryName);
    try {
      this.query = w.start();
      this.startError = undefined;
    } catch (e) {
      this.startError = e instanceof Error ? e : new Error(String(e));
    }
  }

  private async capture(df: DataFrame, batchId: number): Promise<void> {
    const crash = this.armedCrash;
    if (crash === 'beforeSinkWrite') {
      this.armedCrash = undefined;
      throw new InjectedCrash(`StreamTest: injected crash before the sink wrote batch ${batchId}`);
    }
    const rows = await df.collect();
    const previous = this.batches.get(batchId);
    if (previous) {
      const diff = diffAnswers(
        previous.map((r) => canonicalRow(r, this.columns)),
        rows.map((r) => canonicalRow(r, this.columns)),
        false,
      );
      if (diff)
        throw new Error(`Batch ${batchId} was re-run with different rows than its first run:\n${diff}`);
    } else {
      this.batches.set(batchId, rows);
    }
    if (crash === 'afterSinkWrite') {
      this.armedCrash = undefined;
      throw new InjectedCrash(`StreamTest: injected crash after the sink wrote batch ${batchId}`);
    }
  }

  /** @internal whether only advanceClock runs triggers (a processing-time trigger) */
  isTimeDriven(): boolean {
    return this.trigger?.processingTime !== undefined && this.trigger.processingTime !== 0;
  }

  /** @internal waits until the query's loop sleeps on the clock (its trigger done) or the query ends */
  async untilAsleep(q: StreamingQuery): Promise<void> {
    if (!q.isActive || this.clock.waiting > 0) return;
    const watch = this.clock.nextSleep();
    try {
      await this.within(Promise.race([watch.slept, terminated(q)]), 'the query to wait for its next trigger');
    } finally {
      watch.cancel();
    }
  }

  /** @internal waits until the data available now is processed, as the trigger allows */
  async processAvailable(): Promise<void> {
    if (this.startError) throw this.startError;
    const q = this.query;
    if (!q?.isActive) return;
    // with a processing-time trigger only advanceClock runs triggers: finish the one in flight
    if (this.isTimeDriven()) return this.untilAsleep(q);
    if (this.trigger?.once || this.trigger?.availableNow) {
      await this.within(q.awaitTermination(), 'the query to finish its Trigger.Once/AvailableNow run');
      return;
    }
    await this.within(q.processAllAvailable(), 'the query to process all available data');
  }

  /** @internal waits for the query to fail and returns its error */
  async awaitFailure(): Promise<Error> {
    const q = this.requireQuery();
    const done: Promise<unknown> =
      this.isTimeDriven() || !q.isActive ? q.awaitTermination() : q.processAllAvailable();
    await this.within(
      done.catch(() => undefined),
      'the query to fail',
    );
    const e = q.exception();
    if (!e) {
      throw new Error(q.isActive ? 'The query has not failed.' : 'The query stopped without an error.');
    }
    return e;
  }

  /** @internal */
  requireQuery(): StreamingQuery {
    if (this.startError) throw this.startError;
    if (!this.query) throw new Error('The query has not been started');
    return this.query;
  }

  private assertNoUnexpectedFailure(): void {
    if (this.startError) throw this.startError;
    const e = this.query?.exception();
    if (e && !this.expectedFailures.has(e)) throw e;
  }

  /** @internal `p`, or a readable failure after the test's timeout */
  async within<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Timed out after ${this.timeoutMs} ms waiting for ${what}`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([p, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** @internal */
  lastBatchId(): number {
    return Math.max(-1, ...this.batches.keys());
  }
  /** @internal */
  lastBatch(): Row[] {
    return this.batches.get(this.lastBatchId()) ?? [];
  }
  /** @internal */
  allRows(): Row[] {
    return [...this.batches].sort(([a], [b]) => a - b).flatMap(([, r]) => r);
  }

  /** @internal fails with a Spark-style diff unless `actual` is `expected` */
  compare(expected: readonly ExpectedRow[], actual: readonly Row[], ordered: boolean): void {
    const diff = diffAnswers(
      expected.map((r) => canonicalRow(r, this.columns)),
      actual.map((r) => canonicalRow(r, this.columns)),
      ordered,
    );
    if (diff) throw new Error(`Incorrect answer\n${diff}`);
  }

  private diagnosis(steps: readonly StreamAction[], failedAt: number, e: unknown): string {
    const q = this.query;
    const lines = [
      `StreamTest failed at step ${failedAt + 1}: ${steps[failedAt]?.description ?? '(after the last step)'}`,
      `${e instanceof Error ? e.message : String(e)}`,
      '',
      '== Steps ==',
      ...steps.map((a, i) => `${i === failedAt ? '=> ' : '   '}${a.description}`),
      '',
      `== Sink (${this.outputMode} mode): ${this.batches.size} batches ==`,
      ...[...this.batches].map(
        ([id, rows]) => `batch ${id}: ${rows.map((r) => canonicalRow(r, this.columns)).join(', ')}`,
      ),
      '',
      `== Query == ${q ? `active=${q.isActive} status=${JSON.stringify(q.status)}` : 'not started'}`,
      `clock=${this.clock.now()} checkpoint=${this.checkpointLocation}`,
    ];
    const err = q?.exception();
    if (err) lines.push(`exception: ${err.message}`);
    return lines.join('\n');
  }
}
