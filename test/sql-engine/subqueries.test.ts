/**
 * Subqueries rewritten into joins: scalar (uncorrelated, correlated by equality and by other
 * predicates, the count bug), IN / NOT IN with SQL's null semantics, EXISTS / NOT EXISTS, and
 * subqueries outside WHERE. Expected values are pyspark 4.3.0's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

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

const key = (r: unknown) => JSON.stringify(r);
const sorted = (xs: unknown[][]) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : 1));
async function expectRows(sql: string, expected: unknown[][]): Promise<void> {
  const got = (await spark.sql(sql).collect()).map((r) => r.toArray());
  expect(sorted(got)).toEqual(sorted(expected));
}

describe('scalar subqueries', () => {
  it('uncorrelated, named scalarsubquery()', async () => {
    expect(spark.sql('SELECT id, (SELECT max(id) FROM u) FROM t').columns).toEqual([
      'id',
      'scalarsubquery()',
    ]);
    await expectRows('SELECT id, (SELECT max(id) FROM u) m FROM t', [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
    ]);
    await expectRows('SELECT id FROM t WHERE v > (SELECT avg(v) FROM t)', [[4]]);
    await expectRows('SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM u) AS n', [[8]]);
  });

  it('NULL when the subquery returns no row; an error when it returns two', async () => {
    await expectRows('SELECT id, (SELECT name FROM u WHERE id = 99) AS n FROM t WHERE id = 1', [[1, null]]);
    await expect(spark.sql('SELECT (SELECT id FROM u) AS x').collect()).rejects.toThrow(
      '[SCALAR_SUBQUERY_TOO_MANY_ROWS]',
    );
  });

  it('correlated by equality, with the count bug handled', async () => {
    expect(spark.sql('SELECT id, (SELECT count(*) FROM u WHERE u.id = t.id) FROM t').columns).toEqual([
      'id',
      'scalarsubquery(id)',
    ]);
    await expectRows('SELECT id, (SELECT count(*) FROM u WHERE u.id = t.id) c FROM t', [
      [1, 1],
      [2, 0],
      [3, 1],
      [4, 0],
    ]);
    await expectRows('SELECT id, (SELECT max(name) FROM u WHERE u.id = t.id) c FROM t', [
      [1, 'x'],
      [2, null],
      [3, 'y'],
      [4, null],
    ]);
  });

  it('correlated by other predicates (a domain join)', async () => {
    await expectRows('SELECT id, (SELECT max(u.id) FROM u WHERE u.id < t.id) FROM t', [
      [1, null],
      [2, 1],
      [3, 1],
      [4, 3],
    ]);
  });

  it('in HAVING', async () => {
    await expectRows('SELECT k, sum(v) FROM t GROUP BY k HAVING sum(v) > (SELECT min(id) * 15 FROM u)', [
      [null, 40],
      ['b', 20],
    ]);
  });
});

describe('IN and EXISTS', () => {
  it('IN / NOT IN in WHERE follow three-valued logic', async () => {
    await expectRows('SELECT id FROM t WHERE id IN (SELECT id FROM u)', [[1], [3]]);
    // u.id holds a NULL: NOT IN is never true
    await expectRows('SELECT id FROM t WHERE id NOT IN (SELECT id FROM u)', []);
    await expectRows('SELECT id FROM t WHERE id NOT IN (SELECT id FROM u WHERE id IS NOT NULL)', [[2], [4]]);
    // a NULL on the left is not NOT IN a non-empty set; it is NOT IN an empty one
    await expectRows('SELECT v FROM t WHERE v NOT IN (SELECT id FROM u WHERE id > 1)', [[10], [20], [40]]);
    await expectRows('SELECT id FROM t WHERE v NOT IN (SELECT id FROM u WHERE id > 100)', [
      [1],
      [2],
      [3],
      [4],
    ]);
  });

  it('correlated IN and multi-column IN', async () => {
    await expectRows("SELECT id FROM t WHERE id IN (SELECT id FROM u WHERE u.name > t.k OR t.k = 'b')", [
      [1],
      [3],
    ]);
    await expectRows('SELECT id, v FROM t WHERE (id, v) IN (SELECT id, v FROM t WHERE v > 15)', [
      [2, 20],
      [4, 40],
    ]);
  });

  it('EXISTS / NOT EXISTS, correlated or not', async () => {
    await expectRows('SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)', [[1], [3]]);
    await expectRows('SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.id = t.id)', [[2], [4]]);
    await expectRows('SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id > 4)', [[1], [2], [3], [4]]);
    await expectRows('SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.id > t.id)', []);
  });

  it('outside WHERE they are existence tests (never NULL), named as Spark names them', async () => {
    const df = spark.sql(
      'SELECT id, id IN (SELECT id FROM u), EXISTS (SELECT 1 FROM u WHERE u.id = t.id) FROM t',
    );
    expect(df.columns).toEqual(['id', '(id IN (listquery()))', 'exists(id)']);
    await expectRows('SELECT id, id IN (SELECT id FROM u) FROM t', [
      [1, true],
      [2, false],
      [3, true],
      [4, false],
    ]);
    await expectRows('SELECT id, id NOT IN (SELECT id FROM u) FROM t', [
      [1, false],
      [2, false],
      [3, false],
      [4, false],
    ]);
    await expectRows('SELECT id FROM t WHERE id > 3 OR id IN (SELECT id FROM u)', [[1], [3], [4]]);
  });

  it('nested subqueries', async () => {
    await expectRows(
      "SELECT id FROM t WHERE id IN (SELECT id FROM u WHERE name IN (SELECT 'x' UNION SELECT 'z'))",
      [[1]],
    );
  });
});
