/**
 * Literal typing and values; the expected types are what pyspark 4.3 reports with typeof(…), and
 * the interval values what it shows with spark.sql.legacy.interval.enabled=true (calendar intervals).
 */
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/sql/parser.js';
import { simpleString } from '../../src/types/data-type.js';
import { errorOf } from './sql-test-helpers.js';

function typed(text: string): { value: unknown; type: string } {
  const e = parseExpression(text);
  if (e.kind !== 'literal') throw new Error(`not a literal: ${e.kind}`);
  return { value: e.value, type: simpleString(e.dataType) };
}

describe('numeric literals', () => {
  it.each([
    ['1', 1, 'int'],
    ['2147483647', 2147483647, 'int'],
    ['2147483648', 2147483648, 'bigint'],
    ['-2147483648', -2147483648, 'int'],
    ['-2147483649', -2147483649, 'bigint'],
    ['9223372036854775807', 9223372036854775807n, 'bigint'],
    ['-9223372036854775808', -9223372036854775808n, 'bigint'],
    ['9223372036854775808', 9223372036854775808n, 'decimal(19,0)'],
    ['1L', 1, 'bigint'],
    ['1S', 1, 'smallint'],
    ['1Y', 1, 'tinyint'],
    ['1D', 1, 'double'],
    ['1F', 1, 'float'],
    ['1BD', 1n, 'decimal(1,0)'],
    ['1.5', 15n, 'decimal(2,1)'],
    ['1.50', 150n, 'decimal(3,2)'],
    ['0.001', 1n, 'decimal(3,3)'],
    ['.5', 5n, 'decimal(1,1)'],
    ['5.', 5n, 'decimal(1,0)'],
    ['123.456BD', 123456n, 'decimal(6,3)'],
    ['1e2BD', 100n, 'decimal(3,0)'],
    ['-1.5', -15n, 'decimal(2,1)'],
    ['1.5e3', 1500, 'double'],
    ['1E3', 1000, 'double'],
    ['1e-3', 0.001, 'double'],
    ['2.5F', 2.5, 'float'],
  ])('%s', (text, value, type) => {
    expect(typed(text)).toEqual({ value, type });
  });

  it('rounds float literals to single precision', () => {
    expect(typed('0.1F').value).toBe(Math.fround(0.1));
  });

  it('checks ranges with Spark messages', () => {
    expect(errorOf(() => parseExpression('40000S')).message).toBe(
      '[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 40000 is outside the valid range for smallint with minimum value of -32768 and maximum value of 32767. Please adjust the value accordingly.',
    );
    expect(errorOf(() => parseExpression('200Y')).message).toContain(
      'Numeric literal 200 is outside the valid range for tinyint with minimum value of -128 and maximum value of 127.',
    );
    expect(errorOf(() => parseExpression('3000000000000000000000L')).message).toContain(
      'Numeric literal 3000000000000000000000 is outside the valid range for bigint with minimum value of -9223372036854775808 and maximum value of 9223372036854775807.',
    );
    expect(errorOf(() => parseExpression('1.5e400')).message).toContain(
      'Numeric literal 1.5e400 is outside the valid range for double with minimum value of -1.7976931348623157E+308 and maximum value of 1.7976931348623157E+308.',
    );
    expect(errorOf(() => parseExpression('1e40F')).message).toContain(
      'Numeric literal 1e40 is outside the valid range for float with minimum value of -3.4028234663852886E+38 and maximum value of 3.4028234663852886E+38.',
    );
    const e = errorOf(() => parseExpression('123456789012345678901234567890123456789012BD'));
    expect(e.errorClass).toBe('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION');
    expect(e.message).toBe(
      '[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 42 exceeds max precision 38.',
    );
    expect(errorOf(() => parseExpression('0.0000000000000000000000000000000000000000001')).message).toContain(
      'Decimal precision 43 exceeds max precision 38.',
    );
  });
});

describe('string, boolean and null literals', () => {
  it('concatenates adjacent strings of either quote style', () => {
    expect(typed(`'a' 'b' "c"`)).toEqual({ value: 'abc', type: 'string' });
  });
  it('reads TRUE / FALSE / NULL case-insensitively', () => {
    expect(typed('true')).toEqual({ value: true, type: 'boolean' });
    expect(typed('FALSE')).toEqual({ value: false, type: 'boolean' });
    expect(typed('null')).toEqual({ value: null, type: 'void' });
  });
});

describe('typed literals', () => {
  it('DATE, TIMESTAMP (session zone), TIMESTAMP_NTZ, TIMESTAMP_LTZ', () => {
    expect(typed("DATE '2024-01-01'")).toEqual({ value: 19723, type: 'date' });
    expect(typed("TIMESTAMP '2024-01-01 10:00:00'")).toEqual({ value: 1704103200000000, type: 'timestamp' });
    expect(typed("timestamp_ltz '2024-01-01 10:00:00'").type).toBe('timestamp');
    expect(typed("TIMESTAMP_NTZ '2024-01-01 10:00:00'")).toEqual({
      value: 1704103200000000,
      type: 'timestamp_ntz',
    });
    const inTokyo = parseExpression("TIMESTAMP '2024-01-01 10:00:00'", { timeZone: 'Asia/Tokyo' });
    expect(inTokyo).toMatchObject({ value: 1704103200000000 - 9 * 3600 * 1_000_000 });
  });

  it('X hex strings (odd length padded with a leading zero)', () => {
    expect(typed("X'0A0B'")).toEqual({ value: new Uint8Array([10, 11]), type: 'binary' });
    expect(typed("x'A'")).toEqual({ value: new Uint8Array([10]), type: 'binary' });
  });

  it('invalid values and unknown types fail as in Spark', () => {
    expect(errorOf(() => parseExpression("DATE '2024-13-01'")).message).toBe(
      `[INVALID_TYPED_LITERAL] The value of the typed literal "DATE" is invalid: '2024-13-01'.`,
    );
    expect(errorOf(() => parseExpression("TIMESTAMP 'abc'")).message).toContain(
      `The value of the typed literal "TIMESTAMP" is invalid: 'abc'.`,
    );
    expect(errorOf(() => parseExpression("x'0G'")).message).toContain(
      `The value of the typed literal "X" is invalid: '0G'.`,
    );
    const e = errorOf(() => parseExpression("foo 'bar'"));
    expect(e.message).toBe(
      '[UNSUPPORTED_TYPED_LITERAL] Literals of the type "FOO" are not supported. Supported types are "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME".',
    );
    expect(e.context).toMatchObject({ fragment: "foo 'bar'", startIndex: 0 });
  });
});

describe('interval literals', () => {
  // Spark 4 types interval literals by the units written: year/month → INTERVAL YEAR TO MONTH
  // (value: months), the rest → INTERVAL DAY TO SECOND (value: µs), spanning the units used.
  const iv = (text: string) => {
    const e = parseExpression(text) as { kind: string; value: unknown; dataType: unknown };
    expect(e.kind).toBe('literal');
    return [e.value, e.dataType];
  };
  const H = 3_600_000_000;
  const M = 60_000_000;
  const D = 24 * H;
  const dt = (startField: number, endField: number) => ({ kind: 'interval_dt', startField, endField });
  const ym = (startField: number, endField: number) => ({ kind: 'interval_ym', startField, endField });
  it.each([
    ['INTERVAL 10 MINUTES', 10 * M, dt(2, 2)],
    ["INTERVAL '10' MINUTE", 10 * M, dt(2, 2)],
    ['INTERVAL 1 HOUR 30 MINUTES', 1.5 * H, dt(1, 2)],
    ['INTERVAL 1 DAY 1 DAY', 2 * D, dt(0, 0)],
    ["INTERVAL '1' DAY '2' HOUR", D + 2 * H, dt(0, 1)],
    ['INTERVAL -1 DAY', -D, dt(0, 0)],
    ["INTERVAL - '1' DAY", -D, dt(0, 0)],
    ['INTERVAL 1.5 SECONDS', 1_500_000, dt(3, 3)],
    ['INTERVAL 1 MICROSECOND', 1, dt(3, 3)],
    ['INTERVAL 3000000000 SECONDS', 3e15, dt(3, 3)],
    ['INTERVAL 1 YEAR 2 MONTHS', 14, ym(0, 1)],
    [
      'INTERVAL 3 WEEKS 4 DAYS 5 HOURS 6 MINUTES 7 SECONDS 8 MILLISECONDS 9 MICROSECONDS',
      25 * D + 5 * H + 6 * M + 7_008_009,
      dt(0, 3),
    ],
    ["INTERVAL '1 day 2 hours 3.5 seconds'", D + 2 * H + 3_500_000, dt(0, 3)],
    ["INTERVAL 'interval 1 year -2 months'", 10, ym(0, 1)],
    ["INTERVAL '1 week 1 millisecond 2 microseconds'", 7 * D + 1002, dt(0, 3)],
    ["INTERVAL '1-2' YEAR TO MONTH", 14, ym(0, 1)],
    ["INTERVAL '-1 2:03:04.5' DAY TO SECOND", -(D + 2 * H + 3 * M + 4_500_000), dt(0, 3)],
    ["INTERVAL '1 2' DAY TO HOUR", D + 2 * H, dt(0, 1)],
    ["INTERVAL '1 2:03' DAY TO MINUTE", D + 2 * H + 3 * M, dt(0, 2)],
    ["INTERVAL '2:03' HOUR TO MINUTE", 2 * H + 3 * M, dt(1, 2)],
    ["INTERVAL '2:03:04' HOUR TO SECOND", 2 * H + 3 * M + 4_000_000, dt(1, 3)],
    ["INTERVAL '3:04.25' MINUTE TO SECOND", 3 * M + 4_250_000, dt(2, 3)],
  ])('%s', (text, value, type) => {
    expect(iv(text)).toEqual([value, type]);
  });

  it('rejects mixing year-month and day-time units', () => {
    expect(errorOf(() => parseExpression('INTERVAL 1 MONTH 2 DAYS')).message).toContain(
      '[MIXED_INTERVAL_UNITS] Cannot mix year-month and day-time fields: INTERVAL 1 MONTH 2 DAYS.',
    );
  });

  it('keeps `interval` usable as a column name', () => {
    expect(parseExpression('interval - 1')).toMatchObject({
      name: 'subtract',
      args: [{ kind: 'unresolvedAttribute', nameParts: ['interval'] }, {}],
    });
  });

  it('errors like Spark', () => {
    expect(errorOf(() => parseExpression('INTERVAL 1.5 DAYS')).message).toBe(
      "[INVALID_INTERVAL_FORMAT.INVALID_FRACTION] Error parsing ' 1.5 DAYS' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. days cannot have fractional part.",
    );
    expect(errorOf(() => parseExpression('INTERVAL 1 NANOSECOND')).message).toContain(
      'Invalid unit nanosecond.',
    );
    expect(errorOf(() => parseExpression("INTERVAL '1.5 day'")).message).toBe(
      `[INVALID_TYPED_LITERAL] The value of the typed literal "INTERVAL" is invalid: '1.5 day'.`,
    );
    expect(errorOf(() => parseExpression("INTERVAL 'x' DAY")).message).toBe(
      '[_LEGACY_ERROR_TEMP_0026] Can only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: x.',
    );
    expect(errorOf(() => parseExpression('INTERVAL 1 HOUR TO SECOND')).message).toBe(
      '[_LEGACY_ERROR_TEMP_0027] The value of from-to unit must be a string.',
    );
    expect(errorOf(() => parseExpression("INTERVAL '1-2' DAY TO HOUR")).message).toBe(
      '[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE] Error parsing \'1-2\' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match day-time format of `[+|-]d h`, `INTERVAL [+|-]\'[+|-]d h\' DAY TO HOUR` when cast to interval day to hour: 1-2. Set "spark.sql.legacy.fromDayTimeString.enabled" to "true" to restore the behavior before Spark 3.0.',
    );
    expect(errorOf(() => parseExpression('INTERVAL 1 foo')).message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'foo'. (line 1, pos 11)",
    );
  });
});
