/**
 * Positional and search string functions. Expected values from pyspark 4.3.0 (non-ANSI), e.g.
 * `spark.sql("SELECT substring('Spark SQL', -10, 3)")` → 'Sp'.
 */
import { describe, expect, it } from 'vitest';
import { attributeReference } from '../../src/expr/expression.js';
import { BinaryType, BooleanType, IntegerType, StringType } from '../../src/types/data-type.js';
import { bin, call, columns, dbl, ev, int, nul, pretty, str, utf8 } from './string-harness.js';

describe('substring / substr', () => {
  const s = str('Spark SQL');
  it.each([
    [0, 3, 'Spa'],
    [-3, 2, 'SQ'],
    [-20, 3, ''],
    [-10, 3, 'Sp'],
    [5, -1, ''],
    [5, 0, ''],
    [1, 100, 'Spark SQL'],
  ])('substring(Spark SQL, %i, %i) = %s', (pos, len, want) => {
    expect(ev('substring', s, int(pos), int(len))).toBe(want);
  });

  it('defaults the length and shows it in the name', () => {
    expect(ev('substring', s, int(-3))).toBe('SQL');
    expect(ev('substring', s, int(20))).toBe('');
    expect(ev('substring', s, int(0))).toBe('Spark SQL');
    expect(pretty('substring', [str('s'), int(3)])).toBe('substring(s, 3, 2147483647)');
    expect(pretty('substr', [str('s'), int(1), int(2)])).toBe('substr(s, 1, 2)');
  });

  it('handles code points, extreme positions, casts and nulls', () => {
    expect(ev('substring', str('a😀b'), int(2), int(1))).toBe('😀');
    expect(ev('substring', str('Spark'), int(2147483647), int(2))).toBe('');
    expect(ev('substring', str('Spark'), int(-2147483648), int(2147483647))).toBe('Spar');
    expect(ev('substring', str('Spark'), str('2'), str('2'))).toBe('pa');
    expect(ev('substring', str('Spark'), dbl(1.9), dbl(2.9))).toBe('Sp');
    expect(ev('substring', int(12345), int(2), int(2))).toBe('23');
    expect(ev('substring', str('Spark'), nul(IntegerType), int(2))).toBeNull();
  });

  it('works on bytes for binaries', () => {
    expect(ev('substr', bin('ab'), int(1), int(1))).toEqual(utf8('a'));
    expect(ev('substring', bin('ab'), int(2))).toEqual(utf8('b'));
    expect(call('substring', [bin('ab'), int(1)]).dataType).toBe(BinaryType);
  });
});

describe('left / right', () => {
  it('left is substring(str, 1, n)', () => {
    expect(ev('left', str('Spark'), int(-1))).toBe('');
    expect(ev('left', str('Spark'), int(0))).toBe('');
    expect(ev('left', str('Spark'), int(3))).toBe('Spa');
    expect(ev('left', str('Spark'), int(10))).toBe('Spark');
    expect(ev('left', bin('ab'), int(1))).toEqual(utf8('a'));
    expect(ev('left', nul(StringType), int(1))).toBeNull();
  });

  it('right takes the last n characters and is always nullable', () => {
    expect(ev('right', str('Spark'), int(-1))).toBe('');
    expect(ev('right', str('Spark'), int(0))).toBe('');
    expect(ev('right', str('Spark'), int(3))).toBe('ark');
    expect(ev('right', str('Spark'), int(10))).toBe('Spark');
    expect(ev('right', bin('ab'), int(1))).toBe('b');
    expect(ev('right', str('abc'), nul(IntegerType))).toBeNull();
    expect(call('right', [str('abc'), int(1)]).nullable).toBe(true);
    expect(call('left', [str('abc'), int(1)]).nullable).toBe(false);
  });
});

describe('lpad / rpad', () => {
  it.each([
    ['lpad', 5, 'ab', 'abahi'],
    ['lpad', 1, 'ab', 'h'],
    ['lpad', 5, '', 'hi'],
    ['lpad', -1, 'a', ''],
    ['lpad', 0, 'a', ''],
    ['rpad', 5, 'ab', 'hiaba'],
    ['rpad', 1, 'ab', 'h'],
    ['rpad', 5, '', 'hi'],
  ])('%s(hi, %i, %s) = %s', (fn, len, pad, want) => {
    expect(ev(fn, str('hi'), int(len), str(pad))).toBe(want);
  });

  it('pads with a space by default (bytes 0 for binaries) and counts code points', () => {
    expect(ev('lpad', str('hi'), int(5))).toBe('   hi');
    expect(pretty('rpad', [str('s'), int(15)])).toBe('rpad(s, 15,  )');
    expect(ev('lpad', str('😀'), int(3), str('😁'))).toBe('😁😁😀');
    expect(ev('lpad', int(1), int(3), int(0))).toBe('001');
    expect(ev('lpad', bin('ab'), int(5))).toEqual(new Uint8Array([0, 0, 0, 97, 98]));
    expect(pretty('lpad', [bin('ab'), int(5)])).toBe("lpad(X'6162', 5, X'00')");
    expect(ev('lpad', bin('ab'), int(5), bin('ab'))).toEqual(utf8('abaab'));
    expect(ev('lpad', str('Hello World'), dbl(2.5), str('x'))).toBe('He');
  });
});

describe('overlay', () => {
  it.each([
    ['Spark SQL', '_', 6, undefined, 'Spark_SQL'],
    ['Spark SQL', 'CORE', 7, undefined, 'Spark CORE'],
    ['Spark SQL', 'ANSI ', 7, 0, 'Spark ANSI SQL'],
    ['Spark SQL', 'tructured', 2, 4, 'Structured SQL'],
    ['Spark', 'x', 0, undefined, 'xSpark'],
    ['Spark', 'x', -1, undefined, 'xSpark'],
    ['Spark', 'x', 10, undefined, 'Sparkx'],
    ['Spark', 'x', 2, -2, 'Sxark'],
  ])('overlay(%s PLACING %s FROM %i FOR %s)', (input, rep, pos, len, want) => {
    const args = [str(input), str(rep), int(pos), ...(len === undefined ? [] : [int(len)])];
    expect(ev('overlay', ...args)).toBe(want);
  });

  it('shows the default length and works on binaries', () => {
    expect(pretty('overlay', [str('s'), str('x'), int(2)])).toBe('overlay(s, x, 2, -1)');
    expect(ev('overlay', bin('Spark'), bin('x'), int(2))).toEqual(utf8('Sxark'));
  });
});

describe('translate / replace', () => {
  it('translate maps characters by position, deleting those without a counterpart', () => {
    expect(ev('translate', str('AaBbCc'), str('abc'), str('123'))).toBe('A1B2C3');
    expect(ev('translate', str('abcabc'), str('aab'), str('xyz'))).toBe('xzcxzc');
    expect(ev('translate', str('abc'), str('abc'), str(''))).toBe('');
    expect(ev('translate', str('abc'), str(''), str('x'))).toBe('abc');
    expect(ev('translate', str('a😀b'), str('😀'), str('X'))).toBe('aXb');
    expect(ev('translate', str('abc'), str('ac'), str('x'))).toBe('xb');
    expect(ev('translate', int(123), int(2), int(9))).toBe('193');
    expect(ev('translate', str('abc'), str('ab'), nul(StringType))).toBeNull();
  });

  it('translate with a per-row dictionary', () => {
    const t = columns([
      ['s', StringType],
      ['f', StringType],
    ]);
    expect(
      t.run(
        'translate',
        [t.col('s'), t.col('f'), str('x')],
        [
          ['abc', 'a'],
          ['abc', 'b'],
        ],
      ),
    ).toEqual(['xbc', 'axc']);
  });

  it('replace replaces every occurrence (nothing for an empty search)', () => {
    expect(ev('replace', str('abcabc'), str('b'), str('X'))).toBe('aXcaXc');
    expect(ev('replace', str('abc'), str(''), str('X'))).toBe('abc');
    expect(ev('replace', str('aaa'), str('aa'), str('b'))).toBe('ba');
    expect(ev('replace', str('a$b'), str('$'), str('$$'))).toBe('a$$b');
    expect(ev('replace', str('Hello World'), str('l'))).toBe('Heo Word');
    expect(pretty('replace', [str('s'), str('l')])).toBe('replace(s, l, )');
    expect(ev('replace', str('abc'), str('b'), nul(StringType))).toBeNull();
  });
});

describe('split_part / substring_index / elt', () => {
  it('split_part splits on a literal delimiter', () => {
    expect(ev('split_part', str('a,b,c'), str(','), int(-1))).toBe('c');
    expect(ev('split_part', str('a,b,c'), str(','), int(4))).toBe('');
    expect(ev('split_part', str('a,b,c'), str(','), int(-4))).toBe('');
    expect(ev('split_part', str('a,b,c'), str(''), int(1))).toBe('a,b,c');
    expect(ev('split_part', str('abc'), str(''), int(-1))).toBe('abc');
    expect(ev('split_part', str(''), str(','), int(1))).toBe('');
    expect(ev('split_part', str('a,,c'), str(','), int(2))).toBe('');
    expect(ev('split_part', str('a.b'), str('.'), int(2))).toBe('b');
    expect(ev('split_part', nul(StringType), str(','), int(1))).toBeNull();
    expect(() => ev('split_part', str('a,b,c'), str(','), int(0))).toThrow(/INVALID_INDEX_OF_ZERO/);
  });

  it.each([
    ['www.apache.org', '.', 2, 'www.apache'],
    ['www.apache.org', '.', -2, 'apache.org'],
    ['www.apache.org', '.', 0, ''],
    ['www.apache.org', '', 1, ''],
    ['www.apache.org', '.', 10, 'www.apache.org'],
    ['www.apache.org', '.', -10, 'www.apache.org'],
    ['aaa', 'aa', 1, ''],
    ['aaa', 'aa', -1, ''],
    ['a.b.c', '.', -1, 'c'],
    ['a😀b😀c', '😀', 2, 'a😀b'],
  ])('substring_index(%s, %s, %i) = %s', (s, d, n, want) => {
    expect(ev('substring_index', str(s), str(d), int(n))).toBe(want);
  });

  it('elt picks the n-th argument, null when out of range', () => {
    expect(ev('elt', int(1), str('a'), str('b'))).toBe('a');
    expect(ev('elt', int(0), str('a'), str('b'))).toBeNull();
    expect(ev('elt', int(3), str('a'), str('b'))).toBeNull();
    expect(ev('elt', int(2), str('a'), nul(StringType))).toBeNull();
    expect(ev('elt', nul(IntegerType), str('a'))).toBeNull();
    expect(ev('elt', int(1), int(1), int(2))).toBe('1');
    expect(ev('elt', int(1), bin('a'), bin('b'))).toEqual(utf8('a'));
  });
});

describe('instr / locate / position', () => {
  it('instr finds the first occurrence (1-based code points)', () => {
    expect(ev('instr', str('Hello World'), str('o'))).toBe(5);
    expect(ev('instr', str('abc'), str(''))).toBe(1);
    expect(ev('instr', str(''), str(''))).toBe(1);
    expect(ev('instr', str('a😀b'), str('b'))).toBe(3);
    expect(ev('instr', str('abc'), str('x'))).toBe(0);
    expect(pretty('instr', [str('s'), str('o')])).toBe('instr(s, o)');
  });

  it('instr with a start and an occurrence searches both ways, overlapping', () => {
    const s = str('Hello World');
    expect(ev('instr', s, str('o'), int(6))).toBe(8);
    expect(pretty('instr', [str('s'), str('o'), int(6)])).toBe('instr(s, o, 6, 1)');
    expect(ev('instr', s, str('o'), int(1), int(2))).toBe(8);
    expect(ev('instr', s, str('o'), int(-1))).toBe(8);
    expect(ev('instr', s, str('o'), int(-1), int(2))).toBe(5);
    expect(ev('instr', s, str('o'), int(0))).toBe(0);
    expect(ev('instr', s, str('o'), int(1), int(3))).toBe(0);
    expect(ev('instr', s, str('l'), int(-2), int(1))).toBe(10);
    expect(ev('instr', s, str('l'), int(-1), int(3))).toBe(3);
    expect(ev('instr', s, str('o'), int(20))).toBe(0);
    expect(ev('instr', s, str('o'), int(-20))).toBe(0);
    expect(ev('instr', str('aaaa'), str('aa'), int(1), int(2))).toBe(2);
    expect(ev('instr', str('aaaa'), str('aa'), int(-1), int(2))).toBe(2);
    expect(ev('instr', str('aaaa'), str('aa'), int(-1), int(1))).toBe(3);
    expect(ev('instr', str('abc'), str(''), int(20))).toBe(1);
    expect(ev('instr', str('abc'), str('a'), int(-3))).toBe(1);
    expect(ev('instr', str('a😀b😀'), str('😀'), int(3))).toBe(4);
    expect(ev('instr', str('a😀b😀'), str('😀'), int(-1), int(2))).toBe(2);
    expect(ev('instr', s, str('o'), nul(IntegerType))).toBeNull();
    expect(() => ev('instr', s, str('o'), int(1), int(0))).toThrow(/INVALID_PARAMETER_VALUE.OCCURRENCE/);
  });

  it('locate(substr, str[, pos]) and position', () => {
    const s = str('Hello World');
    expect(ev('locate', str('o'), s)).toBe(5);
    expect(pretty('locate', [str('o'), str('s')])).toBe('locate(o, s, 1)');
    expect(ev('locate', str('o'), s, int(6))).toBe(8);
    expect(ev('position', str('o'), s)).toBe(5);
    expect(pretty('position', [str('o'), str('s'), int(6)])).toBe('position(o, s, 6)');
    expect(ev('locate', str(''), str('abc'), int(2))).toBe(1);
    expect(ev('locate', str(''), str('abc'), int(10))).toBe(1);
    expect(ev('locate', str(''), str('abc'), int(0))).toBe(0);
    expect(ev('locate', str('b'), str('abcb'), int(0))).toBe(0);
    expect(ev('locate', str('b'), str('abcb'), int(-1))).toBe(0);
    expect(ev('locate', str('b'), str('abcb'), int(3))).toBe(4);
    expect(ev('locate', str('b'), str('a😀b'))).toBe(3);
    expect(ev('locate', str('b'), nul(StringType))).toBeNull();
    expect(ev('locate', nul(StringType), str('abc'))).toBeNull();
    // a null start gives 0, not null — and the result is not nullable for non-null strings
    expect(ev('locate', str('b'), str('abc'), nul(IntegerType))).toBe(0);
    expect(call('locate', [str('b'), str('abc'), nul(IntegerType)]).nullable).toBe(false);
  });

  it('find_in_set', () => {
    expect(ev('find_in_set', str('ab'), str('abc,b,ab,c,def'))).toBe(3);
    expect(ev('find_in_set', str('a,b'), str('a,b'))).toBe(0);
    expect(ev('find_in_set', str(''), str('a,,b'))).toBe(2);
    expect(ev('find_in_set', str(''), str(''))).toBe(1);
    expect(ev('find_in_set', str('x'), str(''))).toBe(0);
    expect(ev('find_in_set', str('b'), str('a,b,b'))).toBe(2);
    expect(ev('find_in_set', nul(StringType), str('a'))).toBeNull();
  });
});

describe('startswith / endswith / contains', () => {
  it('on strings (other types cast) and on binaries', () => {
    expect(ev('startswith', str('Hello'), str('H'))).toBe(true);
    expect(ev('endswith', str('Hello'), str('o'))).toBe(true);
    expect(ev('contains', str('Hello'), str('ll'))).toBe(true);
    expect(ev('contains', str('abc'), str(''))).toBe(true);
    expect(ev('startswith', str('abc'), str(''))).toBe(true);
    expect(ev('endswith', str('abc'), str(''))).toBe(true);
    expect(ev('startswith', str('😀a'), str('😀'))).toBe(true);
    expect(ev('contains', nul(StringType), str('a'))).toBeNull();
    expect(ev('contains', str('abc'), nul(StringType))).toBeNull();
    expect(ev('contains', str('a5'), int(5))).toBe(true);
    expect(ev('contains', bin('abc'), bin('bc'))).toBe(true);
    expect(ev('startswith', bin('abc'), bin('b'))).toBe(false);
    expect(ev('endswith', bin('abc'), bin('bc'))).toBe(true);
    expect(ev('contains', bin('ab'), str('Hello World'))).toBe(false);
    expect(call('contains', [bin('ab'), bin('b')]).nullable).toBe(true);
    const s = attributeReference('s', StringType, false);
    expect(call('contains', [s, str('x')]).nullable).toBe(false);
    expect(call('contains', [s, str('x')]).dataType).toBe(BooleanType);
    expect(pretty('startswith', [str('s'), str('H')])).toBe('startswith(s, H)');
  });
});
