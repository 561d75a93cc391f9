/**
 * Window functions (ranking, lag/lead, nth_value) over one sorted partition, against pyspark 4.3.0
 * results for `W.partitionBy('g').orderBy('v')` and `orderBy('s')` on the same rows.
 */
import { describe, expect, it } from 'vitest';
import { BooleanType, IntegerType, NullType, StringType } from '../../src/types/data-type.js';
import { columns, lit, runWindow } from './aggregate-harness.js';

const c = columns([
  ['s', StringType],
  ['v', IntegerType],
]);
// Partition g = 1 sorted by v ASC NULLS FIRST.
const BY_V = [
  ['b', null],
  ['a', 10],
  ['c', 30],
  ['e', 30],
];
const byV = (name: string, args = [] as ReturnType<typeof c.col>[]) =>
  runWindow(c, name, args, BY_V, (r) => r[1]);

describe('ranking functions', () => {
  it('number, rank and distribute rows like Spark', () => {
    expect(byV('row_number').values).toEqual([1, 2, 3, 4]);
    expect(byV('rank').values).toEqual([1, 2, 3, 3]);
    expect(byV('dense_rank').values).toEqual([1, 2, 3, 3]);
    expect(byV('percent_rank').values).toEqual([0, 1 / 3, 2 / 3, 2 / 3]);
    expect(byV('cume_dist').values).toEqual([0.25, 0.5, 1, 1]);
    expect(byV('ntile', [lit(2, IntegerType)]).values).toEqual([1, 1, 2, 2]);
    expect(runWindow(c, 'percent_rank', [], [['x', 1]], (r) => r[1]).values).toEqual([0]);
  });

  it('splits uneven ntile buckets first-heavy', () => {
    const rows = Array.from({ length: 7 }, (_, i) => [String(i), i]);
    expect(runWindow(c, 'ntile', [lit(3, IntegerType)], rows, (r) => r[1]).values).toEqual([
      1, 1, 1, 2, 2, 3, 3,
    ]);
    expect(runWindow(c, 'ntile', [lit(10, IntegerType)], rows.slice(0, 3), (r) => r[1]).values).toEqual([
      1, 2, 3,
    ]);
    expect(() => runWindow(c, 'ntile', [lit(0, IntegerType)], rows, (r) => r[1])).toThrow(
      'The buckets must be greater than 0, but got 0',
    );
  });

  it('names columns like Spark', () => {
    expect(byV('row_number').name).toBe('row_number()');
    expect(byV('rank').name).toBe('RANK()');
    expect(byV('dense_rank').name).toBe('DENSE_RANK()');
    expect(byV('percent_rank').name).toBe('PERCENT_RANK()');
    expect(byV('cume_dist').name).toBe('cume_dist()');
    expect(byV('ntile', [lit(2, IntegerType)]).name).toBe('ntile(2)');
  });
});

describe('lag / lead', () => {
  it('offsets rows with defaults', () => {
    const lag1 = byV('lag', [c.col('v')]);
    expect(lag1.values).toEqual([null, null, 10, 30]);
    expect(lag1.name).toBe('lag(v, 1, NULL)');
    const lag2 = byV('lag', [c.col('v'), lit(2, IntegerType), lit(0, IntegerType)]);
    expect(lag2.values).toEqual([0, 0, null, 10]);
    expect(lag2.name).toBe('lag(v, 2, 0)');
    const lead = byV('lead', [c.col('s'), lit(1, IntegerType), lit('zz', StringType)]);
    expect(lead.values).toEqual(['a', 'c', 'e', 'zz']);
    expect(lead.name).toBe('lead(s, 1, zz)');
    expect(byV('lag', [c.col('v'), lit(1, IntegerType), lit(null, NullType)]).values).toEqual([
      null,
      null,
      10,
      30,
    ]);
  });

  const BY_S = [
    ['a', 10],
    ['b', null],
    ['c', 30],
    ['e', 30],
    ['f', null],
    ['g', 5],
  ];
  const byS = (name: string, args: ReturnType<typeof c.col>[]) =>
    runWindow(c, name, args, BY_S, (r) => r[0]).values;

  it('skips nulls when asked, and handles zero and negative offsets', () => {
    const t = lit(true, BooleanType);
    const one = lit(1, IntegerType);
    const none = lit(null, NullType);
    expect(byS('lag', [c.col('v'), one, none, t])).toEqual([null, 10, 10, 30, 30, 30]);
    expect(byS('lead', [c.col('v'), one, none, t])).toEqual([30, 30, 30, 5, 5, null]);
    expect(byS('lag', [c.col('v'), lit(0, IntegerType)])).toEqual([10, null, 30, 30, null, 5]);
    expect(byS('lag', [c.col('v'), lit(-1, IntegerType)])).toEqual([null, 30, 30, null, 5, null]);
    expect(byS('ntile', [lit(3, IntegerType)])).toEqual([1, 1, 2, 2, 3, 3]);
    expect(byS('nth_value', [c.col('v'), lit(2, IntegerType), t])).toEqual([null, null, 30, 30, 30, 30]);
  });
});

describe('nth_value', () => {
  it('looks at the default frame: rows up to the current row and its peers', () => {
    const s2 = byV('nth_value', [c.col('s'), lit(2, IntegerType)]);
    expect(s2.values).toEqual([null, 'a', 'a', 'a']);
    expect(s2.name).toBe('nth_value(s, 2)');
    const v2 = byV('nth_value', [c.col('v'), lit(2, IntegerType), lit(true, BooleanType)]);
    expect(v2.values).toEqual([null, null, 30, 30]);
    expect(v2.name).toBe('nth_value(v, 2) ignore nulls');
    // Without ORDER BY every row is a peer of every other: the frame is the whole partition.
    expect(runWindow(c, 'nth_value', [c.col('s'), lit(3, IntegerType)], BY_V, () => 0).values).toEqual([
      'c',
      'c',
      'c',
      'c',
    ]);
  });
});
