/**
 * The Structured Streaming Programming Guide's word count over a MemoryStream, in the three
 * output modes: complete shows every word, update only the words a batch changed, append is
 * rejected at start (an aggregation without a watermark).
 */
import { afterAll, describe, it } from 'vitest';
import { functions as F, MemoryStream, Session, StreamTest } from '../../src/index.js';

const { addData, checkAnswer, checkLastBatch, expectFailure, stopStream, startStream } = StreamTest;

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 4).getOrCreate();
afterAll(() => spark.stop());

function wordCounts() {
  const lines = new MemoryStream(spark, 'value STRING');
  const words = lines.toDF().select(F.explode(F.split(F.col('value'), ' ')).alias('word'));
  return { lines, counts: words.groupBy('word').count() };
}

const FIRST = 'spark scala scala spark structured streaming spark scala scala spark';
const SECOND = 'spark scala scala spark';

describe('streaming word count', () => {
  it('complete mode shows every word after each batch', async () => {
    const { lines, counts } = wordCounts();
    await new StreamTest(spark, counts, { outputMode: 'complete' }).run([
      addData(lines, [FIRST]),
      checkAnswer([
        ['spark', 4],
        ['scala', 4],
        ['structured', 1],
        ['streaming', 1],
      ]),
      addData(lines, [SECOND]),
      checkAnswer([
        ['spark', 6],
        ['scala', 6],
        ['structured', 1],
        ['streaming', 1],
      ]),
    ]);
  });

  it('update mode shows only the words a batch changed', async () => {
    const { lines, counts } = wordCounts();
    await new StreamTest(spark, counts, { outputMode: 'update' }).run([
      addData(lines, [FIRST]),
      checkLastBatch([
        { word: 'spark', count: 4 },
        { word: 'scala', count: 4 },
        { word: 'structured', count: 1 },
        { word: 'streaming', count: 1 },
      ]),
      addData(lines, [SECOND]),
      checkLastBatch([
        ['spark', 6],
        ['scala', 6],
      ]),
    ]);
  });

  it('keeps counting across a restart from the checkpoint', async () => {
    const { lines, counts } = wordCounts();
    await new StreamTest(spark, counts, { outputMode: 'complete' }).run([
      addData(lines, [FIRST]),
      checkAnswer([
        ['spark', 4],
        ['scala', 4],
        ['structured', 1],
        ['streaming', 1],
      ]),
      stopStream(),
      addData(lines, [SECOND]),
      startStream(),
      checkAnswer([
        ['spark', 6],
        ['scala', 6],
        ['structured', 1],
        ['streaming', 1],
      ]),
    ]);
  });

  it('rejects append mode at start with Spark’s message', async () => {
    const { counts } = wordCounts();
    await new StreamTest(spark, counts, { outputMode: 'append' }).run([
      expectFailure(
        /^\[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION\] Invalid streaming output mode: append. This output mode is not supported for streaming aggregations without watermark on streaming DataFrames\/DataSets.$/,
      ),
    ]);
  });
});
