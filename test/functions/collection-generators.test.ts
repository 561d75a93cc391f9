/**
 * Generators: explode/posexplode (+ _outer), inline (+ _outer), stack, json_tuple. Expected rows
 * and column names are what pyspark 4.3.0 returns.
 */
import { describe, expect, it } from 'vitest';
import { arrayType, IntegerType, StringType, structField, structType } from '../../src/types/data-type.js';
import { arr, columns, dbl, errorOf, fn, generate, int, map, nul, str } from './collection-harness.js';

describe('explode family', () => {
  it('explode(array) → col; explode(map) → key, value', () => {
    expect(generate('explode', [arr([1, 2])])).toMatchObject({ rows: [[1], [2]], names: ['col'] });
    expect(generate('explode', [map([['a', 1]])])).toMatchObject({
      rows: [['a', 1]],
      names: ['key', 'value'],
    });
    expect(generate('explode', [arr(null)]).rows).toEqual([]);
    expect(generate('explode', [arr([])]).rows).toEqual([]);
  });

  it('posexplode adds pos', () => {
    const r = generate('posexplode', [arr(['a', 'b'], StringType)]);
    expect(r.names).toEqual(['pos', 'col']);
    expect(r.rows).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(generate('posexplode', [map([['a', 1]])])).toMatchObject({
      rows: [[0, 'a', 1]],
      names: ['pos', 'key', 'value'],
    });
  });

  it('_outer variants give one null row for null or empty input, with nullable columns', () => {
    expect(generate('explode_outer', [arr(null)]).rows).toEqual([[null]]);
    expect(generate('explode_outer', [arr([])]).rows).toEqual([[null]]);
    expect(generate('explode_outer', [arr([1, 2])]).rows).toEqual([[1], [2]]);
    expect(generate('posexplode_outer', [arr(null)]).rows).toEqual([[null, null]]);
    expect(generate('explode_outer', [map([])]).rows).toEqual([[null, null]]);
    const fields = generate('posexplode_outer', [arr([1], IntegerType, false)]).call.elementFields;
    expect(fields.map((f) => f.nullable)).toEqual([true, true]);
    const plain = generate('posexplode', [arr([1], IntegerType, false)]).call.elementFields;
    expect(plain.map((f) => f.nullable)).toEqual([false, false]);
  });

  it('rejects non-collections', () => {
    expect(errorOf(() => generate('explode', [int(1)])).message).toContain(
      'The first parameter requires the ("ARRAY" or "MAP") type, however "1" has the type "INT".',
    );
  });

  it('explodes row values', () => {
    const { attrs, col } = columns([['xs', arrayType(IntegerType)]]);
    expect(generate('explode', [col('xs')], { input: attrs, row: [[7, 8]] }).rows).toEqual([[7], [8]]);
  });
});

describe('inline', () => {
  it('one row per struct, named by the struct fields; a null struct gives a null row', () => {
    const structs = fn('array', [
      fn('named_struct', [str('x'), int(1), str('y'), str('a')]),
      nul(structType([structField('x', IntegerType), structField('y', StringType)])),
    ]);
    const r = generate('inline', [structs]);
    expect(r.names).toEqual(['x', 'y']);
    expect(r.rows).toEqual([
      [1, 'a'],
      [null, null],
    ]);
    expect(generate('inline', [fn('array', [fn('struct', [int(1), str('a')])])]).names).toEqual([
      'col1',
      'col2',
    ]);
  });

  it('inline_outer pads a null array', () => {
    const t = arrayType(structType([structField('a', IntegerType)]));
    const r = generate('inline_outer', [{ kind: 'literal', value: null, dataType: t }]);
    expect(r).toMatchObject({ rows: [[null]], names: ['a'] });
    expect(errorOf(() => generate('inline', [arr([])])).errorClass).toBe(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    );
  });
});

describe('stack', () => {
  it('spreads values over n rows of col0, col1, …', () => {
    expect(generate('stack', [int(2), int(1), str('a'), int(2), str('b')])).toMatchObject({
      rows: [
        [1, 'a'],
        [2, 'b'],
      ],
      names: ['col0', 'col1'],
    });
    expect(generate('stack', [int(3), int(1), int(2)]).rows).toEqual([[1], [2], [null]]);
    expect(generate('stack', [int(2), int(1), str('a'), nul(), str('b')]).rows).toEqual([
      [1, 'a'],
      [null, 'b'],
    ]);
  });

  it('requires one type per column', () => {
    const e = errorOf(() => generate('stack', [int(2), int(1), str('a'), str('x'), str('b')]));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES');
    expect(e.message).toContain(
      'The data type of the column (0) do not have the same type: "INT" (1) <> "STRING" (3).',
    );
    expect(errorOf(() => generate('stack', [int(2), int(1), str('a'), dbl(2.5), str('b')])).errorClass).toBe(
      'DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES',
    );
  });
});

describe('json_tuple', () => {
  it('extracts top-level fields as strings', () => {
    const doc = '{"a":1,"b":"x","c":{"d":2},"e":[1,2],"f":null,"g":true,"h":1.50}';
    const r = generate('json_tuple', [
      str(doc),
      ...['a', 'b', 'c', 'e', 'f', 'g', 'h', 'z'].map((k) => str(k)),
    ]);
    expect(r.names).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(r.rows).toEqual([['1', 'x', '{"d":2}', '[1,2]', null, 'true', '1.5', null]]);
  });

  it('re-emits numbers like Spark and tolerates trailing text', () => {
    const doc = '{"a":1e2, "b":12345678901234567890, "c":{"x":1.50}, "d":"\\u00e9", "e":[true,null]}';
    const r = generate('json_tuple', [str(doc), str('a'), str('b'), str('c'), str('d'), str('e')]);
    expect(r.rows).toEqual([['100.0', '12345678901234567890', '{"x":1.5}', 'é', '[true,null]']]);
    expect(generate('json_tuple', [str('{"a":1} junk'), str('a')]).rows).toEqual([['1']]);
  });

  it('gives one null row for null, malformed or non-object input', () => {
    expect(generate('json_tuple', [str('[1]'), str('a')]).rows).toEqual([[null]]);
    expect(generate('json_tuple', [str('bad'), str('a')]).rows).toEqual([[null]]);
    expect(
      generate('json_tuple', [{ kind: 'literal', value: null, dataType: StringType }, str('a')]).rows,
    ).toEqual([[null]]);
    expect(errorOf(() => generate('json_tuple', [nul(), str('a')])).errorClass).toBe(
      'DATATYPE_MISMATCH.NON_STRING_TYPE',
    );
  });
});
