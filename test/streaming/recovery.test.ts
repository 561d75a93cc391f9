/**
 * Checkpoint recovery, end to end through the public API: a restarted query resumes after its
 * last committed batch; a batch that logged its offsets but never committed is re-run with
 * exactly those offsets (the StreamTest sink fails the query if a re-run differs from the first
 * run); ids survive restarts; a checkpoint from a different query is refused.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { functions as F, MemoryStream, Session, StreamTest } from '../../src/index.js';

const {
  addData,
  advanceClock,
  assertOnQuery,
  checkAnswer,
  checkLastBatch,
  checkNewAnswer,
  crash,
  expectFailure,
  processAllAvailable,
  restart,
  startStream,
  stopStream,
} = StreamTest;

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).getOrCreate();
const dirs: string[] = [];
afterAll(() => {
  spark.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sluice-recovery-'));
  dirs.push(d);
  return d;
};

const wordCounts = (lines: MemoryStream) =>
  lines
    .toDF()
    .select(F.explode(F.split(F.col('value'), ' ')).alias('word'))
    .groupBy('word')
    .count();

const lastRun = (q: {
  recentProgress: { batchId: number; sources: readonly { startOffset: unknown; endOffset: unknown }[] }[];
}) => q.recentProgress.map((p) => [p.batchId, p.sources[0]!.startOffset, p.sources[0]!.endOffset]);

describe('restart from a checkpoint', () => {
  it('resumes after the last commit: no row twice, batch ids continue', async () => {
    const s = new MemoryStream(spark, 'v INT');
    await new StreamTest(spark, s.toDF()).run([
      addData(s, [1, 2]),
      checkAnswer([[1], [2]]),
      stopStream(),
      addData(s, [3]),
      startStream(),
      checkAnswer([[1], [2], [3]]),
      assertOnQuery((q) => expect(lastRun(q)).toEqual([[1, 2, 3]])),
      restart(),
      addData(s, [4]),
      checkAnswer([[1], [2], [3], [4]]),
      assertOnQuery((q) => expect(lastRun(q)).toEqual([[2, 3, 4]])),
    ]);
  });

  it('keeps the query id and gives each run a new runId', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const ids: { id: string; runId: string }[] = [];
    const remember = assertOnQuery((q) => {
      ids.push({ id: q.id, runId: q.runId });
    }, 'remember ids');
    await new StreamTest(spark, s.toDF()).run([
      remember,
      restart(),
      remember,
      stopStream(),
      startStream(),
      remember,
    ]);
    expect(new Set(ids.map((x) => x.id)).size).toBe(1);
    expect(new Set(ids.map((x) => x.runId)).size).toBe(3);
  });

  it('restores aggregation state', async () => {
    const lines = new MemoryStream(spark, 'value STRING');
    await new StreamTest(spark, wordCounts(lines), { outputMode: 'update' }).run([
      addData(lines, ['spark scala scala spark structured streaming spark scala scala spark']),
      checkLastBatch([
        ['spark', 4],
        ['scala', 4],
        ['structured', 1],
        ['streaming', 1],
      ]),
      restart(),
      addData(lines, ['spark scala scala spark']),
      checkLastBatch([
        ['spark', 6],
        ['scala', 6],
      ]),
    ]);
  });
});

describe('a batch that did not commit', () => {
  for (const at of ['beforeSinkWrite', 'afterSinkWrite'] as const) {
    it(`is re-run with the same offsets after a crash ${at}`, async () => {
      const s = new MemoryStream(spark, 'v INT');
      await new StreamTest(spark, s.toDF()).run([
        addData(s, [1]),
        checkAnswer([[1]]),
        crash(at, addData(s, [2, 3])),
        addData(s, [4]), // arrives while the query is down: must not join the re-run batch
        startStream(),
        checkAnswer([[1], [2], [3], [4]]),
        // batch 1 re-ran over (1, 3] exactly, then batch 2 read the new row
        assertOnQuery((q) =>
          expect(lastRun(q)).toEqual([
            [1, 1, 3],
            [2, 3, 4],
          ]),
        ),
      ]);
    });
  }

  it('does not count twice in a stateful aggregation', async () => {
    const lines = new MemoryStream(spark, 'value STRING');
    await new StreamTest(spark, wordCounts(lines), { outputMode: 'complete' }).run([
      addData(lines, ['spark scala scala spark structured streaming spark scala scala spark']),
      checkAnswer([
        ['spark', 4],
        ['scala', 4],
        ['structured', 1],
        ['streaming', 1],
      ]),
      crash('afterSinkWrite', addData(lines, ['spark scala scala spark'])),
      startStream(),
      checkAnswer([
        ['spark', 6],
        ['scala', 6],
        ['structured', 1],
        ['streaming', 1],
      ]),
      crash('beforeSinkWrite', addData(lines, ['spark'])),
      startStream(),
      addData(lines, ['scala']),
      checkAnswer([
        ['spark', 7],
        ['scala', 7],
        ['structured', 1],
        ['streaming', 1],
      ]),
    ]);
  });

  it('replays the rate source exactly (same rows, same timestamps)', async () => {
    const rate = spark.readStream.format('rate').option('rowsPerSecond', 2).option('numPartitions', 1).load();
    const ts = (ms: number) => new Date(ms);
    await new StreamTest(spark, rate).run([
      advanceClock(1000),
      checkAnswer([
        [ts(0), 0],
        [ts(500), 1],
      ]),
      crash('afterSinkWrite', advanceClock(1000)),
      advanceClock(5000), // time passes while the query is down
      startStream(),
      checkNewAnswer([
        [ts(1000), 2],
        [ts(1500), 3],
        ...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((v) => [ts(v * 500), v]),
      ]),
      assertOnQuery((q) =>
        // batch 0 was Spark's empty first batch over (none, 0]
        expect(lastRun(q)).toEqual([
          [2, 1, 2],
          [3, 2, 7],
        ]),
      ),
    ]);
  });
});

describe('a checkpoint written by another query', () => {
  it('fails clearly when the number of sources changed', async () => {
    const checkpointLocation = tempDir();
    const a = new MemoryStream(spark, 'v INT');
    const b = new MemoryStream(spark, 'v INT');
    await new StreamTest(spark, a.toDF(), { checkpointLocation }).run([addData(a, [1]), checkAnswer([[1]])]);
    expect(readdirSync(join(checkpointLocation, 'commits'))).toContain('0');
    await new StreamTest(spark, a.toDF().union(b.toDF()), { checkpointLocation }).run([
      expectFailure(
        /\[STREAMING_SOURCES_CHANGED\] The query has 2 sources but its checkpoint at .* was written by a query with 1\./,
      ),
    ]);
  });

  it('fails clearly when the stateful part of the query changed (keys, aggregates, operators)', async () => {
    const checkpointLocation = tempDir();
    const s = new MemoryStream(spark, 'k STRING, n INT');
    const byKey = s.toDF().groupBy('k').agg(F.sum('n').alias('total'));
    await new StreamTest(spark, byKey, { checkpointLocation, outputMode: 'update' }).run([
      addData(s, [['a', 1]]),
      checkAnswer([['a', 1]]),
    ]);
    const changed = [
      [
        s.toDF().groupBy('k', 'n').count(),
        /^\[STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE\] Provided key schema does not match existing state key schema\.\nPlease check number and type of fields\.\nExisting key_schema=struct<k:string> and new key_schema=struct<k:string,n:int>\./,
      ],
      [
        s.toDF().groupBy('k').agg(F.max('n').alias('total')),
        /^\[STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE\] Provided value schema does not match existing state value schema\..*Existing value_schema=struct<sum:bigint> and new value_schema=struct<max:int>\./s,
      ],
      [
        s.toDF().filter(F.col('n').gt(0)),
        /\[STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA\].*Stateful operators in the metadata: \[stateStoreSave\]; Stateful operators in current batch: \[\]\./s,
      ],
    ] as const;
    for (const [df, message] of changed) {
      await new StreamTest(spark, df, { checkpointLocation, outputMode: 'update' }).run([
        addData(s, [['b', 2]]),
        expectFailure(message),
      ]);
    }
    // the original query still runs on its checkpoint: it re-runs the batch the failed attempts
    // logged (the first ['b', 2]), then reads the rest
    await new StreamTest(spark, byKey, { checkpointLocation, outputMode: 'update' }).run([
      addData(s, [['a', 5]]),
      processAllAvailable(),
      checkLastBatch([
        ['a', 6],
        ['b', 6],
      ]),
    ]);
  });

  it('keeps the last spark.sql.streaming.minBatchesToRetain offset and commit entries, and still restarts', async () => {
    const checkpointLocation = tempDir();
    const s = new MemoryStream(spark, 'v INT');
    spark.conf.set('spark.sql.streaming.minBatchesToRetain', '3');
    try {
      const steps = [0, 1, 2, 3, 4, 5].flatMap((i) => [addData(s, [i]), processAllAvailable()]);
      await new StreamTest(spark, s.toDF(), { checkpointLocation }).run([
        ...steps,
        stopStream(),
        startStream(),
        addData(s, [6]),
        checkAnswer([[0], [1], [2], [3], [4], [5], [6]]),
      ]);
      expect(readdirSync(join(checkpointLocation, 'offsets')).sort()).toEqual(['4', '5', '6']);
      expect(readdirSync(join(checkpointLocation, 'commits')).sort()).toEqual(['4', '5', '6']);
    } finally {
      spark.conf.unset('spark.sql.streaming.minBatchesToRetain');
    }
  });
});
