/**
 * The rate and rate-micro-batch sources on a ManualClock, with the numbers Spark produces for the
 * same options (checked against pyspark 4.x): values, timestamps, ramp-up, partition order, batch
 * boundaries, option errors, and the start time kept in the checkpoint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session, StreamTest } from '../../src/index.js';

const { advanceClock, assertOnQuery, awaitTermination, checkAnswer, checkNewAnswer, restart } = StreamTest;

const spark = Session.builder().master('local[2]').getOrCreate();
afterAll(() => spark.stop());

const T0 = 1_795_275_167_327; // any start time: offsets count whole seconds from it
const at = (ms: number) => new Date(T0 + ms);
const offsets = (q: {
  recentProgress: {
    sources: readonly { startOffset: unknown; endOffset: unknown }[];
    numInputRows: number;
  }[];
}) => q.recentProgress.map((p) => [p.sources[0]!.startOffset, p.sources[0]!.endOffset, p.numInputRows]);

describe('rate', () => {
  it('emits rowsPerSecond rows a second, value v at start + v / rowsPerSecond', async () => {
    const rate = spark.readStream.format('rate').option('rowsPerSecond', 4).option('numPartitions', 1).load();
    expect(rate.schema.fields.map((f) => `${f.name}:${f.dataType.kind}:${f.nullable}`)).toEqual([
      'timestamp:timestamp:true',
      'value:long:true',
    ]);
    await new StreamTest(spark, rate, { startTimeMs: T0 }).run([
      advanceClock(999),
      checkAnswer([]),
      advanceClock(1),
      checkAnswer([0, 1, 2, 3].map((v) => [at(v * 250), v])),
      advanceClock(2500),
      checkNewAnswer([4, 5, 6, 7, 8, 9, 10, 11].map((v) => [at(v * 250), v])),
      assertOnQuery((q) =>
        // as Spark: the first trigger runs an empty batch over (none, 0]
        expect(offsets(q)).toEqual([
          [null, 0, 0],
          [0, 1, 4],
          [1, 3, 8],
        ]),
      ),
    ]);
  });

  it('ramps up as Spark does and spreads values over partitions round-robin', async () => {
    const rate = spark.readStream
      .format('rate')
      .options({ rowsPerSecond: 10, rampUpTime: '2s', numPartitions: 2 })
      .load();
    await new StreamTest(spark, rate, { startTimeMs: T0 }).run([
      advanceClock(1000),
      // partition 0 holds 0 and 2, partition 1 holds 1
      checkAnswer(
        [
          [at(0), 0],
          [at(667), 2],
          [at(333), 1],
        ],
        { ordered: true },
      ),
      advanceClock(19_000),
      assertOnQuery((q) => {
        // Spark's run with the same options read 186 rows over seconds (1, 20]
        expect(offsets(q)).toEqual([
          [null, 0, 0],
          [0, 1, 3],
          [1, 20, 186],
        ]);
      }),
      StreamTest.assertOnQuery((_q, t) => {
        const batch1 = t.batches
          .get(2)!
          .map((r) => [r.get('value'), (r.get('timestamp') as Date).getTime() - T0]);
        expect(batch1.slice(0, 3)).toEqual([
          [3, 1000],
          [5, 1204],
          [7, 1409],
        ]);
        expect(batch1.find(([v]) => v === 4)).toEqual([4, 1102]);
        expect(batch1.find(([v]) => v === 188)).toEqual([188, 19898]);
      }),
    ]);
  });

  it('keeps its start time in the checkpoint, so a restart continues the sequence', async () => {
    const rate = spark.readStream.format('rate').option('rowsPerSecond', 2).option('numPartitions', 1).load();
    const test = new StreamTest(spark, rate, { startTimeMs: T0 });
    let startFile = '';
    await test.run([
      advanceClock(1000),
      checkAnswer([
        [at(0), 0],
        [at(500), 1],
      ]),
      StreamTest.execute('read the start time', (t) => {
        startFile = readFileSync(join(t.checkpointLocation, 'sources', '0', '0'), 'utf8');
      }),
      restart(),
      advanceClock(1000),
      checkNewAnswer([
        [at(1000), 2],
        [at(1500), 3],
      ]),
    ]);
    expect(startFile).toBe(`v1\n${T0}`);
  });

  it('rejects bad options at load() with Spark’s messages', () => {
    const load = (o: Record<string, string>) => () => spark.readStream.format('rate').options(o).load();
    expect(load({ rowsPerSecond: '0' })).toThrow(
      "Invalid value '0'. The option 'rowsPerSecond' must be positive",
    );
    expect(load({ rowsPerSecond: 'fast' })).toThrow(
      "Invalid value 'fast'. The option 'rowsPerSecond' must be an integer",
    );
    expect(load({ rampUpTime: '-1s' })).toThrow(
      "Invalid value '-1'. The option 'rampUpTime' must not be negative",
    );
    expect(load({ rampUpTime: 'soon' })).toThrow(
      /Time must be specified as seconds \(s\), milliseconds \(ms\)/,
    );
    expect(load({ numPartitions: '0' })).toThrow(
      "Invalid value '0'. The option 'numPartitions' must be positive",
    );
    expect(() => spark.readStream.format('rate').schema('a INT').load()).toThrow(
      'RateStreamProvider source does not support user-specified schema.',
    );
    expect(() => spark.readStream.format('RATE').option('ROWSPERSECOND', '5').load()).not.toThrow();
  });
});

describe('rate-micro-batch', () => {
  const rmb = (o: Record<string, string | number> = {}) =>
    spark.readStream
      .format('rate-micro-batch')
      .options({ rowsPerBatch: 3, numPartitions: 2, startTimestamp: 1000, advanceMillisPerBatch: 500, ...o })
      .load();

  it('emits rowsPerBatch rows per batch, each batch stamped advanceMillisPerBatch later', async () => {
    await new StreamTest(spark, rmb(), { trigger: { processingTime: '10 seconds' } }).run([
      checkAnswer(
        [
          [new Date(1000), 0],
          [new Date(1000), 2],
          [new Date(1000), 1],
        ],
        { ordered: true },
      ),
      advanceClock(60_000), // however late the trigger, a batch is still 3 rows
      checkNewAnswer([3, 4, 5].map((v) => [new Date(1500), v])),
      assertOnQuery((q) =>
        expect(offsets(q)).toEqual([
          [null, { offset: 3, timestamp: 1500 }, 3],
          [{ offset: 3, timestamp: 1500 }, { offset: 6, timestamp: 2000 }, 3],
        ]),
      ),
      assertOnQuery(
        (q) =>
          q.lastProgress!.sources[0]!.description ===
          'RatePerMicroBatchStream[rowsPerBatch=3, numPartitions=2, startTimestamp=1000, advanceMsPerBatch=500]',
      ),
    ]);
  });

  it('gives one batch under Trigger.AvailableNow, as Spark', async () => {
    await new StreamTest(spark, rmb(), { trigger: { availableNow: true } }).run([
      awaitTermination(),
      checkAnswer([0, 1, 2].map((v) => [new Date(1000), v])),
    ]);
  });

  it('rejects bad options at load() with Spark’s messages', () => {
    const load = (o: Record<string, string>) => () =>
      spark.readStream.format('rate-micro-batch').options(o).load();
    expect(load({})).toThrow("Invalid value '0'. The option 'rowsPerBatch' must be positive");
    expect(load({ rowsPerBatch: '1', startTimestamp: '-1' })).toThrow(
      "Invalid value '-1'. The option 'startTimestamp' must be non-negative",
    );
    expect(load({ rowsPerBatch: '1', advanceMillisPerBatch: '-1' })).toThrow(
      "Invalid value '-1'. The option 'advanceMillisPerBatch' must be non-negative",
    );
    expect(load({ rowsPerBatch: '1', numPartitions: '-2' })).toThrow(
      "Invalid value '-2'. The option 'numPartitions' must be positive",
    );
  });
});
