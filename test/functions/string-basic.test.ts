/**
 * Basic string functions through the registry (resolve → compile → evaluate). Expected values,
 * column names and types were obtained from pyspark 4.3.0 (spark.sql.ansi.enabled=false), e.g.
 * `spark.sql("SELECT concat_ws('-', s, NULL, 5)")`.
 */
import { describe, expect, it } from 'vitest';
import { attributeReference } from '../../src/expr/expression.js';
import { arrayType, BinaryType, IntegerType, StringType, simpleString } from '../../src/types/data-type.js';
import {
  bin,
  bool,
  call,
  columns,
  dbl,
  dec,
  ev,
  evaluate,
  int,
  long,
  nul,
  pretty,
  str,
  utf8,
} from './string-harness.js';

describe('concat / concat_ws', () => {
  it('concatenates strings, casting other atomic types, null if any input is null', () => {
    expect(ev('concat', str('Hello'), int(5), dbl(2.5))).toBe('Hello52.5');
    expect(ev('concat', str('a'), nul(StringType))).toBeNull();
    expect(ev('concat')).toBe('');
    expect(ev('concat', bool(true), str('x'))).toBe('truex');
    expect(ev('concat', dec('12.50', 20, 2), str('x'))).toBe('12.50x');
  });

  it('concatenates binaries to binary, and arrays to arrays', () => {
    expect(ev('concat', bin('ab'), bin('ab'))).toEqual(utf8('abab'));
    expect(call('concat', [bin('ab'), bin('c')]).dataType).toBe(BinaryType);
    expect(ev('concat', bin('ab'), int(5))).toBe('ab5');
    const a = { kind: 'literal', value: [1, 2], dataType: arrayType(IntegerType, false) } as const;
    const b = { kind: 'literal', value: ['a'], dataType: arrayType(StringType, false) } as const;
    expect(ev('concat', a, a)).toEqual([1, 2, 1, 2]);
    // pyspark: concat(array(1), array('a')) → ['1', 'a'] of array<string>
    expect(simpleString(call('concat', [a, b]).dataType)).toBe('array<string>');
    expect(() => call('concat', [a, str('x')])).toThrow(/DATA_DIFF_TYPES/);
  });

  it('concat_ws skips nulls and flattens arrays', () => {
    expect(ev('concat_ws', str('-'), str('Hello World'), nul(StringType), int(5))).toBe('Hello World-5');
    const arr = { kind: 'literal', value: [null, 'a'], dataType: arrayType(StringType, true) } as const;
    const empty = { kind: 'literal', value: [], dataType: arrayType(StringType, false) } as const;
    expect(ev('concat_ws', str('-'), arr, empty)).toBe('a');
    const ints = { kind: 'literal', value: [1, 2], dataType: arrayType(IntegerType, false) } as const;
    expect(ev('concat_ws', str('-'), ints)).toBe('1-2');
    expect(ev('concat_ws', nul(StringType), str('a'))).toBeNull();
    expect(ev('concat_ws', str('-'))).toBe('');
    expect(ev('concat_ws', int(1), str('a'), str('b'))).toBe('a1b');
    expect(pretty('concat_ws', [str('-'), str('a')])).toBe('concat_ws(-, a)');
  });

  it('is nullable only when an input is (concat_ws: only the separator)', () => {
    const s = attributeReference('s', StringType, false);
    const n = attributeReference('n', StringType, true);
    expect(call('concat', [s, s]).nullable).toBe(false);
    expect(call('concat', [s, n]).nullable).toBe(true);
    expect(call('concat_ws', [str('-'), n]).nullable).toBe(false);
  });
});

describe('case conversion and initcap', () => {
  it('upper/lower and their aliases keep their own names', () => {
    expect(ev('upper', str('Hello World'))).toBe('HELLO WORLD');
    expect(ev('lower', str('Hello World'))).toBe('hello world');
    expect(ev('ucase', str('a'))).toBe('A');
    expect(ev('lcase', str('AB'))).toBe('ab');
    expect(pretty('lcase', [str('AB')])).toBe('lcase(AB)');
    expect(pretty('ucase', [str('a')])).toBe('ucase(a)');
    expect(ev('upper', int(5))).toBe('5');
    expect(ev('upper', bin('ab'))).toBe('AB');
    expect(ev('lower', bool(true))).toBe('true');
    expect(ev('upper', nul())).toBeNull();
  });

  it('initcap lower-cases, then capitalises after spaces only', () => {
    expect(ev('initcap', str('hELLO wORLD'))).toBe('Hello World');
    expect(ev('initcap', str('hello-world foo_bar  baz\tqux'))).toBe('Hello-world Foo_bar  Baz\tqux');
    expect(ev('initcap', str(''))).toBe('');
    expect(ev('initcap', str('élan ÉCOLE'))).toBe('Élan École');
    expect(ev('initcap', str('ǆemal'))).toBe('ǅemal');
    expect(ev('initcap', str(' a'))).toBe(' A');
  });

  it('rejects non-atomic inputs with Spark’s error', () => {
    const arr = { kind: 'literal', value: ['a'], dataType: arrayType(StringType, false) } as const;
    expect(() => call('upper', [arr])).toThrow(
      /UNEXPECTED_INPUT_TYPE.*The first parameter requires the "STRING" type, however "\[a\]|array/,
    );
  });
});

describe('trim family', () => {
  it('trims spaces only by default', () => {
    expect(ev('trim', str('  a b  '))).toBe('a b');
    expect(ev('trim', str('\ta\t'))).toBe('\ta\t');
    expect(ev('ltrim', str('  a  '))).toBe('a  ');
    expect(ev('rtrim', str('  a  '))).toBe('  a');
    expect(ev('btrim', str('  a  '))).toBe('a');
    expect(ev('trim', int(5))).toBe('5');
  });

  it('trim(trimStr, str) removes any of the characters, shown as TRIM(BOTH … FROM …)', () => {
    expect(ev('trim', str('H'), str('Hello World'))).toBe('ello World');
    expect(pretty('trim', [str('H'), str('Hello World')])).toBe('TRIM(BOTH H FROM Hello World)');
    expect(ev('ltrim', str('x'), str('xHello Worldx'))).toBe('Hello Worldx');
    expect(pretty('ltrim', [str('x'), str('s')])).toBe('TRIM(LEADING x FROM s)');
    expect(ev('rtrim', str('d'), str('Hello World'))).toBe('Hello Worl');
    expect(pretty('rtrim', [str('d'), str('s')])).toBe('TRIM(TRAILING d FROM s)');
    expect(ev('trim', str('Hello World'), str('H'))).toBe('');
    expect(ev('trim', str('c'), str('xax'))).toBe('xax');
    expect(ev('trim', str('x'), str('xax'))).toBe('a');
    expect(ev('trim', str('😀'), str('😀a😀'))).toBe('a');
    expect(ev('trim', str('s'), nul(StringType))).toBeNull();
  });

  it('btrim(str, trimStr) takes the string first', () => {
    expect(ev('btrim', str('Hello World'), str('Hd'))).toBe('ello Worl');
    expect(ev('btrim', str('H'), str('Hello World'))).toBe('');
    expect(pretty('btrim', [str('s'), str('Hd')])).toBe('btrim(s, Hd)');
  });
});

describe('lengths', () => {
  it('counts code points for strings and bytes for binaries', () => {
    expect(ev('length', str('Hello World'))).toBe(11);
    expect(ev('length', str('a😀b'))).toBe(3);
    expect(ev('length', bin('ab'))).toBe(2);
    expect(ev('length', int(5))).toBe(1);
    expect(ev('length', dbl(2.5))).toBe(3);
    expect(ev('char_length', str('abc'))).toBe(3);
    expect(ev('character_length', str('abc'))).toBe(3);
    expect(ev('len', str('abc'))).toBe(3);
    expect(pretty('char_length', [str('s')])).toBe('char_length(s)');
    expect(pretty('len', [str('s')])).toBe('len(s)');
    expect(call('length', [str('x')]).dataType).toBe(IntegerType);
  });

  it('octet_length and bit_length count UTF-8 bytes', () => {
    expect(ev('octet_length', str('a😀b'))).toBe(6);
    expect(ev('bit_length', str('a😀b'))).toBe(48);
    expect(ev('octet_length', str('é'))).toBe(2);
    expect(ev('octet_length', bin('ab'))).toBe(2);
    expect(ev('bit_length', bin('ab'))).toBe(16);
    expect(ev('bit_length', str('Hello World'))).toBe(88);
  });
});

describe('reverse, repeat, space', () => {
  it('reverses strings by code point, binaries by byte, and arrays', () => {
    expect(ev('reverse', str('a😀b'))).toBe('b😀a');
    expect(ev('reverse', bin('ab'))).toEqual(utf8('ba'));
    const a = { kind: 'literal', value: [1, 2], dataType: arrayType(IntegerType, false) } as const;
    expect(ev('reverse', a)).toEqual([2, 1]);
    expect(ev('reverse', int(123))).toBe('321');
  });

  it('repeat and space give "" for counts <= 0', () => {
    expect(ev('repeat', str('ab'), int(3))).toBe('ababab');
    expect(ev('repeat', str('ab'), int(0))).toBe('');
    expect(ev('repeat', str('ab'), int(-1))).toBe('');
    expect(ev('repeat', int(5), int(2))).toBe('55');
    expect(ev('repeat', str('ab'), long(2))).toBe('abab');
    expect(ev('repeat', str('ab'), str('2'))).toBe('abab');
    expect(ev('repeat', nul(StringType), int(2))).toBeNull();
    expect(ev('space', int(3))).toBe('   ');
    expect(ev('space', int(-1))).toBe('');
    expect(ev('space', nul(IntegerType))).toBeNull();
  });
});

describe('ascii / chr', () => {
  it('ascii is the first code point (0 for "")', () => {
    expect(ev('ascii', str('Hello'))).toBe(72);
    expect(ev('ascii', str(''))).toBe(0);
    expect(ev('ascii', str('😀'))).toBe(128512);
    expect(ev('ascii', str('é'))).toBe(233);
    expect(ev('ascii', int(5))).toBe(53);
  });

  it('chr takes n mod 256, "" for negatives', () => {
    expect(ev('chr', int(65))).toBe('A');
    expect(ev('char', int(65))).toBe('A');
    expect(pretty('char', [int(65)])).toBe('char(65)');
    expect(ev('chr', int(-1))).toBe('');
    expect(ev('chr', int(0))).toBe('\u0000');
    expect(ev('chr', int(256))).toBe('\u0000');
    expect(ev('chr', int(321))).toBe('A');
    expect(ev('chr', dbl(65.7))).toBe('A');
    expect(ev('chr', int(233))).toBe('é');
  });
});

describe('per-row arguments', () => {
  it('evaluates column arguments row by row', () => {
    const t = columns([
      ['s', StringType],
      ['n', IntegerType],
    ]);
    expect(
      t.run(
        'repeat',
        [t.col('s'), t.col('n')],
        [
          ['ab', 2],
          [null, 1],
          ['x', null],
          ['😀', 3],
        ],
      ),
    ).toEqual(['abab', null, null, '😀😀😀']);
    expect(evaluate('upper', [t.col('s')], { input: t.attrs, row: ['abc', 1] })).toBe('ABC');
  });
});
