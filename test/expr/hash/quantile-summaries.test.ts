/**
 * Greenwald–Khanna summaries against pyspark 4.3.0's `percentile_approx` over one partition of
 * `range(0, n, 1, 1)` with values `id * 7919 % n` (a permutation, so inserts are out of order)
 * and those values as doubles divided by 7.
 */
import { describe, expect, it } from 'vitest';
import {
  createQuantileSummary,
  quantileInsert,
  quantileMerge,
  quantileQuery,
} from '../../../src/expr/hash/quantile-summaries.js';

const PERCENTAGES = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];

const SPARK: [n: number, accuracy: number, ints: number[], doubles: number[]][] = [
  [
    10,
    10000,
    [0, 0, 0, 2, 4, 7, 8, 9, 9],
    [
      0.0, 0.0, 0.0, 0.2857142857142857, 0.5714285714285714, 1.0, 1.1428571428571428, 1.2857142857142858,
      1.2857142857142858,
    ],
  ],
  [
    10,
    10,
    [0, 0, 0, 1, 3, 6, 9, 9, 9],
    [
      0.0, 0.0, 0.0, 0.14285714285714285, 0.42857142857142855, 0.8571428571428571, 1.2857142857142858,
      1.2857142857142858, 1.2857142857142858,
    ],
  ],
  [
    1000,
    10000,
    [0, 9, 99, 249, 499, 749, 899, 989, 999],
    [
      0.0, 1.2857142857142858, 14.142857142857142, 35.57142857142857, 71.28571428571429, 107.0,
      128.42857142857142, 141.28571428571428, 142.71428571428572,
    ],
  ],
  [
    1000,
    100,
    [0, 0, 92, 250, 497, 740, 890, 999, 999],
    [
      0.0, 0.0, 13.142857142857142, 35.714285714285715, 71.0, 105.71428571428571, 127.14285714285714,
      142.71428571428572, 142.71428571428572,
    ],
  ],
  [
    1000,
    10,
    [0, 0, 0, 155, 412, 658, 999, 999, 999],
    [
      0.0, 0.0, 0.0, 22.142857142857142, 58.857142857142854, 94.0, 142.71428571428572, 142.71428571428572,
      142.71428571428572,
    ],
  ],
  [
    100000,
    10000,
    [0, 1003, 10002, 24997, 49991, 74989, 89990, 98995, 99999],
    [
      0.0, 143.28571428571428, 1428.857142857143, 3571.0, 7141.571428571428, 10712.714285714286,
      12855.714285714286, 14142.142857142857, 14285.57142857143,
    ],
  ],
  [
    100000,
    100,
    [0, 0, 9268, 24069, 49871, 74914, 89475, 99999, 99999],
    [
      0.0, 0.0, 1324.0, 3438.4285714285716, 7124.428571428572, 10702.0, 12782.142857142857, 14285.57142857143,
      14285.57142857143,
    ],
  ],
  [
    100000,
    10,
    [0, 0, 0, 28351, 40287, 65440, 99999, 99999, 99999],
    [
      0.0, 0.0, 0.0, 4050.1428571428573, 5755.285714285715, 9348.57142857143, 14285.57142857143,
      14285.57142857143, 14285.57142857143,
    ],
  ],
  [
    123457,
    10000,
    [0, 1243, 12351, 30863, 61719, 92588, 111102, 122221, 123456],
    [
      0.0, 177.57142857142858, 1764.4285714285713, 4409.0, 8817.0, 13226.857142857143, 15871.714285714286,
      17460.14285714286, 17636.571428571428,
    ],
  ],
  [
    123457,
    100,
    [0, 0, 11444, 29717, 61573, 92490, 110466, 123456, 123456],
    [
      0.0, 0.0, 1634.857142857143, 4245.285714285715, 8796.142857142857, 13212.857142857143,
      15780.857142857143, 17636.571428571428, 17636.571428571428,
    ],
  ],
  [
    123457,
    10,
    [0, 0, 0, 35004, 49743, 80798, 123456, 123456, 123456],
    [
      0.0, 0.0, 0.0, 5000.571428571428, 7106.142857142857, 11542.57142857143, 17636.571428571428,
      17636.571428571428, 17636.571428571428,
    ],
  ],
];

function summarize(n: number, accuracy: number, f: (i: number) => number) {
  const s = createQuantileSummary(1 / accuracy);
  for (let i = 0; i < n; i++) quantileInsert(s, f((i * 7919) % n));
  return quantileQuery(s, PERCENTAGES);
}

describe('quantile summaries (percentile_approx)', () => {
  for (const [n, accuracy, ints, doubles] of SPARK) {
    it(`matches Spark for n=${n}, accuracy=${accuracy}`, () => {
      expect(summarize(n, accuracy, (v) => v)).toEqual(ints);
      expect(summarize(n, accuracy, (v) => v / 7)).toEqual(doubles);
    });
  }

  it('is null when empty', () => {
    expect(quantileQuery(createQuantileSummary(1e-4), [0.5])).toBeNull();
  });

  it('merges partial summaries into exact results at high accuracy', () => {
    const parts = [0, 1, 2].map(() => createQuantileSummary(1e-4));
    for (let i = 0; i < 3000; i++) quantileInsert(parts[i % 3]!, (i * 7919) % 3000);
    const merged = parts.reduce((a, b) => quantileMerge(a, b), createQuantileSummary(1e-4));
    expect(quantileQuery(merged, [0, 0.5, 1])).toEqual([0, 1499, 2999]);
  });

  it('survives structured cloning between update and merge', () => {
    const a = createQuantileSummary(1e-4);
    for (let i = 0; i < 100; i++) quantileInsert(a, i);
    const b = structuredClone(a);
    quantileMerge(a, b);
    expect(quantileQuery(a, [0.5])).toEqual([49]);
  });
});
