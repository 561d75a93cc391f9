/**
 * abs, pmod, mod, factorial, shifts, bin, conv, bit_count, getbit, width_bucket, greatest/least,
 * nanvl and the try_* arithmetic. Expected values and types from pyspark 4.3.0 (non-ANSI), e.g.
 * `spark.sql("SELECT pmod(-7, 3), conv('-10', 16, -10), abs(CAST(-128 AS TINYINT))")`.
 */
import { describe, expect, it } from 'vitest';
import { attributeReference, literal } from '../../src/expr/expression.js';
import {
  arrayType,
  ByteType,
  DateType,
  FloatType,
  IntegerType,
  ShortType,
  simpleString,
} from '../../src/types/data-type.js';
import { bool, call, dbl, dec, ev, evaluate, int, long, nul, pretty, str } from './string-harness.js';

const typeOf = (name: string, args: Parameters<typeof call>[1]) => simpleString(call(name, args).dataType);
const tiny = (v: number) => literal(v, ByteType);
const short = (v: number) => literal(v, ShortType);
const flt = (v: number) => literal(Math.fround(v), FloatType);

describe('abs', () => {
  it('keeps the type and wraps at its width', () => {
    expect(ev('abs', int(-5))).toBe(5);
    expect(ev('abs', dbl(-2.5))).toBe(2.5);
    expect(ev('abs', dec('-3.14159', 10, 5))).toBe(314159n);
    expect(ev('abs', int(-2147483648))).toBe(-2147483648);
    expect(ev('abs', long(-9223372036854775808n))).toBe(-9223372036854775808n);
    expect(ev('abs', long(-2147483648))).toBe(2147483648);
    expect(ev('abs', tiny(-128))).toBe(-128);
    expect(ev('abs', short(-32768))).toBe(-32768);
    expect(Object.is(ev('abs', dbl(-0)), 0)).toBe(true);
    expect(ev('abs', flt(-2.5))).toBe(2.5);
    expect(ev('abs', str('-2'))).toBe(2);
    expect(ev('abs', nul())).toBeNull();
    expect(typeOf('abs', [tiny(3)])).toBe('tinyint');
    expect(typeOf('abs', [dec('1.5', 2, 1)])).toBe('decimal(2,1)');
    expect(typeOf('abs', [str('x')])).toBe('double');
    const x = attributeReference('x', IntegerType, false);
    expect(call('abs', [x]).nullable).toBe(false);
  });
});

describe('pmod / mod', () => {
  it.each([
    [int(-7), int(3), 2],
    [int(7), int(-3), 1],
    [int(-7), int(-3), -1],
    [int(7), int(0), null],
    [dbl(-7.5), int(2), 0.5],
    [long(-7), int(3), 2],
    [long(-9223372036854775808n), long(-1), 0],
    [dbl(7), int(0), null],
    [tiny(-1), tiny(3), 2],
    [short(5), int(3), 2],
    [int(5), long(3), 2],
    [str('7'), int(3), 1],
  ])('pmod(%o, %o)', (a, b, want) => {
    expect(ev('pmod', a, b)).toBe(want);
  });

  it('pmod types, decimals and ANSI remainder by zero', () => {
    expect(typeOf('pmod', [tiny(-1), tiny(3)])).toBe('tinyint');
    expect(typeOf('pmod', [short(5), int(3)])).toBe('int');
    expect(typeOf('pmod', [int(5), long(3)])).toBe('bigint');
    expect(typeOf('pmod', [str('7'), int(3)])).toBe('double');
    expect(typeOf('pmod', [dec('-7.5', 2, 1), int(2)])).toBe('decimal(2,1)');
    expect(ev('pmod', dec('-7.5', 2, 1), int(2))).toBe(5n);
    expect(ev('pmod', int(1), dec('2.5', 2, 1))).toBe(10n);
    expect(ev('pmod', dec('5.5', 2, 1), dec('2.5', 2, 1))).toBe(5n);
    expect(() => evaluate('pmod', [int(7), int(0)], { ansi: true })).toThrow(/REMAINDER_BY_ZERO/);
  });

  it('mod is the % operator under a function name', () => {
    expect(ev('mod', int(-7), int(3))).toBe(-1);
    expect(ev('mod', int(7), int(0))).toBeNull();
    expect(ev('mod', dbl(-7.5), int(2))).toBe(-1.5);
    expect(ev('mod', dbl(5), dbl(0))).toBeNull();
    expect(typeOf('mod', [int(7), long(3)])).toBe('bigint');
    expect(pretty('mod', [int(-7), int(3)])).toBe('mod(-7, 3)');
  });
});

describe('factorial, shifts, bin, bit_count, getbit', () => {
  it('factorial is defined for 0..20', () => {
    expect(ev('factorial', int(5))).toBe(120);
    expect(ev('factorial', int(0))).toBe(1);
    expect(ev('factorial', int(20))).toBe(2432902008176640000n);
    expect(ev('factorial', int(21))).toBeNull();
    expect(ev('factorial', int(-1))).toBeNull();
    expect(ev('factorial', long(5))).toBe(120);
    expect(ev('factorial', str('5'))).toBe(120);
    expect(typeOf('factorial', [int(5)])).toBe('bigint');
  });

  it('shifts use Java’s masked shift distances', () => {
    expect(ev('shiftleft', int(1), int(31))).toBe(-2147483648);
    expect(ev('shiftleft', int(1), int(32))).toBe(1);
    expect(ev('shiftleft', long(1), int(63))).toBe(-9223372036854775808n);
    expect(ev('shiftleft', long(1), int(64))).toBe(1);
    expect(ev('shiftright', int(-8), int(1))).toBe(-4);
    expect(ev('shiftrightunsigned', int(-8), int(1))).toBe(2147483644);
    expect(ev('shiftrightunsigned', long(-8), int(1))).toBe(9223372036854775804n);
    expect(ev('shiftleft', tiny(1), int(10))).toBe(1024);
    expect(ev('shiftleft', short(1), int(20))).toBe(1048576);
    expect(ev('shiftleft', int(1), int(-1))).toBe(-2147483648);
    expect(ev('shiftleft', dbl(1.5), int(1))).toBe(2);
    expect(ev('shiftleft', long(5), int(2))).toBe(20);
    expect(ev('shiftright', tiny(-8), int(1))).toBe(-4);
    expect(ev('shiftleft', int(5), nul(IntegerType))).toBeNull();
    expect(typeOf('shiftleft', [tiny(1), int(1)])).toBe('int');
    expect(typeOf('shiftleft', [long(1), int(1)])).toBe('bigint');
    expect(pretty('shiftleft', [str('i'), int(1)])).toBe('shiftleft(i, 1)');
    expect(pretty('shiftrightunsigned', [str('i'), int(1)])).toBe('shiftrightunsigned(i, 1)');
    // the SQL operator forms
    expect(pretty('__shiftleft_op', [str('i'), int(1)])).toBe('(i << 1)');
    expect(pretty('__shiftrightunsigned_op', [str('i'), int(1)])).toBe('(i >>> 1)');
    expect(ev('__shiftright_op', int(-8), int(1))).toBe(-4);
  });

  it('bin prints two’s complement bits', () => {
    expect(ev('bin', int(5))).toBe('101');
    expect(ev('bin', int(0))).toBe('0');
    expect(ev('bin', int(-1))).toBe('1'.repeat(64));
    expect(ev('bin', tiny(-1))).toBe('1'.repeat(64));
    expect(ev('bin', dec('13.7', 3, 1))).toBe('1101');
    expect(ev('bin', str('12'))).toBe('1100');
    expect(ev('bin', nul())).toBeNull();
  });

  it('bit_count counts bits of the 64-bit value; getbit reads one', () => {
    expect(ev('bit_count', int(5))).toBe(2);
    expect(ev('bit_count', int(-1))).toBe(64);
    expect(ev('bit_count', tiny(-1))).toBe(64);
    expect(ev('bit_count', long(-1))).toBe(64);
    expect(ev('bit_count', bool(true))).toBe(1);
    expect(() => call('bit_count', [dec('5.5', 2, 1)])).toThrow(
      /The first parameter requires the \("INTEGRAL" or "BOOLEAN"\) type/,
    );
    expect(ev('getbit', int(5), int(2))).toBe(1);
    expect(ev('getbit', long(-1), int(63))).toBe(1);
    expect(ev('getbit', tiny(5), int(7))).toBe(0);
    expect(typeOf('getbit', [int(5), int(0)])).toBe('tinyint');
    expect(() => ev('getbit', int(5), int(32))).toThrow(
      '[INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE] The value of parameter(s) `pos` in `getbit` is invalid: expects an integer value in [0, 32), but got 32.',
    );
    expect(() => ev('getbit', tiny(5), int(8))).toThrow(/\[0, 8\), but got 8/);
  });
});

describe('conv', () => {
  it.each([
    ['100', 2, 10, '4'],
    ['-10', 16, -10, '-16'],
    ['-10', 16, 10, '18446744073709551600'],
    ['ff', 16, -10, '255'],
    ['zz', 36, 16, '50F'],
    ['12x', 10, 16, 'C'],
    ['x12', 10, 16, '0'],
    ['', 10, 16, null],
    ['10', 1, 10, null],
    ['10', 10, 37, null],
    ['18446744073709551615', 10, 16, 'FFFFFFFFFFFFFFFF'],
    ['18446744073709551616', 10, 16, 'FFFFFFFFFFFFFFFF'],
    ['-1', 10, 16, 'FFFFFFFFFFFFFFFF'],
    ['  10', 10, 16, 'A'],
    ['9223372036854775807', 10, -10, '9223372036854775807'],
    ['FFFFFFFFFFFFFFFF', 16, -10, '-1'],
    ['-9223372036854775809', 10, -10, '-9223372036854775807'],
  ])('conv(%s, %i, %i) = %s', (n, from, to, want) => {
    expect(ev('conv', str(n), int(from), int(to))).toBe(want);
  });

  it('casts numbers to strings', () => {
    expect(ev('conv', int(255), int(10), int(16))).toBe('FF');
    expect(pretty('conv', [str('ff'), int(16), int(10)])).toBe('conv(ff, 16, 10)');
  });
});

describe('width_bucket', () => {
  it.each([
    [5.3, 0.2, 10.6, 5, 3],
    [-2.1, 1.3, 3.4, 3, 0],
    [8.1, 0.0, 5.7, 4, 5],
    [-0.9, 5.2, 0.5, 2, 3],
    [5, 10, 0, 5, 3],
    [5, 0, 10, 0, null],
    [5, 0, 0, 3, null],
    [10, 0, 10, 5, 6],
    [0, 0, 10, 5, 1],
    [Number.NaN, 0, 10, 5, null],
    [5, 0, 10, -1, null],
  ])('width_bucket(%d, %d, %d, %i) = %s', (v, lo, hi, n, want) => {
    expect(ev('width_bucket', dbl(v), dbl(lo), dbl(hi), long(n))).toBe(want);
  });

  it('rejects Long.MaxValue buckets', () => {
    expect(ev('width_bucket', int(5), int(0), int(10), long(9223372036854775807n))).toBeNull();
    expect(typeOf('width_bucket', [int(5), int(0), int(10), int(5)])).toBe('bigint');
  });
});

describe('greatest / least', () => {
  it('skip nulls and widen types', () => {
    expect(ev('greatest', int(1), nul(), int(3))).toBe(3);
    expect(ev('greatest', nul(), nul())).toBeNull();
    expect(typeOf('greatest', [nul(), nul()])).toBe('void');
    expect(ev('greatest', int(5), dbl(2.5))).toBe(5);
    expect(typeOf('greatest', [int(5), dbl(2.5)])).toBe('double');
    expect(typeOf('greatest', [int(5), long(12345678901)])).toBe('bigint');
    expect(ev('greatest', int(5), long(12345678901))).toBe(12345678901);
    expect(ev('least', int(5), dbl(2.5))).toBe(2.5);
    expect(typeOf('least', [dec('3.14159', 10, 5), int(5)])).toBe('decimal(15,5)');
    expect(ev('least', dec('3.14159', 10, 5), int(5))).toBe(314159n);
    expect(typeOf('least', [int(1), dec('2.5', 2, 1)])).toBe('decimal(11,1)');
    expect(ev('least', int(1), dec('2.5', 2, 1))).toBe(10n);
    expect(ev('greatest', str('a'), str('B'))).toBe('a');
    expect(ev('greatest', literal(19723, DateType), literal(19358, DateType))).toBe(19723);
    expect(ev('greatest', bool(true), bool(false))).toBe(true);
    expect(typeOf('greatest', [tiny(1), short(2)])).toBe('smallint');
    expect(typeOf('greatest', [flt(1), int(2)])).toBe('float');
    expect(ev('greatest', str('b'), nul())).toBe('b');
    const a1 = literal([1], arrayType(IntegerType, false));
    const a2 = literal([2], arrayType(IntegerType, false));
    expect(ev('greatest', a1, a2)).toEqual([2]);
  });

  it('treat NaN as the largest value', () => {
    expect(ev('greatest', dbl(Number.NaN), int(1))).toBeNaN();
    expect(ev('least', dbl(Number.NaN), int(1))).toBe(1);
  });

  it('are non-nullable unless every input is, and reject mixed types', () => {
    expect(call('least', [int(1), nul()]).nullable).toBe(false);
    expect(call('least', [nul(), nul()]).nullable).toBe(true);
    expect(() => call('greatest', [int(1), str('2')])).toThrow(
      /DATA_DIFF_TYPES.*Input to `greatest` should all be the same type, but it's \["INT", "STRING"\]/,
    );
    expect(pretty('greatest', [int(1), int(2), dbl(3.5)])).toBe('greatest(1, 2, 3.5)');
  });
});

describe('nanvl', () => {
  it('replaces NaN, evaluating the replacement only then', () => {
    expect(ev('nanvl', dbl(Number.NaN), int(5))).toBe(5);
    expect(ev('nanvl', dbl(Number.NaN), nul())).toBeNull();
    expect(ev('nanvl', nul(), int(5))).toBeNull();
    expect(ev('nanvl', int(1), int(2))).toBe(1);
    expect(ev('nanvl', int(1), nul())).toBe(1);
    expect(ev('nanvl', dbl(2.5), dbl(2.5))).toBe(2.5);
    expect(typeOf('nanvl', [flt(1), flt(2)])).toBe('float');
    expect(typeOf('nanvl', [flt(1), int(2)])).toBe('double');
    expect(ev('nanvl', literal(Number.NaN, FloatType), flt(1))).toBe(1);
    expect(ev('nanvl', str('a'), int(1))).toBeNull();
    const x = attributeReference('x', IntegerType, false);
    expect(call('nanvl', [x, x]).nullable).toBe(false);
  });
});

describe('try_* arithmetic', () => {
  it('returns null on overflow and division by zero', () => {
    expect(ev('try_add', int(5), int(1))).toBe(6);
    expect(ev('try_add', int(2147483647), int(1))).toBeNull();
    expect(ev('try_subtract', int(5), int(1))).toBe(4);
    expect(ev('try_subtract', int(-2147483648), int(1))).toBeNull();
    expect(ev('try_multiply', int(5), int(2))).toBe(10);
    expect(ev('try_multiply', long(9223372036854775807n), int(2))).toBeNull();
    expect(ev('try_divide', int(5), int(2))).toBe(2.5);
    expect(ev('try_divide', int(5), int(0))).toBeNull();
    expect(ev('try_divide', nul(), int(1))).toBeNull();
    expect(ev('try_mod', int(5), int(0))).toBeNull();
    expect(ev('try_mod', int(7), int(3))).toBe(1);
    expect(typeOf('try_divide', [int(5), int(2)])).toBe('double');
    expect(typeOf('try_add', [int(5), int(2)])).toBe('int');
    expect(pretty('try_add', [str('i'), int(1)])).toBe('try_add(i, 1)');
    const x = attributeReference('x', IntegerType, false);
    expect(call('try_add', [x, x]).nullable).toBe(true);
  });
});

describe('ANSI mode', () => {
  // pyspark 4.3.0 with spark.sql.ansi.enabled=true
  const ansi = (name: string, ...args: Parameters<typeof evaluate>[1][number][]) =>
    evaluate(name, args, { ansi: true });

  it('fails where non-ANSI wraps or returns null', () => {
    expect(() => ansi('conv', str('18446744073709551616'), int(10), int(16))).toThrow(
      '[ARITHMETIC_OVERFLOW] Overflow in function conv(). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
    );
    expect(() => ansi('abs', int(-2147483648))).toThrow(
      '[ARITHMETIC_OVERFLOW] overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
    );
    expect(() => ansi('abs', tiny(-128))).toThrow(/ARITHMETIC_OVERFLOW/);
    expect(() => ansi('abs', long(-9223372036854775808n))).toThrow(/ARITHMETIC_OVERFLOW/);
    expect(() => ansi('pmod', int(7), int(0))).toThrow(
      '[REMAINDER_BY_ZERO] Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead.',
    );
    expect(() => ansi('round', int(2147483647), int(-1))).toThrow(/ARITHMETIC_OVERFLOW\] Overflow\./);
    expect(() => ansi('bround', tiny(127), int(-1))).toThrow(/ARITHMETIC_OVERFLOW/);
    expect(() => ansi('elt', int(3), str('a'), str('b'))).toThrow(
      '[INVALID_ARRAY_INDEX] The index 3 is out of bounds. The array has 2 elements.',
    );
  });

  it('keeps the results that are not errors in Spark either', () => {
    expect(ansi('abs', int(-5))).toBe(5);
    expect(ansi('conv', str('ff'), int(16), int(10))).toBe('255');
    expect(ansi('factorial', int(21))).toBeNull();
    expect(ansi('width_bucket', int(5), int(0), int(10), int(0))).toBeNull();
    expect(ansi('try_add', int(2147483647), int(1))).toBeNull();
    expect(ansi('try_divide', int(1), int(0))).toBeNull();
    expect(ansi('log', int(-1))).toBeNull();
    expect(ansi('sqrt', int(-1))).toBeNaN();
    expect(ansi('unbase64', str('@@@'))).toEqual(new Uint8Array(0));
    expect(ansi('round', dec('9999', 4, 0), int(-4))).toBe(10000n);
  });
});
