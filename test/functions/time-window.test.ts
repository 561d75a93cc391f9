/**
 * Event-time windows (window / window_time) and the TimeWindowRule that materialises them:
 * values, names and nullability as pyspark 4.3.0 shows them for the same queries.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expr } from '../../src/dataframe/functions/core.js';
import { Session } from '../../src/index.js';
import { treeString } from '../../src/types/schema-tree.js';

const spark = Session.builder()
  .master('local[2]')
  .config('spark.sql.session.timeZone', 'America/Los_Angeles')
  .getOrCreate();
afterAll(() => spark.stop());

const events = () =>
  spark
    .createDataFrame(
      [
        ['2024-01-01 10:00:00', 1],
        [null, 2],
        ['2021-03-13 12:00:00', 3],
      ],
      's STRING, v INT',
    )
    .selectExpr('cast(s as timestamp) as ts', 'v');

describe('window()', () => {
  it('is a non-null struct named window; rows with a NULL time are dropped', async () => {
    const df = events().selectExpr('ts', 'v', "window(ts, '1 hour')");
    expect(treeString(df.schema)).toBe(
      [
        'root',
        ' |-- ts: timestamp (nullable = true)',
        ' |-- v: integer (nullable = true)',
        ' |-- window: struct (nullable = false)',
        ' |    |-- start: timestamp (nullable = true)',
        ' |    |-- end: timestamp (nullable = true)',
        '',
      ].join('\n'),
    );
    expect(await df.showString(20, false)).toBe(
      [
        '+-------------------+---+------------------------------------------+',
        '|ts                 |v  |window                                    |',
        '+-------------------+---+------------------------------------------+',
        '|2024-01-01 10:00:00|1  |{2024-01-01 10:00:00, 2024-01-01 11:00:00}|',
        '|2021-03-13 12:00:00|3  |{2021-03-13 12:00:00, 2021-03-13 13:00:00}|',
        '+-------------------+---+------------------------------------------+',
        '',
      ].join('\n'),
    );
  });

  it('puts a row in every sliding window that contains it', async () => {
    const df = events()
      .selectExpr('v', "window(ts, '10 minutes', '3 minutes') AS w")
      .selectExpr('v', 'w.start');
    const got = (await df.collect()).map((r) => r.toArray());
    expect(got.map((r) => r[0])).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
    expect(treeString(events().selectExpr("window(ts, '10 minutes', '5 minutes') AS w").schema)).toContain(
      'w: struct (nullable = true)',
    );
  });

  it('aligns day windows to UTC midnight and groups sliding windows', async () => {
    const df = events()
      .groupBy(expr("window(ts, '1 day', '12 hours')"))
      .agg(expr('count(*)'))
      .orderBy('window');
    expect(await df.showString(20, false)).toBe(
      [
        '+------------------------------------------+--------+',
        '|window                                    |count(1)|',
        '+------------------------------------------+--------+',
        '|{2021-03-12 16:00:00, 2021-03-13 16:00:00}|1       |',
        '|{2021-03-13 04:00:00, 2021-03-14 05:00:00}|1       |',
        '|{2023-12-31 16:00:00, 2024-01-01 16:00:00}|1       |',
        '|{2024-01-01 04:00:00, 2024-01-02 04:00:00}|1       |',
        '+------------------------------------------+--------+',
        '',
      ].join('\n'),
    );
  });

  it('window_time is the end minus one microsecond; a negative start offset shifts windows', async () => {
    const df = events().selectExpr(
      "window(ts, '1 hour', '1 hour', '-15 minutes') AS w",
      "window_time(window(ts, '1 hour', '1 hour', '-15 minutes')) AS wt",
    );
    const text = await df
      .selectExpr('cast(w.start as string) AS s', 'cast(wt as string) AS t')
      .showString(1, false);
    expect(text).toContain('|2024-01-01 09:45:00|2024-01-01 10:44:59.999999|');
  });

  it('rejects a slide longer than the window, like Spark', () => {
    expect(() => events().selectExpr("window(ts, '10 minutes', '20 minutes')")).toThrow(
      'The `slide_duration`(1200000000L) must be <= the `window_duration`(600000000L)',
    );
  });
});
