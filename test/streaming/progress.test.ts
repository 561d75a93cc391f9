/**
 * Monitoring a query: lastProgress / recentProgress with Spark's fields, listener events
 * (started, progress, idle, terminated), and how a failing batch surfaces (awaitTermination
 * rejects with it, exception() holds it, the terminated event carries it).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  functions as F,
  ManualClock,
  MemoryStream,
  Session,
  type StreamingQueryListener,
  StreamTest,
} from '../../src/index.js';

const { addData, assertOnQuery, checkAnswer } = StreamTest;

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 4).getOrCreate();
afterAll(() => spark.stop());

const DURATION_KEYS = [
  'addBatch',
  'commitOffsets',
  'getBatch',
  'latestOffset',
  'queryPlanning',
  'triggerExecution',
  'walCommit',
];

describe('progress', () => {
  it('reports each batch with Spark’s fields', async () => {
    const lines = new MemoryStream(spark, 'value STRING');
    const counts = lines
      .toDF()
      .select(F.explode(F.split(F.col('value'), ' ')).alias('word'))
      .groupBy('word')
      .count();
    await new StreamTest(spark, counts, { outputMode: 'complete', queryName: 'word_counts' }).run([
      addData(lines, ['spark scala scala spark structured streaming spark scala scala spark']),
      addData(lines, ['spark scala scala spark']),
      checkAnswer([
        ['spark', 6],
        ['scala', 6],
        ['structured', 1],
        ['streaming', 1],
      ]),
      assertOnQuery((q) => {
        const all = q.recentProgress;
        expect(all.map((p) => p.batchId)).toEqual(all.map((_, i) => i));
        const p = q.lastProgress!;
        expect(p).toBe(all[all.length - 1]);
        expect(p.id).toBe(q.id);
        expect(p.runId).toBe(q.runId);
        expect(p.name).toBe('word_counts');
        expect(p.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Object.keys(p.durationMs).sort()).toEqual(DURATION_KEYS);
        for (const v of Object.values(p.durationMs)) expect(v).toBeGreaterThanOrEqual(0);
        const last = all.filter((x) => x.numInputRows > 0);
        expect(last.reduce((n, x) => n + x.numInputRows, 0)).toBe(2);
        const final = last[last.length - 1]!;
        expect(final.stateOperators).toHaveLength(1);
        expect(final.stateOperators[0]).toMatchObject({ operatorName: 'stateStoreSave', numRowsTotal: 4 });
        expect(final.sources[0]).toMatchObject({ description: 'MemoryStream[value]', endOffset: 2 });
        expect(final.sink.numOutputRows).toBe(4);
        expect(final.sink.description).toBe('ForeachBatchSink');
        expect(JSON.parse(final.json)).toEqual(JSON.parse(JSON.stringify(final)));
        expect(final.prettyJson).toMatch(/^\{\n {2}"id" : "[0-9a-f-]{36}",\n {2}"runId" : /);
      }),
    ]);
  });

  it('counts state rows updated per batch', async () => {
    const s = new MemoryStream(spark, 'k STRING');
    await new StreamTest(spark, s.toDF().groupBy('k').count(), { outputMode: 'update' }).run([
      addData(s, ['a', 'b', 'c', 'a']),
      checkAnswer([
        ['a', 2],
        ['b', 1],
        ['c', 1],
      ]),
      addData(s, ['a']),
      checkAnswer([
        ['a', 2],
        ['b', 1],
        ['c', 1],
        ['a', 3],
      ]),
      assertOnQuery((q) => {
        const ops = q.recentProgress.map((p) => [
          p.stateOperators[0]!.numRowsTotal,
          p.stateOperators[0]!.numRowsUpdated,
        ]);
        expect(ops).toEqual([
          [3, 3],
          [3, 1],
        ]);
      }),
    ]);
  });

  it('renders prettyJson in Spark’s layout: doubles, sorted durations, array objects, empty maps left out', async () => {
    const s = new MemoryStream(spark, 'k STRING');
    await new StreamTest(spark, s.toDF().groupBy('k').count(), {
      outputMode: 'update',
      queryName: 'pretty',
    }).run([
      addData(s, ['a', 'b', 'a']),
      checkAnswer([
        ['a', 2],
        ['b', 1],
      ]),
      assertOnQuery((q) => {
        const p = q.lastProgress!;
        const normalised = p.prettyJson
          .replace(/"(id|runId)" : "[0-9a-f-]{36}"/g, '"$1" : "<uuid>"')
          .replace(
            /("(?:batchDuration|addBatch|commitOffsets|getBatch|queryPlanning|triggerExecution|walCommit)" : )\d+/g,
            '$1<ms>',
          )
          .replace(/("processedRowsPerSecond" : )\d+\.\d+(E-?\d+)?/g, '$1<rate>')
          .replace(/("latestOffset" : )\d+(,\n {4}"queryPlanning")/, '$1<ms>$2')
          .replace(/("memoryUsedBytes" : )\d+/, '$1<bytes>');
        expect(normalised).toBe(
          [
            '{',
            '  "id" : "<uuid>",',
            '  "runId" : "<uuid>",',
            '  "name" : "pretty",',
            '  "timestamp" : "1970-01-01T00:00:00.000Z",',
            '  "batchId" : 0,',
            '  "batchDuration" : <ms>,',
            '  "numInputRows" : 3,',
            '  "inputRowsPerSecond" : 0.0,',
            '  "processedRowsPerSecond" : <rate>,',
            '  "durationMs" : {',
            '    "addBatch" : <ms>,',
            '    "commitOffsets" : <ms>,',
            '    "getBatch" : <ms>,',
            '    "latestOffset" : <ms>,',
            '    "queryPlanning" : <ms>,',
            '    "triggerExecution" : <ms>,',
            '    "walCommit" : <ms>',
            '  },',
            '  "stateOperators" : [ {',
            '    "operatorName" : "stateStoreSave",',
            '    "numRowsTotal" : 2,',
            '    "numRowsUpdated" : 2,',
            '    "allUpdatesTimeMs" : 0,',
            '    "numRowsRemoved" : 0,',
            '    "allRemovalsTimeMs" : 0,',
            '    "commitTimeMs" : 0,',
            '    "memoryUsedBytes" : <bytes>,',
            '    "numRowsDroppedByWatermark" : 0,',
            '    "numShufflePartitions" : 4,',
            '    "numStateStoreInstances" : 4',
            '  } ],',
            '  "sources" : [ {',
            '    "description" : "MemoryStream[k]",',
            '    "startOffset" : null,',
            '    "endOffset" : 3,',
            '    "latestOffset" : 3,',
            '    "numInputRows" : 3,',
            '    "inputRowsPerSecond" : 0.0,',
            '    "processedRowsPerSecond" : <rate>',
            '  } ],',
            '  "sink" : {',
            '    "description" : "ForeachBatchSink",',
            '    "numOutputRows" : 2',
            '  }',
            '}',
          ].join('\n'),
        );
        // the objects keep every field; only their JSON leaves the empty maps out
        expect(p.eventTime).toEqual({});
        expect(p.stateOperators[0]!.customMetrics).toEqual({});
        expect(p.json).toMatch(/"inputRowsPerSecond":0\.0,/);
      }),
    ]);
  });

  it('measures inputRowsPerSecond from the previous trigger, idle ones included, as Spark', async () => {
    const s = new MemoryStream(spark, 'v INT');
    await new StreamTest(spark, s.toDF(), { trigger: { processingTime: '1 second' } }).run([
      checkAnswer([]), // t=0: an idle trigger
      addData(s, [1, 2]),
      StreamTest.advanceClock(1000), // t=1000: 2 rows, 1 s after the trigger at t=0
      StreamTest.advanceClock(2000), // t=3000: idle
      addData(s, [3, 4, 5, 6]),
      StreamTest.advanceClock(1000), // t=4000: 4 rows, 1 s after the idle trigger at t=3000
      checkAnswer([[1], [2], [3], [4], [5], [6]]),
      assertOnQuery((q) => {
        expect(q.recentProgress.map((p) => [p.batchId, p.inputRowsPerSecond])).toEqual([
          [0, 2],
          [1, 4],
        ]);
        expect(q.lastProgress!.sources[0]!.inputRowsPerSecond).toBe(4);
      }),
    ]);
  });

  it('describes the rate and socket sources as Spark does', async () => {
    const rate = spark.readStream.format('rate').option('rowsPerSecond', 5).load();
    await new StreamTest(spark, rate).run([
      StreamTest.advanceClock(1000),
      checkAnswer([0, 1, 2, 3, 4].map((v) => [new Date(v * 200), v])),
      assertOnQuery((q) =>
        expect(q.lastProgress!.sources[0]).toMatchObject({
          description: 'RateStreamV2[rowsPerSecond=5, rampUpTimeSeconds=0, numPartitions=default',
          startOffset: 0,
          endOffset: 1,
          numInputRows: 5,
        }),
      ),
    ]);
  });
});

describe('explain', () => {
  it('prints the last batch’s physical plan under the sink, or that it waits for data', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const q = s
      .toDF()
      .groupBy(F.col('v').mod(2).alias('k'))
      .count()
      .writeStream.format('memory')
      .queryName('explained')
      .outputMode('complete')
      .withClock(new ManualClock())
      .start();
    const printed = () => {
      let out = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out += String(chunk);
        return true;
      });
      try {
        q.explain();
      } finally {
        spy.mockRestore();
      }
      return out;
    };
    try {
      expect(printed()).toBe('No physical plan. Waiting for data.\n');
      s.addData([1, 2, 3]);
      await q.processAllAvailable();
      const plan = printed();
      expect(plan).toMatch(
        /^== Physical Plan ==\nWriteToMicroBatchDataSource MemorySink\n\+- StatefulAggregate\n/,
      );
      expect(plan).toContain('LocalTableScan [v#');
    } finally {
      await q.stop();
    }
  });
});

describe('listeners and failures', () => {
  it('posts started, progress, idle and terminated events in order', async () => {
    const events: string[] = [];
    const listener: StreamingQueryListener = {
      onQueryStarted: (e) => events.push(`started ${e.name}`),
      onQueryProgress: (e) => events.push(`progress ${e.progress.batchId}`),
      onQueryIdle: () => events.push('idle'),
      onQueryTerminated: (e) => events.push(`terminated ${e.exception}`),
    };
    spark.streams.addListener(listener);
    try {
      const s = new MemoryStream(spark, 'v INT');
      await new StreamTest(spark, s.toDF(), { queryName: 'events' }).run([
        checkAnswer([]),
        addData(s, [1]),
        checkAnswer([[1]]),
        addData(s, [2]),
        checkAnswer([[1], [2]]),
      ]);
    } finally {
      spark.streams.removeListener(listener);
    }
    // idle once when there was nothing, once after each batch (the ManualClock never reaches 10 s)
    expect(events).toEqual([
      'started events',
      'idle',
      'progress 0',
      'idle',
      'progress 1',
      'idle',
      'terminated null',
    ]);
  });

  it('a failing batch stops the query: awaitTermination rejects, exception() and the event carry it', async () => {
    const terminated: { exception: string | null; errorClassOnException: string | null }[] = [];
    const listener: StreamingQueryListener = { onQueryTerminated: (e) => terminated.push(e) };
    spark.streams.addListener(listener);
    spark.streams.resetTerminated(); // forget the queries earlier tests stopped
    const s = new MemoryStream(spark, 'v INT');
    const q = s
      .toDF()
      .writeStream.withClock(new ManualClock())
      .foreachBatch((_df, batchId) => {
        if (batchId === 1) throw new Error('the sink is full');
      })
      .start();
    try {
      s.addData([1]);
      await q.processAllAvailable();
      s.addData([2]);
      const error = await q.awaitTermination().then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toBe(
        `[STREAM_FAILED] Query [id = ${q.id}, runId = ${q.runId}] terminated with exception: the sink is full`,
      );
      expect(q.exception()).toBe(error);
      expect(q.isActive).toBe(false);
      expect(q.lastProgress?.batchId).toBe(0);
      expect(terminated).toEqual([
        { id: q.id, runId: q.runId, exception: error!.message, errorClassOnException: 'STREAM_FAILED' },
      ]);
      await expect(q.processAllAvailable()).rejects.toBe(error);
      await expect(spark.streams.awaitAnyTermination()).rejects.toBe(error);
    } finally {
      spark.streams.removeListener(listener);
      spark.streams.resetTerminated();
    }
  });
});
