import { afterAll, describe, expect, it } from 'vitest';
import { functions as F, Session, types as T, Window } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const people = () =>
  spark.createDataFrame(
    [
      ['Harry', 'Gryffindor', 7],
      ['Hermione', 'Gryffindor', 10],
      ['Draco', 'Slytherin', 4],
      ['Luna', 'Ravenclaw', null],
    ],
    'name STRING, house STRING, score INT',
  );

const plain = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) =>
  (await df.collect()).map((r) => r.toArray());

describe('DataFrame transformations', () => {
  it('selects, filters and computes with SQL null semantics', async () => {
    const df = people()
      .filter(F.col('score').gt(5).or(F.col('score').isNull()))
      .select('name', F.col('score').plus(1).alias('next'));
    expect(await plain(df.orderBy('name'))).toEqual([
      ['Harry', 8],
      ['Hermione', 11],
      ['Luna', null],
    ]);
  });

  it('names unaliased columns like Spark', () => {
    const df = people().select(F.col('score').plus(1), F.col('name'), F.lit('x'));
    expect(df.columns).toEqual(['(score + 1)', 'name', 'x']);
  });

  it('aggregates per group across partitions', async () => {
    const df = people()
      .groupBy('house')
      .agg(F.count('*').alias('n'), F.sum('score').alias('total'))
      .orderBy('house');
    expect(await plain(df)).toEqual([
      ['Gryffindor', 2, 17],
      ['Ravenclaw', 1, null],
      ['Slytherin', 1, 4],
    ]);
    expect(T.treeString(df.schema)).toBe(
      'root\n |-- house: string (nullable = true)\n |-- n: long (nullable = false)\n |-- total: long (nullable = true)\n',
    );
  });

  it('counts distinct values exactly', async () => {
    const df = spark.createDataFrame(
      [
        ['a', 1],
        ['a', 1],
        ['b', 2],
        ['a', 3],
      ],
      'k STRING, v INT',
    );
    const out = await plain(df.groupBy('k').agg(F.countDistinct('v').alias('d')).orderBy('k'));
    expect(out).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('joins with every join type', async () => {
    const left = spark.createDataFrame(
      [
        [1, 'a'],
        [2, 'b'],
        [null, 'n'],
      ],
      'id INT, l STRING',
    );
    const right = spark.createDataFrame(
      [
        [1, 'x'],
        [3, 'z'],
      ],
      'id INT, r STRING',
    );
    expect(await plain(left.join(right, 'id').orderBy('id'))).toEqual([[1, 'a', 'x']]);
    expect(await plain(left.join(right, 'id', 'left').orderBy('l'))).toEqual([
      [1, 'a', 'x'],
      [2, 'b', null],
      [null, 'n', null],
    ]);
    expect(await plain(left.join(right, 'id', 'full').orderBy('l'))).toEqual([
      [3, null, 'z'],
      [1, 'a', 'x'],
      [2, 'b', null],
      [null, 'n', null],
    ]);
    expect(await plain(left.join(right, 'id', 'left_anti').orderBy('l'))).toEqual([
      [2, 'b'],
      [null, 'n'],
    ]);
    expect(await plain(left.join(right, left.col('id').eq(right.col('id')), 'left_semi'))).toEqual([
      [1, 'a'],
    ]);
  });

  it('orders with nulls first/last and limits', async () => {
    const df = people().orderBy(F.col('score').desc_nulls_last()).limit(3);
    expect((await plain(df.select('name'))).flat()).toEqual(['Hermione', 'Harry', 'Draco']);
    const asc = people().orderBy('score').select('name');
    expect((await plain(asc)).flat()).toEqual(['Luna', 'Draco', 'Harry', 'Hermione']);
  });

  it('unions, distinct and dropDuplicates', async () => {
    const a = spark.createDataFrame([[1], [2]], 'x INT');
    const b = spark.createDataFrame([[2], [3]], 'x INT');
    expect((await plain(a.union(b).distinct().orderBy('x'))).flat()).toEqual([1, 2, 3]);
    expect(await a.union(b).count()).toBe(4);
    expect((await plain(a.intersect(b))).flat()).toEqual([2]);
    expect((await plain(a.subtract(b))).flat()).toEqual([1]);
  });

  it('computes window functions', async () => {
    const w = Window.partitionBy('house').orderBy(F.col('score').desc());
    const df = people()
      .filter(F.col('score').isNotNull())
      .select(
        'name',
        F.rowNumber().over(w).alias('rn'),
        F.sum('score').over(Window.partitionBy('house')).alias('total'),
      )
      .orderBy('name');
    expect(await plain(df)).toEqual([
      ['Draco', 1, 4],
      ['Harry', 2, 17],
      ['Hermione', 1, 17],
    ]);
  });

  it('explodes arrays', async () => {
    const df = spark.createDataFrame([['a b a']], 'line STRING');
    const words = df
      .select(F.explode(F.split(F.col('line'), ' ')).alias('word'))
      .groupBy('word')
      .count()
      .orderBy('word');
    expect(await plain(words)).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});

describe('errors name the problem', () => {
  it('suggests near column names', () => {
    expect(() => people().select('hous')).toThrow(
      /\[UNRESOLVED_COLUMN\.WITH_SUGGESTION\] A column, variable, or function parameter with name `hous` cannot be resolved\. Did you mean one of the following\? \[`house`/,
    );
  });

  it('rejects non-aggregated columns', () => {
    expect(() => people().groupBy('house').agg(F.col('name'))).toThrow(/MISSING_AGGREGATION/);
  });

  it('reports unknown functions', () => {
    expect(() => people().selectExpr('no_such_fn(name)')).toThrow(/UNRESOLVED_ROUTINE/);
  });
});

describe('show()', () => {
  it('prints Spark tables', async () => {
    const text = await people().orderBy('name').showString(2);
    expect(text).toBe(
      [
        '+-----+----------+-----+',
        '| name|     house|score|',
        '+-----+----------+-----+',
        '|Draco| Slytherin|    4|',
        '|Harry|Gryffindor|    7|',
        '+-----+----------+-----+',
        'only showing top 2 rows',
      ].join('\n'),
    );
  });
});
