/**
 * Which queries may start in which output mode, with Spark's errors (checked against pyspark
 * 4.x): the checks run at start(), before any data is read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { functions as F, MemoryStream, Session, StreamTest } from '../../src/index.js';

const {
  addData,
  assertOnQuery,
  checkAnswer,
  checkLastBatch,
  crash,
  expectFailure,
  processAllAvailable,
  startStream,
  stopStream,
} = StreamTest;

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 3).getOrCreate();
afterAll(() => spark.stop());

const numbers = () => new MemoryStream(spark, 'v INT');
const byParity = (s: MemoryStream) => s.toDF().groupBy(F.col('v').mod(2).alias('k')).count();

describe('output modes', () => {
  it('complete mode needs a streaming aggregation', async () => {
    await new StreamTest(spark, numbers().toDF(), { outputMode: 'complete' }).run([
      expectFailure(
        /^\[STREAMING_OUTPUT_MODE\.UNSUPPORTED_OPERATION\] Invalid streaming output mode: complete\. This output mode is not supported for no streaming aggregations on streaming DataFrames\/DataSets\.$/,
      ),
    ]);
  });

  it('append mode rejects an aggregation without a watermark', async () => {
    await new StreamTest(spark, byParity(numbers()), { outputMode: 'append' }).run([
      expectFailure('STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION'),
    ]);
  });

  it('update mode without an aggregation behaves as append', async () => {
    const s = numbers();
    await new StreamTest(spark, s.toDF().filter(F.col('v').gt(1)), { outputMode: 'update' }).run([
      addData(s, [1, 2, 3]),
      checkAnswer([[2], [3]]),
      addData(s, [4]),
      checkAnswer([[2], [3], [4]]),
    ]);
  });

  it('update mode emits only the groups a batch changed; complete emits all', async () => {
    const s = numbers();
    await new StreamTest(spark, byParity(s), { outputMode: 'update' }).run([
      addData(s, [1, 2, 3]),
      checkLastBatch([
        [1, 2],
        [0, 1],
      ]),
      addData(s, [5]),
      checkLastBatch([[1, 3]]),
    ]);
    const t = numbers();
    await new StreamTest(spark, byParity(t), { outputMode: 'complete' }).run([
      addData(t, [1, 2, 3]),
      addData(t, [5]),
      checkAnswer([
        [1, 3],
        [0, 1],
      ]),
    ]);
  });

  it('rejects an unknown output mode', () => {
    expect(() => numbers().toDF().writeStream.outputMode('bogus')).toThrow(
      "[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: bogus. Accepted output modes are 'Append', 'Complete', 'Update'.",
    );
  });
});

describe('unsupported operations fail at start', () => {
  const sortMessage =
    /Sorting is not supported on streaming DataFrames\/Datasets, unless it is on aggregated DataFrame\/Dataset in Complete output mode/;

  it('sorting without an aggregation', async () => {
    await new StreamTest(spark, numbers().toDF().orderBy('v'), { outputMode: 'append' }).run([
      expectFailure(sortMessage),
    ]);
  });

  it('sorting an aggregation in update mode', async () => {
    await new StreamTest(spark, byParity(numbers()).orderBy('k'), { outputMode: 'update' }).run([
      expectFailure(sortMessage),
    ]);
  });

  it('sorting an aggregation in complete mode is allowed and ordered', async () => {
    const s = numbers();
    const sorted = byParity(s).orderBy(F.col('count').desc());
    await new StreamTest(spark, sorted, { outputMode: 'complete' }).run([
      addData(s, [1, 2, 3]),
      checkAnswer(
        [
          [1, 2],
          [0, 1],
        ],
        { ordered: true },
      ),
      addData(s, [4, 6, 8]),
      checkAnswer(
        [
          [0, 4],
          [1, 2],
        ],
        { ordered: true },
      ),
    ]);
  });

  it('limit in update mode', async () => {
    await new StreamTest(spark, byParity(numbers()).limit(1), { outputMode: 'update' }).run([
      expectFailure(/Limits are not supported on streaming DataFrames\/Datasets in Update output mode/),
    ]);
  });

  it('limit on an aggregation in complete mode', async () => {
    const s = numbers();
    await new StreamTest(spark, byParity(s).orderBy('k').limit(1), { outputMode: 'complete' }).run([
      addData(s, [1, 2, 3]),
      checkAnswer([[0, 1]]),
    ]);
  });

  it('limit in append mode is global across batches and restarts (state kept per batch)', async () => {
    const s = numbers();
    await new StreamTest(spark, s.toDF().filter(F.col('v').gt(0)).limit(3), { outputMode: 'append' }).run([
      addData(s, [1, 2]),
      checkAnswer([[1], [2]]),
      crash('afterSinkWrite', addData(s, [3, 4])), // the batch dies before its commit…
      startStream(), // …and its re-run emits the same single row, not two
      checkAnswer([[1], [2], [3]]),
      addData(s, [5, 6]),
      stopStream(),
      startStream(),
      addData(s, [7]),
      checkAnswer([[1], [2], [3]]),
      assertOnQuery((q) =>
        expect(q.lastProgress?.stateOperators[0]).toMatchObject({
          operatorName: 'globalLimit',
          numRowsTotal: 1,
        }),
      ),
    ]);
  });

  it('limit in append mode on a multi-partition stream', async () => {
    const s = numbers();
    await new StreamTest(spark, s.toDF().repartition(3).limit(4), { outputMode: 'append' }).run([
      addData(s, [1, 2, 3]),
      addData(s, [4, 5, 6, 7, 8]),
      processAllAvailable(),
      assertOnQuery((_q, t) => expect(t.allRows()).toHaveLength(4)),
      addData(s, [9]),
      processAllAvailable(),
      assertOnQuery((_q, t) => expect(t.allRows()).toHaveLength(4)),
    ]);
  });

  it('stream-static joins and set operations that Spark refuses, with its messages', async () => {
    const stream = () => new MemoryStream(spark, 'v BIGINT').toDF();
    const table = () => spark.range(3).withColumnRenamed('id', 'v');
    const refused: [() => ReturnType<typeof stream>, string][] = [
      [
        () => table().join(stream(), 'v', 'left_outer'),
        'LeftOuter join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported',
      ],
      [
        () => table().join(stream(), 'v', 'left_semi'),
        'LeftSemi join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported',
      ],
      [
        () => table().join(stream(), 'v', 'left_anti'),
        'LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported',
      ],
      [
        () => stream().join(table(), 'v', 'right_outer'),
        'RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported',
      ],
      [
        () => stream().join(table(), 'v', 'full_outer'),
        'FullOuter joins with streaming DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported',
      ],
      [
        () => table().join(stream(), 'v', 'full_outer'),
        'FullOuter joins with streaming DataFrames/Datasets on the right and a static DataFrame/Dataset on the left is not supported',
      ],
      [
        () => table().exceptAll(stream()),
        'Except on a streaming DataFrame/Dataset on the right is not supported',
      ],
      [() => stream().intersect(stream()), 'Intersect of streaming DataFrames/Datasets is not supported'],
      [() => stream().intersect(table()), 'Intersect of streaming DataFrames/Datasets is not supported'],
    ];
    for (const [df, message] of refused) {
      await new StreamTest(spark, df()).run([expectFailure(message)]);
    }
  });

  it('a second streaming aggregation: the output-mode rule in append, the watermark check otherwise', async () => {
    const twice = () => byParity(numbers()).groupBy('count').count();
    await new StreamTest(spark, twice(), { outputMode: 'append' }).run([
      expectFailure(
        /Invalid streaming output mode: append\. This output mode is not supported for streaming aggregations without watermark/,
      ),
    ]);
    for (const outputMode of ['update', 'complete'] as const) {
      await new StreamTest(spark, twice(), { outputMode }).run([
        expectFailure(
          /Detected pattern of possible 'correctness' issue due to global watermark\. .* `spark\.sql\.streaming\.statefulOperator\.checkCorrectness\.enabled` to false\.$/,
        ),
      ]);
    }
  });

  it('writeStream on a batch DataFrame, and batch actions on a streaming one', async () => {
    expect(() => spark.range(3).writeStream.format('memory').queryName('x').start()).toThrow(
      '[WRITE_STREAM_NOT_ALLOWED] `writeStream` can be called only on streaming Dataset/DataFrame.',
    );
    const spark43 =
      'Queries with streaming sources must be executed with writeStream.start(), or from a streaming table or flow definition within a Spark Declarative Pipeline.';
    await expect(numbers().toDF().collect()).rejects.toThrow(spark43);
    await expect(numbers().toDF().count()).rejects.toThrow(spark43);
  });

  it('the memory sink needs a query name', () => {
    expect(() => numbers().toDF().writeStream.format('memory').start()).toThrow(
      'queryName must be specified for memory sink.',
    );
  });

  it('only one trigger at a time', () => {
    const w = numbers().toDF().writeStream;
    expect(() => w.trigger({ once: true, availableNow: true })).toThrow(
      '[ONLY_ALLOW_SINGLE_TRIGGER] Only a single trigger is allowed.',
    );
    expect(() => w.trigger({})).toThrow('[ONLY_ALLOW_SINGLE_TRIGGER]');
  });
});
