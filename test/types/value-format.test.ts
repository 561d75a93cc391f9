/**
 * Number and value rendering. Double/float strings come from Java 17 (the JVM pyspark 4.3.0 runs
 * on here; fixtures/java-number-strings.json, including the values where Java's digits differ from
 * the shortest round-trip digits); CAST/show renderings were checked with pyspark 4.3.0.
 */
import { describe, expect, it } from 'vitest';
import {
  arrayType,
  BinaryType,
  BooleanType,
  CalendarIntervalType,
  DateType,
  DoubleType,
  decimalType,
  FloatType,
  IntegerType,
  mapType,
  StringType,
  structField,
  structType,
  TimestampNTZType,
  TimestampType,
} from '../../src/types/data-type.js';
import {
  stringToDate,
  stringToTimestamp,
  stringToTimestampNTZ,
} from '../../src/types/datetime/timestamp-parse.js';
import {
  castToString,
  formatDecimal,
  formatDouble,
  formatFloat,
  formatInterval,
  showCell,
  sqlLiteral,
} from '../../src/types/value-format.js';
import fixture from './fixtures/java-number-strings.json' with { type: 'json' };

function fromBits(key: string): number {
  const dv = new DataView(new ArrayBuffer(8));
  if (key.startsWith('f')) {
    dv.setUint32(0, Number.parseInt(key.slice(1), 16));
    return dv.getFloat32(0);
  }
  dv.setBigUint64(0, BigInt(`0x${key.slice(1)}`));
  return dv.getFloat64(0);
}

describe('Java Double.toString / Float.toString', () => {
  it('matches Java 17 on the fixture values', () => {
    const got: Record<string, string> = {};
    for (const key of Object.keys(fixture.cases)) {
      const v = fromBits(key);
      got[key] = key.startsWith('f') ? formatFloat(v) : formatDouble(v);
    }
    expect(got).toEqual(fixture.cases);
  });

  it('switches to E notation outside [1e-3, 1e7)', () => {
    // pyspark 4.3.0: CAST(x AS STRING)
    expect(formatDouble(1)).toBe('1.0');
    expect(formatDouble(9999999)).toBe('9999999.0');
    expect(formatDouble(1e7)).toBe('1.0E7');
    expect(formatDouble(12345678)).toBe('1.2345678E7');
    expect(formatDouble(0.001)).toBe('0.001');
    expect(formatDouble(0.0009999)).toBe('9.999E-4');
    expect(formatDouble(1e-5)).toBe('1.0E-5');
    expect(formatDouble(-0)).toBe('-0.0');
    expect(formatDouble(Number.NaN)).toBe('NaN');
    expect(formatDouble(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(formatDouble(1e23)).toBe('9.999999999999999E22');
    expect(formatDouble(8.41e21)).toBe('8.409999999999999E21');
    expect(formatDouble(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatDouble(123456789.123)).toBe('1.23456789123E8');
    expect(formatDouble(4.9e-324)).toBe('4.9E-324');
    expect(formatFloat(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatFloat(Math.fround(2147483647))).toBe('2.14748365E9');
    expect(formatFloat(Math.fround(16777217))).toBe('1.6777216E7');
    expect(formatFloat(Math.fround(3.4e38))).toBe('3.4E38');
  });
});

describe('BigDecimal rendering', () => {
  it('uses scientific notation below 1e-6 unless plain', () => {
    // pyspark 4.3.0: CAST(CAST(x AS DECIMAL(p,s)) AS STRING), legacy and ANSI (plain)
    expect(formatDecimal(0n, 18)).toBe('0E-18');
    expect(formatDecimal(0n, 18, true)).toBe('0.000000000000000000');
    expect(formatDecimal(100000000000n, 18)).toBe('1.00000000000E-7');
    expect(formatDecimal(10n, 7)).toBe('0.0000010');
    expect(formatDecimal(1n, 7)).toBe('1E-7');
    expect(formatDecimal(-10n, 8)).toBe('-1.0E-7');
    expect(formatDecimal(-10n, 8, true)).toBe('-0.00000010');
    expect(formatDecimal(-50n, 2)).toBe('-0.50');
    expect(formatDecimal(123n, 0)).toBe('123');
    expect(formatDecimal(0n, 6)).toBe('0.000000');
  });
});

describe('castToString and showCell', () => {
  const tz = 'America/Los_Angeles';
  const ts = stringToTimestamp('2024-03-10 10:30:00', tz) as number;

  it('renders nested values like CAST(x AS STRING)', () => {
    // pyspark 4.3.0, session time zone UTC
    expect(castToString([1, 2, null], arrayType(IntegerType), 'UTC')).toBe('[1, 2, null]');
    expect(
      castToString(
        new Map([
          [1, [1, null]],
          [2, null],
        ]),
        mapType(IntegerType, arrayType(IntegerType)),
        'UTC',
      ),
    ).toBe('{1 -> [1, null], 2 -> null}');
    expect(castToString(['a', null, ''], arrayType(StringType), 'UTC')).toBe('[a, null, ]');
    expect(castToString([1, 1e10, 0.0001], arrayType(DoubleType), 'UTC')).toBe('[1.0, 1.0E10, 1.0E-4]');
    expect(
      castToString([stringToTimestamp('2024-01-01 00:00:00', 'UTC'), null], arrayType(TimestampType), 'UTC'),
    ).toBe('[2024-01-01 00:00:00, null]');
    expect(castToString([new Uint8Array([0x68, 0x69])], arrayType(BinaryType), 'UTC')).toBe('[hi]');
    expect(castToString([true, false], arrayType(BooleanType), 'UTC')).toBe('[true, false]');
    expect(castToString({ months: 14, days: 3, micros: 14_706_500_000 }, CalendarIntervalType, 'UTC')).toBe(
      '1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds',
    );
    expect(castToString(stringToDate('2024-03-10'), DateType, 'UTC')).toBe('2024-03-10');
    expect(castToString(stringToDate('-0001-01-01'), DateType, 'UTC')).toBe('-0001-01-01');
    expect(castToString(stringToDate('+10000-01-01'), DateType, 'UTC')).toBe('+10000-01-01');
  });

  it('renders show() cells like pyspark 4.3', () => {
    // pyspark 4.3.0 df.show() with spark.sql.session.timeZone=America/Los_Angeles
    expect(showCell(null, StringType, tz)).toBe('NULL');
    expect(showCell('\t7\n', StringType, tz)).toBe('\\t7\\n');
    expect(showCell(['x\ny'], arrayType(StringType), tz)).toBe('[x\\ny]');
    expect(showCell('q\rw\u000Be\u0007f\bg', StringType, tz)).toBe('q\\rw\\ve\\af\\bg');
    expect(showCell([1, null], arrayType(IntegerType), tz)).toBe('[1, NULL]');
    expect(showCell(new Map([['k', null]]), mapType(StringType, IntegerType), tz)).toBe('{k -> NULL}');
    const st = structType([structField('x', IntegerType), structField('y', StringType)]);
    expect(showCell([null, 'b'], st, tz)).toBe('{NULL, b}');
    expect(showCell(new TextEncoder().encode('hello'), BinaryType, tz)).toBe('[68 65 6C 6C 6F]');
    expect(showCell([new Uint8Array([1, 2])], arrayType(BinaryType), tz)).toBe('[[01 02]]');
    expect(showCell(new Uint8Array([]), BinaryType, tz)).toBe('[]');
    expect(showCell(1e10, DoubleType, tz)).toBe('1.0E10');
    expect(showCell(Math.fround(0.1), FloatType, tz)).toBe('0.1');
    expect(showCell(ts, TimestampType, tz)).toBe('2024-03-10 10:30:00');
    expect(showCell([ts + 500_000], arrayType(TimestampType), tz)).toBe('[2024-03-10 10:30:00.5]');
    expect(showCell(0n, decimalType(10, 8), tz)).toBe('0.00000000');
    expect(showCell(150n, decimalType(5, 2), tz)).toBe('1.50');
    expect(showCell(stringToTimestampNTZ('2024-01-01 00:00:00'), TimestampNTZType, tz)).toBe(
      '2024-01-01 00:00:00',
    );
    expect(showCell({ months: 0, days: 1, micros: 7_200_000_000 }, CalendarIntervalType, tz)).toBe(
      '1 days 2 hours',
    );
    expect(
      showCell(
        [1e10, Math.fround(1.5)],
        structType([structField('a', DoubleType), structField('b', FloatType)]),
        tz,
      ),
    ).toBe('{1.0E10, 1.5}');
  });

  it('quotes values as Spark error messages do', () => {
    expect(sqlLiteral("it's", StringType, 'UTC')).toBe("'it\\'s'");
    expect(sqlLiteral(1e20, DoubleType, 'UTC')).toBe('1.0E20D');
    expect(sqlLiteral(Number.NaN, DoubleType, 'UTC')).toBe('NaN');
    expect(sqlLiteral(3005n, decimalType(4, 1), 'UTC')).toBe('300.5BD');
    expect(sqlLiteral(ts, TimestampType, tz)).toBe("TIMESTAMP '2024-03-10 10:30:00'");
    expect(formatInterval({ months: 0, days: 0, micros: 0 })).toBe('0 seconds');
  });
});
