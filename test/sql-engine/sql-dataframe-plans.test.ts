/**
 * The SQL text and the DataFrame API build the same plans: for each pair, the analyzed, optimized
 * and physical plans printed by `explainString(true)` are identical once expression ids (fresh per
 * reference, `name#12`) are numbered by first appearance.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type DataFrame, functions as F, Session } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

spark
  .createDataFrame(
    [
      [1, 'a', 10],
      [2, 'b', 20],
    ],
    'id INT, k STRING, v INT',
  )
  .createOrReplaceTempView('t');
spark
  .createDataFrame(
    [
      [1, 'x'],
      [3, 'y'],
    ],
    'id INT, name STRING',
  )
  .createOrReplaceTempView('u');

/** `explainString(true)` with expression ids renumbered in order of appearance. */
function plans(df: DataFrame): string {
  const ids = new Map<string, number>();
  return df.explainString(true).replace(/#(\d+)/g, (_m, id: string) => {
    if (!ids.has(id)) ids.set(id, ids.size);
    return `#${ids.get(id)}`;
  });
}

const t = () => spark.table('t');
const u = () => spark.table('u');

const pairs: [string, () => DataFrame][] = [
  [
    'SELECT id, v + 1 AS w FROM t WHERE v > 10',
    () => t().filter(F.col('v').gt(10)).select('id', F.col('v').plus(1).alias('w')),
  ],
  ['SELECT k, sum(v) AS s FROM t GROUP BY k', () => t().groupBy('k').agg(F.sum('v').alias('s'))],
  ['SELECT * FROM t ORDER BY v DESC', () => t().select('*').orderBy(F.col('v').desc())],
  [
    'SELECT t.id, name FROM t JOIN u ON t.id = u.id',
    () => {
      const [l, r] = [t(), u()];
      return l.join(r, l.col('id').eq(r.col('id'))).select(l.col('id'), 'name');
    },
  ],
  ['SELECT DISTINCT k FROM t LIMIT 5', () => t().select('k').distinct().limit(5)],
  ['SELECT upper(k) FROM t', () => t().select(F.upper('k'))],
];

describe('SQL and DataFrame plans', () => {
  for (const [sql, api] of pairs) {
    it(sql, () => {
      expect(plans(spark.sql(sql))).toBe(plans(api()));
    });
  }
});
