/**
 * ANSI interval values (Spark's YearMonthIntervalType: months as a number; DayTimeIntervalType:
 * microseconds as a number): their text (`INTERVAL '1 02:03:04.5' DAY TO SECOND`,
 * `INTERVAL '-1-2' YEAR TO MONTH`), truncation to a type's end field, the type of a sum of two
 * intervals, and adding a day-time interval to a timestamp.
 *
 * Invariants: a value of a type with a coarse end field holds no finer part (`INTERVAL DAY` is a
 * whole number of days); adding a day-time interval moves whole days on the local calendar and
 * the rest as elapsed time, as Spark's `timestampAddDayTime` does.
 */
import {
  DAY_TIME_FIELDS,
  type DayTimeIntervalType,
  dayTimeIntervalType,
  YEAR_MONTH_FIELDS,
  type YearMonthIntervalType,
  yearMonthIntervalType,
} from './data-type.js';
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
} from './datetime/calendar.js';
import { timestampAddInterval } from './datetime/date-math.js';
import { addMicros, type Micros } from './datetime/micros.js';
import type { ZoneRule } from './datetime/time-zone.js';
import { formatDecimal } from './java-number-format.js';

/** µs in one unit of each day-time field (DAY, HOUR, MINUTE, SECOND). */
export const DAY_TIME_FIELD_MICROS = [MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND];

function unitsText(names: readonly string[], start: number, end: number): string {
  const s = names[start]!.toUpperCase();
  return start === end ? s : `${s} TO ${names[end]!.toUpperCase()}`;
}

/** Seconds with up to six fraction digits, trailing zeros dropped, two integer digits at least. */
function secondsText(micros: number): string {
  let s = formatDecimal(BigInt(micros), 6, true);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return micros < 10 * MICROS_PER_SECOND ? `0${s}` : s;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Spark's ANSI-style text of a day-time interval. */
export function formatDayTimeInterval(micros: number, t: DayTimeIntervalType): string {
  let rest = Math.abs(micros);
  let out = micros < 0 ? '-' : '';
  const { startField: start, endField: end } = t;
  const take = (field: number) => {
    const unit = DAY_TIME_FIELD_MICROS[field]!;
    const n = Math.floor(rest / unit);
    rest -= n * unit;
    return n;
  };
  if (start === 3) out += secondsText(rest);
  else out += start === 0 ? String(take(0)) : pad2(take(start));
  if (start < 1 && end >= 1) out += ` ${pad2(take(1))}`;
  if (start < 2 && end >= 2) out += `:${pad2(take(2))}`;
  if (start < 3 && end >= 3) out += `:${secondsText(rest)}`;
  return `INTERVAL '${out}' ${unitsText(DAY_TIME_FIELDS, start, end)}`;
}

/** Spark's ANSI-style text of a year-month interval. */
export function formatYearMonthInterval(months: number, t: YearMonthIntervalType): string {
  const sign = months < 0 ? '-' : '';
  const abs = Math.abs(months);
  const body =
    t.startField === 1
      ? `${abs}`
      : t.endField === 0
        ? `${Math.floor(abs / 12)}`
        : `${Math.floor(abs / 12)}-${abs % 12}`;
  return `INTERVAL '${sign}${body}' ${unitsText(YEAR_MONTH_FIELDS, t.startField, t.endField)}`;
}

/** Drops the parts finer than the type's end field (toward zero), as a cast to the type does. */
export function truncateDayTime(micros: number, t: DayTimeIntervalType): number {
  const unit = DAY_TIME_FIELD_MICROS[t.endField]!;
  const r = Math.trunc(micros / unit) * unit;
  return r === 0 ? 0 : r;
}
export function truncateYearMonth(months: number, t: YearMonthIntervalType): number {
  const r = t.endField === 0 ? Math.trunc(months / 12) * 12 : months;
  return r === 0 ? 0 : r;
}

/** The type covering both operands' fields (`INTERVAL DAY + INTERVAL HOUR` is DAY TO HOUR). */
export function unionIntervalType(
  a: DayTimeIntervalType | YearMonthIntervalType,
  b: DayTimeIntervalType | YearMonthIntervalType,
): DayTimeIntervalType | YearMonthIntervalType {
  const start = Math.min(a.startField, b.startField);
  const end = Math.max(a.endField, b.endField);
  return a.kind === 'interval_dt' ? dayTimeIntervalType(start, end) : yearMonthIntervalType(start, end);
}

/** `ts + interval` for a day-time interval: whole days on the local calendar, then elapsed time. */
export function timestampAddDayTime(micros: Micros, dayTime: number, zone: ZoneRule): Micros {
  const days = Math.trunc(dayTime / MICROS_PER_DAY);
  const rest = dayTime - days * MICROS_PER_DAY;
  return addMicros(days === 0 ? micros : timestampAddInterval(micros, 0, days, 0, zone), rest);
}
