/**
 * Date/time parsing, formatting, patterns and time zones. The fixtures hold what pyspark 4.3.0
 * returned for the same inputs (UTC and America/Los_Angeles, including the 2024 DST transitions):
 * `CAST(s AS TIMESTAMP|TIMESTAMP_NTZ|DATE)` as µs/days, `date_format` strings and
 * `to_timestamp(s, pattern)` as µs, with Spark's error class where Spark rejects the pattern.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MICROS_PER_DAY } from '../../src/types/datetime/calendar.js';
import { monthsBetween, parseTruncLevel, truncTimestamp } from '../../src/types/datetime/date-math.js';
import { compileDateTimePattern } from '../../src/types/datetime/date-time-pattern.js';
import { localToUtcMicros, parseZoneId, zoneOffsetMicros } from '../../src/types/datetime/time-zone.js';
import { formatDate, formatTimestamp } from '../../src/types/datetime/timestamp-format.js';
import {
  stringToDate,
  stringToTimestamp,
  stringToTimestampNTZ,
} from '../../src/types/datetime/timestamp-parse.js';
import { SluiceError } from '../../src/util/errors.js';
import { parseExactJson } from '../conformance/exact-json.js';
import patterns from './fixtures/spark-datetime-patterns.json' with { type: 'json' };

// µs beyond ±2^53 (years past 2255 or before 1685) are exact bigints in the fixture and the engine
const parsing = parseExactJson(
  readFileSync(new URL('./fixtures/spark-string-to-datetime.json', import.meta.url), 'utf8'),
) as { cases: unknown[] };

const LA = 'America/Los_Angeles';
const HOUR = 3_600_000_000;

describe('string → timestamp / timestamp_ntz / date (pyspark 4.3.0)', () => {
  for (const to of ['timestamp', 'timestamp_ntz', 'date']) {
    it(to, () => {
      const cases = (
        parsing.cases as { s: string; to: string; tz: string; expect: number | bigint | null }[]
      ).filter((c) => c.to === to);
      const run = (c: (typeof cases)[number]) =>
        to === 'timestamp'
          ? stringToTimestamp(c.s, c.tz)
          : to === 'date'
            ? stringToDate(c.s)
            : stringToTimestampNTZ(c.s);
      expect(cases.map((c) => [c.tz, c.s, run(c)])).toEqual(cases.map((c) => [c.tz, c.s, c.expect]));
    });
  }

  it('reads a time without a date as today in the zone', () => {
    const now = Date.UTC(2026, 10, 21, 12) * 1000;
    expect(stringToTimestamp('10:00:00', 'UTC', now)).toBe(Date.UTC(2026, 10, 21, 10) * 1000);
    expect(stringToTimestamp('T10:00', LA, now)).toBe(Date.UTC(2026, 10, 21, 18) * 1000);
    expect(stringToTimestampNTZ('10:00:00')).toBeNull();
  });
});

describe('datetime patterns (pyspark 4.3.0)', () => {
  const cases = patterns.cases as {
    op: 'format' | 'parse';
    ts?: string;
    s?: string;
    pattern: string;
    tz: string;
    expect: string | number | null;
  }[];
  const run = (c: (typeof cases)[number]) => {
    try {
      if (c.op === 'format')
        return compileDateTimePattern(c.pattern).format(stringToTimestamp(c.ts!, c.tz)!, c.tz);
      return compileDateTimePattern(c.pattern, true).parse(c.s!, c.tz);
    } catch (e) {
      if (e instanceof SluiceError) return `ERR ${e.errorClass}`;
      throw e;
    }
  };
  for (const op of ['format', 'parse'] as const) {
    it(op, () => {
      const mine = cases.filter((c) => c.op === op);
      expect(mine.map((c) => [c.tz, c.ts ?? c.s, c.pattern, run(c)])).toEqual(
        mine.map((c) => [c.tz, c.ts ?? c.s, c.pattern, c.expect]),
      );
    });
  }

  it('explains parse failures like Java', () => {
    const p = compileDateTimePattern('yyyy-MM-dd', true);
    expect(p.parseOrReason('bad', 'UTC')).toEqual({ reason: "Text 'bad' could not be parsed at index 0" });
    expect(p.parseOrReason('2023-02-29', 'UTC')).toEqual({
      reason:
        "Text '2023-02-29' could not be parsed: Invalid date 'February 29' as '2023' is not a leap year",
    });
    expect(p.parseLocal('2024-03-10')).toBe(19792 * MICROS_PER_DAY);
  });

  it('formats Spark JSON/CSV default patterns', () => {
    const ts = stringToTimestamp('2024-03-10 10:30:45.123456', 'UTC')!;
    expect(compileDateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").format(ts, 'UTC')).toBe(
      '2024-03-10T10:30:45.123Z',
    );
    expect(compileDateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").format(ts, LA)).toBe(
      '2024-03-10T03:30:45.123-07:00',
    );
    expect(
      compileDateTimePattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", true).parse('2024-03-10T10:30:45Z', LA),
    ).toBe(1710066645000000);
  });
});

describe('time zones', () => {
  it('parses the zone ids Spark accepts', () => {
    expect(parseZoneId('+1:00')).toEqual({ kind: 'fixed', id: '+01:00', offsetMicros: HOUR });
    expect(parseZoneId('UTC+3')?.kind).toBe('fixed');
    expect(parseZoneId('GMT-08:30')).toEqual({ kind: 'fixed', id: 'GMT-08:30', offsetMicros: -8.5 * HOUR });
    expect(parseZoneId('PST')).toEqual({ kind: 'region', id: 'America/Los_Angeles' });
    expect(parseZoneId('EST')).toEqual({ kind: 'fixed', id: '-05:00', offsetMicros: -5 * HOUR });
    expect(parseZoneId('Europe/Paris')).toEqual({ kind: 'region', id: 'Europe/Paris' });
    expect(parseZoneId('utc')).toBeNull();
    expect(parseZoneId('+19:00')).toBeNull();
    expect(parseZoneId('Not/AZone')).toBeNull();
  });

  it('follows DST in America/Los_Angeles', () => {
    // 2024-03-10 02:00 PST → 03:00 PDT (10:00 UTC); 2024-11-03 02:00 PDT → 01:00 PST (09:00 UTC)
    expect(zoneOffsetMicros(Date.UTC(2024, 2, 10, 9, 59, 59) * 1000, LA)).toBe(-8 * HOUR);
    expect(zoneOffsetMicros(Date.UTC(2024, 2, 10, 10) * 1000, LA)).toBe(-7 * HOUR);
    expect(zoneOffsetMicros(Date.UTC(2024, 10, 3, 8, 59, 59) * 1000, LA)).toBe(-7 * HOUR);
    expect(zoneOffsetMicros(Date.UTC(2024, 10, 3, 9) * 1000, LA)).toBe(-8 * HOUR);
    // Local times in the gap move forward; ambiguous ones take the earlier offset (pyspark 4.3.0).
    expect(localToUtcMicros(Date.UTC(2024, 2, 10, 2, 30) * 1000, LA)).toBe(1710066600000000);
    expect(localToUtcMicros(Date.UTC(2024, 10, 3, 1, 30) * 1000, LA)).toBe(1730622600000000);
    // Local mean time before 1883 (-7:52:58), as Java's tz rules have it.
    expect(localToUtcMicros(Date.UTC(1582, 9, 10) * 1000, LA)).toBe(-12219696422000000n);
  });

  it('formats timestamps in the session zone', () => {
    expect(formatTimestamp(1710066600000000, LA)).toBe('2024-03-10 03:30:00');
    expect(formatTimestamp(1730622600000000, LA)).toBe('2024-11-03 01:30:00');
    expect(formatTimestamp(1730626200000000, LA)).toBe('2024-11-03 01:30:00');
    expect(formatTimestamp(-1, 'UTC')).toBe('1969-12-31 23:59:59.999999');
    expect(formatTimestamp(253402300800000000, 'UTC')).toBe('+10000-01-01 00:00:00');
    expect(formatDate(-719893)).toBe('-0001-01-01');
  });
});

describe('date math', () => {
  it('truncates in local time across DST', () => {
    const zone = parseZoneId(LA)!;
    const ts = stringToTimestamp('2024-03-10 10:30:45.123456', LA)!;
    expect(truncTimestamp(ts, parseTruncLevel('day')!, zone)).toBe(stringToTimestamp('2024-03-10', LA));
    expect(truncTimestamp(ts, parseTruncLevel('HOUR')!, zone)).toBe(
      stringToTimestamp('2024-03-10 10:00', LA),
    );
    expect(truncTimestamp(ts, parseTruncLevel('week')!, zone)).toBe(stringToTimestamp('2024-03-04', LA));
    expect(parseTruncLevel('bogus')).toBeUndefined();
  });

  it('computes months_between with 31-day months (pyspark 4.3.0)', () => {
    const utc = parseZoneId('UTC')!;
    const la = parseZoneId(LA)!;
    const t = (s: string, z: string) => stringToTimestamp(s, z)!;
    expect(monthsBetween(t('2024-03-31', 'UTC'), t('2024-02-29', 'UTC'), true, utc)).toBe(1);
    expect(monthsBetween(t('2024-03-30', 'UTC'), t('2024-02-29', 'UTC'), true, utc)).toBe(1.03225806);
    expect(monthsBetween(t('2024-03-10 10:30:45.123456', LA), t('2024-01-01 00:00:00', LA), true, la)).toBe(
      2.3031082,
    );
    expect(monthsBetween(t('2024-03-10 10:00:00', LA), t('2024-01-09 12:00:00', LA), true, la)).toBe(
      2.02822581,
    );
  });
});

describe('timestamp + interval', () => {
  it('moves days on the local calendar and adds time as elapsed time, like Spark (values from pyspark 4.3.0)', async () => {
    const { timestampAddInterval } = await import('../../src/types/datetime/date-math.js');
    const { timestampAddDayTime } = await import('../../src/types/ansi-interval.js');
    const la = parseZoneId(LA)!;
    const t = stringToTimestamp('2021-03-13 12:00:00', LA)!;
    expect(formatTimestamp(timestampAddInterval(t, 0, 1, 0, la), LA)).toBe('2021-03-14 12:00:00');
    // make_interval(0, 0, 0, 0, 24): 24 elapsed hours across the spring-forward night
    expect(formatTimestamp(timestampAddInterval(t, 0, 0, 24 * HOUR, la), LA)).toBe('2021-03-14 13:00:00');
    // INTERVAL 24 HOURS (day-time): a whole day on the calendar; INTERVAL '1 01' DAY TO HOUR
    expect(formatTimestamp(timestampAddDayTime(t, 24 * HOUR, la), LA)).toBe('2021-03-14 12:00:00');
    expect(formatTimestamp(timestampAddDayTime(t, 25 * HOUR, la), LA)).toBe('2021-03-14 13:00:00');
    expect(formatTimestamp(timestampAddInterval(t, 1, 0, 0, la), LA)).toBe('2021-04-13 12:00:00');
    expect(formatTimestamp(timestampAddInterval(t, 0, -1, -(2 * HOUR + 3 * 60_000_000), la), LA)).toBe(
      '2021-03-12 09:57:00',
    );
    const jan31 = stringToTimestamp('2024-01-31 10:00:00', 'UTC')!;
    expect(formatTimestamp(timestampAddInterval(jan31, 1, 0, 0, parseZoneId('UTC')!), 'UTC')).toBe(
      '2024-02-29 10:00:00',
    );
  });
});
