/**
 * Collection functions (constructors, array and map functions, set operations, sequence), resolved
 * and compiled like a plan does. Expected values are what pyspark 4.3.0 returns
 * (spark.sql.ansi.enabled=false, session time zone UTC).
 */
import { describe, expect, it } from 'vitest';
import type { FunctionCall } from '../../src/expr/expression.js';
import { literal } from '../../src/expr/expression.js';
import {
  arrayType,
  DateType,
  DoubleType,
  decimalType,
  IntegerType,
  LongType,
  mapType,
  StringType,
  simpleString,
  structField,
  structType,
  TimestampType,
} from '../../src/types/data-type.js';
import {
  arr,
  bool,
  columns,
  ctx,
  dbl,
  errorOf,
  ev,
  evalExpr,
  evIn,
  fn,
  int,
  long,
  map,
  nul,
  pretty,
  str,
} from './collection-harness.js';

const typeOf = (c: FunctionCall) => simpleString(c.dataType);

describe('array / struct / named_struct / map constructors', () => {
  it('array widens its elements like Spark', () => {
    // array(1,2,3), array(1, 'a'), array(), array(null), array(1, null), array(1.5, 2)
    expect(ev('array', int(1), int(2), int(3))).toEqual([1, 2, 3]);
    const mixed = fn('array', [int(1), str('a')]);
    expect(typeOf(mixed)).toBe('array<string>');
    expect(evalExpr(mixed)).toEqual(['1', 'a']);
    expect(typeOf(fn('array', []))).toBe('array<void>');
    expect(ev('array')).toEqual([]);
    expect(ev('array', nul())).toEqual([null]);
    const withNull = fn('array', [int(1), nul()]);
    expect(typeOf(withNull)).toBe('array<int>');
    expect((withNull.dataType as { containsNull: boolean }).containsNull).toBe(true);
    expect(withNull.nullable).toBe(false);
    const dec = fn('array', [literal(15n, decimalType(2, 1)), int(2)]);
    expect(typeOf(dec)).toBe('array<decimal(11,1)>');
    expect(evalExpr(dec)).toEqual([15n, 20n]);
  });

  it('array names itself array(...)', () => {
    expect(pretty(fn('array', [int(1), int(2), int(3)]))).toBe('array(1, 2, 3)');
  });

  it('array rejects types without a common type', () => {
    const e = errorOf(() => fn('array', [int(1), arr([1])]));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.DATA_DIFF_TYPES');
  });

  it('struct takes field names from named arguments, colN otherwise', () => {
    const { col } = columns([
      ['a', IntegerType],
      ['b', StringType],
    ]);
    // struct(a, b) → struct<a:int,b:string>; struct(a + 1, b) → struct<col1:int,b:string>
    expect(typeOf(fn('struct', [col('a'), col('b')]))).toBe('struct<a:int,b:string>');
    expect(typeOf(fn('struct', [fn('add', [col('a'), int(1)]), col('b')]))).toBe('struct<col1:int,b:string>');
    // struct(1, 'a') → struct<col1:int,col2:string>; struct(1 as q, 'a') → struct<q:int,col2:string>
    expect(typeOf(fn('struct', [int(1), str('a')]))).toBe('struct<col1:int,col2:string>');
    expect(
      typeOf(fn('struct', [{ kind: 'alias', child: int(1), name: 'q', exprId: 900001 }, str('a')])),
    ).toBe('struct<q:int,col2:string>');
    expect(ev('struct', int(1), str('a'))).toEqual([1, 'a']);
    expect(typeOf(fn('struct', []))).toBe('struct<>');
  });

  it('named_struct', () => {
    const c = fn('named_struct', [str('x'), int(1), str('y'), str('b')]);
    expect(typeOf(c)).toBe('struct<x:int,y:string>');
    expect(evalExpr(c)).toEqual([1, 'b']);
    expect(pretty(c)).toBe('named_struct(x, 1, y, b)');
    expect(typeOf(fn('named_struct', [str('a'), int(1), str('a'), int(2)]))).toBe('struct<a:int,a:int>');
    expect(errorOf(() => fn('named_struct', [int(1), int(2)])).errorClass).toBe(
      'DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING',
    );
    expect(errorOf(() => fn('named_struct', [str('a')])).errorClass).toBe(
      'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
    );
  });

  it('map builds a Map, widening keys and values', () => {
    expect(ev('map', int(1), str('a'), int(2), str('b'))).toEqual(
      new Map<unknown, unknown>([
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    expect(typeOf(fn('map', []))).toBe('map<void,void>');
    expect(typeOf(fn('map', [str('a'), int(1), str('b'), str('x')]))).toBe('map<string,string>');
    expect(ev('map', str('a'), int(1), str('b'), str('x'))).toEqual(
      new Map([
        ['a', '1'],
        ['b', 'x'],
      ]),
    );
  });

  it('map rejects null and duplicate keys (mapKeyDedupPolicy=EXCEPTION), or keeps the last with LAST_WIN', () => {
    expect(errorOf(() => ev('map', int(1), str('a'), int(1), str('b'))).errorClass).toBe(
      'DUPLICATED_MAP_KEY',
    );
    expect(errorOf(() => ev('map', int(1), str('a'), int(1), str('b'))).message).toContain(
      'Duplicate map key 1 was found, please check the input data.',
    );
    expect(errorOf(() => ev('map', nul(), int(1))).errorClass).toBe('NULL_MAP_KEY');
    const lastWin = ctx({ conf: { 'spark.sql.mapKeyDedupPolicy': 'LAST_WIN' } });
    expect(evIn(lastWin, 'map', int(1), str('a'), int(1), str('b'))).toEqual(new Map([[1, 'b']]));
    // array keys are compared by value, not by reference
    expect(errorOf(() => ev('map', arr([1]), int(1), arr([1]), int(2))).errorClass).toBe(
      'DUPLICATED_MAP_KEY',
    );
  });

  it('map_from_arrays and map_from_entries', () => {
    expect(ev('map_from_arrays', arr([1, 2]), arr(['a', 'b'], StringType))).toEqual(
      new Map<unknown, unknown>([
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    expect(errorOf(() => ev('map_from_arrays', arr([1, 1]), arr(['a', 'b'], StringType))).errorClass).toBe(
      'DUPLICATED_MAP_KEY',
    );
    expect(errorOf(() => ev('map_from_arrays', arr([1, null]), arr(['a', 'b'], StringType))).errorClass).toBe(
      'NULL_MAP_KEY',
    );
    expect(errorOf(() => ev('map_from_arrays', arr([1, 2]), arr(['a'], StringType))).message).toContain(
      'The key array and value array of MapData must have the same length.',
    );
    expect(ev('map_from_arrays', arr([1]), arr(null))).toBe(null);
    const entries = fn('array', [fn('struct', [int(1), str('a')]), fn('struct', [int(2), str('b')])]);
    expect(ev('map_from_entries', entries)).toEqual(
      new Map<unknown, unknown>([
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    expect(ev('size', fn('map_from_entries', [entries]))).toBe(2);
  });
});

describe('size, element_at, get and friends', () => {
  it('size is -1 for null (spark.sql.legacy.sizeOfNull) and null under ANSI', () => {
    expect(ev('size', arr([1, 2]))).toBe(2);
    expect(ev('size', map([[1, 2]], IntegerType))).toBe(1);
    expect(ev('size', nul())).toBe(-1);
    expect(ev('cardinality', arr([]))).toBe(0);
    expect(ev('size', arr(null))).toBe(-1);
    expect(fn('size', [arr(null)]).nullable).toBe(false);
    expect(evIn(ctx({ ansi: true }), 'size', arr(null))).toBe(null);
    expect(evIn(ctx({ conf: { 'spark.sql.legacy.sizeOfNull': 'false' } }), 'size', arr(null))).toBe(null);
    expect(pretty(fn('cardinality', [arr([])]))).toBe('cardinality([])'.replace('[]', pretty(arr([]))));
    expect(errorOf(() => fn('size', [int(1)])).message).toContain(
      'The first parameter requires the ("ARRAY" or "MAP") type, however "1" has the type "INT".',
    );
  });

  it('array_contains: three-valued, NaN equals NaN, widening without string promotion', () => {
    expect(ev('array_contains', arr([1, 2, null]), int(2))).toBe(true);
    expect(ev('array_contains', arr([1, 2, null]), int(3))).toBe(null);
    expect(ev('array_contains', arr([1, 2]), int(3))).toBe(false);
    expect(ev('array_contains', arr([1, 2]), nul(IntegerType))).toBe(null);
    expect(ev('array_contains', arr([1, 2]), long(2))).toBe(true);
    expect(ev('array_contains', arr([Number.NaN], DoubleType), dbl(Number.NaN))).toBe(true);
    expect(ev('array_contains', arr([0], DoubleType), dbl(-0))).toBe(true);
    expect(ev('array_contains', fn('array', [arr([1])]), arr([1]))).toBe(true);
    expect(errorOf(() => fn('array_contains', [arr([1, 2]), str('2')])).errorClass).toBe(
      'DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES',
    );
    expect(errorOf(() => fn('array_contains', [arr([1, 2]), nul()])).errorClass).toBe(
      'DATATYPE_MISMATCH.NULL_TYPE',
    );
    expect(errorOf(() => fn('array_contains', [nul(), int(1)])).errorClass).toBe(
      'DATATYPE_MISMATCH.NULL_TYPE',
    );
  });

  it('element_at: 1-based, negative from the end, null out of range, error at 0', () => {
    const a = arr([1, 2, 3]);
    expect(ev('element_at', a, int(1))).toBe(1);
    expect(ev('element_at', a, int(-1))).toBe(3);
    expect(ev('element_at', a, int(4))).toBe(null);
    expect(ev('element_at', a, int(-4))).toBe(null);
    expect(errorOf(() => ev('element_at', a, int(0))).errorClass).toBe('INVALID_INDEX_OF_ZERO');
    expect(errorOf(() => evIn(ctx({ ansi: true }), 'element_at', a, int(5))).errorClass).toBe(
      'INVALID_ARRAY_INDEX_IN_ELEMENT_AT',
    );
    expect(evIn(ctx({ ansi: true }), 'try_element_at', a, int(5))).toBe(null);
    expect(errorOf(() => fn('element_at', [a, long(4)])).errorClass).toBe(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    );
    expect(ev('element_at', map([['a', 1]]), str('a'))).toBe(1);
    expect(ev('element_at', map([['a', 1]]), str('b'))).toBe(null);
    expect(ev('element_at', map([[1, 'a']], IntegerType, StringType), nul())).toBe(null);
    expect(
      errorOf(() => fn('element_at', [map([[1, 'a']], IntegerType, StringType), str('x')])).errorClass,
    ).toBe('DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES');
    expect(ev('element_at', map([[Number.NaN, 'n']], DoubleType, StringType), dbl(Number.NaN))).toBe('n');
  });

  it('element_at nullability follows Spark for literal arrays', () => {
    const a = fn('array', [int(1), int(2), int(3)]);
    expect(fn('element_at', [a, int(1)]).nullable).toBe(false);
    expect(fn('element_at', [a, int(4)]).nullable).toBe(true);
  });

  it('get is 0-based and never fails', () => {
    expect(ev('get', arr([1, 2, 3]), int(0))).toBe(1);
    expect(ev('get', arr([1, 2, 3]), int(3))).toBe(null);
    expect(ev('get', arr([1, 2, 3]), int(-1))).toBe(null);
    expect(evIn(ctx({ ansi: true }), 'get', arr([1, 2, 3]), int(7))).toBe(null);
    expect(errorOf(() => fn('get', [map([[1, 2]], IntegerType), int(1)])).errorClass).toBe(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    );
  });

  it('array_position, array_remove, array_repeat', () => {
    expect(ev('array_position', arr([3, 2, 1]), int(1))).toBe(3);
    expect(ev('array_position', arr([3, 2, 1]), int(5))).toBe(0);
    expect(ev('array_position', arr([3, null]), nul(IntegerType))).toBe(null);
    expect(ev('array_position', arr([3, 2, 1]), long(1))).toBe(3);
    expect(ev('array_position', arr([-0], DoubleType), dbl(0))).toBe(1);
    expect(typeOf(fn('array_position', [arr([1]), int(1)]))).toBe('bigint');
    expect(ev('array_remove', arr([1, 2, null, 2]), int(2))).toEqual([1, null]);
    expect(ev('array_remove', arr([1, 2]), nul())).toBe(null);
    expect(ev('array_remove', arr([Number.NaN], DoubleType), dbl(Number.NaN))).toEqual([]);
    expect(ev('array_repeat', str('a'), int(3))).toEqual(['a', 'a', 'a']);
    expect(ev('array_repeat', int(1), int(0))).toEqual([]);
    expect(ev('array_repeat', int(1), int(-1))).toEqual([]);
    expect(ev('array_repeat', nul(), int(2))).toEqual([null, null]);
    expect(ev('array_repeat', int(1), nul(IntegerType))).toBe(null);
    expect(errorOf(() => fn('array_repeat', [str('a'), long(2)])).errorClass).toBe(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    );
  });

  it('arrays_zip pads with nulls and names fields by argument', () => {
    const z = fn('arrays_zip', [arr([1, 2]), arr(['a', 'b', 'c'], StringType)]);
    expect(typeOf(z)).toBe('array<struct<0:int,1:string>>');
    expect(evalExpr(z)).toEqual([
      [1, 'a'],
      [2, 'b'],
      [null, 'c'],
    ]);
    const { col } = columns([
      ['a', arrayType(IntegerType)],
      ['b', arrayType(StringType)],
    ]);
    expect(typeOf(fn('arrays_zip', [col('a'), col('b')]))).toBe('array<struct<a:int,b:string>>');
    // arrays_zip(s.a, s.b) names the fields a, b
    const st = columns([
      ['s', structType([structField('a', arrayType(IntegerType)), structField('b', arrayType(IntegerType))])],
    ]);
    const field = (name: string, ordinal: number) => ({
      kind: 'getStructField' as const,
      child: st.col('s'),
      ordinal,
      name,
      dataType: arrayType(IntegerType),
      nullable: true,
    });
    expect(typeOf(fn('arrays_zip', [field('a', 0), field('b', 1)]))).toBe('array<struct<a:int,b:int>>');
    expect(typeOf(fn('arrays_zip', []))).toBe('array<struct<>>');
    expect(ev('arrays_zip')).toEqual([]);
    expect(ev('arrays_zip', arr([1, 2]), arr(null))).toBe(null);
  });

  it('flatten, slice, array_join', () => {
    expect(ev('flatten', fn('array', [arr([1, 2]), arr([3])]))).toEqual([1, 2, 3]);
    expect(ev('flatten', fn('array', [arr([1]), arr(null)]))).toBe(null);
    expect(ev('flatten', fn('array', [arr([1]), arr([null])]))).toEqual([1, null]);
    const a = arr([1, 2, 3, 4]);
    expect(ev('slice', a, int(2), int(2))).toEqual([2, 3]);
    expect(ev('slice', a, int(-2), int(5))).toEqual([3, 4]);
    expect(ev('slice', a, int(5), int(1))).toEqual([]);
    expect(ev('slice', a, int(-5), int(1))).toEqual([]);
    expect(ev('slice', arr([1, 2, 3]), int(3), int(1))).toEqual([3]);
    expect(ev('slice', arr([1, 2, 3]), int(2), nul(IntegerType))).toBe(null);
    expect(errorOf(() => ev('slice', a, int(0), int(1))).errorClass).toBe('INVALID_PARAMETER_VALUE.START');
    expect(errorOf(() => ev('slice', a, int(1), int(-1))).errorClass).toBe('INVALID_PARAMETER_VALUE.LENGTH');
    const s = arr(['a', null, 'b'], StringType);
    expect(ev('array_join', s, str(','))).toBe('a,b');
    expect(ev('array_join', s, str(','), str('N'))).toBe('a,N,b');
    expect(ev('array_join', arr([1, 2]), str('-'))).toBe('1-2');
    expect(ev('array_join', arr(['a'], StringType), nul())).toBe(null);
    expect(pretty(fn('array_join', [s, str(',')]))).toMatch(/^array_join\(.*, ,\)$/);
  });

  it('array_max / array_min skip nulls; NaN is the largest', () => {
    expect(ev('array_max', arr([1, 3, null, 2]))).toBe(3);
    expect(ev('array_min', arr([1, 3, null, 2]))).toBe(1);
    expect(ev('array_max', arr([]))).toBe(null);
    expect(ev('array_max', arr([Number.NaN, 1], DoubleType))).toBeNaN();
    expect(ev('array_min', arr([Number.NaN, 1], DoubleType))).toBe(1);
    expect(ev('array_max', arr(['b', 'a'], StringType))).toBe('b');
    expect(ev('array_min', fn('array', [arr([1]), arr([0])]))).toEqual([0]);
  });

  it('array_append, array_prepend, array_compact', () => {
    expect(ev('array_append', arr([1, 2]), int(3))).toEqual([1, 2, 3]);
    expect(ev('array_prepend', arr([1, 2]), int(0))).toEqual([0, 1, 2]);
    expect(ev('array_compact', arr([1, null, 2]))).toEqual([1, 2]);
  });

  it('shuffle keeps the elements', () => {
    const out = ev('shuffle', arr([1, 2, 3, 4, 5])) as number[];
    expect([...out].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(pretty(fn('shuffle', [arr([1])]))).toBe(`shuffle(${pretty(arr([1]))})`);
  });
});

describe('sorting and set operations', () => {
  it('sort_array: nulls first ascending, last descending, NaN largest; shows the default flag', () => {
    const a = arr([3, null, 1, 2]);
    expect(ev('sort_array', a)).toEqual([null, 1, 2, 3]);
    expect(ev('sort_array', a, bool(false))).toEqual([3, 2, 1, null]);
    expect(ev('sort_array', arr(['b', 'a', null], StringType))).toEqual([null, 'a', 'b']);
    expect(ev('sort_array', arr([Number.NaN, 1, -1, null], DoubleType))).toEqual([null, -1, 1, Number.NaN]);
    expect(pretty(fn('sort_array', [arr([1])]))).toBe(`sort_array(${pretty(arr([1]))}, true)`);
    expect(ev('sort_array', a, nul())).toBe(null);
    const structs = fn('array', [
      fn('named_struct', [str('a'), int(2), str('b'), int(1)]),
      fn('named_struct', [str('a'), int(1), str('b'), int(2)]),
    ]);
    expect(ev('sort_array', structs)).toEqual([
      [1, 2],
      [2, 1],
    ]);
    const { col } = columns([['b', { kind: 'boolean' }]]);
    expect(errorOf(() => fn('sort_array', [a, col('b')])).errorClass).toBe(
      'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
    );
    expect(errorOf(() => fn('sort_array', [fn('array', [map([[1, 2]], IntegerType)])])).errorClass).toBe(
      'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
    );
  });

  it('array_sort without a comparator puts nulls last', () => {
    expect(ev('array_sort', arr([3, null, 1, 2]))).toEqual([1, 2, 3, null]);
    expect(ev('array_sort', arr([Number.NaN, 1, null, -1], DoubleType))).toEqual([-1, 1, Number.NaN, null]);
    expect(ev('array_sort', fn('array', [arr([2, 1]), arr([1])]))).toEqual([[1], [2, 1]]);
  });

  it('array_distinct keeps first occurrences; NaN and -0.0 deduplicate', () => {
    expect(ev('array_distinct', arr([1, 2, 1, null, null, 3]))).toEqual([1, 2, null, 3]);
    expect(ev('array_distinct', arr([Number.NaN, Number.NaN, 0, -0], DoubleType))).toEqual([Number.NaN, 0]);
    expect(ev('array_distinct', fn('array', [arr([1]), arr([1]), arr([2])]))).toEqual([[1], [2]]);
    expect(errorOf(() => fn('array_distinct', [fn('array', [map([[1, 2]], IntegerType)])])).errorClass).toBe(
      'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
    );
  });

  it('array_union / array_intersect / array_except', () => {
    expect(ev('array_union', arr([1, 2, 2, null]), arr([3, 1, null]))).toEqual([1, 2, null, 3]);
    expect(ev('array_intersect', arr([1, 2, 2, null]), arr([2, null, 3]))).toEqual([2, null]);
    expect(ev('array_except', arr([1, 2, 2, null, 4]), arr([2]))).toEqual([1, null, 4]);
    expect(ev('array_except', arr([1, null, null]), arr([2]))).toEqual([1, null]);
    expect(ev('array_intersect', arr([1, null, null]), arr([null], IntegerType, true))).toEqual([null]);
    const widened = fn('array_union', [arr([1, 2]), arr([1], LongType)]);
    expect(typeOf(widened)).toBe('array<bigint>');
    expect(evalExpr(widened)).toEqual([1, 2]);
    expect(errorOf(() => fn('array_union', [arr([1, 2]), arr([15n], decimalType(2, 1))])).errorClass).toBe(
      'DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES',
    );
    expect(ev('array_intersect', arr([1, 2]), arr(null))).toBe(null);
    expect(ev('array_union', arr([Number.NaN], DoubleType), arr([Number.NaN], DoubleType))).toEqual([
      Number.NaN,
    ]);
    expect(ev('array_union', fn('array', [arr([1])]), fn('array', [arr([1]), arr([2])]))).toEqual([[1], [2]]);
  });
});

describe('map functions', () => {
  const m = map(
    [
      [1, 'a'],
      [2, 'b'],
    ],
    IntegerType,
    StringType,
  );

  it('map_keys, map_values, map_entries', () => {
    expect(ev('map_keys', m)).toEqual([1, 2]);
    expect(ev('map_values', m)).toEqual(['a', 'b']);
    expect(ev('map_entries', m)).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(typeOf(fn('map_entries', [m]))).toBe('array<struct<key:int,value:string>>');
  });

  it('map_concat merges maps and rejects duplicate keys', () => {
    expect(
      ev('map_concat', map([[1, 'a']], IntegerType, StringType), map([[2, 'b']], IntegerType, StringType)),
    ).toEqual(
      new Map<unknown, unknown>([
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    expect(
      errorOf(() =>
        ev('map_concat', map([[1, 'a']], IntegerType, StringType), map([[1, 'b']], IntegerType, StringType)),
      ).errorClass,
    ).toBe('DUPLICATED_MAP_KEY');
    expect(errorOf(() => fn('map_concat', [m, nul()])).errorClass).toBe(
      'DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES',
    );
    expect(ev('map_concat', m, literal(null, mapType(IntegerType, StringType)))).toBe(null);
  });

  it('map_contains_key', () => {
    expect(ev('map_contains_key', map([[1, 2]], IntegerType), int(1))).toBe(true);
    expect(ev('map_contains_key', map([[1, 2]], IntegerType), int(3))).toBe(false);
  });
});

describe('sequence', () => {
  it('integral sequences', () => {
    expect(ev('sequence', int(1), int(5))).toEqual([1, 2, 3, 4, 5]);
    expect(ev('sequence', int(5), int(1))).toEqual([5, 4, 3, 2, 1]);
    expect(ev('sequence', int(1), int(10), int(3))).toEqual([1, 4, 7, 10]);
    expect(ev('sequence', int(1), int(1), int(0))).toEqual([1]);
    expect(typeOf(fn('sequence', [int(1), long(3)]))).toBe('array<bigint>');
    expect(ev('sequence', long(1), long(10), int(4))).toEqual([1, 5, 9]);
    expect(ev('sequence', nul(IntegerType), int(3))).toBe(null);
    expect(errorOf(() => ev('sequence', int(1), int(5), int(-1))).message).toContain(
      'Illegal sequence boundaries: 1 to 5 by -1',
    );
    expect(errorOf(() => ev('sequence', int(1), int(5), int(0))).message).toContain(
      'Illegal sequence boundaries: 1 to 5 by 0',
    );
    expect(errorOf(() => fn('sequence', [dbl(1.5), dbl(3.5)])).errorClass).toBe(
      'DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES',
    );
  });

  it('date and timestamp sequences step by intervals', () => {
    const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
    const interval = (months: number, days: number, micros: number) =>
      literal({ months, days, micros }, { kind: 'interval' });
    const d = (s: string) => literal(day(s), DateType);
    // sequence(to_date('2024-01-01'), to_date('2024-01-03'))
    expect(ev('sequence', d('2024-01-01'), d('2024-01-03'))).toEqual([
      day('2024-01-01'),
      day('2024-01-02'),
      day('2024-01-03'),
    ]);
    // sequence(to_date('2024-01-31'), to_date('2024-05-01'), interval 1 month): months added from the start
    expect(ev('sequence', d('2024-01-31'), d('2024-05-01'), interval(1, 0, 0))).toEqual([
      day('2024-01-31'),
      day('2024-02-29'),
      day('2024-03-31'),
      day('2024-04-30'),
    ]);
    expect(ev('sequence', d('2024-01-01'), d('2024-01-05'), interval(0, 2, 0))).toEqual([
      day('2024-01-01'),
      day('2024-01-03'),
      day('2024-01-05'),
    ]);
    const ts = (s: string) => literal(Date.parse(s) * 1000, TimestampType);
    const hour = 3_600_000_000;
    expect(
      ev('sequence', ts('2024-01-01T00:00:00Z'), ts('2024-01-01T02:00:00Z'), interval(0, 0, hour)),
    ).toEqual([
      Date.parse('2024-01-01T00:00:00Z') * 1000,
      Date.parse('2024-01-01T01:00:00Z') * 1000,
      Date.parse('2024-01-01T02:00:00Z') * 1000,
    ]);
    // a date start with a timestamp stop gives timestamps
    const mixed = fn('sequence', [d('2024-01-01'), ts('2024-01-02T00:00:00Z'), interval(0, 0, 12 * hour)]);
    expect(typeOf(mixed)).toBe('array<timestamp>');
    expect((evalExpr(mixed) as number[]).length).toBe(3);
  });

  it('timestamp sequences add days in the session time zone', () => {
    const context = ctx({ timeZone: 'America/New_York' });
    // 2024-03-09 12:00 EST → +1 day crosses the DST change: 2024-03-10 12:00 EDT (23 hours later)
    const start = Date.parse('2024-03-09T17:00:00Z') * 1000;
    const stop = Date.parse('2024-03-10T16:00:00Z') * 1000;
    const out = evIn(
      context,
      'sequence',
      literal(start, TimestampType),
      literal(stop, TimestampType),
      literal({ months: 0, days: 1, micros: 0 }, { kind: 'interval' }),
    );
    expect(out).toEqual([start, stop]);
  });
});

describe('per-row evaluation over columns', () => {
  it('evaluates against row values', () => {
    const { col, run } = columns([
      ['arr', arrayType(IntegerType)],
      ['m', mapType(StringType, IntegerType)],
    ]);
    expect(
      run(fn('element_at', [col('arr'), int(2)]), [
        [[1, 2, 3], null],
        [[1], null],
        [null, null],
      ]),
    ).toEqual([2, null, null]);
    expect(
      run(fn('size', [col('m')]), [
        [null, new Map([['k', 1]])],
        [null, null],
      ]),
    ).toEqual([1, -1]);
    expect(structType([]).fields).toEqual([]);
  });
});
