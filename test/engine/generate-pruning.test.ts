/**
 * A generate under a projection keeps only the input columns the projection reads (Spark's
 * Generate.requiredChildOutput), and a projection that reproduces its input passes rows through.
 * These check the rows are the same as before either shortcut, for every shape they apply to.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { functions as F, Session } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const lines = () =>
  spark.createDataFrame(
    [
      [1, 'a b a', ['x', 'y']],
      [2, '', []],
      [3, null, null],
      [4, 'b', ['z']],
    ],
    'id INT, line STRING, tags ARRAY<STRING>',
  );

const plain = async (df: { collect(): Promise<{ toArray(): unknown[] }[]> }) =>
  (await df.collect()).map((r) => r.toArray());

describe('generate with pruned input columns', () => {
  it('emits only the generated column when nothing else is read', async () => {
    const df = lines().select(F.explode(F.split(F.col('line'), ' ')).alias('word'));
    expect(df.explainString()).toContain('Generate explode(split(line,  , -1)), [], false, [word#');
    expect(await plain(df.orderBy('word'))).toEqual([[''], ['a'], ['a'], ['b'], ['b']]);
  });

  it('keeps the input columns the projection reads, in their order', async () => {
    const df = lines().select(F.explode('tags').alias('tag'), 'id');
    expect(df.explainString()).toMatch(/Generate explode\(tags\), \[id#\d+\], false, \[tag#\d+\]/);
    expect(await plain(df.orderBy('tag'))).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 4],
    ]);
  });

  it('pads outer generators with nulls and keeps pos columns', async () => {
    expect(
      await plain(lines().select('id', F.explodeOuter('tags').alias('tag')).orderBy('id', 'tag')),
    ).toEqual([
      [1, 'x'],
      [1, 'y'],
      [2, null],
      [3, null],
      [4, 'z'],
    ]);
    expect(await plain(lines().select(F.posexplodeOuter('tags')).orderBy('pos', 'col'))).toEqual([
      [null, null],
      [null, null],
      [0, 'x'],
      [0, 'z'],
      [1, 'y'],
    ]);
  });

  it('counts words through a pruned generate, a pass-through projection and a one-key aggregate', async () => {
    const df = lines()
      .select(F.explode(F.split(F.col('line'), ' ')).alias('word'))
      .groupBy('word')
      .agg(F.count(F.lit(1)).alias('n'), F.countDistinct(F.lit('k')).alias('d'));
    expect(await plain(df.orderBy('word'))).toEqual([
      ['', 1, 1],
      ['a', 2, 1],
      ['b', 2, 1],
    ]);
  });

  it('keeps every column of a generate that is not under a projection', async () => {
    const df = spark.sql(
      "SELECT id, w FROM VALUES (1, 'p q'), (2, 'r') AS t(id, s) LATERAL VIEW explode(split(s, ' ')) v AS w",
    );
    expect(await plain(df.orderBy('w'))).toEqual([
      [1, 'p'],
      [1, 'q'],
      [2, 'r'],
    ]);
  });
});

describe('pass-through projection', () => {
  it('returns the same rows for an identity or renaming projection', async () => {
    const df = lines().select('id', 'line', 'tags');
    expect(await plain(df.select('id', F.col('line').alias('l'), 'tags').orderBy('id'))).toEqual(
      await plain(lines().orderBy('id')),
    );
    expect(await plain(df.select('line', 'id').orderBy('id'))).toEqual([
      ['a b a', 1],
      ['', 2],
      [null, 3],
      ['b', 4],
    ]);
  });
});
