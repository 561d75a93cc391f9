/**
 * Calendar operations behind Spark's datetime functions: truncation (`date_trunc`, `trunc`),
 * `months_between`, `next_day`, and field validation with Java's messages (`make_date`,
 * `make_timestamp`).
 *
 * Invariant: timestamps are UTC µs; every "local" step goes through the zone rule, so DST days
 * truncate to the real local midnight.
 */
import {
  addMonthsToDays,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isoDayOfWeek,
  isValidDate,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
} from './calendar.js';
import {
  addMicros,
  floorModMicros,
  type Micros,
  microsFromDays,
  microsToSeconds,
  splitMicrosToDays,
  subtractMicros,
} from './micros.js';
import { ruleLocalToUtc, ruleOffsetMicros, ruleUtcToLocal, type ZoneRule } from './time-zone.js';

export type TruncLevel =
  | 'year'
  | 'quarter'
  | 'month'
  | 'week'
  | 'day'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond';

/** Spark's `DateTimeUtils.parseTruncLevel` (case-insensitive); undefined for unknown units. */
export function parseTruncLevel(fmt: string): TruncLevel | undefined {
  switch (fmt.toUpperCase()) {
    case 'YEAR':
    case 'YYYY':
    case 'YY':
      return 'year';
    case 'QUARTER':
      return 'quarter';
    case 'MONTH':
    case 'MM':
    case 'MON':
      return 'month';
    case 'WEEK':
      return 'week';
    case 'DAY':
    case 'DD':
      return 'day';
    case 'HOUR':
      return 'hour';
    case 'MINUTE':
      return 'minute';
    case 'SECOND':
      return 'second';
    case 'MILLISECOND':
      return 'millisecond';
    case 'MICROSECOND':
      return 'microsecond';
    default:
      return undefined;
  }
}

/** First day of the unit containing `days` (levels `year` … `week`; `day` is the identity). */
export function truncDays(days: number, level: TruncLevel): number {
  switch (level) {
    case 'year':
      return daysFromCivil(civilFromDays(days).year, 1, 1);
    case 'quarter': {
      const { year, month } = civilFromDays(days);
      return daysFromCivil(year, month - ((month - 1) % 3), 1);
    }
    case 'month': {
      const { year, month } = civilFromDays(days);
      return daysFromCivil(year, month, 1);
    }
    case 'week':
      return days - isoDayOfWeek(days) + 1;
    default:
      return days;
  }
}

/** `date_trunc(level, ts)` in the zone. */
export function truncTimestamp(micros: Micros, level: TruncLevel, zone: ZoneRule): Micros {
  switch (level) {
    case 'microsecond':
      return micros;
    case 'millisecond':
      return subtractMicros(micros, floorModMicros(micros, 1000));
    case 'second':
      return subtractMicros(micros, floorModMicros(micros, 1e6));
    case 'minute':
      return subtractMicros(micros, floorModMicros(micros, MICROS_PER_MINUTE));
    case 'hour': {
      const local = ruleUtcToLocal(micros, zone);
      return ruleLocalToUtc(subtractMicros(local, floorModMicros(local, MICROS_PER_HOUR)), zone);
    }
    default: {
      const { days } = splitMicrosToDays(ruleUtcToLocal(micros, zone));
      return ruleLocalToUtc(microsFromDays(truncDays(days, level), 0), zone);
    }
  }
}

/** Spark's `months_between` (31-day months for the fractional part, rounded to 8 digits when asked). */
export function monthsBetween(t1: Micros, t2: Micros, roundOff: boolean, zone: ZoneRule): number {
  const d1 = splitMicrosToDays(ruleUtcToLocal(t1, zone)).days;
  const d2 = splitMicrosToDays(ruleUtcToLocal(t2, zone)).days;
  const c1 = civilFromDays(d1);
  const c2 = civilFromDays(d2);
  const monthDiff = (c1.year - c2.year) * 12 + (c1.month - c2.month);
  const last1 = c1.day === daysInMonth(c1.year, c1.month);
  const last2 = c2.day === daysInMonth(c2.year, c2.month);
  if (c1.day === c2.day || (last1 && last2)) return monthDiff;
  // Time of day as elapsed time since the local midnight instant (a DST day is 23 or 25 hours long).
  const secs1 = microsToSeconds(subtractMicros(t1, ruleLocalToUtc(microsFromDays(d1, 0), zone)));
  const secs2 = microsToSeconds(subtractMicros(t2, ruleLocalToUtc(microsFromDays(d2, 0), zone)));
  const secondsInMonth = 31 * 86_400;
  const diff = monthDiff + ((c1.day - c2.day) * 86_400 + secs1 - secs2) / secondsInMonth;
  return roundOff ? Math.round(diff * 1e8) / 1e8 : diff;
}

/** ISO day of week (1 = Monday) for `next_day`'s argument: `MO`, `MON`, `MONDAY`, any case. */
export function parseDayOfWeek(s: string): number | undefined {
  const u = s.trim().toUpperCase();
  const names = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  const full = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  for (let i = 0; i < 7; i++) {
    if (u === names[i] || u === full[i] || u === full[i]!.slice(0, 3)) return i + 1;
  }
  return undefined;
}

/** First date after `days` falling on ISO weekday `dow`. */
export function nextDay(days: number, dow: number): number {
  const cur = isoDayOfWeek(days);
  const delta = (dow - cur + 7) % 7;
  return days + (delta === 0 ? 7 : delta);
}

export function lastDayOfMonth(days: number): number {
  const { year, month } = civilFromDays(days);
  return daysFromCivil(year, month, daysInMonth(year, month));
}

export { addMonthsToDays };

const MONTH_NAMES = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
];

/** Java's `LocalDate.of` failure message, or undefined when y-m-d is a valid date. */
export function invalidDateReason(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12) return `Invalid value for MonthOfYear (valid values 1 - 12): ${m}`;
  if (d < 1 || d > 31) return `Invalid value for DayOfMonth (valid values 1 - 28/31): ${d}`;
  if (isValidDate(y, m, d)) return undefined;
  if (m === 2 && d === 29) return `Invalid date 'February 29' as '${y}' is not a leap year`;
  return `Invalid date '${MONTH_NAMES[m - 1]} ${d}'`;
}

/** Java's `LocalTime.of` failure message for h:m:s, or undefined. */
export function invalidTimeReason(h: number, m: number, s: number): string | undefined {
  if (h < 0 || h > 23) return `Invalid value for HourOfDay (valid values 0 - 23): ${h}`;
  if (m < 0 || m > 59) return `Invalid value for MinuteOfHour (valid values 0 - 59): ${m}`;
  if (s < 0 || s > 59) return `Invalid value for SecondOfMinute (valid values 0 - 59): ${s}`;
  return undefined;
}

/** Local wall-clock µs of a date and time of day. */
export function localMicros(days: number, h: number, m: number, s: number, micros: number): Micros {
  return microsFromDays(days, h * MICROS_PER_HOUR + m * MICROS_PER_MINUTE + s * 1e6 + micros);
}

export function addMonths(days: number, months: number): number {
  return addMonthsToDays(days, months);
}

/**
 * `ts + interval` for a CalendarInterval, as Spark computes it: months and days move the local
 * date in the zone (keeping the wall-clock time and, when it is still valid, the offset — Java's
 * ZonedDateTime rules: a DST gap moves forward), then the microseconds are added as elapsed time.
 * So `+ make_interval(0, 0, 0, 1)` across a spring-forward day keeps 12:00 but
 * `+ make_interval(0, 0, 0, 0, 24)` lands on 13:00, like Spark.
 */
export function timestampAddInterval(
  micros: Micros,
  months: number,
  days: number,
  intervalMicros: number,
  zone: ZoneRule,
): Micros {
  if (months === 0 && days === 0) return addMicros(micros, intervalMicros);
  const offset = ruleOffsetMicros(micros, zone);
  const local = splitMicrosToDays(addMicros(micros, offset));
  const newLocal = microsFromDays(addMonthsToDays(local.days, months) + days, local.timeOfDay);
  if (zone.kind === 'fixed') return addMicros(subtractMicros(newLocal, offset), intervalMicros);
  // Keep the previous offset when the new local time is valid with it (overlaps stay on the same side).
  const keep = subtractMicros(newLocal, offset);
  const shifted = ruleOffsetMicros(keep, zone) === offset ? keep : ruleLocalToUtc(newLocal, zone);
  return addMicros(shifted, intervalMicros);
}
