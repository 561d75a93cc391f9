/**
 * Aggregate functions run directly through their Aggregators (one and several partitions, with
 * buffers structured-cloned between update and merge). Expected values and names come from
 * pyspark 4.3.0 (non-ANSI unless said otherwise).
 */
import { describe, expect, it } from 'vitest';
import {
  arrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DateType,
  DoubleType,
  decimalType,
  FloatType,
  IntegerType,
  LongType,
  mapType,
  StringType,
  simpleString,
  structField,
  structType,
  TimestampType,
} from '../../src/types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../src/util/errors.js';
import { columns, lit, runAggregate } from './aggregate-harness.js';

const ints = columns([
  ['a', IntegerType],
  ['b', DoubleType],
  ['s', StringType],
  ['t', BooleanType],
]);
const { col } = ints;
const ROWS = [
  [1, 2.0, 'x', true],
  [2, 3.0, 'y', false],
  [null, null, null, null],
];

const one = (name: string, args: ReturnType<typeof col>[], rows: unknown[][] = ROWS, parts = 1) =>
  runAggregate(ints, name, args, rows, { parts });

describe('count, count_if', () => {
  it('counts non-null rows, several args counting rows where all are non-null', () => {
    expect(one('count', [col('a')]).value).toBe(2);
    expect(one('count', [lit(1, IntegerType)]).value).toBe(3);
    expect(
      one(
        'count',
        [col('a'), col('s')],
        [
          [1, 0, 'x'],
          [2, 0, null],
          [null, 0, 'z'],
        ],
      ).value,
    ).toBe(1);
    const r = one('count', [col('a')], []);
    expect(r.value).toBe(0);
    expect(r.call.dataType).toBe(LongType);
    expect(r.call.nullable).toBe(false);
    expect(r.name).toBe('count(a)');
  });

  it('count_if counts true values and rejects non-booleans', () => {
    expect(one('count_if', [col('t')]).value).toBe(1);
    expect(one('count_if', [col('t')], [[null, null, null, null]]).value).toBe(0);
    expect(() => one('count_if', [col('a')])).toThrow(
      'Cannot resolve "count_if(a)" due to data type mismatch: The first parameter requires the "BOOLEAN" type, however "a" has the type "INT".',
    );
  });
});

describe('sum', () => {
  const nums = columns([
    ['b', ByteType],
    ['i', IntegerType],
    ['l', LongType],
    ['f', FloatType],
    ['dec', decimalType(10, 2)],
    ['str', StringType],
    ['bo', BooleanType],
    ['dt', DateType],
  ]);
  const rows = [
    [1, 1, 1, 1.5, 125n, '1.5', true, 19723],
    [100, 2147483647, 9223372036854775807n, 2.5, 250n, '2', false, 19725],
  ];
  const run = (c: string, rws: unknown[][] = rows, opts = {}) =>
    runAggregate(nums, 'sum', [nums.col(c)], rws, opts);

  it('widens integral types to long, decimals by 10 digits, floats and strings to double', () => {
    expect(run('b').value).toBe(101);
    expect(run('i').value).toBe(2147483648);
    expect(simpleString(run('i').call.dataType)).toBe('bigint');
    expect(run('f').value).toBe(4);
    expect(simpleString(run('f').call.dataType)).toBe('double');
    const d = run('dec');
    expect(d.value).toBe(375n);
    expect(simpleString(d.call.dataType)).toBe('decimal(20,2)');
    expect(run('str').value).toBe(3.5);
    expect(run('i', []).value).toBeNull();
  });

  it('wraps longs around outside ANSI mode and fails in it', () => {
    expect(run('l').value).toBe(-9223372036854775808n);
    expect(
      run('l', [
        [0, 0, 9007199254740991, 0, 0n, '', true, 0],
        [0, 0, 2, 0, 0n, '', true, 0],
      ]).value,
    ).toBe(9007199254740993n);
    expect(() => run('l', rows, { ansi: true })).toThrow(SparkRuntimeError);
    expect(() => run('l', rows, { ansi: true })).toThrow('[ARITHMETIC_OVERFLOW] overflow.');
  });

  it('gives null for a decimal sum that overflows its precision, exact sums otherwise', () => {
    const big = columns([['x', decimalType(38, 0)]]);
    const max = 10n ** 38n - 1n;
    expect(runAggregate(big, 'sum', [big.col('x')], [[max], [1n]]).value).toBeNull();
    expect(runAggregate(big, 'sum', [big.col('x')], [[max], [1n], [-5n]], { parts: 2 }).value).toBe(max - 4n);
    expect(() => runAggregate(big, 'sum', [big.col('x')], [[max], [1n]], { ansi: true })).toThrow(
      "[ARITHMETIC_OVERFLOW] Overflow in sum of decimals. Use 'try_sum'",
    );
  });

  it('rejects booleans and dates like Spark', () => {
    expect(() => run('bo')).toThrow(AnalysisException);
    expect(() => run('bo')).toThrow(
      '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "sum(bo)" due to data type mismatch: The first parameter requires the "NUMERIC" or "ANSI INTERVAL" type, however "bo" has the type "BOOLEAN".',
    );
    expect(() => run('dt')).toThrow('however "dt" has the type "DATE"');
  });
});

describe('avg / mean', () => {
  it('averages numbers as double and decimals exactly with 4 more digits of scale', () => {
    expect(one('avg', [col('a')]).value).toBe(1.5);
    expect(one('mean', [col('a')]).name).toBe('mean(a)');
    const d = columns([['x', decimalType(10, 2)]]);
    const r = runAggregate(d, 'avg', [d.col('x')], [[100n], [200n], [200n]], { parts: 2 });
    expect(r.value).toBe(1666667n);
    expect(simpleString(r.call.dataType)).toBe('decimal(14,6)');
    const small = columns([['x', decimalType(10, 5)]]);
    const s = runAggregate(small, 'avg', [small.col('x')], [[5n], [0n]]);
    expect(s.value).toBe(25000n);
    expect(simpleString(s.call.dataType)).toBe('decimal(14,9)');
    const wide = columns([['x', decimalType(38, 0)]]);
    expect(runAggregate(wide, 'avg', [wide.col('x')], [[10n ** 38n - 1n], [1n]]).value).toBeNull();
    expect(simpleString(runAggregate(wide, 'avg', [wide.col('x')], []).call.dataType)).toBe('decimal(38,4)');
    const longs = columns([['l', LongType]]);
    expect(runAggregate(longs, 'avg', [longs.col('l')], [[9223372036854775807n], [1]]).value).toBe(
      4.611686018427388e18,
    );
    expect(one('avg', [col('a')], []).value).toBeNull();
  });
});

describe('min / max', () => {
  it('orders strings by UTF-8 bytes (code points)', () => {
    const c = columns([['x', StringType]]);
    const rows = [['a'], ['é'], ['z'], ['😀'], ['\uFFFD']];
    expect(runAggregate(c, 'min', [c.col('x')], rows).value).toBe('a');
    expect(runAggregate(c, 'max', [c.col('x')], rows, { parts: 2 }).value).toBe('😀');
  });

  it('orders arrays, structs, binary, booleans and NaN like Spark', () => {
    const a = columns([['x', arrayType(IntegerType)]]);
    const arrays = [[[1, 2]], [[1]], [[1, null]], [[0, 5]]];
    expect(runAggregate(a, 'min', [a.col('x')], arrays).value).toEqual([0, 5]);
    expect(runAggregate(a, 'max', [a.col('x')], arrays).value).toEqual([1, 2]);
    const s = columns([['x', structType([structField('a', IntegerType), structField('b', StringType)])]]);
    const structs = [[[1, 'x']], [[1, null]]];
    expect(runAggregate(s, 'min', [s.col('x')], structs).value).toEqual([1, null]);
    expect(runAggregate(s, 'max', [s.col('x')], structs).value).toEqual([1, 'x']);
    const d = columns([['x', DoubleType]]);
    const doubles = [[Number.NaN], [1.0], [-0.0], [0.0]];
    expect(runAggregate(d, 'max', [d.col('x')], doubles).value).toBeNaN();
    expect(Object.is(runAggregate(d, 'min', [d.col('x')], doubles).value, -0)).toBe(true);
    const b = columns([['x', BinaryType]]);
    const bins = [[new Uint8Array([1])], [new Uint8Array([0xff])], [new Uint8Array([1, 0])]];
    expect(runAggregate(b, 'min', [b.col('x')], bins).value).toEqual(new Uint8Array([1]));
    expect(runAggregate(b, 'max', [b.col('x')], bins).value).toEqual(new Uint8Array([0xff]));
    expect(one('max', [col('t')]).value).toBe(true);
    expect(one('min', [col('t')]).value).toBe(false);
    expect(one('min', [col('a')], []).value).toBeNull();
  });

  it('rejects maps', () => {
    const m = columns([['x', mapType(IntegerType, IntegerType)]]);
    expect(() => runAggregate(m, 'min', [m.col('x')], [])).toThrow(
      '[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE] Cannot resolve "min(x)" due to data type mismatch: The `min` does not support ordering on type "MAP<INT, INT>".',
    );
  });
});

describe('first / last / any_value', () => {
  const c = columns([['x', IntegerType]]);
  const rows = [[null], [1], [2], [null]];
  const run = (name: string, args: ReturnType<typeof col>[], parts = 1, ignoreNulls = false) =>
    runAggregate(c, name, args, rows, { parts, ignoreNulls });

  it('respects nulls unless asked to ignore them (argument or IGNORE NULLS)', () => {
    for (const parts of [1, 2, 4]) {
      expect(run('first', [c.col('x')], parts).value).toBeNull();
      expect(run('last', [c.col('x')], parts).value).toBeNull();
      expect(run('first', [c.col('x'), lit(true, BooleanType)], parts).value).toBe(1);
      expect(run('last', [c.col('x'), lit(true, BooleanType)], parts).value).toBe(2);
      expect(run('first', [c.col('x')], parts, true).value).toBe(1);
      expect(run('last_value', [c.col('x')], parts, true).value).toBe(2);
      expect(run('any_value', [c.col('x'), lit(true, BooleanType)], parts).value).toBe(1);
    }
    expect(run('first', [c.col('x'), lit(true, BooleanType)]).name).toBe('first(x)');
    expect(run('first_value', [c.col('x')]).name).toBe('first_value(x)');
    expect(run('any_value', [c.col('x'), lit(true, BooleanType)]).name).toBe('any_value(x)');
  });
});

describe('bool_and / bool_or and their aliases', () => {
  it('is null with no non-null input', () => {
    expect(one('bool_and', [col('t')]).value).toBe(false);
    expect(one('every', [col('t')]).name).toBe('every(t)');
    expect(one('bool_or', [col('t')]).value).toBe(true);
    expect(one('some', [col('t')]).value).toBe(true);
    expect(one('any', [col('t')]).name).toBe('any(t)');
    expect(one('bool_and', [col('t')], [[null, null, null, null]]).value).toBeNull();
    expect(() => one('bool_and', [col('a')])).toThrow(
      'requires the "BOOLEAN" type, however "a" has the type "INT"',
    );
  });
});

describe('product', () => {
  it('multiplies as double', () => {
    expect(one('product', [col('a')]).value).toBe(2);
    expect(one('product', [col('a')]).call.dataType).toBe(DoubleType);
    expect(one('product', [col('a')], []).value).toBeNull();
  });
});

describe('collect_list / collect_set', () => {
  it('collects non-null values; sets fold -0.0 into 0.0 and NaN into one', () => {
    expect(one('collect_list', [col('a')], ROWS, 2).value).toEqual([1, 2]);
    expect(one('collect_list', [col('a')], []).value).toEqual([]);
    expect(simpleString(one('collect_list', [col('a')]).call.dataType)).toBe('array<int>');
    const d = columns([['x', DoubleType]]);
    const v = runAggregate(d, 'collect_set', [d.col('x')], [[0.0], [-0.0], [Number.NaN], [Number.NaN]], {
      parts: 2,
    }).value as number[];
    expect(v).toHaveLength(2);
    expect(Object.is(v[0], 0)).toBe(true);
    expect(v[1]).toBeNaN();
    const a = columns([['x', arrayType(IntegerType)]]);
    expect(runAggregate(a, 'collect_set', [a.col('x')], [[[1]], [[1]], [[2]]], { parts: 3 }).value).toEqual([
      [1],
      [2],
    ]);
  });
});

describe('mode, percentile, median', () => {
  const c = columns([
    ['x', IntegerType],
    ['y', StringType],
    ['f', IntegerType],
  ]);
  it('mode picks the most frequent value, smallest among ties', () => {
    const rows = [
      [1, 'b'],
      [2, 'a'],
      [2, 'a'],
      [1, 'b'],
      [3, 'c'],
    ];
    expect(runAggregate(c, 'mode', [c.col('x')], rows, { parts: 2 }).value).toBe(1);
    expect(runAggregate(c, 'mode', [c.col('x')], [[3], [1], [2]]).value).toBe(1);
    expect(runAggregate(c, 'mode', [c.col('x')], [[null], [null], [1]]).value).toBe(1);
    const det = runAggregate(c, 'mode', [c.col('x'), lit(true, BooleanType)], rows);
    expect(det.name).toBe('mode() WITHIN GROUP (ORDER BY x DESC)');
    expect(runAggregate(c, 'mode', [c.col('x'), lit(false, BooleanType)], rows).name).toBe('mode(x)');
  });

  it('percentile interpolates between the closest ranks', () => {
    const rows = [[1], [2], [3], [4], [10]];
    const p = runAggregate(c, 'percentile', [c.col('x'), lit(0.3, DoubleType)], rows, { parts: 2 });
    expect(p.value).toBeCloseTo(2.2, 15);
    expect(p.name).toBe('percentile(x, 0.3, 1)');
    const arr = runAggregate(c, 'percentile', [c.col('x'), lit([0, 0.25, 1], arrayType(DoubleType))], rows);
    expect(arr.value).toEqual([1.0, 2.0, 10.0]);
    expect(simpleString(arr.call.dataType)).toBe('array<double>');
    expect(runAggregate(c, 'median', [c.col('x')], rows).value).toBe(3.0);
    expect(runAggregate(c, 'median', [c.col('x')], [[1], [2]]).name).toBe('median(x)');
    expect(runAggregate(c, 'median', [c.col('x')], [[1], [2]]).value).toBe(1.5);
    const freq = runAggregate(
      c,
      'percentile',
      [c.col('x'), lit(0.5, DoubleType), c.col('f')],
      [
        [1, 'a', 1],
        [2, 'b', 3],
        [10, 'c', 1],
      ],
    );
    expect(freq.value).toBe(2.0);
    const dec = columns([['x', decimalType(10, 2)]]);
    expect(
      runAggregate(dec, 'percentile', [dec.col('x'), lit(0.5, DoubleType)], [[150n], [200n]]).value,
    ).toBe(1.75);
    expect(runAggregate(c, 'percentile', [c.col('x'), lit(0.5, DoubleType)], []).value).toBeNull();
    expect(() => runAggregate(c, 'percentile', [c.col('x'), lit(1.5, DoubleType)], [])).toThrow(
      'The percentage must be between [0.0, 1.0], but got 1.5',
    );
  });
});

describe('max_by / min_by', () => {
  it('takes the value at the largest / smallest ordering; later rows win ties; null orderings skipped', () => {
    const c = columns([
      ['x', IntegerType],
      ['y', IntegerType],
    ]);
    const rows = [
      [1, 10],
      [2, 10],
      [3, 5],
      [4, 5],
      [5, null],
      [null, 20],
    ];
    expect(runAggregate(c, 'max_by', [c.col('x'), c.col('y')], rows).value).toBeNull();
    expect(runAggregate(c, 'min_by', [c.col('x'), c.col('y')], rows, { parts: 3 }).value).toBe(4);
    const ties = rows.slice(0, 4);
    expect(runAggregate(c, 'max_by', [c.col('x'), c.col('y')], ties, { parts: 2 }).value).toBe(2);
    expect(runAggregate(c, 'min_by', [c.col('x'), c.col('y')], ties).value).toBe(4);
  });
});

describe('statistics', () => {
  const c = columns([
    ['x', DoubleType],
    ['y', DoubleType],
  ]);
  const xs = [1.0, 2.0, 4.0, 8.5, -3.25, 7.125, 0.1, 0.2, 0.3, 1e10, -7.77, 3.3333];
  const ys = [2.5, -1.0, 3.0, 0.5, 9.75, 1.1, 2.2, -0.3, 0.0, 5.0, 4.4, 1.0];
  const rows = xs.map((x, i) => [x, ys[i]]);
  const x = [c.col('x')];
  const xy = [c.col('x'), c.col('y')];
  // pyspark: df.agg(...) over one partition and over two (parallelize(rows, 2)).
  const EXPECTED: [string, ReturnType<typeof col>[], number, number][] = [
    ['stddev', x, 2886751345.5403543, 2886751345.5403543],
    ['stddev_pop', x, 2763853991.5724187, 2763853991.5724187],
    ['variance', x, 8.333333330979045e18, 8.333333330979045e18],
    ['var_pop', x, 7.638888886730792e18, 7.638888886730792e18],
    ['skewness', x, 3.015113445777636, 3.0151134457776356],
    ['kurtosis', x, 7.09090909090909, 7.09090909090909],
    ['corr', xy, 0.2814333209178099, 0.2814333209178099],
    ['covar_pop', xy, 2211805549.3684754, 2211805549.3684754],
    ['covar_samp', xy, 2412878781.1292458, 2412878781.1292458],
    ['avg', x, 833333334.6281916, 833333334.6281916],
    ['sum', x, 10000000015.5383, 10000000015.5383],
  ];
  for (const [name, args, onePart, twoParts] of EXPECTED) {
    it(`${name} matches Spark bit for bit`, () => {
      expect(runAggregate(c, name, args, rows).value).toBe(onePart);
      expect(runAggregate(c, name, args, rows, { parts: 2 }).value).toBe(twoParts);
    });
  }

  it('follows Spark null rules for one row, constants and NaN', () => {
    const run = (name: string, rws: unknown[][]) =>
      runAggregate(c, name, name.startsWith('co') ? xy : x, rws).value;
    expect(run('stddev', [[1.0, 1.0]])).toBeNull();
    expect(run('variance', [[1.0, 1.0]])).toBeNull();
    expect(run('stddev_pop', [[1.0, 1.0]])).toBe(0);
    expect(run('var_pop', [[1.0, 1.0]])).toBe(0);
    expect(
      run('skewness', [
        [1.0, 1.0],
        [1.0, 1.0],
      ]),
    ).toBeNull();
    expect(
      run('kurtosis', [
        [1.0, 1.0],
        [1.0, 1.0],
      ]),
    ).toBeNull();
    expect(
      run('stddev', [
        [1.0, 1.0],
        [Number.NaN, 1.0],
      ]),
    ).toBeNaN();
    expect(run('corr', [[1.0, 1.0]])).toBeNull();
    expect(
      run('corr', [
        [1.0, 1.0],
        [2.0, 1.0],
      ]),
    ).toBeNull();
    expect(run('covar_samp', [[1.0, 1.0]])).toBeNull();
    expect(run('covar_pop', [[1.0, 1.0]])).toBe(0);
    expect(run('stddev', [])).toBeNull();
    const ic = columns([['i', IntegerType]]);
    expect(runAggregate(ic, 'stddev', [ic.col('i')], [[1], [2], [4]]).value).toBe(1.5275252316519465);
    expect(runAggregate(ic, 'variance', [ic.col('i')], [[1], [2], [4]]).value).toBe(2.333333333333333);
    expect(runAggregate(ic, 'std', [ic.col('i')], [[1]]).name).toBe('std(i)');
  });
});

describe('approx_count_distinct', () => {
  it('estimates like Spark, with rsd folded from the second argument', () => {
    const c = columns([['id', LongType]]);
    const rows = Array.from({ length: 1000 }, (_, i) => [i]);
    const r = runAggregate(c, 'approx_count_distinct', [c.col('id')], rows, { parts: 3 });
    expect(r.value).toBe(1026);
    expect(r.name).toBe('approx_count_distinct(id)');
    expect(r.call.nullable).toBe(false);
    const fine = runAggregate(c, 'approx_count_distinct', [c.col('id'), lit(0.01, DoubleType)], rows);
    expect(fine.value).toBe(996);
    expect(fine.name).toBe('approx_count_distinct(id)');
    expect(runAggregate(c, 'approx_count_distinct', [c.col('id')], []).value).toBe(0);
  });
});

describe('percentile_approx', () => {
  it('returns values of the input type', () => {
    const c = columns([
      ['x', IntegerType],
      ['d', DateType],
      ['t', TimestampType],
      ['dec', decimalType(10, 2)],
      ['f', FloatType],
      ['b', ByteType],
    ]);
    const rows = [
      [1, 19723, 1704067200000000, 125n, Math.fround(1.1), 1],
      [2, 19727, 1704067201500000, 235n, Math.fround(2.2), 2],
      [7, 19754, 1735689600000000, 345n, Math.fround(3.3), 3],
    ];
    const half = lit(0.5, DoubleType);
    const run = (name: string) =>
      runAggregate(c, 'percentile_approx', [c.col(name), half], rows, { parts: 2 });
    const x = run('x');
    expect(x.value).toBe(2);
    expect(x.name).toBe('percentile_approx(x, 0.5, 10000)');
    expect(run('d').value).toBe(19727);
    expect(run('t').value).toBe(1704067201500000);
    expect(run('dec').value).toBe(235n);
    expect(simpleString(run('dec').call.dataType)).toBe('decimal(10,2)');
    expect(run('f').value).toBe(Math.fround(2.2));
    expect(run('b').value).toBe(2);
    const arr = runAggregate(
      c,
      'percentile_approx',
      [c.col('x'), lit([0.5], arrayType(DoubleType)), lit(100, IntegerType)],
      rows,
    );
    expect(arr.value).toEqual([2]);
    expect(simpleString(arr.call.dataType)).toBe('array<int>');
    expect(runAggregate(c, 'approx_percentile', [c.col('x'), half], rows).name).toBe(
      'approx_percentile(x, 0.5, 10000)',
    );
    expect(runAggregate(c, 'percentile_approx', [c.col('x'), half], []).value).toBeNull();
  });

  it('matches Spark on a permutation of 100000 values', () => {
    const c = columns([['x', LongType]]);
    const n = 100000;
    const rows = Array.from({ length: n }, (_, i) => [(i * 7919) % n]);
    const ps = lit([0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1], arrayType(DoubleType));
    const r = runAggregate(c, 'percentile_approx', [c.col('x'), ps, lit(100, IntegerType)], rows);
    expect(r.value).toEqual([0, 0, 9268, 24069, 49871, 74914, 89475, 99999, 99999]);
  });

  it('checks its constant arguments', () => {
    const c = columns([['x', IntegerType]]);
    expect(() =>
      runAggregate(c, 'percentile_approx', [c.col('x'), lit(0.5, DoubleType), lit(0, IntegerType)], []),
    ).toThrow('The accuracy provided must be a literal between (0, 2147483647] (current value = 0)');
    expect(() => runAggregate(c, 'percentile_approx', [c.col('x'), lit(1.5, DoubleType)], [])).toThrow(
      'All percentage values must be between 0.0 and 1.0 (current = 1.5)',
    );
    expect(() => runAggregate(c, 'percentile_approx', [c.col('x'), c.col('x')], [])).toThrow(
      'The accuracy or percentage provided must be a constant literal',
    );
  });
});
