/**
 * Aggregates, window functions and hashes end to end through DataFrames and SQL, against
 * pyspark 4.3.0 results for the same rows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../src/expr/functions/aggregate.js';
import '../../src/expr/functions/hash.js';
import '../../src/expr/functions/window.js';
import * as A from '../../src/dataframe/functions/aggregate.js';
import * as H from '../../src/dataframe/functions/hash.js';
import * as WF from '../../src/dataframe/functions/window.js';
import { Session, Window } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const plain = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) =>
  (await df.collect()).map((r) => r.toArray());

const small = () =>
  spark.createDataFrame(
    [
      [1, 2.0, 'x', true],
      [2, 3.0, 'y', false],
      [null, null, null, null],
    ],
    'a INT, b DOUBLE, s STRING, t BOOLEAN',
  );

describe('hash functions in a DataFrame', () => {
  it('computes Spark hashes and digests', async () => {
    const df = small().select(
      H.hash('a', 's'),
      H.xxhash64('a'),
      H.md5('s'),
      H.sha1('s'),
      H.sha2('s', 256),
      H.crc32('s'),
    );
    expect(df.columns).toEqual([
      'hash(a, s)',
      'xxhash64(a)',
      'md5(s)',
      'sha1(s)',
      'sha2(s, 256)',
      'crc32(s)',
    ]);
    const rows = await plain(df);
    expect(rows[0]).toEqual([
      -1305545736,
      -6698625589789238999n,
      '9dd4e461268c8034f5c8564e155c67a6',
      '11f6ad8ec52a2984abaafd7c3b516503785c2072',
      '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
      2363233923,
    ]);
    expect(rows[2]).toEqual([42, 42, null, null, null, null]);
  });
});

describe('window functions in a DataFrame', () => {
  it('ranks, offsets and aggregates over ordered partitions', async () => {
    const df = spark.createDataFrame(
      [
        [1, 'a', 10],
        [1, 'b', null],
        [1, 'c', 30],
        [2, 'd', 40],
        [1, 'e', 30],
      ],
      'g INT, s STRING, v INT',
    );
    const w = Window.partitionBy('g').orderBy('v');
    const out = df
      .select(
        'g',
        's',
        WF.rowNumber().over(w),
        WF.rank().over(w),
        WF.denseRank().over(w),
        WF.percentRank().over(w),
        WF.cumeDist().over(w),
        WF.ntile(2).over(w),
        WF.lag('v').over(w),
        WF.lag('v', 2, 0).over(w),
        WF.lead('s', 1, 'zz').over(w),
        WF.nthValue('s', 2).over(w),
        A.sum('v').over(w),
      )
      .orderBy('g', 's');
    expect(out.columns.slice(2).map((c) => c.slice(0, c.indexOf(' OVER')))).toEqual([
      'row_number()',
      'RANK()',
      'DENSE_RANK()',
      'PERCENT_RANK()',
      'cume_dist()',
      'ntile(2)',
      'lag(v, 1, NULL)',
      'lag(v, 2, 0)',
      'lead(s, 1, zz)',
      'nth_value(s, 2)',
      'sum(v)',
    ]);
    expect(await plain(out)).toEqual([
      [1, 'a', 2, 2, 2, 1 / 3, 0.5, 1, null, 0, 'c', 'a', 10],
      [1, 'b', 1, 1, 1, 0.0, 0.25, 1, null, 0, 'a', null, null],
      [1, 'c', 3, 3, 3, 2 / 3, 1.0, 2, 10, null, 'e', 'a', 70],
      [1, 'e', 4, 3, 3, 2 / 3, 1.0, 2, 30, 10, 'zz', 'a', 70],
      [2, 'd', 1, 1, 1, 0.0, 1.0, 1, null, 0, 'zz', null, 40],
    ]);
  });
});

describe('aggregates in a DataFrame', () => {
  it('names and computes aggregates like Spark', async () => {
    const df = small().agg(
      A.count('*'),
      A.countDistinct('a'),
      A.sum('a'),
      A.avg('a'),
      A.first('a', true),
      A.stddev('b'),
      A.percentileApprox('a', 0.5),
      A.approxCountDistinct('a', 0.1),
      A.mode('a', true),
      A.percentile('a', 0.5),
      A.collectList('a'),
    );
    expect(df.columns).toEqual([
      'count(1)',
      'count(DISTINCT a)',
      'sum(a)',
      'avg(a)',
      'first(a)',
      'stddev(b)',
      'percentile_approx(a, 0.5, 10000)',
      'approx_count_distinct(a)',
      'mode() WITHIN GROUP (ORDER BY a DESC)',
      'percentile(a, 0.5, 1)',
      'collect_list(a)',
    ]);
    expect(await plain(df)).toEqual([[3, 2, 3, 1.5, 1, Math.SQRT1_2, 1, 2, 1, 1.5, [1, 2]]]);
    expect(small().agg(A.mean('a')).columns).toEqual(['avg(a)']);
  });

  it('runs aggregates from SQL with their SQL names', async () => {
    const df = spark.sql(
      'SELECT count(*), count(DISTINCT a), sum(a), mean(a), first(a) IGNORE NULLS, approx_count_distinct(a, 0.1) FROM VALUES (1), (2), (null) AS t(a)',
    );
    expect(df.columns).toEqual([
      'count(1)',
      'count(DISTINCT a)',
      'sum(a)',
      'mean(a)',
      'first(a)',
      'approx_count_distinct(a)',
    ]);
    expect(await plain(df)).toEqual([[3, 2, 3, 1.5, 1, 2]]);
  });
});
