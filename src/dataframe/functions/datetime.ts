/**
 * PySpark's datetime functions (`F.toTimestamp`, `F.dateFormat`, `F.year`, `F.dateTrunc`, …) as
 * Column builders, camelCase with the snake_case spelling exported too where PySpark's name has
 * an underscore. As in PySpark, string arguments are column names except where PySpark takes a
 * literal (patterns, units, day names, zone ids), and defaults PySpark passes explicitly (the
 * `yyyy-MM-dd HH:mm:ss` format, `roundOff=true`) are passed here too, so column names match.
 */
import { Column, type ColumnOrName, call, lit } from '../column.js';

const DEFAULT_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/** A Column as-is, a number or string as a literal (PySpark's `lit` for non-Column values). */
function litOrColumn(v: unknown): Column {
  return v instanceof Column ? v : lit(v);
}

export function currentDate(): Column {
  return call('current_date', []);
}
export const current_date = currentDate;
export function currentTimestamp(): Column {
  return call('current_timestamp', []);
}
export const current_timestamp = currentTimestamp;
export function now(): Column {
  return call('now', []);
}
export function localtimestamp(): Column {
  return call('localtimestamp', []);
}
export function currentTimezone(): Column {
  return call('current_timezone', []);
}
export const current_timezone = currentTimezone;

/** `F.toTimestamp(col)` casts like `CAST(col AS TIMESTAMP)`; with a pattern it parses with it. */
export function toTimestamp(c: ColumnOrName, format?: string): Column {
  return call('to_timestamp', format === undefined ? [c] : [c, lit(format)]);
}
export const to_timestamp = toTimestamp;
export function tryToTimestamp(c: ColumnOrName, format?: ColumnOrName): Column {
  return call('try_to_timestamp', format === undefined ? [c] : [c, litOrColumn(format)]);
}
export const try_to_timestamp = tryToTimestamp;
export function toTimestampNtz(c: ColumnOrName, format?: string): Column {
  return call('to_timestamp_ntz', format === undefined ? [c] : [c, lit(format)]);
}
export const to_timestamp_ntz = toTimestampNtz;
export function toDate(c: ColumnOrName, format?: string): Column {
  return call('to_date', format === undefined ? [c] : [c, lit(format)]);
}
export const to_date = toDate;
export function dateFormat(date: ColumnOrName, format: string): Column {
  return call('date_format', [date, lit(format)]);
}
export const date_format = dateFormat;

export function year(c: ColumnOrName): Column {
  return call('year', [c]);
}
export function quarter(c: ColumnOrName): Column {
  return call('quarter', [c]);
}
export function month(c: ColumnOrName): Column {
  return call('month', [c]);
}
export function dayofmonth(c: ColumnOrName): Column {
  return call('dayofmonth', [c]);
}
export function day(c: ColumnOrName): Column {
  return call('day', [c]);
}
export function dayofweek(c: ColumnOrName): Column {
  return call('dayofweek', [c]);
}
export function weekday(c: ColumnOrName): Column {
  return call('weekday', [c]);
}
export function dayofyear(c: ColumnOrName): Column {
  return call('dayofyear', [c]);
}
export function weekofyear(c: ColumnOrName): Column {
  return call('weekofyear', [c]);
}
export function hour(c: ColumnOrName): Column {
  return call('hour', [c]);
}
export function minute(c: ColumnOrName): Column {
  return call('minute', [c]);
}
export function second(c: ColumnOrName): Column {
  return call('second', [c]);
}

export function dateAdd(start: ColumnOrName, days: ColumnOrName | number): Column {
  return call('date_add', [start, typeof days === 'number' ? lit(days) : days]);
}
export const date_add = dateAdd;
export function dateSub(start: ColumnOrName, days: ColumnOrName | number): Column {
  return call('date_sub', [start, typeof days === 'number' ? lit(days) : days]);
}
export const date_sub = dateSub;
export function addMonths(start: ColumnOrName, months: ColumnOrName | number): Column {
  return call('add_months', [start, typeof months === 'number' ? lit(months) : months]);
}
export const add_months = addMonths;
export function datediff(end: ColumnOrName, start: ColumnOrName): Column {
  return call('datediff', [end, start]);
}
export function monthsBetween(date1: ColumnOrName, date2: ColumnOrName, roundOff = true): Column {
  return call('months_between', [date1, date2, lit(roundOff)]);
}
export const months_between = monthsBetween;
export function lastDay(date: ColumnOrName): Column {
  return call('last_day', [date]);
}
export const last_day = lastDay;
export function nextDay(date: ColumnOrName, dayOfWeek: string): Column {
  return call('next_day', [date, lit(dayOfWeek)]);
}
export const next_day = nextDay;

/** `F.unixTimestamp()` is the current time; a string column is parsed with `format`. */
export function unixTimestamp(timestamp?: ColumnOrName, format: string = DEFAULT_FORMAT): Column {
  return call('unix_timestamp', [timestamp ?? currentTimestamp(), lit(format)]);
}
export const unix_timestamp = unixTimestamp;
export function toUnixTimestamp(timestamp: ColumnOrName, format?: ColumnOrName): Column {
  return call('to_unix_timestamp', format === undefined ? [timestamp] : [timestamp, litOrColumn(format)]);
}
export const to_unix_timestamp = toUnixTimestamp;
export function fromUnixtime(timestamp: ColumnOrName, format: string = DEFAULT_FORMAT): Column {
  return call('from_unixtime', [timestamp, lit(format)]);
}
export const from_unixtime = fromUnixtime;

/** `F.dateTrunc('hour', ts)`: unit first, as in PySpark. */
export function dateTrunc(format: string, timestamp: ColumnOrName): Column {
  return call('date_trunc', [lit(format), timestamp]);
}
export const date_trunc = dateTrunc;
export function trunc(date: ColumnOrName, format: string): Column {
  return call('trunc', [date, lit(format)]);
}
export function fromUtcTimestamp(timestamp: ColumnOrName, tz: Column | string): Column {
  return call('from_utc_timestamp', [timestamp, litOrColumn(tz)]);
}
export const from_utc_timestamp = fromUtcTimestamp;
export function toUtcTimestamp(timestamp: ColumnOrName, tz: Column | string): Column {
  return call('to_utc_timestamp', [timestamp, litOrColumn(tz)]);
}
export const to_utc_timestamp = toUtcTimestamp;

export function makeDate(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName): Column {
  return call('make_date', [year, month, day]);
}
export const make_date = makeDate;
export function makeTimestamp(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
  timezone?: ColumnOrName,
): Column {
  const args = [years, months, days, hours, mins, secs];
  return call('make_timestamp', timezone === undefined ? args : [...args, timezone]);
}
export const make_timestamp = makeTimestamp;

export function timestampSeconds(c: ColumnOrName): Column {
  return call('timestamp_seconds', [c]);
}
export const timestamp_seconds = timestampSeconds;
export function timestampMillis(c: ColumnOrName): Column {
  return call('timestamp_millis', [c]);
}
export const timestamp_millis = timestampMillis;
export function timestampMicros(c: ColumnOrName): Column {
  return call('timestamp_micros', [c]);
}
export const timestamp_micros = timestampMicros;
export function unixSeconds(c: ColumnOrName): Column {
  return call('unix_seconds', [c]);
}
export const unix_seconds = unixSeconds;
export function unixMillis(c: ColumnOrName): Column {
  return call('unix_millis', [c]);
}
export const unix_millis = unixMillis;
export function unixMicros(c: ColumnOrName): Column {
  return call('unix_micros', [c]);
}
export const unix_micros = unixMicros;
export function unixDate(c: ColumnOrName): Column {
  return call('unix_date', [c]);
}
export const unix_date = unixDate;
export function dateFromUnixDate(c: ColumnOrName): Column {
  return call('date_from_unix_date', [c]);
}
export const date_from_unix_date = dateFromUnixDate;

/** Event-time window struct<start, end> (`F.window(ts, '10 minutes', '5 minutes')`); durations are interval strings. */
export function window(
  timeColumn: ColumnOrName,
  windowDuration: string,
  slideDuration?: string | null,
  startTime?: string | null,
): Column {
  const args: (ColumnOrName | Column)[] = [timeColumn, lit(windowDuration)];
  if (slideDuration != null || startTime != null) args.push(lit(slideDuration ?? windowDuration));
  if (startTime != null) args.push(lit(startTime));
  return call('window', args);
}
/** The last instant inside a window: `window.end - 1 µs`. */
export function windowTime(windowColumn: ColumnOrName): Column {
  return call('window_time', [windowColumn]);
}
export const window_time = windowTime;
/** `timestampadd(unit, quantity, ts)`: unit is YEAR … MICROSECOND. */
export function timestampAdd(unit: string, quantity: ColumnOrName, ts: ColumnOrName): Column {
  return call('timestampadd', [lit(unit.toUpperCase()), quantity, ts]);
}
export const timestamp_add = timestampAdd;
/** `timestampdiff(unit, start, end)`: whole units from start to end. */
export function timestampDiff(unit: string, start: ColumnOrName, end: ColumnOrName): Column {
  return call('timestampdiff', [lit(unit.toUpperCase()), start, end]);
}
export const timestamp_diff = timestampDiff;
