/**
 * regr_* , try_sum / try_avg and listagg / string_agg: names, types and values as pyspark 4.3.0
 * gives them for the same data (regression results agree to the last bit).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expr } from '../../src/dataframe/functions/core.js';
import { Session } from '../../src/index.js';
import { treeString } from '../../src/types/schema-tree.js';

// one partition, as in the pyspark run the values come from (merge order changes the last bits)
const spark = Session.builder().master('local').getOrCreate();
afterAll(() => spark.stop());

describe('regression aggregates', () => {
  it('use the non-null (y, x) pairs and Spark’s recurrences', async () => {
    const df = spark
      .createDataFrame(
        [
          [1.0, 2.0],
          [2.0, null],
          [null, 5.9],
          [4.0, 8.2],
          [10.0, 19.5],
          [3.0, 5.0],
        ],
        'x DOUBLE, y DOUBLE',
      )
      .agg(
        ...[
          'regr_slope(y, x)',
          'regr_intercept(y, x)',
          'regr_count(y, x)',
          'regr_avgx(y, x)',
          'regr_avgy(y, x)',
          'regr_r2(y, x)',
          'regr_sxx(y, x)',
          'regr_syy(y, x)',
          'regr_sxy(y, x)',
        ].map((e) => expr(e)),
      );
    expect((await df.collect())[0]!.toArray()).toEqual([
      1.9700000000000002, -0.19000000000000128, 4, 4.5, 8.675, 0.9952868764870982, 45.0, 175.46750000000003,
      88.64999999999999,
    ]);
    expect(treeString(df.schema)).toContain(' |-- regr_count(y, x): long (nullable = false)');
  });
});

describe('try_sum / try_avg', () => {
  it('answer NULL instead of overflowing', async () => {
    const df = spark
      .createDataFrame(
        [
          [9223372036854775807n, 1, 1.5],
          [1, 2147483647, 2.5],
          [null, null, null],
        ],
        'l BIGINT, i INT, d DOUBLE',
      )
      .agg(
        expr('try_sum(l)'),
        expr('try_sum(i)'),
        expr('try_avg(i)'),
        expr('try_sum(cast(d as decimal(5,1)))'),
      );
    expect(await df.showString()).toBe(
      [
        '+----------+----------+-------------+--------------------------------+',
        '|try_sum(l)|try_sum(i)|   try_avg(i)|try_sum(CAST(d AS DECIMAL(5,1)))|',
        '+----------+----------+-------------+--------------------------------+',
        '|      NULL|2147483648|1.073741824E9|                             4.0|',
        '+----------+----------+-------------+--------------------------------+',
        '',
      ].join('\n'),
    );
  });
});

describe('listagg / string_agg', () => {
  it('concatenate non-null values, in WITHIN GROUP order when given', async () => {
    const df = spark
      .createDataFrame([['a'], ['b'], [null]], 's STRING')
      .coalesce(1)
      .agg(
        expr('listagg(s)'),
        expr("string_agg(s, '-')"),
        expr("listagg(s, ',') WITHIN GROUP (ORDER BY s DESC)"),
        expr('string_agg(cast(s as binary))'),
      );
    expect(df.schema.fields.map((f) => f.name)).toEqual([
      'listagg(s, NULL)',
      'string_agg(s, -)',
      'listagg(s, ,) WITHIN GROUP (ORDER BY s DESC NULLS LAST)',
      'string_agg(CAST(s AS BINARY), NULL)',
    ]);
    const [a, b, c, d] = (await df.collect())[0]!.toArray();
    expect([a, b, c, Array.from(d as Uint8Array)]).toEqual(['ab', 'a-b', 'b,a', [0x61, 0x62]]);
  });

  it('is NULL for a group without values', async () => {
    const df = spark.createDataFrame([[null]], 's STRING').agg(expr('listagg(s)'));
    expect((await df.collect())[0]!.toArray()).toEqual([null]);
  });
});
