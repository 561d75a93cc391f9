/**
 * CAST semantics against pyspark 4.3.0: every case in fixtures/spark-casts.json was evaluated by
 * pyspark 4.3.0 (`SELECT CAST(<src> AS <type>)`, TRY_CAST for mode `try`) in legacy and ANSI mode,
 * in UTC and America/Los_Angeles. Expected values are Spark's `CAST(result AS STRING)`, µs for
 * timestamps, hex for binary, the error class and message for runtime errors, and the
 * DATATYPE_MISMATCH sub-class for casts Spark rejects at analysis.
 */
import { describe, expect, it } from 'vitest';
import { buildCast, canAnsiCast, canCast, castMismatch } from '../../src/types/cast.js';
import {
  arrayType,
  BinaryType,
  type DataType,
  DateType,
  DoubleType,
  decimalType,
  IntegerType,
  LongType,
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
import { parseDataType } from '../../src/types/ddl.js';
import { castToString } from '../../src/types/value-format.js';
import { SluiceError, SparkRuntimeError } from '../../src/util/errors.js';
import fixture from './fixtures/spark-casts.json' with { type: 'json' };

type Mode = 'legacy' | 'ansi' | 'try';

/** The source literal of a fixture case as (engine value, type). */
function sourceLiteral(src: string, tz: string): [unknown, DataType] {
  let m: RegExpExecArray | null;
  if ((m = /^(-?\d+)Y$/.exec(src))) return [Number(m[1]), parseDataType('tinyint')];
  if ((m = /^(-?\d+)S$/.exec(src))) return [Number(m[1]), parseDataType('smallint')];
  if ((m = /^(-?\d+)L$/.exec(src))) {
    const b = BigInt(m[1]!);
    return [Number.isSafeInteger(Number(b)) ? Number(b) : b, LongType];
  }
  if ((m = /^(-?\d+)$/.exec(src))) return [Number(m[1]), IntegerType];
  if ((m = /^(-?[\d.eE+-]+)D$/.exec(src))) return [Number(m[1]), DoubleType];
  if ((m = /^double\('(.*)'\)$/.exec(src))) return [Number(m[1]), DoubleType];
  if ((m = /^(-?[\d.eE+-]+)F$/.exec(src))) return [Math.fround(Number(m[1])), parseDataType('float')];
  if ((m = /^float\('(.*)'\)$/.exec(src))) return [Math.fround(Number(m[1])), parseDataType('float')];
  if ((m = /^CAST\((-?[\d.]+) AS DECIMAL\((\d+),(\d+)\)\)$/.exec(src))) {
    const scale = Number(m[3]);
    const [i, f = ''] = m[1]!.split('.');
    return [BigInt(i! + f.padEnd(scale, '0')), decimalType(Number(m[2]), scale)];
  }
  if ((m = /^'((?:[^']|\\')*)'$/s.exec(src))) return [m[1]!, StringType];
  if (src === 'true' || src === 'false') return [src === 'true', parseDataType('boolean')];
  if ((m = /^DATE'(.*)'$/.exec(src))) return [stringToDate(m[1]!), DateType];
  if ((m = /^TIMESTAMP'(.*)'$/.exec(src))) return [stringToTimestamp(m[1]!, tz), TimestampType];
  if ((m = /^TIMESTAMP_NTZ'(.*)'$/.exec(src))) return [stringToTimestampNTZ(m[1]!), TimestampNTZType];
  if ((m = /^X'(.*)'$/.exec(src))) return [Uint8Array.from(Buffer.from(m[1]!, 'hex')), BinaryType];
  throw new Error(`unknown literal ${src}`);
}

function run(src: string, toText: string, mode: Mode, tz: string): string {
  const [value, from] = sourceLiteral(src, tz);
  const to = parseDataType(toText);
  const mismatch = castMismatch(from, to, mode);
  if (mismatch) return `MISMATCH ${mismatch.subClass}`;
  try {
    const out = buildCast(from, to, mode, tz)(value);
    if (out === null) return 'null';
    if (to.kind === 'binary') return `B:${Buffer.from(out as Uint8Array).toString('hex')}`;
    if (to.kind === 'timestamp') return `µs:${out}`;
    return castToString(out, to, tz, mode === 'ansi');
  } catch (e) {
    if (e instanceof SluiceError) return `ERR ${e.errorClass} ${e.message.replace(/^\[[^\]]+\] /, '')}`;
    throw e;
  }
}

describe('CAST matches pyspark 4.3.0', () => {
  const cases = fixture.cases as { src: string; to: string; mode: Mode; tz: string; expect: string }[];
  const groups = new Map<string, typeof cases>();
  for (const c of cases) {
    const key = `${c.mode} ${c.tz} from ${sourceLiteral(c.src, c.tz)[1].kind}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, group] of groups) {
    it(key, () => {
      const got = group.map((c) => `CAST(${c.src} AS ${c.to}) => ${run(c.src, c.to, c.mode, c.tz)}`);
      const want = group.map((c) => `CAST(${c.src} AS ${c.to}) => ${c.expect}`);
      expect(got).toEqual(want);
    });
  }
});

describe('CAST specifics', () => {
  it('wraps in legacy mode and saturates doubles like Java', () => {
    expect(buildCast(IntegerType, parseDataType('tinyint'), 'legacy', 'UTC')(300)).toBe(44);
    expect(buildCast(DoubleType, IntegerType, 'legacy', 'UTC')(Number.NaN)).toBe(0);
    expect(buildCast(DoubleType, LongType, 'legacy', 'UTC')(1e30)).toBe(9223372036854775807n);
    expect(buildCast(LongType, IntegerType, 'legacy', 'UTC')(9223372036854775807n)).toBe(-1);
  });

  it('raises CAST_OVERFLOW in ANSI mode and returns null in try mode', () => {
    expect(() => buildCast(IntegerType, parseDataType('tinyint'), 'ansi', 'UTC')(300)).toThrow(
      SparkRuntimeError,
    );
    expect(buildCast(IntegerType, parseDataType('tinyint'), 'try', 'UTC')(300)).toBeNull();
    expect(buildCast(StringType, IntegerType, 'try', 'UTC')('1.5')).toBeNull();
    expect(buildCast(StringType, IntegerType, 'legacy', 'UTC')('1.5')).toBe(1);
  });

  it('rounds decimals HALF_UP and nulls overflow', () => {
    const to = decimalType(5, 2);
    expect(buildCast(StringType, to, 'legacy', 'UTC')('9.995')).toBe(1000n);
    expect(buildCast(StringType, to, 'legacy', 'UTC')('-1.005')).toBe(-101n);
    expect(buildCast(StringType, to, 'legacy', 'UTC')('1000')).toBeNull();
    expect(buildCast(DoubleType, decimalType(38, 18), 'legacy', 'UTC')(0.1)).toBe(100000000000000000n);
  });

  it('casts arrays, maps and structs element-wise', () => {
    const arr = buildCast(arrayType(StringType), arrayType(IntegerType), 'legacy', 'UTC');
    expect(arr(['1', 'x', null])).toEqual([1, null, null]);
    const m = buildCast(mapType(StringType, IntegerType), mapType(StringType, StringType), 'legacy', 'UTC');
    expect([...(m(new Map([['a', 1]])) as Map<unknown, unknown>)]).toEqual([['a', '1']]);
    const st = structType([structField('a', IntegerType), structField('b', StringType)]);
    const st2 = structType([structField('c', StringType), structField('d', IntegerType)]);
    expect(buildCast(st, st2, 'legacy', 'UTC')([1, 'x'])).toEqual(['1', null]);
    expect(() => buildCast(st, st2, 'ansi', 'UTC')([1, 'x'])).toThrow(/CAST_INVALID_INPUT/);
    expect(
      castToString(
        [1, null, [2]],
        structType([
          structField('a', IntegerType),
          structField('b', StringType),
          structField('c', arrayType(IntegerType)),
        ]),
        'UTC',
      ),
    ).toBe('{1, null, [2]}');
  });

  it('converts between dates and timestamps in the session zone', () => {
    const d = stringToDate('2024-03-10')!;
    expect(buildCast(DateType, TimestampType, 'legacy', 'America/Los_Angeles')(d)).toBe(1710057600000000);
    expect(buildCast(TimestampType, DateType, 'legacy', 'America/Los_Angeles')(1710057600000000 - 1)).toBe(
      d - 1,
    );
    expect(
      buildCast(TimestampType, TimestampNTZType, 'legacy', 'America/Los_Angeles')(1710066600000000),
    ).toBe(stringToTimestampNTZ('2024-03-10 03:30:00'));
    expect(
      buildCast(
        TimestampNTZType,
        TimestampType,
        'legacy',
        'America/Los_Angeles',
      )(stringToTimestampNTZ('2024-03-10 02:30:00')),
    ).toBe(1710066600000000);
  });

  it('knows which casts each mode allows', () => {
    expect(canCast(DateType, IntegerType)).toBe(true);
    expect(canAnsiCast(DateType, IntegerType)).toBe(false);
    expect(canCast(IntegerType, DateType)).toBe(false);
    expect(canAnsiCast(TimestampType, LongType)).toBe(true);
    expect(castMismatch(DateType, IntegerType, 'ansi')).toEqual({
      subClass: 'CAST_WITH_FUNC_SUGGESTION',
      detail:
        'cannot cast "DATE" to "INT".\nTo convert values from "DATE" to "INT", you can use the functions `UNIX_DATE` instead.',
    });
    expect(castMismatch(IntegerType, BinaryType, 'ansi')?.detail).toBe(
      'cannot cast "INT" to "BINARY" with ANSI mode on.\nIf you have to cast "INT" to "BINARY", you can set "spark.sql.ansi.enabled" as \'false\'.',
    );
    expect(castMismatch(arrayType(IntegerType), IntegerType, 'legacy')?.detail).toBe(
      'cannot cast "ARRAY<INT>" to "INT".',
    );
  });
});
