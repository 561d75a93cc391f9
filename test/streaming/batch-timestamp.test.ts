/**
 * current_timestamp() / now() / current_date() in a micro-batch query are the batch's timestamp
 * (Spark's CurrentBatchTimestamp: the time the batch was planned, kept in offsets/N), not the time
 * the query started or the wall clock; a batch re-run after a crash sees the same value.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { functions as F, MemoryStream, Session, StreamTest } from '../../src/index.js';

const { addData, advanceClock, assertOnQuery, checkAnswer, checkNewAnswer, crash, startStream } = StreamTest;

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
afterAll(() => spark.stop());

const DAY_MS = 86_400_000;

describe('current time in a micro-batch', () => {
  it('is the clock time of the batch, and the same when the batch re-runs', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const df = s
      .toDF()
      .select(
        F.col('v'),
        F.unix_micros(F.current_timestamp()).alias('ts'),
        F.unix_micros(F.now()).alias('now'),
        F.expr('unix_date(current_date())').alias('day'),
      );
    // the clock starts at 0; one trigger per day so current_date() moves too
    await new StreamTest(spark, df, { trigger: { processingTime: DAY_MS } }).run([
      addData(s, [1]),
      advanceClock(DAY_MS), // batch 0 at day 1
      checkNewAnswer([[1, DAY_MS * 1000, DAY_MS * 1000, 1]]),
      // batch 1 runs at day 2, writes its rows and dies before its commit
      crash('afterSinkWrite', addData(s, [2]), advanceClock(DAY_MS)),
      advanceClock(5 * DAY_MS), // the restart happens days later…
      addData(s, [3]),
      // …re-runs batch 1 with its logged timestamp (the sink checks the rows match the first
      // run), then its first trigger, at day 7, reads the new row as batch 2
      startStream(),
      checkAnswer([
        [1, DAY_MS * 1000, DAY_MS * 1000, 1],
        [2, 2 * DAY_MS * 1000, 2 * DAY_MS * 1000, 2],
        [3, 7 * DAY_MS * 1000, 7 * DAY_MS * 1000, 7],
      ]),
      assertOnQuery((q) =>
        expect(q.recentProgress.map((p) => [p.batchId, p.timestamp])).toEqual([
          [1, '1970-01-03T00:00:00.000Z'],
          [2, '1970-01-08T00:00:00.000Z'],
        ]),
      ),
    ]);
  });

  it('uses the batch timestamp in a SQL query over a stream', async () => {
    const s = new MemoryStream(spark, 'v INT');
    s.toDF().createOrReplaceTempView('batch_ts_events');
    const df = spark.sql('SELECT v, unix_millis(current_timestamp()) AS ms FROM batch_ts_events');
    await new StreamTest(spark, df, { trigger: { processingTime: 1000 } }).run([
      addData(s, [1]),
      advanceClock(3000), // the trigger at t=0 found nothing; the late one fires at t=3000
      checkAnswer([[1, 3000]]),
    ]);
  });
});
