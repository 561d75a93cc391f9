/**
 * The console sink prints exactly what Spark's does (checked against pyspark 4.3.0): per batch a
 * `Batch: N` header between two 43-dash rules, then the `show()` text (numRows, truncate options)
 * and a newline — a blank line after a table, none after an "only showing top N rows" footer.
 */
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { functions as F, ManualClock, MemoryStream, Session } from '../../src/index.js';

const spark = Session.builder().master('local[1]').config('spark.sql.shuffle.partitions', 1).getOrCreate();

let stdout: MockInstance<typeof process.stdout.write>;
let printed = '';
beforeEach(() => {
  printed = '';
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    printed += String(s);
    return true;
  });
});
afterEach(() => stdout.mockRestore());

const RULE = '-------------------------------------------';

describe('console sink', () => {
  it('prints each batch as Spark does, with numRows and truncate', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const q = s
      .toDF()
      .select(F.concat(F.lit('x'.repeat(25)), F.col('v').cast('string')).alias('long'), 'v')
      .writeStream.format('console')
      .option('numRows', 2)
      .withClock(new ManualClock())
      .start();
    try {
      s.addData([0, 1, 2]);
      await q.processAllAvailable();
      s.addData([3]);
      await q.processAllAvailable();
    } finally {
      await q.stop();
    }
    expect(printed).toBe(
      [
        RULE,
        'Batch: 0',
        RULE,
        '+--------------------+---+',
        '|                long|  v|',
        '+--------------------+---+',
        '|xxxxxxxxxxxxxxxxx...|  0|',
        '|xxxxxxxxxxxxxxxxx...|  1|',
        '+--------------------+---+',
        'only showing top 2 rows', // Spark 4's table text has no newline after its footer
        RULE,
        'Batch: 1',
        RULE,
        '+--------------------+---+',
        '|                long|  v|',
        '+--------------------+---+',
        '|xxxxxxxxxxxxxxxxx...|  3|',
        '+--------------------+---+',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints the whole table in complete mode', async () => {
    const q = spark.readStream
      .format('rate-micro-batch')
      .option('rowsPerBatch', 3)
      .load()
      .groupBy(F.col('value').mod(2).alias('k'))
      .count()
      .writeStream.format('console')
      .outputMode('complete')
      .option('truncate', 'false')
      .trigger({ once: true })
      .start();
    await q.awaitTermination();
    expect(printed).toBe(
      [
        RULE,
        'Batch: 0',
        RULE,
        '+---+-----+',
        '|k  |count|',
        '+---+-----+',
        '|0  |2    |',
        '|1  |1    |',
        '+---+-----+',
        '',
        '',
      ].join('\n'),
    );
  });
});
