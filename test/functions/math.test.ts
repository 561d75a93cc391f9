/**
 * Double-valued math functions, pow/atan2/hypot, log, constants, and rand/randn. Expected values
 * from pyspark 4.3.0, e.g. `spark.sql("SELECT SQRT(2.5), LOG(0), rand(1)")`; rand/randn sequences
 * from `spark.range(0, 5, 1, 1).select(F.rand(42))`.
 */
import { describe, expect, it } from 'vitest';
import { attributeReference } from '../../src/expr/expression.js';
import { DoubleType, IntegerType, LongType } from '../../src/types/data-type.js';
import { call, columns, dbl, dec, ev, int, long, nul, pretty, str } from './string-harness.js';

const d = dbl(2.5);

describe('unary math functions', () => {
  it.each([
    ['sqrt', 1.5811388300841898, 'SQRT(2.5)'],
    ['cbrt', 1.3572088082974532, 'CBRT(2.5)'],
    ['exp', 12.182493960703473, 'EXP(2.5)'],
    ['expm1', 11.182493960703473, 'EXPM1(2.5)'],
    ['ln', 0.9162907318741551, 'ln(2.5)'],
    ['log10', 0.3979400086720376, 'LOG10(2.5)'],
    ['log2', 1.3219280948873624, 'LOG2(2.5)'],
    ['log1p', 1.252762968495368, 'LOG1P(2.5)'],
    ['sin', 0.5984721441039564, 'SIN(2.5)'],
    ['cos', -0.8011436155469337, 'COS(2.5)'],
    ['tan', -0.7470222972386603, 'TAN(2.5)'],
    ['atan', 1.1902899496825317, 'ATAN(2.5)'],
    ['sinh', 6.0502044810397875, 'SINH(2.5)'],
    ['cosh', 6.132289479663686, 'COSH(2.5)'],
    ['tanh', 0.9866142981514303, 'TANH(2.5)'],
    ['cot', -1.3386481283041514, 'COT(2.5)'],
    ['sec', -1.2482156514688179, 'SEC(2.5)'],
    ['csc', 1.67092154555868, 'CSC(2.5)'],
    ['acosh', 1.566799236972411, 'ACOSH(2.5)'],
    ['asinh', 1.6472311463710958, 'ASINH(2.5)'],
    ['degrees', 143.2394487827058, 'DEGREES(2.5)'],
    ['radians', 0.04363323129985824, 'RADIANS(2.5)'],
    ['signum', 1, 'SIGNUM(2.5)'],
    ['sign', 1, 'sign(2.5)'],
    ['rint', 2, 'rint(2.5)'],
  ])('%s(2.5) = %d as %s', (fn, want, name) => {
    expect(ev(fn, d)).toBe(want);
    expect(pretty(fn, [d])).toBe(name);
    expect(call(fn, [d]).dataType).toBe(DoubleType);
  });

  it('gives NaN for domain errors but null for logarithms at or below the asymptote', () => {
    expect(ev('asin', d)).toBeNaN();
    expect(ev('acos', d)).toBeNaN();
    expect(ev('sqrt', int(-1))).toBeNaN();
    expect(ev('atanh', dbl(0.5))).toBe(0.5493061443340548);
    for (const [fn, x] of [
      ['ln', 0],
      ['log10', 0],
      ['log2', -1],
      ['log1p', -1],
      ['log1p', -2],
    ] as const) {
      expect(ev(fn, int(x))).toBeNull();
    }
    expect(ev('log2', int(8))).toBe(3);
    expect(ev('log10', int(1000))).toBe(3);
  });

  it('casts integers, decimals and strings to double', () => {
    expect(ev('sqrt', int(5))).toBe(2.23606797749979);
    expect(ev('exp', int(5))).toBe(148.4131591025766);
    expect(ev('sqrt', str('4'))).toBe(2);
    expect(ev('sqrt', str('x'))).toBeNull();
    expect(ev('sign', dec('3.14', 3, 2))).toBe(1);
    expect(ev('signum', long(12345678901))).toBe(1);
    expect(ev('sign', dbl(Number.NaN))).toBeNaN();
    expect(ev('degrees', dbl(Math.PI))).toBe(180);
  });

  it('matches Java bit for bit where V8’s Math differs (fdlibm cbrt/hypot, asinh/acosh)', () => {
    // pyspark 4.3.0 on random inputs where a naive JS implementation is off by one ulp
    expect(ev('cbrt', dbl(2.979491062738484))).toBe(1.4389554962077422);
    expect(ev('cbrt', dbl(-7.735880706937113))).toBe(-1.9777432972612292);
    expect(ev('hypot', dbl(4.797971494798613), dbl(-0.887725549082031))).toBe(4.879404381212223);
    expect(ev('hypot', dbl(8.018009835012453), dbl(-1.4453693337899338))).toBe(8.14724335130704);
    expect(ev('hypot', int(-3), int(3))).toBe(4.242640687119285);
    expect(ev('asinh', dbl(-9.419895434327705))).toBe(-2.9387767318009077);
    expect(ev('acosh', dbl(2.979491062738484))).toBe(1.7554681346592036);
    expect(ev('acosh', dbl(1.4788237585620152))).toBe(0.943237273126647);
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: Java's exp(1) is one ulp above Math.E
    expect(ev('exp', dbl(1))).toBe(2.7182818284590455);
    expect(ev('cosh', dbl(1))).toBe(1.543080634815244);
    expect(ev('cosh', dbl(-1))).toBe(1.543080634815244);
  });

  it('rint rounds half to even, keeping the sign of zero', () => {
    expect(ev('rint', dbl(-2.5))).toBe(-2);
    expect(ev('rint', dbl(3.5))).toBe(4);
    expect(Object.is(ev('rint', dbl(-0.4)), -0)).toBe(true);
  });

  it('is always nullable (Spark marks unary math nullable)', () => {
    const x = attributeReference('x', DoubleType, false);
    expect(call('sqrt', [x]).nullable).toBe(true);
  });
});

describe('pow / atan2 / hypot / log / pi / e', () => {
  it('binary functions', () => {
    expect(ev('pow', d, int(2))).toBe(6.25);
    expect(pretty('pow', [str('d'), int(2)])).toBe('pow(d, 2)');
    expect(ev('power', int(5), int(2))).toBe(25);
    expect(pretty('power', [str('i'), int(2)])).toBe('POWER(i, 2)');
    expect(ev('power', int(2), d)).toBe(5.65685424949238);
    expect(ev('pow', int(5), long(12345678901))).toBe(Number.POSITIVE_INFINITY);
    expect(ev('atan2', d, int(1))).toBe(1.1902899496825317);
    expect(ev('atan2', dbl(1), d)).toBe(0.3805063771123649);
    expect(ev('atan2', d, int(2))).toBe(0.8960553845713439);
    expect(pretty('atan2', [str('d'), int(1)])).toBe('ATAN2(d, 1)');
    expect(ev('hypot', d, int(2))).toBe(3.2015621187164243);
    expect(ev('hypot', int(3), int(4))).toBe(5);
    expect(ev('hypot', dbl(Number.POSITIVE_INFINITY), dbl(Number.NaN))).toBe(Number.POSITIVE_INFINITY);
    expect(pretty('hypot', [str('d'), int(2)])).toBe('HYPOT(d, 2)');
    const x = attributeReference('x', DoubleType, false);
    expect(call('pow', [x, int(2)]).nullable).toBe(false);
  });

  it('log: natural with one argument, any base with two; null for non-positive inputs', () => {
    expect(ev('log', d)).toBe(0.9162907318741551);
    expect(pretty('log', [str('d')])).toBe('LOG(E(), d)');
    expect(ev('log', int(2), d)).toBe(1.3219280948873624);
    expect(pretty('log', [dbl(2), str('d')])).toBe('LOG(2.0, d)');
    expect(ev('log', int(2), int(8))).toBe(3);
    expect(ev('log', int(10), int(1000))).toBe(2.9999999999999996);
    expect(ev('log', int(0))).toBeNull();
    expect(ev('log', int(-1))).toBeNull();
    expect(ev('log', int(1), int(10))).toBe(Number.POSITIVE_INFINITY);
    expect(ev('log', int(0), int(10))).toBeNull();
  });

  it('pi() and e()', () => {
    expect(ev('pi')).toBe(Math.PI); // pyspark: 3.141592653589793
    expect(ev('e')).toBe(Math.E); // pyspark: 2.718281828459045
    expect(pretty('pi', [])).toBe('PI()');
    expect(pretty('e', [])).toBe('E()');
    expect(call('pi', []).nullable).toBe(false);
  });
});

describe('rand / randn', () => {
  const rows = (fn: string, seed: number | null, n = 5) => {
    const t = columns([['id', LongType]]);
    return t.run(
      fn,
      seed === null ? [nul(IntegerType)] : [long(seed)],
      Array.from({ length: n }, (_, i) => [i]),
    );
  };

  it('reproduces Spark’s XORShiftRandom sequences for a seed (partition 0)', () => {
    expect(rows('rand', 42)).toEqual([
      0.619189370225301, 0.5096018842446481, 0.8325259388871524, 0.26322809041172357, 0.6702867696264135,
    ]);
    expect(rows('rand', 0)).toEqual([
      0.7604953758285915, 0.5234194256885571, 0.0953472826424725, 0.3163249920547614, 0.7141011170991605,
    ]);
    expect(rows('rand', -7)).toEqual([
      0.14773215621571878, 0.0914602266360357, 0.024990435468302152, 0.12921121156209348, 0.6448471160843897,
    ]);
    expect(rows('randn', 42)).toEqual([
      2.384479054241165, 0.1920934041293524, 0.7337336533286575, -0.5224480195716871, 2.060084179317831,
    ]);
    expect(rows('rand', 1, 1)).toEqual([0.6363787615254752]);
    expect(rows('random', 1, 1)).toEqual([0.6363787615254752]);
    expect(rows('randn', 1, 1)).toEqual([1.6845611254444919]);
    expect(rows('randn', 3, 1)).toEqual([-1.1854930781734352]);
    // a null seed is seed 0
    expect(rows('rand', null, 1)).toEqual([0.7604953758285915]);
    expect(rows('randn', null, 1)).toEqual([1.6034991609278433]);
  });

  it('names, types and the unseeded form', () => {
    expect(pretty('rand', [long(1)])).toBe('rand(1)');
    expect(pretty('random', [int(1)])).toBe('rand(1)');
    expect(pretty('rand', [])).toBe('rand()');
    expect(pretty('randn', [])).toBe('randn()');
    const v = ev('rand') as number;
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThan(1);
    expect(call('rand', []).nullable).toBe(false);
    expect(() => call('rand', [dec('1.5', 2, 1)])).toThrow(
      /The first parameter requires the \("INT" or "BIGINT"\) type, however "1.5" has the type "DECIMAL\(2,1\)"/,
    );
    const c = attributeReference('c', IntegerType, true);
    expect(() => call('rand', [c])).toThrow(/NON_FOLDABLE_INPUT/);
  });
});
