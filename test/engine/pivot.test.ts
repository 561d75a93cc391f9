/**
 * groupBy(..).pivot(..): explicit values (cast to the pivot column's type, named by their text) and
 * values collected by a job (pending until an action or `resolvePivot()`), with Spark's results —
 * expected outputs taken from pyspark 4.3.0 on the same data.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const letters = () =>
  spark.createDataFrame(
    [
      ['a', 'x', 1],
      ['a', 'y', 2],
      ['b', 'z', 3],
    ],
    'k STRING, p STRING, v INT',
  );
const dated = () =>
  spark.createDataFrame(
    [
      ['a', '2020-01-02', 1, 1.5],
      ['b', null, 2, null],
    ],
    'k STRING, d STRING, i INT, f DOUBLE',
  );

const rows = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) =>
  (await df.collect()).map((r) => r.toArray());

describe('pivot without values', () => {
  it('has no schema until its values are collected, and says how to get one', async () => {
    const df = letters().groupBy('k').pivot('p').sum('v');
    expect(() => df.columns).toThrow(
      /PIVOT_VALUES_NOT_COLLECTED.*pivot\('p', \[v1, v2, \.\.\.\]\).*resolvePivot/s,
    );
    const resolved = await df.resolvePivot();
    expect(resolved.columns).toEqual(['k', 'x', 'y', 'z']);
  });

  it('runs the values job from any action, also through later transformations', async () => {
    const df = letters().groupBy('k').pivot('p').count().orderBy('k');
    // count over numeric results: a value missing from a group is NULL, as Spark's PivotFirst gives
    expect(await rows(df)).toEqual([
      ['a', 1, 1, null],
      ['b', null, null, 1],
    ]);
    expect(await df.count()).toBe(2);
    expect(await df.showString()).toBe(
      [
        '+---+----+----+----+',
        '|  k|   x|   y|   z|',
        '+---+----+----+----+',
        '|  a|   1|   1|NULL|',
        '|  b|NULL|NULL|   1|',
        '+---+----+----+----+',
        '',
      ].join('\n'),
    );
  });

  it('keeps empty collections for non-numeric aggregates (one conditional aggregate per value)', async () => {
    const df = letters().groupBy('k').pivot('p').agg({ v: 'collect_list' }).orderBy('k');
    expect(await rows(df)).toEqual([
      ['a', [1], [2], []],
      ['b', [], [], [3]],
    ]);
  });

  it('sorts the values, NULL first, and names columns by the value text in the column type', async () => {
    const byDate = await dated()
      .selectExpr('k', 'cast(d AS date) AS d', 'i')
      .groupBy('k')
      .pivot('d')
      .sum('i')
      .resolvePivot();
    expect(byDate.columns).toEqual(['k', 'null', '2020-01-02']);
    expect(await rows(byDate.orderBy('k'))).toEqual([
      ['a', null, 1],
      ['b', 2, null],
    ]);
    const byDouble = await dated().groupBy('k').pivot('f').sum('i').resolvePivot();
    expect(byDouble.columns).toEqual(['k', 'null', '1.5']);
  });

  it('checks names at the call, before any job', () => {
    expect(() => letters().groupBy('k').pivot('nope').sum('v')).toThrow(/UNRESOLVED_COLUMN.*nope/);
    expect(() => letters().groupBy('k').pivot('p').sum('nope')).toThrow(/nope/);
  });

  it('fails past spark.sql.pivotMaxValues distinct values', async () => {
    spark.conf.set('spark.sql.pivotMaxValues', '2');
    try {
      await expect(letters().groupBy('k').pivot('p').sum('v').collect()).rejects.toThrow(
        'The pivot column p has more than 2 distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.',
      );
    } finally {
      spark.conf.unset('spark.sql.pivotMaxValues');
    }
  });

  it('pivots the whole DataFrame when there are no grouping keys', async () => {
    expect(await rows(letters().groupBy().pivot('k').count())).toEqual([[2, 1]]);
  });
});

describe('pivot with values', () => {
  it('casts each value to the pivot column type and names the column by the value as given', async () => {
    const df = dated().groupBy('k').pivot('i', ['1', 'x']).sum('i').orderBy('k');
    expect(df.columns).toEqual(['k', '1', 'x']);
    expect(await rows(df)).toEqual([
      ['a', 1, null],
      ['b', null, null],
    ]);
  });

  it('skips nulls in first/last for a value (Spark rewrites them to ignore nulls)', async () => {
    const df = letters().groupBy('k').pivot('p', ['x', 'q']).agg({ v: 'first' }).orderBy('k');
    expect(await rows(df)).toEqual([
      ['a', 1, null],
      ['b', null, null],
    ]);
  });

  it('rejects a value that cannot be cast to the pivot column type', () => {
    expect(() =>
      dated()
        .groupBy('k')
        .pivot('i', [[1, 2]])
        .sum('i'),
    ).toThrow(
      /PIVOT_VALUE_DATA_TYPE_MISMATCH.*value data type ARRAY<INT> does not match pivot column data type INT/,
    );
  });
});
