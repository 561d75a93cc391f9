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
import type { StreamingQueryProgress } from '../streaming/progress.js';
import type { StreamingQuery } from '../streaming/streaming-query.js';
import type { StreamingQueryListener } from '../streaming/streaming-query-listener.js';
import type { TriggerOptions } from '../streaming/trigger.js';
import { StreamTestClock } from './stream-test-clock.js';
import { canonicalRow, canonicalValue, diffAnswers, type ExpectedRow } from './stream-test-rows.js';

export type { ExpectedRow } from './stream-test-rows.js';

/** Where `crash()` kills the next batch: before the sink wrote its rows, or after (but before the commit log). */
export type CrashPoint = 'beforeSinkWrite' | 'afterSinkWrite';

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

export interface StreamAction {
  readonly description: string;
  run(t: StreamTest): Promise<void>;
}

export interface AnswerOptions {
  /** Compare in order (default false: as multisets). */
  readonly ordered?: boolean;
}

type FailureMatcher = RegExp | string | ((e: Error) => boolean);

class InjectedCrash extends Error {}

const action = (description: string, run: (t: StreamTest) => Promise<void> | void): StreamAction => ({
  description,
  run: async (t) => run(t),
});

export class StreamTest {
  readonly clock: StreamTestClock;
  readonly checkpointLocation: string;
  /** The running (or last) query. */
  query: StreamingQuery | undefined;
  /** Rows the sink received, by batch id (a re-run batch is kept once). */
  readonly batches = new Map<number, Row[]>();
  private readonly ownsCheckpoint: boolean;
  private readonly outputMode: OutputMode;
  private readonly columns: string[];
  private readonly timeoutMs: number;
  private trigger: TriggerOptions | undefined;
  private startError: Error | undefined;
  private readonly expectedFailures = new Set<Error>();
  private armedCrash: CrashPoint | undefined;
  private lastCheckedBatch = -1;

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

  /** Runs the actions in order; stops the query at the end and fails on any unexpected error. */
  async run(actions: readonly StreamAction[]): Promise<void> {
    const all = actions[0] && isStart(actions[0]) ? actions : [StreamTest.startStream(), ...actions];
    let i = 0;
    try {
      for (; i < all.length; i++) {
        const a = all[i]!;
        if (!isFailureAware(a)) this.assertNoUnexpectedFailure();
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

  // ---------------------------------------------------------------- the actions

  /** Starts (or restarts, from the same checkpoint) the query; `trigger` replaces the trigger. */
  static startStream(opts: { trigger?: TriggerOptions } = {}): StreamAction {
    const a = action(`startStream(${opts.trigger ? JSON.stringify(opts.trigger) : ''})`, (t) => t.start(opts.trigger));
    return Object.assign(a, { starts: true });
  }
  /** Stops the query gracefully (the batch in flight completes). */
  static stopStream(): StreamAction {
    return action('stopStream()', async (t) => {
      await t.query?.stop();
    });
  }
  /** stopStream() then startStream(). */
  static restart(): StreamAction {
    return action('restart()', async (t) => {
      await t.query?.stop();
      t.start(undefined);
    });
  }
  /** Appends rows to a MemoryStream (the query picks them up as its trigger allows). */
  static addData(stream: { addData(rows: readonly unknown[]): unknown }, rows: readonly unknown[]): StreamAction {
    return action(`addData(${canonicalValue(rows)})`, () => {
      stream.addData(rows);
    });
  }
  /** Moves the ManualClock; if that releases a trigger, waits until it has run. */
  static advanceClock(ms: number): StreamAction {
    return action(`advanceClock(${ms})`, async (t) => {
      const q = t.query;
      // as Spark's AdvanceManualClock: first let the trigger in flight finish
      if (q?.isActive) await t.untilAsleep(q);
      const watch = t.clock.nextSleep();
      const released = t.clock.advanceAndCount(ms);
      if (released === 0 || !q?.isActive) {
        watch.cancel();
        return;
      }
      await t.within(Promise.race([watch.slept, terminated(q)]), `the trigger released by advanceClock(${ms})`);
      watch.cancel();
    });
  }
  /** Waits until the query has processed everything available (see `checkAnswer`). */
  static processAllAvailable(): StreamAction {
    return action('processAllAvailable()', (t) => t.processAvailable());
  }
  /**
   * Checks everything the sink holds: complete mode → the last batch; append/update → all batches.
   * First waits for available data to be processed — except with a processing-time trigger,
   * where only `advanceClock` runs triggers.
   */
  static checkAnswer(rows: readonly ExpectedRow[], opts: AnswerOptions = {}): StreamAction {
    return action(`checkAnswer(${canonicalValue(rows)})`, async (t) => {
      await t.processAvailable();
      t.compare(rows, t.outputMode === 'complete' ? t.lastBatch() : t.allRows(), opts.ordered ?? false);
      t.lastCheckedBatch = t.lastBatchId();
    });
  }
  /** Checks the rows of the last batch only. */
  static checkLastBatch(rows: readonly ExpectedRow[], opts: AnswerOptions = {}): StreamAction {
    return action(`checkLastBatch(${canonicalValue(rows)})`, async (t) => {
      await t.processAvailable();
      t.compare(rows, t.lastBatch(), opts.ordered ?? false);
      t.lastCheckedBatch = t.lastBatchId();
    });
  }
  /** Checks the rows of the batches written since the previous check. */
  static checkNewAnswer(rows: readonly ExpectedRow[], opts: AnswerOptions = {}): StreamAction {
    return action(`checkNewAnswer(${canonicalValue(rows)})`, async (t) => {
      await t.processAvailable();
      const fresh = [...t.batches].filter(([id]) => id > t.lastCheckedBatch).flatMap(([, r]) => r);
      t.compare(rows, fresh, opts.ordered ?? false);
      t.lastCheckedBatch = t.lastBatchId();
    });
  }
  /**
   * Kills the next batch inside the sink at `at`, as a crash would: the batch's offsets are
   * logged but it never commits. Runs `during` (e.g. the addData that makes the batch) with the
   * crash armed, then waits for the query to die; with no batch to kill, the query just stops.
   */
  static crash(at: CrashPoint = 'afterSinkWrite', ...during: StreamAction[]): StreamAction {
    return Object.assign(
      action(`crash(${at}${during.map((d) => `, ${d.description}`).join('')})`, async (t) => {
        t.armedCrash = at;
        for (const d of during) await d.run(t);
        const q = t.query;
        if (q?.isActive && !t.isTimeDriven()) {
          await t.within(q.processAllAvailable().catch(() => undefined), 'the crashing batch');
        }
        t.armedCrash = undefined;
        if (q?.isActive) await q.stop();
        const e = q?.exception();
        if (e && hasCause(e, (c) => c instanceof InjectedCrash)) t.expectedFailures.add(e);
      }),
      { failureAware: true },
    );
  }
  /** Waits for the query to fail (or takes the error `start()` threw) and checks the error. */
  static expectFailure(matcher?: FailureMatcher): StreamAction {
    return Object.assign(
      action(`expectFailure(${matcher === undefined ? '' : String(matcher)})`, async (t) => {
        const e = t.startError ?? (await t.awaitFailure());
        if (matcher !== undefined && !matches(e, matcher)) {
          throw new Error(`The query failed with an unexpected error: ${e.message}`, { cause: e });
        }
        t.expectedFailures.add(e);
        t.startError = undefined;
      }),
      { failureAware: true },
    );
  }
  /** Waits until the query stops by itself (Trigger.Once / AvailableNow). */
  static awaitTermination(): StreamAction {
    return action('awaitTermination()', async (t) => {
      const q = t.requireQuery();
      await t.within(q.awaitTermination(), 'the query to terminate');
    });
  }
  /**
   * Waits until the query's progress (this run's, oldest first) satisfies `done` — for sources
   * whose data arrives from outside (a socket) rather than through `addData`.
   */
  static awaitProgress(
    done: (progress: readonly StreamingQueryProgress[]) => boolean,
    description = 'awaitProgress',
  ): StreamAction {
    return action(description, async (t) => {
      const q = t.requireQuery();
      if (done(q.recentProgress)) return;
      let listener: StreamingQueryListener | undefined;
      try {
        await t.within(
          new Promise<void>((resolve, reject) => {
            listener = {
              onQueryProgress: (e) => {
                if (e.progress.runId === q.runId && done(q.recentProgress)) resolve();
              },
            };
            t.session.streams.addListener(listener);
            void terminated(q).then(() =>
              done(q.recentProgress) ? resolve() : reject(new Error('The query stopped first')),
            );
          }),
          description,
        );
      } finally {
        if (listener) t.session.streams.removeListener(listener);
      }
    });
  }
  /** Waits until this run of the query has read `n` input rows in all. */
  static awaitInputRows(n: number): StreamAction {
    return StreamTest.awaitProgress(
      (all) => all.reduce((sum, p) => sum + p.numInputRows, 0) >= n,
      `awaitInputRows(${n})`,
    );
  }
  /** Runs a check against the query (throw, or return false, to fail). */
  static assertOnQuery(
    check: (q: StreamingQuery, t: StreamTest) => unknown,
    message = 'assertOnQuery',
  ): StreamAction {
    return action(message, async (t) => {
      const ok = await check(t.requireQuery(), t);
      if (ok === false) throw new Error(`Assertion failed: ${message}`);
    });
  }
  /** Runs any code as a step (write to a socket, change a file, …). */
  static execute(description: string, fn: (t: StreamTest) => unknown): StreamAction {
    return action(description, async (t) => {
      await fn(t);
    });
  }

  // ---------------------------------------------------------------- internals

  private start(trigger: TriggerOptions | undefined): void {
    if (this.query?.isActive) throw new Error('startStream(): the query is already running');
    if (trigger) this.trigger = trigger;
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
      if (diff) throw new Error(`Batch ${batchId} was re-run with different rows than its first run:\n${diff}`);
    } else {
      this.batches.set(batchId, rows);
    }
    if (crash === 'afterSinkWrite') {
      this.armedCrash = undefined;
      throw new InjectedCrash(`StreamTest: injected crash after the sink wrote batch ${batchId}`);
    }
  }

  private isTimeDriven(): boolean {
    return this.trigger?.processingTime !== undefined && this.trigger.processingTime !== 0;
  }

  /** Waits until the query's loop sleeps on the clock (its trigger done) or the query ends. */
  private async untilAsleep(q: StreamingQuery): Promise<void> {
    if (!q.isActive || this.clock.waiting > 0) return;
    const watch = this.clock.nextSleep();
    try {
      await this.within(Promise.race([watch.slept, terminated(q)]), 'the query to wait for its next trigger');
    } finally {
      watch.cancel();
    }
  }

  private async processAvailable(): Promise<void> {
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

  private async awaitFailure(): Promise<Error> {
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

  private requireQuery(): StreamingQuery {
    if (this.startError) throw this.startError;
    if (!this.query) throw new Error('The query has not been started');
    return this.query;
  }

  private assertNoUnexpectedFailure(): void {
    if (this.startError) throw this.startError;
    const e = this.query?.exception();
    if (e && !this.expectedFailures.has(e)) throw e;
  }

  private async within<T>(p: Promise<T>, what: string): Promise<T> {
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

  private lastBatchId(): number {
    return Math.max(-1, ...this.batches.keys());
  }
  private lastBatch(): Row[] {
    return this.batches.get(this.lastBatchId()) ?? [];
  }
  private allRows(): Row[] {
    return [...this.batches].sort(([a], [b]) => a - b).flatMap(([, r]) => r);
  }

  private compare(expected: readonly ExpectedRow[], actual: readonly Row[], ordered: boolean): void {
    const diff = diffAnswers(
      expected.map((r) => canonicalRow(r, this.columns)),
      actual.map((r) => canonicalRow(r, this.columns)),
      ordered,
    );
    if (diff) throw new Error(`Incorrect answer\n${diff}`);
  }

  private diagnosis(actions: readonly StreamAction[], failedAt: number, e: unknown): string {
    const q = this.query;
    const lines = [
      `StreamTest failed at step ${failedAt + 1}: ${actions[failedAt]?.description ?? '(after the last step)'}`,
      `${e instanceof Error ? e.message : String(e)}`,
      '',
      '== Steps ==',
      ...actions.map((a, i) => `${i === failedAt ? '=> ' : '   '}${a.description}`),
      '',
      `== Sink (${this.outputMode} mode): ${this.batches.size} batches ==`,
      ...[...this.batches].map(([id, rows]) => `batch ${id}: ${rows.map((r) => canonicalRow(r, this.columns)).join(', ')}`),
      '',
      `== Query == ${q ? `active=${q.isActive} status=${JSON.stringify(q.status)}` : 'not started'}`,
      `clock=${this.clock.now()} checkpoint=${this.checkpointLocation}`,
    ];
    const err = q?.exception();
    if (err) lines.push(`exception: ${err.message}`);
    return lines.join('\n');
  }
}

function terminated(q: StreamingQuery): Promise<void> {
  return q.awaitTermination().then(
    () => undefined,
    () => undefined,
  );
}
function isStart(a: StreamAction): boolean {
  return (a as { starts?: boolean }).starts === true;
}
function isFailureAware(a: StreamAction): boolean {
  return (a as { failureAware?: boolean }).failureAware === true;
}
function hasCause(e: unknown, p: (c: unknown) => boolean): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) if (p(c)) return true;
  return false;
}
function matches(e: Error, m: FailureMatcher): boolean {
  if (typeof m === 'function') return m(e);
  if (typeof m === 'string') return e.message.includes(m) || (e as { errorClass?: string }).errorClass === m;
  return m.test(e.message);
}
