/**
 * Seeded rand / randn / uuid start over in every partition with seed + partition index, as in
 * Spark: the values below are pyspark 4.3.0's for spark.range(0, 6, 1, 3) (two rows per partition).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

const spark = Session.builder().master('local[2]').getOrCreate();
afterAll(() => spark.stop());

describe('seeded random functions', () => {
  it('reproduce Spark’s values partition by partition', async () => {
    const rows = (await spark.range(0, 6, 1, 3).selectExpr('rand(42)', 'randn(7)', 'uuid(5)').collect()).map(
      (r) => r.toArray(),
    );
    expect(rows).toEqual([
      [0.619189370225301, -1.773755556110447, '99b370cd-2be6-4419-b53a-bf23bbe7c58b'],
      [0.5096018842446481, -0.32537852999017897, 'f818d780-2c21-4ec4-8941-9ac0541ea444'],
      [0.8017532427858894, -0.12108592338857035, '1089e7b4-a9dc-48c8-ac4a-439156b1d48d'],
      [0.6565552949992319, 1.7346662488921807, 'c69a1423-29a7-475d-b3b6-52a4f9590e20'],
      [0.7985334687187781, 1.8039683668407596, 'cee40aac-b68a-440d-b75a-41718652cb36'],
      [0.8679617292463396, -0.2840236697878177, '50fe06d6-e030-43ea-9ff6-ff3a773b207a'],
    ]);
  });

  it('give the same values when the query runs again', async () => {
    const df = spark.range(0, 6, 1, 3).selectExpr('rand(1) AS r');
    const a = (await df.collect()).map((r) => r.toArray()[0]);
    const b = (await df.collect()).map((r) => r.toArray()[0]);
    expect(b).toEqual(a);
  });
});
