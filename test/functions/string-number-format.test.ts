/**
 * to_number / try_to_number / to_char with Spark's number format strings. Expected values from
 * pyspark 4.3.0, e.g. `spark.sql("SELECT to_number('12,454.8-', '99,999.9S')")` → -12454.8.
 */
import { describe, expect, it } from 'vitest';
import { literal } from '../../src/expr/expression.js';
import { DoubleType, FloatType, LongType, simpleString } from '../../src/types/data-type.js';
import { call, dec, ev, int, nul, pretty, str } from './string-harness.js';

const decText = (v: unknown, scale: number) => {
  if (v === null) return null;
  const b = v as bigint;
  const neg = b < 0n;
  const digits = (neg ? -b : b).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
};

describe('to_number', () => {
  it.each([
    ['12,345.67', '99,999.99', 'decimal(7,2)', '12345.67'],
    ['-1.5', 'S9.9', 'decimal(2,1)', '-1.5'],
    ['454', '999', 'decimal(3,0)', '454'],
    ['454.00', '000.00', 'decimal(5,2)', '454.00'],
    ['12,454', '99,999', 'decimal(5,0)', '12454'],
    ['$78.12', '$99.99', 'decimal(4,2)', '78.12'],
    ['12,454.8-', '99,999.9S', 'decimal(6,1)', '-12454.8'],
    ['<12>', '99PR', 'decimal(2,0)', '-12'],
    ['12', '99PR', 'decimal(2,0)', '12'],
    ['0012', '0000', 'decimal(4,0)', '12'],
    ['12', '9999', 'decimal(4,0)', '12'],
    ['1.5', '9.99', 'decimal(3,2)', '1.50'],
    ['+5', 'S9', 'decimal(1,0)', '5'],
    ['5-', '9MI', 'decimal(1,0)', '-5'],
    ['-5', 'MI9', 'decimal(1,0)', '-5'],
    ['5', 'MI9', 'decimal(1,0)', '5'],
    ['1,2', '9,9', 'decimal(2,0)', '12'],
    ['12,3', '99,9', 'decimal(3,0)', '123'],
    ['.5', '.9', 'decimal(1,1)', '0.5'],
    ['5.', '9.', 'decimal(1,0)', '5'],
    ['5', '9D9', 'decimal(2,1)', '5.0'],
    ['5', '9G9', 'decimal(2,0)', '5'],
    ['1,234', '99,999', 'decimal(5,0)', '1234'],
    ['1,2,3', '9,9,9', 'decimal(3,0)', '123'],
    [' 5', '9', 'decimal(1,0)', '5'],
    ['$5', '$9', 'decimal(1,0)', '5'],
    ['0.5', '9.9', 'decimal(2,1)', '0.5'],
    ['5', '0', 'decimal(1,0)', '5'],
    ['1,23', '9,99', 'decimal(3,0)', '123'],
    ['5', '99,99', 'decimal(4,0)', '5'],
  ])('to_number(%j, %j) = %s %s', (s, f, type, want) => {
    const c = call('to_number', [str(s), str(f)]);
    expect(simpleString(c.dataType)).toBe(type);
    expect(decText(ev('to_number', str(s), str(f)), (c.dataType as { scale: number }).scale)).toBe(want);
  });

  it.each([
    ['12', '0000'],
    ['1234', '99,999'],
    ['', '9'],
    ['-5', '9'],
    ['+5', '9'],
    ['1234', '9,999'],
    ['12345', '9,999'],
    ['1.234', '9.99'],
    ['$5', '9'],
    ['5', '$9'],
    ['<12', '99PR'],
    ['-12', '99PR'],
    ['00.5', '9.9'],
    ['55', '0'],
    ['12,34', '9,99'],
    ['+5', 'MI9'],
  ])('to_number(%j, %j) does not match', (s, f) => {
    expect(() => ev('to_number', str(s), str(f))).toThrow(
      `[INVALID_FORMAT.MISMATCH_INPUT] The format is invalid: ${f}. The input "STRING" ${s} does not match the format.`,
    );
    expect(ev('try_to_number', str(s), str(f))).toBeNull();
  });

  it('validates the format at analysis', () => {
    expect(() => call('try_to_number', [str('5'), str('x')])).toThrow(
      "[INVALID_FORMAT.WRONG_NUM_DIGIT] The format is invalid: 'X'. The format string requires at least one number digit.",
    );
    expect(() => call('to_number', [str('5'), str('9$')])).toThrow(/CUR_MUST_BEFORE_DIGIT/);
    expect(() => call('to_number', [str('5'), str('PR99')])).toThrow(/UNEXPECTED_TOKEN/);
    expect(() => call('to_number', [str('5'), str('9.9.9')])).toThrow(/WRONG_NUM_TOKEN.*At most one \. or D/);
  });

  it('names, null handling and number inputs', () => {
    expect(pretty('to_number', [str('s'), str('99')])).toBe('to_number(s, 99)');
    expect(ev('to_number', nul(), str('9'))).toBeNull();
    expect(ev('to_number', int(5), str('9'))).toBe(5n);
    expect(call('to_number', [str('5'), str('9')]).nullable).toBe(false);
    expect(call('try_to_number', [str('5'), str('9')]).nullable).toBe(true);
  });
});

describe('to_char / to_varchar', () => {
  it.each([
    [int(454), '999', '454'],
    [dec('454.00', 5, 2), '000D00', '454.00'],
    [int(12454), '99G999', '12,454'],
    [dec('78.12', 4, 2), '$99.99', '$78.12'],
    [dec('-12454.8', 6, 1), '99G999D9S', '12,454.8-'],
    [int(-12), '99PR', '<12>'],
    [int(12), '99PR', '12  '],
    [int(5), '0000', '0005'],
    [int(12345), '999', '###'],
    [dec('1.5', 2, 1), '9.99', '1.50'],
    [dec('-1.5', 2, 1), 'S9.9', '-1.5'],
    [int(5), '999', '  5'],
    [int(5), '9,999', '    5'],
    [int(1234), '9,999', '1,234'],
    [int(5), '0,000', '0,005'],
    [int(0), '999', '   '],
    [int(0), '990', '   '],
    [dec('0.5', 1, 1), '9.9', '0.5'],
    [dec('0.5', 1, 1), '0.9', '0.5'],
    [int(-5), '999', '  5'],
    [int(5), 'S999', '  +5'],
    [int(-5), 'S999', '  -5'],
    [int(5), '999S', '  5+'],
    [int(-5), '9MI', '5-'],
    [int(5), '9MI', '5 '],
    [int(5), 'MI9', ' 5'],
    [int(-5), 'MI9', '-5'],
    [int(5), '$999', '$  5'],
    [int(-5), '$999', '$  5'],
    [dec('1.25', 3, 2), '9.9', '#.#'],
    [dec('123.45', 5, 2), '99.9', '##.#'],
    [dec('1.234', 4, 3), '9.99999', '1.23400'],
    [literal(5, LongType), '99', ' 5'],
    [literal(1.5, FloatType), '9.9', '1.5'],
    [literal(5.5, DoubleType), '9.9', '5.5'],
    [dec('-0.5', 1, 1), '9.9', '0.5'],
    [int(12), '9G9', '1,2'],
    [int(5), '$9,999.00', '$    5.00'],
    [int(5), 'S$9', '+$5'],
    [int(5), '99.', ' 5 '],
    [int(5), '.99', '.##'],
    [dec('12345.678', 8, 3), '99,999.9', '## ###.#'],
  ])('to_char(%o, %j)', (x, f, want) => {
    expect(ev('to_char', x, str(f))).toBe(want);
  });

  it('to_varchar is shown as to_char; nulls give null', () => {
    expect(ev('to_varchar', int(454), str('999'))).toBe('454');
    expect(pretty('to_varchar', [int(454), str('999')])).toBe('to_char(454, 999)');
    expect(ev('to_char', nul(), str('99'))).toBeNull();
    expect(() => call('to_char', [int(5), str('x')])).toThrow(/WRONG_NUM_DIGIT/);
  });
});
