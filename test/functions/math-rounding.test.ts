/**
 * round, bround, floor, ceil/ceiling. Expected values and result types from pyspark 4.3.0, e.g.
 * `spark.sql("SELECT round(CAST(2.675 AS DOUBLE), 2), round(CAST(127 AS TINYINT), -1)")` →
 * 2.68, -126.
 */
import { describe, expect, it } from 'vitest';
import { attributeReference, literal } from '../../src/expr/expression.js';
import { ByteType, FloatType, IntegerType, LongType, simpleString } from '../../src/types/data-type.js';
import { call, dbl, dec, ev, int, long, nul, pretty, str } from './string-harness.js';

const typeOf = (name: string, args: Parameters<typeof call>[1]) => simpleString(call(name, args).dataType);
const decText = (v: unknown, scale: number) => {
  if (v === null) return null;
  const b = v as bigint;
  const neg = b < 0n;
  const digits = (neg ? -b : b).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
};
const tiny = (v: number) => literal(v, ByteType);
const flt = (v: number) => literal(Math.fround(v), FloatType);

describe('round / bround on doubles and floats', () => {
  it.each([
    [2.5, 0, 3],
    [2.5, 1, 2.5],
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-2.5, 0, -3],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1.5e-10, 10, 2e-10],
    [123.456, -1, 120],
    [1e300, -300, 1e300],
    [1e20, 2, 1e20],
    [123456789.12345679, 5, 123456789.12346],
    [-0.4, 0, 0],
  ])('round(%d, %i) = %d', (x, s, want) => {
    expect(ev('round', dbl(x), int(s))).toBe(want);
  });

  it('keeps NaN/Infinity, drops negative zero, rounds floats through their double value', () => {
    expect(ev('round', dbl(Number.NaN), int(2))).toBeNaN();
    expect(ev('round', dbl(Number.POSITIVE_INFINITY), int(2))).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(ev('round', dbl(-0), int(1)), 0)).toBe(true);
    expect(Object.is(ev('round', dbl(-0.4)), 0)).toBe(true);
    expect(ev('round', flt(1.005), int(2))).toBe(1);
    expect(ev('round', flt(0.125), int(2))).toBe(Math.fround(0.13));
    expect(ev('round', flt(2.5))).toBe(3);
    expect(typeOf('round', [flt(2.5), int(1)])).toBe('float');
  });

  it('bround rounds half to even', () => {
    expect(ev('bround', dbl(2.5))).toBe(2);
    expect(ev('bround', dbl(2.675), int(2))).toBe(2.68);
    expect(ev('bround', dbl(3.5))).toBe(4);
    expect(pretty('bround', [str('d')])).toBe('bround(d, 0)');
  });

  it('names and nullability', () => {
    expect(pretty('round', [str('d')])).toBe('round(d, 0)');
    expect(pretty('round', [str('d'), int(1)])).toBe('round(d, 1)');
    const x = attributeReference('x', LongType, false);
    expect(call('round', [x]).nullable).toBe(true);
    expect(typeOf('round', [str('2.5')])).toBe('double');
    expect(ev('round', str('2.5'))).toBe(3);
    expect(ev('round', nul(), int(1))).toBeNull();
    expect(typeOf('round', [nul(), int(1)])).toBe('double');
    expect(ev('round', dec('1.5', 2, 1), nul(IntegerType))).toBeNull();
  });

  it('requires a constant scale', () => {
    const s = attributeReference('s', IntegerType, true);
    expect(() => call('round', [dbl(2.5), s])).toThrow(
      /NON_FOLDABLE_INPUT.*the input `scale` should be a foldable "INT" expression; however, got "s"/,
    );
  });
});

describe('round on integral types', () => {
  it.each([
    [int(15), -1, 20],
    [int(-15), -1, -20],
    [int(5), 2, 5],
    [int(5), -20, 0],
    [int(2147483647), -1, -2147483646],
    [long(9223372036854775807n), -1, -9223372036854775806n],
    [long(12345678901), -2, 12345678900],
    [tiny(127), -1, -126],
    [tiny(125), -1, -126],
    [tiny(-125), -1, 126],
    [tiny(3), -1, 0],
  ])('round(%o, %i)', (x, s, want) => {
    expect(ev('round', x, int(s))).toBe(want);
  });

  it('bround on integers', () => {
    expect(ev('bround', int(15), int(-1))).toBe(20);
    expect(ev('bround', int(25), int(-1))).toBe(20);
    expect(ev('bround', int(-25), int(-1))).toBe(-20);
    expect(typeOf('round', [tiny(3), int(-1)])).toBe('tinyint');
    expect(typeOf('round', [long(5), int(-1)])).toBe('bigint');
  });
});

describe('round on decimals', () => {
  it.each([
    ['3.14159', 10, 5, 2, 'decimal(8,2)', '3.14'],
    ['3.14159', 10, 5, 0, 'decimal(6,0)', '3'],
    ['3.14159', 10, 5, -1, 'decimal(6,0)', '0'],
    ['3.14159', 10, 5, 7, 'decimal(11,5)', '3.14159'],
    ['2.5', 2, 1, 0, 'decimal(2,0)', '3'],
    ['-2.5', 2, 1, 0, 'decimal(2,0)', '-3'],
    ['1.005', 4, 3, 2, 'decimal(4,2)', '1.01'],
    ['99.99', 4, 2, 1, 'decimal(4,1)', '100.0'],
    ['99.99', 4, 2, -2, 'decimal(3,0)', '100'],
    ['999.9', 38, 1, 0, 'decimal(38,0)', '1000'],
    ['-1.55', 3, 2, 1, 'decimal(3,1)', '-1.6'],
    ['1', 38, 0, -40, 'decimal(38,0)', '0'],
  ])('round(%s as decimal(%i,%i), %i)', (v, p, s, scale, type, want) => {
    const c = call('round', [dec(v, p, s), int(scale)]);
    expect(simpleString(c.dataType)).toBe(type);
    expect(decText(ev('round', dec(v, p, s), int(scale)), (c.dataType as { scale: number }).scale)).toBe(
      want,
    );
  });

  it('bround on decimals, and overflow gives null (an error in ANSI mode)', () => {
    expect(decText(ev('bround', dec('-1.55', 3, 2), int(1)), 1)).toBe('-1.6');
    expect(decText(ev('bround', dec('-1.65', 3, 2), int(1)), 1)).toBe('-1.6');
    expect(decText(ev('bround', dec('2.5', 2, 1)), 0)).toBe('2');
    expect(decText(ev('bround', dec('3.14159', 10, 5), int(3)), 3)).toBe('3.142');
    expect(decText(ev('round', dec('99999999999999999999999999999999999999', 38, 0), int(-1)), 0)).toBeNull();
  });
});

describe('floor / ceil / ceiling', () => {
  it('return longs for doubles and integers', () => {
    expect(ev('floor', dbl(2.5))).toBe(2);
    expect(ev('ceil', dbl(2.5))).toBe(3);
    expect(ev('ceiling', dbl(2.5))).toBe(3);
    expect(ev('ceil', dbl(-0.5))).toBe(0);
    expect(Object.is(ev('ceil', dbl(-0.5)), 0)).toBe(true);
    expect(ev('floor', int(5))).toBe(5);
    expect(ev('floor', flt(2.5))).toBe(2);
    expect(ev('ceil', long(12345678901))).toBe(12345678901);
    expect(ev('ceil', long(9007199254740993n))).toBe(9007199254740993n);
    expect(ev('ceil', str('2.5'))).toBe(3);
    expect(ev('floor', nul())).toBeNull();
    expect(typeOf('floor', [dbl(2.5)])).toBe('bigint');
    expect(typeOf('ceil', [int(5)])).toBe('bigint');
  });

  it('convert like Java’s (long) cast: saturating, NaN → 0', () => {
    expect(ev('floor', dbl(1e20))).toBe(9223372036854775807n);
    expect(ev('floor', dbl(-1e20))).toBe(-9223372036854775808n);
    expect(ev('floor', dbl(Number.NaN))).toBe(0);
    expect(ev('ceil', dbl(Number.POSITIVE_INFINITY))).toBe(9223372036854775807n);
    expect(ev('floor', dbl(-0))).toBe(0);
  });

  it('keep decimals as decimal(p - s + 1, 0)', () => {
    expect(typeOf('floor', [dec('3.14159', 10, 5)])).toBe('decimal(6,0)');
    expect(ev('floor', dec('3.14159', 10, 5))).toBe(3n);
    expect(ev('ceil', dec('3.14159', 10, 5))).toBe(4n);
    expect(ev('floor', dec('9.99', 3, 2))).toBe(9n);
    expect(ev('ceil', dec('9.99', 3, 2))).toBe(10n);
    expect(ev('ceil', dec('-9.99', 3, 2))).toBe(-9n);
    expect(typeOf('floor', [dec('-0.5', 1, 1)])).toBe('decimal(1,0)');
    expect(ev('floor', dec('-0.5', 1, 1))).toBe(-1n);
    expect(ev('ceil', dec('-0.5', 1, 1))).toBe(0n);
  });

  it('with a scale they round in decimal', () => {
    expect(typeOf('floor', [dbl(2.5), int(1)])).toBe('decimal(17,1)');
    expect(decText(ev('floor', dbl(2.5), int(1)), 1)).toBe('2.5');
    expect(typeOf('floor', [dec('3.14159', 10, 5), int(2)])).toBe('decimal(8,2)');
    expect(decText(ev('floor', dec('3.14159', 10, 5), int(2)), 2)).toBe('3.14');
    expect(decText(ev('ceil', dec('3.14159', 10, 5), int(2)), 2)).toBe('3.15');
    expect(typeOf('floor', [int(5), int(-1)])).toBe('decimal(11,0)');
    expect(ev('floor', int(5), int(-1))).toBe(0n);
    expect(typeOf('ceil', [dec('99', 2, 0), int(-1)])).toBe('decimal(3,0)');
    expect(ev('ceil', dec('99', 2, 0), int(-1))).toBe(100n);
    expect(typeOf('floor', [dbl(2.5), int(-1)])).toBe('decimal(16,0)');
    expect(typeOf('floor', [flt(-2.5), int(0)])).toBe('decimal(8,0)');
    expect(ev('floor', flt(-2.5), int(0))).toBe(-3n);
    expect(decText(ev('ceil', dec('1.2345', 5, 4), int(2)), 2)).toBe('1.24');
    expect(typeOf('floor', [dbl(1.5), int(20)])).toBe('decimal(31,15)');
    expect(typeOf('ceil', [int(5), int(2)])).toBe('decimal(11,0)');
  });

  it('names: upper case without a scale, lower case with one', () => {
    expect(pretty('floor', [str('d')])).toBe('FLOOR(d)');
    expect(pretty('ceil', [str('d')])).toBe('CEIL(d)');
    expect(pretty('ceiling', [str('d')])).toBe('ceiling(d)');
    expect(pretty('floor', [str('d'), int(1)])).toBe('floor(d, 1)');
    expect(pretty('ceil', [str('d'), int(1)])).toBe('ceil(d, 1)');
  });
});
