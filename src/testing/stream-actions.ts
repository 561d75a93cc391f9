/**
 * The steps of a StreamTest (`StreamTest.addData`, `checkAnswer`, `crash`, …): each is a value
 * describing itself (for the failure report) and how to run it against the test's query.
 *
 * Invariant: a step that waits, waits for an event of the query (a batch done, the loop asleep on
 * the ManualClock, termination), bounded by the test's timeout — never for an amount of time.
 */
import type { StreamingQueryProgress } from '../streaming/progress.js';
import type { StreamingQuery } from '../streaming/streaming-query.js';
import type { StreamingQueryListener } from '../streaming/streaming-query-listener.js';
import type { TriggerOptions } from '../streaming/trigger.js';
import type { StreamTest } from './stream-test.js';
import { canonicalValue, type ExpectedRow } from './stream-test-rows.js';

export interface StreamAction {
  readonly description: string;
  run(t: StreamTest): Promise<void>;
  /** Starts the query (no implicit start before it). */
  readonly starts?: boolean;
  /** Runs even when the query has failed (it deals with the failure). */
  readonly failureAware?: boolean;
}

/** Where `crash()` kills the next batch: before the sink wrote its rows, or after (but before the commit log). */
export type CrashPoint = 'beforeSinkWrite' | 'afterSinkWrite';

export interface AnswerOptions {
  /** Compare in order (default false: as multisets). */
  readonly ordered?: boolean;
}

export type FailureMatcher = RegExp | string | ((e: Error) => boolean);

/** The error the StreamTest sink throws to simulate a crash. */
export class InjectedCrash extends Error {}

const action = (
  description: string,
  run: (t: StreamTest) => Promise<void> | void,
  flags: { starts?: boolean; failureAware?: boolean } = {},
): StreamAction => ({ description, run: async (t) => run(t), ...flags });

/** Starts (or restarts, from the same checkpoint) the query; `trigger` replaces the trigger. */
export function startStream(opts: { trigger?: TriggerOptions } = {}): StreamAction {
  const description = `startStream(${opts.trigger ? JSON.stringify(opts.trigger) : ''})`;
  return action(description, (t) => t.start(opts.trigger), { starts: true });
}
/** Stops the query gracefully (the batch in flight completes). */
export function stopStream(): StreamAction {
  return action('stopStream()', async (t) => {
    await t.query?.stop();
  });
}
/** stopStream() then startStream(). */
export function restart(): StreamAction {
  return action('restart()', async (t) => {
    await t.query?.stop();
    t.start(undefined);
  });
}
/** Appends rows to a MemoryStream (the query picks them up as its trigger allows). */
export function addData(
  stream: { addData(rows: readonly unknown[]): unknown },
  rows: readonly unknown[],
): StreamAction {
  return action(`addData(${canonicalValue(rows)})`, () => {
    stream.addData(rows);
  });
}
/** Moves the ManualClock; if that releases a trigger, waits until it has run. */
export function advanceClock(ms: number): StreamAction {
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
export function processAllAvailable(): StreamAction {
  return action('processAllAvailable()', (t) => t.processAvailable());
}
/**
 * Checks everything the sink holds: complete mode → the last batch; append/update → all batches.
 * First waits for available data to be processed — except with a processing-time trigger,
 * where only `advanceClock` runs triggers.
 */
export function checkAnswer(rows: readonly ExpectedRow[], opts: AnswerOptions = {}): StreamAction {
  return action(`checkAnswer(${canonicalValue(rows)})`, async (t) => {
    await t.processAvailable();
    t.compare(rows, t.outputMode === 'complete' ? t.lastBatch() : t.allRows(), opts.ordered ?? false);
    t.lastCheckedBatch = t.lastBatchId();
  });
}
/** Checks the rows of the last batch only. */
export function checkLastBatch(rows: readonly ExpectedRow[], opts: AnswerOptions = {}): StreamAction {
  return action(`checkLastBatch(${canonicalValue(rows)})`, async (t) => {
    await t.processAvailable();
    t.compare(rows, t.lastBatch(), opts.ordered ?? false);
    t.lastCheckedBatch = t.lastBatchId();
  });
}
/** Checks the rows of the batches written since the previous check. */
export function checkNewAnswer(rows: readonly ExpectedRow[], opts: AnswerOptions = {}): StreamAction {
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
export function crash(at: CrashPoint = 'afterSinkWrite', ...during: StreamAction[]): StreamAction {
  return action(
    `crash(${at}${during.map((d) => `, ${d.description}`).join('')})`,
    async (t) => {
      t.armedCrash = at;
      for (const d of during) await d.run(t);
      const q = t.query;
      if (q?.isActive && !t.isTimeDriven()) {
        await t.within(
          q.processAllAvailable().catch(() => undefined),
          'the crashing batch',
        );
      }
      t.armedCrash = undefined;
      if (q?.isActive) await q.stop();
      const e = q?.exception();
      if (e && hasCause(e, (c) => c instanceof InjectedCrash)) t.expectedFailures.add(e);
    },
    { failureAware: true },
  );
}
/** Waits for the query to fail (or takes the error `start()` threw) and checks the error. */
export function expectFailure(matcher?: FailureMatcher): StreamAction {
  return action(
    `expectFailure(${matcher === undefined ? '' : String(matcher)})`,
    async (t) => {
      const e = t.startError ?? (await t.awaitFailure());
      if (matcher !== undefined && !matches(e, matcher)) {
        throw new Error(`The query failed with an unexpected error: ${e.message}`, { cause: e });
      }
      t.expectedFailures.add(e);
      t.startError = undefined;
    },
    { failureAware: true },
  );
}
/** Waits until the query stops by itself (Trigger.Once / AvailableNow). */
export function awaitTermination(): StreamAction {
  return action('awaitTermination()', async (t) => {
    const q = t.requireQuery();
    await t.within(q.awaitTermination(), 'the query to terminate');
  });
}
/**
 * Waits until the query's progress (this run's, oldest first) satisfies `done` — for sources
 * whose data arrives from outside (a socket) rather than through `addData`.
 */
export function awaitProgress(
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
export function awaitInputRows(n: number): StreamAction {
  return awaitProgress((all) => all.reduce((sum, p) => sum + p.numInputRows, 0) >= n, `awaitInputRows(${n})`);
}
/** Runs a check against the query (throw, or return false, to fail). */
export function assertOnQuery(
  check: (q: StreamingQuery, t: StreamTest) => unknown,
  message = 'assertOnQuery',
): StreamAction {
  return action(message, async (t) => {
    const ok = await check(t.requireQuery(), t);
    if (ok === false) throw new Error(`Assertion failed: ${message}`);
  });
}
/** Runs any code as a step (write to a socket, change a file, …). */
export function execute(description: string, fn: (t: StreamTest) => unknown): StreamAction {
  return action(description, async (t) => {
    await fn(t);
  });
}

export function terminated(q: StreamingQuery): Promise<void> {
  return q.awaitTermination().then(
    () => undefined,
    () => undefined,
  );
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
