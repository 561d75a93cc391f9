/**
 * Higher-order functions and the lambda protocol (lambdaParams hook → lambda/lambdaVariable nodes →
 * compileLambdaVariable/bindLambda). Expected values are what pyspark 4.3.0 returns
 * (spark.sql.ansi.enabled=false).
 */
import { describe, expect, it } from 'vitest';
import { ExpressionCompiler } from '../../src/expr/compiler.js';
import type { LambdaFunction, LambdaVariable } from '../../src/expr/expression.js';
import { bindLambda, compileLambdaVariable } from '../../src/expr/functions/higher-order.js';
import {
  arrayType,
  DoubleType,
  IntegerType,
  LongType,
  StringType,
  simpleString,
} from '../../src/types/data-type.js';
import {
  arr,
  columns,
  ctx,
  dbl,
  errorOf,
  ev,
  evalExpr,
  fn,
  int,
  long,
  map,
  nul,
  pretty,
  str,
} from './collection-harness.js';

const add = (a: Parameters<typeof fn>[1][number], b: Parameters<typeof fn>[1][number]) => fn('add', [a, b]);
const gt = (a: Parameters<typeof fn>[1][number], b: Parameters<typeof fn>[1][number]) =>
  fn('greater_than', [a, b]);

describe('lambda protocol', () => {
  it('a bound lambda writes its variables before evaluating the body', () => {
    const x: LambdaVariable = {
      kind: 'lambdaVariable',
      name: 'x',
      exprId: 880001,
      dataType: IntegerType,
      nullable: true,
    };
    const y: LambdaVariable = {
      kind: 'lambdaVariable',
      name: 'y',
      exprId: 880002,
      dataType: IntegerType,
      nullable: true,
    };
    const lambda: LambdaFunction = { kind: 'lambda', params: [x, y], body: add(x, y) };
    const body = new ExpressionCompiler([], ctx()).compile(lambda);
    const f = bindLambda(lambda, body);
    expect(f([], 1, 2)).toBe(3);
    expect(f([], 10, 5)).toBe(15);
    expect(compileLambdaVariable(x)([])).toBe(10);
  });

  it('lambda bodies can read the row', () => {
    const { col, run } = columns([
      ['arr', arrayType(IntegerType)],
      ['y', IntegerType],
    ]);
    // transform(array(1, 2), x -> x + y) with y = 10
    const e = fn('transform', [col('arr'), (x) => add(x, col('y'))]);
    expect(
      run(e, [
        [[1, 2], 10],
        [[5], 1],
        [null, 1],
      ]),
    ).toEqual([[11, 12], [6], null]);
  });

  it('nested lambdas see their own and enclosing variables', () => {
    // transform(array(array(1,2), array(3)), x -> transform(x, y -> y * 10))
    const outer = fn('array', [arr([1, 2]), arr([3])]);
    expect(ev('transform', outer, (x) => fn('transform', [x, (y) => fn('multiply', [y, int(10)])]))).toEqual([
      [10, 20],
      [30],
    ]);
    // transform(arr, x -> transform(array(x), y -> y + x))
    expect(
      ev('transform', arr([1, 2, 3]), (x) => fn('transform', [fn('array', [x]), (y) => add(y, x)])),
    ).toEqual([[2], [4], [6]]);
  });

  it('rejects lambdas with the wrong number of parameters', () => {
    const e = errorOf(() => fn('transform', [arr([1]), (x, _y, _z) => x]));
    expect(e.errorClass).toBe('INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH');
    expect(e.message).toContain('A higher order function expects 3 arguments, but got 1.');
    expect(errorOf(() => fn('exists', [arr([1]), (x, _y) => x])).message).toContain(
      'expects 2 arguments, but got 1.',
    );
  });
});

describe('array higher-order functions', () => {
  it('transform with element and index', () => {
    expect(ev('transform', arr([1, 2, 3]), (x) => add(x, int(1)))).toEqual([2, 3, 4]);
    expect(ev('transform', arr([1, 2, 3]), (x, i) => fn('multiply', [x, i]))).toEqual([0, 2, 6]);
    expect(ev('transform', arr([1, 2]), (_x, i) => i)).toEqual([0, 1]);
    const widened = fn('transform', [arr([1, 2]), (_x, i) => add(i, long(1))]);
    expect(simpleString(widened.dataType)).toBe('array<bigint>');
    expect(ev('transform', arr(null), (x) => x)).toBe(null);
  });

  it('filter keeps elements whose predicate is true', () => {
    expect(ev('filter', arr([1, 2, 3, null]), (x) => gt(x, int(1)))).toEqual([2, 3]);
    expect(ev('filter', arr([5, 6, 7]), (_x, i) => gt(i, int(0)))).toEqual([6, 7]);
    expect(ev('filter', arr([1, 2]), (_x) => nul())).toEqual([]);
    const e = errorOf(() => fn('filter', [arr([1, 2]), (_x) => int(1)]));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(e.message).toContain('The second parameter requires the "BOOLEAN" type');
  });

  it('exists / forall use three-valued logic', () => {
    expect(ev('exists', arr([1, 2, 3]), (x) => gt(x, int(2)))).toBe(true);
    expect(ev('exists', arr([1, null]), (x) => gt(x, int(2)))).toBe(null);
    expect(ev('exists', arr([1, null, 3]), (x) => gt(x, int(2)))).toBe(true);
    expect(ev('forall', arr([1, 2]), (x) => gt(x, int(0)))).toBe(true);
    expect(ev('forall', arr([1, null]), (x) => gt(x, int(0)))).toBe(null);
    expect(ev('forall', arr([0, null]), (x) => gt(x, int(0)))).toBe(false);
    expect(ev('forall', arr([]), (_x) => fn('equal_to', [int(1), int(2)]))).toBe(true);
    expect(ev('exists', arr(null), (_x) => fn('equal_to', [int(1), int(1)]))).toBe(null);
    expect(ev('exists', arr([Number.NaN], DoubleType), (x) => fn('equal_to', [x, dbl(Number.NaN)]))).toBe(
      true,
    );
  });

  it('aggregate / reduce fold with an optional finish', () => {
    expect(ev('aggregate', arr([1, 2, 3]), int(0), (acc, x) => add(acc, x))).toBe(6);
    expect(
      ev(
        'aggregate',
        arr([1, 2, 3]),
        int(0),
        (acc, x) => add(acc, x),
        (acc) => fn('multiply', [acc, int(10)]),
      ),
    ).toBe(60);
    expect(ev('reduce', arr([1, 2, 3]), int(0), (acc, x) => add(acc, x))).toBe(6);
    expect(ev('aggregate', arr([1, 2]), long(0), (acc, x) => add(acc, x))).toBe(3);
    expect(ev('aggregate', arr([]), int(0), (acc, x) => add(acc, x))).toBe(0);
    expect(ev('aggregate', arr(null), int(0), (acc, x) => add(acc, x))).toBe(null);
    expect(ev('aggregate', arr([1, null]), int(0), (acc, x) => add(acc, x))).toBe(null);
    // the accumulator keeps the zero's type: a BIGINT merge with an INT zero is Spark's classic error
    const e = errorOf(() => fn('aggregate', [arr([1, 2], LongType), int(0), (acc, x) => add(acc, x)]));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(e.message).toContain('The third parameter requires the "INT" type');
    expect(e.message).toContain('has the type "BIGINT"');
  });

  it('aggregate shows the identity finish Spark adds', () => {
    const c = fn('aggregate', [arr([1]), int(0), (acc, x) => add(acc, x)]);
    expect(pretty(c)).toMatch(/, lambdafunction\(namedlambdavariable\(\), namedlambdavariable\(\)\)\)$/);
  });

  it('zip_with pads the shorter array with nulls', () => {
    expect(ev('zip_with', arr([1, 2, 3]), arr([10, 20]), (x, y) => add(x, y))).toEqual([11, 22, null]);
    expect(ev('zip_with', arr([1]), arr(['a', 'b'], StringType), (x, y) => fn('concat', [x, y]))).toEqual([
      '1a',
      null,
    ]);
    expect(ev('zip_with', arr([1]), arr(null), (x, _y) => x)).toBe(null);
  });

  it('array_sort with a comparator', () => {
    expect(ev('array_sort', arr([3, 1, 2]), (a, b) => fn('subtract', [b, a]))).toEqual([3, 2, 1]);
    const e = errorOf(() => ev('array_sort', arr([1, 2, 3]), (_a, _b) => nul(IntegerType)));
    expect(e.errorClass).toBe('COMPARATOR_RETURNS_NULL');
    expect(errorOf(() => fn('array_sort', [arr([1, 2]), (_a, _b) => str('x')])).errorClass).toBe(
      'DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE',
    );
  });

  it('array_sort without a comparator shows Spark’s default lambda', () => {
    expect(pretty(fn('array_sort', [arr([1])]))).toContain(
      ', lambdafunction((IF(((namedlambdavariable() IS NULL) AND (namedlambdavariable() IS NULL)), 0,',
    );
  });
});

describe('map higher-order functions', () => {
  const m = map(
    [
      [1, 'a'],
      [2, 'b'],
    ],
    IntegerType,
    StringType,
  );

  it('map_filter, transform_keys, transform_values', () => {
    expect(ev('map_filter', m, (k, _v) => gt(k, int(1)))).toEqual(new Map([[2, 'b']]));
    expect(ev('transform_keys', map([[1, 'a']], IntegerType, StringType), (k, _v) => add(k, int(1)))).toEqual(
      new Map([[2, 'a']]),
    );
    expect(
      ev('transform_values', map([[1, 'a']], IntegerType, StringType), (_k, v) =>
        fn('concat', [v, str('x')]),
      ),
    ).toEqual(new Map([[1, 'ax']]));
    expect(
      ev('map_filter', map([[1, null]], IntegerType, IntegerType), (_k, v) => fn('isnull', [v])),
    ).toEqual(new Map([[1, null]]));
  });

  it('transform_keys rejects duplicate and null keys', () => {
    expect(errorOf(() => ev('transform_keys', m, (_k, _v) => int(1))).errorClass).toBe('DUPLICATED_MAP_KEY');
    expect(errorOf(() => ev('transform_keys', m, (_k, _v) => nul())).errorClass).toBe('NULL_MAP_KEY');
  });

  it('works on row values', () => {
    const { col, run } = columns([['xs', arrayType(IntegerType)]]);
    const e = fn('aggregate', [col('xs'), int(0), (acc, x) => add(acc, x)]);
    expect(run(e, [[[1, 2]], [[]], [null]])).toEqual([3, 0, null]);
    expect(evalExpr(fn('transform', [arr([1]), (x) => x]))).toEqual([1]);
  });
});
