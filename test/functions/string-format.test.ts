/**
 * format_string/printf (Java's Formatter) and format_number (Java's DecimalFormat). Expected values
 * from pyspark 4.3.0, e.g. `spark.sql("SELECT format_string('%.1f', CAST(0.35 AS DOUBLE))")` → '0.4'.
 */
import { describe, expect, it } from 'vitest';
import { literal } from '../../src/expr/expression.js';
import {
  ByteType,
  DateType,
  decimalType,
  FloatType,
  IntegerType,
  LongType,
  StringType,
  TimestampType,
} from '../../src/types/data-type.js';
import { bool, columns, dbl, dec, ev, int, long, nul, pretty, str } from './string-harness.js';

const fmt = (f: string, ...args: Parameters<typeof ev>[1][]) => ev('format_string', str(f), ...args);

describe('format_string', () => {
  it.each([
    ['%s', [dbl(1.5)], '1.5'],
    ['%d', [int(3)], '3'],
    ['%5s|%-5s|', [str('ab'), str('cd')], '   ab|cd   |'],
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the input of the pyspark check
    ['%.2f', [dbl(3.14159)], '3.14'],
    ['%f', [dbl(1.5)], '1.500000'],
    ['%e', [dbl(12345.678)], '1.234568e+04'],
    ['%.3e', [dbl(0.000123)], '1.230e-04'],
    ['%x', [int(255)], 'ff'],
    ['%X', [int(255)], 'FF'],
    ['%o', [int(8)], '10'],
    ['%c', [int(65)], 'A'],
    ['%b', [bool(true)], 'true'],
    ['%b', [nul()], 'false'],
    ['%b', [str('x')], 'true'],
    ['%%', [], '%'],
    ['a%nb', [], 'a\nb'],
    ['%2$s %1$s', [str('a'), str('b')], 'b a'],
    ['%s', [nul()], 'null'],
    ['%d', [long(3000000000)], '3000000000'],
    ['%08.3f', [dbl(-3.5)], '-003.500'],
    ['%+d', [int(5)], '+5'],
    ['%,d', [int(1234567)], '1,234,567'],
    ['%s', [dbl(1.0)], '1.0'],
    ['%s', [dbl(1e20)], '1.0E20'],
    ['%s', [bool(true)], 'true'],
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the input of the pyspark check
    ['%10.4f|', [dbl(3.14159265)], '    3.1416|'],
    ['%-10d|', [int(42)], '42        |'],
    ['%x', [int(-1)], 'ffffffff'],
    ['%x', [long(-1)], 'ffffffffffffffff'],
    ['%.1f', [dbl(0.25)], '0.3'],
    ['%.1f', [dbl(0.35)], '0.4'],
    ['%.0f', [dbl(2.5)], '3'],
    ['%S', [str('abc')], 'ABC'],
    ['%10.2e', [dbl(123.456)], '  1.23e+02'],
    ['%g', [dbl(123.456)], '123.456'],
    ['%05d', [int(-42)], '-0042'],
    ['%(d', [int(-42)], '(42)'],
    ['%1$s %1$s', [str('x')], 'x x'],
    ['%s %<s', [str('x')], 'x x'],
    ['%.2s', [str('abc')], 'ab'],
    ['%e', [dbl(0)], '0.000000e+00'],
    ['%f', [dbl(Number.NaN)], 'NaN'],
    ['%f', [dbl(Number.POSITIVE_INFINITY)], 'Infinity'],
  ])('format_string(%s, …)', (f, args, want) => {
    expect(fmt(f, ...args)).toBe(want);
  });

  it('passes Spark’s internal values: decimals, floats, dates as days, timestamps as µs', () => {
    expect(fmt('%s', dec('1.50', 5, 2))).toBe('1.50');
    expect(fmt('%s', literal(1.5, FloatType))).toBe('1.5');
    expect(fmt('%d', literal(5, ByteType))).toBe('5');
    expect(fmt('%x', literal(-1, ByteType))).toBe('ff');
    expect(fmt('%s', literal(19724, DateType))).toBe('19724');
    expect(fmt('%s', literal(1704164645000000, TimestampType))).toBe('1704164645000000');
    expect(fmt('%.3f', dbl(1e300))).toBe(`1${'0'.repeat(300)}.000`);
  });

  it('fails like Java for missing arguments and wrong conversions', () => {
    expect(() => fmt('%s')).toThrow(/Format specifier '%s'/);
    expect(() => fmt('%s %s', str('a'))).toThrow(/Format specifier '%s'/);
    expect(() => fmt('%<s %s', str('a'))).toThrow(/Format specifier '%<s'/);
    expect(() => fmt('%d', str('a'))).toThrow(/d != org.apache.spark.unsafe.types.UTF8String/);
    expect(() => fmt('%.2f', dec('3.14159', 6, 5))).toThrow(/f != org.apache.spark.sql.types.Decimal/);
    expect(() => fmt('%x', dbl(3.5))).toThrow(/x != java.lang.Double/);
  });

  it('is null only for a null format; printf is the same function', () => {
    expect(ev('format_string', nul(StringType), str('a'))).toBeNull();
    expect(ev('printf', str('%s-%d'), str('a'), int(1))).toBe('a-1');
    expect(pretty('printf', [str('%s'), str('s')])).toBe('printf(%s, s)');
    expect(pretty('format_string', [str('%s-%d'), str('s'), int(5)])).toBe('format_string(%s-%d, s, 5)');
  });

  it('formats per row with a column format', () => {
    const t = columns([
      ['f', StringType],
      ['v', IntegerType],
    ]);
    expect(
      t.run(
        'format_string',
        [t.col('f'), t.col('v')],
        [
          ['%03d', 7],
          ['%x', 255],
          [null, 1],
        ],
      ),
    ).toEqual(['007', 'ff', null]);
  });
});

describe('format_number', () => {
  it.each([
    [dec('12332.123456', 11, 6), 4, '12,332.1235'],
    [dec('12332.123456', 11, 6), 0, '12,332'],
    [dec('12332.5', 6, 1), 0, '12,332'],
    [dec('0.5', 1, 1), 0, '0'],
    [dec('1.5', 2, 1), 0, '2'],
    [dbl(2.5), 0, '2'],
    [dec('-12332.123456', 11, 6), 2, '-12,332.12'],
    [int(12332), 2, '12,332.00'],
    [dbl(1e20), 2, '100,000,000,000,000,000,000.00'],
    [dbl(Number.NaN), 2, 'NaN'],
    [dbl(1.005), 2, '1.00'],
    [dec('1.005', 4, 3), 2, '1.00'],
    [literal(Math.fround(12345.678), FloatType), 2, '12,345.68'],
    [literal(123456789012345678n, LongType), 1, '123,456,789,012,345,678.0'],
    [dec('0.000001234', 10, 9), 8, '0.00000123'],
    [dbl(0.125), 2, '0.12'],
    [dbl(0.375), 2, '0.38'],
    [dec('-0.001', 3, 3), 2, '-0.00'],
    [dbl(-0.001), 2, '-0.00'],
    [dbl(-0.5), 0, '-0'],
    [dbl(Number.POSITIVE_INFINITY), 2, '∞'],
    [dbl(Number.NEGATIVE_INFINITY), 2, '-∞'],
    [literal(5, ByteType), 1, '5.0'],
    [dec('12345678901234567890.123', 23, 3), 2, '12,345,678,901,234,567,890.12'],
  ])('format_number(%o, %i)', (x, d, want) => {
    expect(ev('format_number', x, int(d))).toBe(want);
  });

  it.each([
    [dec('1234567.891', 10, 3), '##,###.##', '1,234,567.89'],
    [dec('1234567.891', 10, 3), '', '1,234,568'],
    [dec('1234.567', 7, 3), '#,##0.0', '1,234.6'],
    [int(123), '0000.00', '0123.00'],
    [dec('0.5', 1, 1), '#.##', '0.5'],
    [int(0), '#.##', '0'],
    [dec('12.5', 3, 1), '0.', '12.'],
    [dec('0.256', 3, 3), '#%', '26%'],
    [int(12), '$#,##0.00', '$12.00'],
    [int(12), "'x'0", 'x12'],
    [int(1234), '#,#,##0', '1,234'],
    [int(5), '0.0;(0.0)', '5.0'],
    [int(-5), '0.0;(0.0)', '(5.0)'],
    [dec('1.5', 2, 1), '0E0', '2E0'],
  ])('format_number(%o, %s)', (x, pattern, want) => {
    expect(ev('format_number', x, str(pattern))).toBe(want);
  });

  it('is null for a negative number of decimals or null inputs, and rejects strings', () => {
    expect(ev('format_number', dbl(1234.5), int(-1))).toBeNull();
    expect(ev('format_number', nul(), int(2))).toBeNull();
    expect(ev('format_number', int(5), nul(IntegerType))).toBeNull();
    expect(() => ev('format_number', str('123.4'), int(1))).toThrow(
      /The first parameter requires the "NUMERIC" type, however "123.4" has the type "STRING"/,
    );
    expect(pretty('format_number', [dbl(2.5), int(2)])).toBe('format_number(2.5, 2)');
    expect(ev('format_number', literal(5n, decimalType(20, 0)), int(1))).toBe('5.0');
  });
});
