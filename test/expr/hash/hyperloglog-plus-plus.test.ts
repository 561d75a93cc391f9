/**
 * HyperLogLog++ estimates against pyspark 4.3.0's `approx_count_distinct` over `range(0, n, 1, 1)`:
 * `id` (long), `cast(id as int)`, `concat('v', id)`, `cast(id as double) / 3`, and rsd 0.01 / 0.2.
 */
import { describe, expect, it } from 'vitest';
import {
  hllAddHash,
  hllCreate,
  hllEstimate,
  hllMerge,
  hllPrecisionFor,
  hllShape,
} from '../../../src/expr/hash/hyperloglog-plus-plus.js';
import { compileXxHash64, SPARK_HASH_SEED } from '../../../src/expr/hash/spark-hash.js';
import { xxState } from '../../../src/expr/hash/xxhash64.js';
import {
  type DataType,
  DoubleType,
  IntegerType,
  LongType,
  StringType,
} from '../../../src/types/data-type.js';

function estimate(values: Iterable<unknown>, type: DataType, rsd = 0.05, parts = 1): number {
  const shape = hllShape(hllPrecisionFor(rsd));
  const hash = compileXxHash64(type);
  const sketches = Array.from({ length: parts }, () => hllCreate(shape));
  let i = 0;
  for (const v of values) {
    xxState[0] = SPARK_HASH_SEED;
    xxState[1] = 0;
    hash(v);
    hllAddHash(sketches[i++ % parts]!, shape.p, xxState[0]!, xxState[1]!);
  }
  const merged = sketches.reduce((a, b) => hllMerge(a, b));
  return hllEstimate(merged, shape);
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}
function* mapped<T>(n: number, f: (i: number) => T): Generator<T> {
  for (let i = 0; i < n; i++) yield f(i);
}

// [n, long, int, string, double/3, long rsd 0.01, long rsd 0.2, (id * 7919) % n]
const SPARK: [number, number, number, number, number, number, number, number][] = [
  [10, 10, 10, 10, 10, 10, 12, 10],
  [1000, 1026, 1026, 950, 1065, 996, 748, 1026],
  [100000, 95546, 94954, 102048, 100800, 100425, 89779, 95546],
];

describe('HyperLogLog++ (approx_count_distinct)', () => {
  it('derives the precision from rsd like Spark', () => {
    expect(hllPrecisionFor(0.05)).toBe(9);
    expect(hllPrecisionFor(0.01)).toBe(14);
    expect(hllPrecisionFor(0.2)).toBe(5);
  });

  for (const [n, long, int, str, dbl, fine, coarse, permuted] of SPARK) {
    it(`matches Spark for ${n} distinct values`, () => {
      expect(estimate(range(n), LongType)).toBe(long);
      expect(estimate(range(n), IntegerType)).toBe(int);
      expect(
        estimate(
          mapped(n, (i) => `v${i}`),
          StringType,
        ),
      ).toBe(str);
      expect(
        estimate(
          mapped(n, (i) => i / 3),
          DoubleType,
        ),
      ).toBe(dbl);
      expect(estimate(range(n), LongType, 0.01)).toBe(fine);
      expect(estimate(range(n), LongType, 0.2)).toBe(coarse);
      expect(
        estimate(
          mapped(n, (i) => (i * 7919) % n),
          LongType,
        ),
      ).toBe(permuted);
    });
  }

  it('matches Spark in the bias-corrected range (2.5m < E < 5m)', () => {
    const cases: [number, number, number][] = [
      [1500, 1400, 1550],
      [2000, 1947, 2109],
      [2500, 2378, 2629],
    ];
    for (const [n, long, str] of cases) {
      expect(estimate(range(n), LongType)).toBe(long);
      expect(
        estimate(
          mapped(n, (i) => `k${i}`),
          StringType,
        ),
      ).toBe(str);
    }
    expect(estimate(range(50000), LongType, 0.01)).toBe(49813);
    expect(estimate(range(70000), LongType, 0.01)).toBe(70015);
    // p = 4 (rsd 0.3) uses its own alpha
    expect(estimate(range(30), LongType, 0.3)).toBe(27);
    expect(estimate(range(50), LongType, 0.3)).toBe(50);
  });

  it('gives the same estimate however the rows are split (merge is register-wise max)', () => {
    expect(estimate(range(1000), LongType, 0.05, 4)).toBe(1026);
    expect(
      estimate(
        mapped(3000, (i) => i % 1000),
        LongType,
        0.05,
        3,
      ),
    ).toBe(1026);
  });

  it('estimates 0 for an empty sketch', () => {
    const shape = hllShape(9);
    expect(hllEstimate(hllCreate(shape), shape)).toBe(0);
  });
});
