/**
 * Triggers on a ManualClock: processing-time triggers fire on multiples of the interval and a
 * late trigger fires once; Trigger.Once runs one batch of everything; Trigger.AvailableNow runs
 * rate-limited batches up to the data present at start, then stops.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStream, Session, type StreamingQueryListener, StreamTest } from '../../src/index.js';
import { limitedStream } from './fixtures/limited-memory-source.js';

const {
  addData,
  advanceClock,
  assertOnQuery,
  awaitTermination,
  checkAnswer,
  checkNewAnswer,
  crash,
  startStream,
} = StreamTest;

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
afterAll(() => spark.stop());

const batchIds = (q: { recentProgress: { batchId: number; numInputRows: number }[] }) =>
  q.recentProgress.map((p) => [p.batchId, p.numInputRows]);

describe('processing-time trigger', () => {
  it('runs a batch only when the clock reaches the next multiple of the interval', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const idle: string[] = [];
    const listener: StreamingQueryListener = { onQueryIdle: (e) => idle.push(e.timestamp) };
    spark.streams.addListener(listener);
    try {
      await new StreamTest(spark, s.toDF(), { trigger: { processingTime: '1 second' } }).run([
        checkAnswer([]), // the trigger at t=0 found nothing
        addData(s, [1, 2]),
        checkAnswer([]), // no trigger before t=1000
        advanceClock(999),
        checkAnswer([]),
        advanceClock(1),
        checkAnswer([[1], [2]]),
        assertOnQuery((q) => q.lastProgress?.timestamp === '1970-01-01T00:00:01.000Z', 'batch 0 ran at t=1s'),
        addData(s, [3]),
        advanceClock(5000), // 4 intervals late: one trigger, at t=6000
        checkNewAnswer([[3]]),
        assertOnQuery((q) => q.lastProgress?.timestamp === '1970-01-01T00:00:06.000Z', 'batch 1 ran at t=6s'),
        addData(s, [4]),
        advanceClock(999),
        checkNewAnswer([]),
        advanceClock(1), // back on the grid: t=7000
        checkNewAnswer([[4]]),
        assertOnQuery((q) =>
          expect(batchIds(q)).toEqual([
            [0, 2],
            [1, 1],
            [2, 1],
          ]),
        ),
      ]);
    } finally {
      spark.streams.removeListener(listener);
    }
    // t=0 and t=2000… are folded into the single late trigger: only t=0 was idle
    expect(idle).toEqual(['1970-01-01T00:00:00.000Z']);
  });
});

describe('Trigger.Once', () => {
  it('runs one batch with everything available, ignoring read limits, then stops', async () => {
    const s = new MemoryStream(spark, 'v INT');
    s.addData([1, 2, 3]);
    s.addData([4, 5]);
    await new StreamTest(spark, limitedStream(spark, s, 2), { trigger: { once: true } }).run([
      awaitTermination(),
      checkAnswer([[1], [2], [3], [4], [5]]),
      assertOnQuery((q) => expect(batchIds(q)).toEqual([[0, 5]])),
      assertOnQuery((q) => !q.isActive, 'stopped by itself'),
      addData(s, [6]),
      startStream(), // the next Trigger.Once run continues after the last commit
      awaitTermination(),
      checkAnswer([[1], [2], [3], [4], [5], [6]]),
    ]);
  });

  it('after a crash runs only the re-run of the uncommitted batch, as Spark', async () => {
    const s = new MemoryStream(spark, 'v INT');
    await new StreamTest(spark, s.toDF()).run([
      crash('afterSinkWrite', addData(s, [1, 2])), // offsets/0 logged, commits/0 missing
      addData(s, [3]),
      startStream({ trigger: { once: true } }),
      awaitTermination(),
      checkAnswer([[1], [2]]), // batch 0 again with exactly its logged offsets, nothing else
      assertOnQuery((q) => expect(batchIds(q)).toEqual([[0, 2]])),
      startStream({ trigger: { once: true } }), // the next run takes what arrived meanwhile
      awaitTermination(),
      checkNewAnswer([[3]]),
      assertOnQuery((q) => expect(batchIds(q)).toEqual([[1, 1]])),
    ]);
  });
});

/** Adds rows when batch 0 reports progress, i.e. surely after the query fixed its target. */
function addDuringBatch0(s: MemoryStream, rows: unknown[]): () => void {
  const listener: StreamingQueryListener = {
    onQueryProgress: (e) => {
      if (e.progress.batchId === 0) s.addData(rows);
    },
  };
  spark.streams.addListener(listener);
  return () => spark.streams.removeListener(listener);
}

describe('Trigger.AvailableNow', () => {
  it('runs several rate-limited batches up to the data present at start, then stops', async () => {
    const s = new MemoryStream(spark, 'v INT');
    s.addData([1, 2, 3, 4, 5]);
    const stopAdding = addDuringBatch0(s, [6, 7]);
    await new StreamTest(spark, limitedStream(spark, s, 2), { trigger: { availableNow: true } }).run([
      awaitTermination(),
      StreamTest.execute('stop adding', stopAdding),
      checkAnswer([[1], [2], [3], [4], [5]]),
      assertOnQuery((q) =>
        expect(batchIds(q)).toEqual([
          [0, 2],
          [1, 2],
          [2, 1],
        ]),
      ),
      startStream(), // a new run picks up what arrived meanwhile
      awaitTermination(),
      checkNewAnswer([[6], [7]]),
    ]);
  });

  it('after a crash re-runs the uncommitted batch, then goes on to the data present at start', async () => {
    const s = new MemoryStream(spark, 'v INT');
    await new StreamTest(spark, limitedStream(spark, s, 2)).run([
      crash('afterSinkWrite', addData(s, [1, 2])),
      addData(s, [3, 4, 5]),
      startStream({ trigger: { availableNow: true } }),
      awaitTermination(),
      checkAnswer([[1], [2], [3], [4], [5]]),
      assertOnQuery((q) =>
        expect(batchIds(q)).toEqual([
          [0, 2],
          [1, 2],
          [2, 1],
        ]),
      ),
    ]);
  });

  it('gives a source that cannot stop by itself one batch up to its offset at start', async () => {
    const s = new MemoryStream(spark, 'v INT');
    s.addData([1, 2, 3]);
    const stopAdding = addDuringBatch0(s, [4]);
    await new StreamTest(spark, s.toDF(), { trigger: { availableNow: true } }).run([
      awaitTermination(),
      StreamTest.execute('stop adding', stopAdding),
      checkAnswer([[1], [2], [3]]),
      assertOnQuery((q) => expect(batchIds(q)).toEqual([[0, 3]])),
    ]);
  });
});

describe('default trigger', () => {
  it('runs a batch as soon as data arrives, without moving the clock', async () => {
    const s = new MemoryStream(spark, 'v INT');
    await new StreamTest(spark, s.toDF()).run([
      addData(s, [1]),
      checkAnswer([[1]]),
      addData(s, [2, 3]),
      checkNewAnswer([[2], [3]]),
      assertOnQuery((q) => q.lastProgress?.timestamp === '1970-01-01T00:00:00.000Z'),
    ]);
  });
});
