/**
 * The analyzer's handling of Spark SQL features end to end (parse → analyze → run): multi-column
 * aliases, NATURAL joins, LATERAL VIEW qualifiers, GROUP BY ALL, grouping() / grouping_id(),
 * ORDER BY / HAVING over columns and aggregates the select list does not output, Spark's column
 * names, bitwise operators, self-joins, and Spark's error classes. Expected values are pyspark
 * 4.3.0's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { functions as F, Session } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

spark
  .createDataFrame(
    [
      [1, 'a', 10],
      [2, 'b', 20],
      [3, 'a', null],
      [4, null, 40],
    ],
    'id INT, k STRING, v INT',
  )
  .createOrReplaceTempView('t');
spark
  .createDataFrame(
    [
      [1, 'x'],
      [3, 'y'],
      [5, 'z'],
      [null, 'n'],
    ],
    'id INT, name STRING',
  )
  .createOrReplaceTempView('u');

async function rows(sql: string): Promise<unknown[][]> {
  return (await spark.sql(sql).collect()).map((r) => r.toArray());
}
const sorted = (xs: unknown[][]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('multi-column aliases', () => {
  it('names a generator’s columns in SQL and with Column.alias(a, b)', async () => {
    const df = spark.sql('SELECT posexplode(array(10, 20)) AS (i, v)');
    expect(df.columns).toEqual(['i', 'v']);
    expect(await rows('SELECT posexplode(array(10, 20)) AS (i, v)')).toEqual([
      [0, 10],
      [1, 20],
    ]);
    const api = spark.table('t').select('id', F.posexplode(F.array('k', 'k')).alias('p', 'c'));
    expect(api.columns).toEqual(['id', 'p', 'c']);
    expect((await api.collect()).length).toBe(8);
  });

  it('rejects them on anything but a generator', () => {
    expect(() => spark.sql('SELECT id AS (a, b) FROM t')).toThrow(
      '[MULTI_ALIAS_WITHOUT_GENERATOR] Multi part aliasing (a, b) is not supported with "id" as it is not a generator function.',
    );
  });
});

describe('joins', () => {
  it('NATURAL joins on the shared columns, each once', async () => {
    expect(spark.sql('SELECT * FROM t NATURAL JOIN u').columns).toEqual(['id', 'k', 'v', 'name']);
    expect(sorted(await rows('SELECT * FROM t NATURAL JOIN u'))).toEqual(
      sorted([
        [1, 'a', 10, 'x'],
        [3, 'a', null, 'y'],
      ]),
    );
    expect(sorted(await rows('SELECT * FROM t NATURAL FULL JOIN u'))).toEqual(
      sorted([
        [null, null, null, 'n'],
        [1, 'a', 10, 'x'],
        [2, 'b', 20, null],
        [3, 'a', null, 'y'],
        [4, null, 40, null],
        [5, null, null, 'z'],
      ]),
    );
  });

  it('gives each reference to a table its own columns (self-joins)', async () => {
    expect(sorted(await rows('SELECT a.id, b.id FROM t a JOIN t b ON a.id + 1 = b.id'))).toEqual(
      sorted([
        [1, 2],
        [2, 3],
        [3, 4],
      ]),
    );
    expect(sorted(await rows('SELECT a.k, b.v FROM t a JOIN t b ON a.id = b.id WHERE b.v > 15'))).toEqual(
      sorted([
        [null, 40],
        ['b', 20],
      ]),
    );
  });

  it('qualifies LATERAL VIEW columns by the view alias', async () => {
    expect(
      sorted(await rows('SELECT t.id, x.c FROM t LATERAL VIEW explode(array(1, 2)) x AS c WHERE t.id = 1')),
    ).toEqual(
      sorted([
        [1, 1],
        [1, 2],
      ]),
    );
    expect(spark.sql('SELECT x.* FROM t LATERAL VIEW posexplode(array(1)) x').columns).toEqual([
      'pos',
      'col',
    ]);
  });
});

describe('grouping', () => {
  it('GROUP BY ALL groups by every select item without an aggregate', async () => {
    expect(sorted(await rows('SELECT k, sum(v), count(*) FROM t GROUP BY ALL'))).toEqual(
      sorted([
        [null, 40, 1],
        ['a', 10, 2],
        ['b', 20, 1],
      ]),
    );
    expect(await rows('SELECT sum(v) FROM t GROUP BY ALL')).toEqual([[70]]);
    // a column named `all` is a column
    spark.createDataFrame([[1], [1], [2]], 'all INT').createOrReplaceTempView('has_all');
    expect(sorted(await rows('SELECT count(*) FROM has_all GROUP BY all'))).toEqual(sorted([[1], [2]]));
  });

  it('grouping() and grouping_id() under ROLLUP / CUBE, with Spark’s names and types', async () => {
    const df = spark.sql('SELECT k, grouping(k), grouping_id(k), sum(v) FROM t GROUP BY ROLLUP(k)');
    expect(df.columns).toEqual(['k', 'grouping(k)', 'grouping_id(k)', 'sum(v)']);
    expect(df.dtypes.map(([, t]) => t)).toEqual(['string', 'tinyint', 'bigint', 'bigint']);
    expect(sorted(await df.collect().then((r) => r.map((x) => x.toArray())))).toEqual(
      sorted([
        [null, 0, 0, 40],
        [null, 1, 1, 70],
        ['a', 0, 0, 10],
        ['b', 0, 0, 20],
      ]),
    );
    expect(await rows('SELECT k, id, grouping_id() AS g FROM t GROUP BY CUBE(k, id) HAVING g = 3')).toEqual([
      [null, null, 3],
    ]);
    expect(() => spark.sql('SELECT grouping(k) FROM t GROUP BY k')).toThrow(
      '[UNSUPPORTED_GROUPING_EXPRESSION]',
    );
  });

  it('counts the original values inside aggregates of the grand total', async () => {
    expect(sorted(await rows('SELECT k, count(k) FROM t GROUP BY ROLLUP(k)'))).toEqual(
      sorted([
        [null, 0],
        [null, 3],
        ['a', 2],
        ['b', 1],
      ]),
    );
  });
});

describe('ORDER BY and HAVING beyond the select list', () => {
  it('sorts by a column that is not selected', async () => {
    expect(await rows('SELECT id FROM t ORDER BY v DESC NULLS LAST')).toEqual([[4], [2], [1], [3]]);
    expect(spark.sql('SELECT id FROM t ORDER BY v').columns).toEqual(['id']);
  });

  it('sorts by aggregates and aliases of an aggregation', async () => {
    expect(await rows('SELECT k FROM t GROUP BY k ORDER BY sum(v)')).toEqual([['a'], ['b'], [null]]);
    expect(await rows('SELECT k, sum(v) AS s FROM t GROUP BY k ORDER BY s DESC, max(id)')).toEqual([
      [null, 40],
      ['b', 20],
      ['a', 10],
    ]);
    expect(
      await rows('SELECT k, count(*) FROM t GROUP BY k HAVING count(*) >= 1 ORDER BY max(id) DESC'),
    ).toEqual([
      [null, 1],
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('filters groups by aggregates and select aliases', async () => {
    expect(await rows('SELECT k, sum(v) AS s FROM t GROUP BY k HAVING s > 15 ORDER BY k')).toEqual([
      [null, 40],
      ['b', 20],
    ]);
    expect(await rows('SELECT k FROM t GROUP BY k HAVING max(id) > 2 ORDER BY k')).toEqual([[null], ['a']]);
    expect(await rows('SELECT sum(v) FROM t HAVING count(*) > 3')).toEqual([[70]]);
  });

  it('lets a DataFrame filter use a column the projection dropped', async () => {
    const df = spark.table('t').select('id').filter('v > 15');
    expect(df.columns).toEqual(['id']);
    expect(sorted((await df.collect()).map((r) => r.toArray()))).toEqual(sorted([[2], [4]]));
  });

  it('rejects aggregates in WHERE', () => {
    expect(() => spark.sql('SELECT id FROM t WHERE sum(v) > 1')).toThrow('[INVALID_WHERE_CONDITION]');
  });
});

describe('column names and operators', () => {
  it('names CAST(col AS t) after the column, as Spark does', () => {
    expect(
      spark.sql('SELECT CAST(id AS STRING), CAST(id + 1 AS STRING), try_cast(k AS INT), id::bigint FROM t')
        .columns,
    ).toEqual(['id', 'CAST((id + 1) AS STRING)', 'k', 'id']);
    expect(spark.table('t').select(F.col('id').cast('string')).columns).toEqual(['id']);
  });

  it('evaluates bitwise operators with Spark’s names and widening', async () => {
    const df = spark.sql('SELECT 12 & 10, 12 | 10, 12 ^ 10, ~12, 5 & 3L, 1 << 3, 256 >> 2');
    expect(df.columns).toEqual([
      '(12 & 10)',
      '(12 | 10)',
      '(12 ^ 10)',
      '~12',
      '(5 & 3)',
      '(1 << 3)',
      '(256 >> 2)',
    ]);
    expect(df.dtypes[4]![1]).toBe('bigint');
    expect((await df.collect())[0]!.toArray()).toEqual([8, 14, 6, -13, 1, 8, 64]);
    expect(await rows("SELECT 'abc' LIKE ANY ('a%', 'z%'), 'abc' NOT LIKE ALL ('a%', 'z%')")).toEqual([
      [true, false],
    ]);
  });
});

describe('errors', () => {
  it('suggests columns and tables', () => {
    expect(() => spark.sql('SELECT nme FROM u')).toThrow(
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `nme` cannot be resolved. Did you mean one of the following? [`u`.`name`',
    );
    expect(() => spark.sql('SELECT * FROM tt')).toThrow(
      '[TABLE_OR_VIEW_NOT_FOUND] The table or view `tt` cannot be found.',
    );
  });
});
