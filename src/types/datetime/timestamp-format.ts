/**
 * Spark's default rendering of dates and timestamps (`CAST(x AS STRING)`, `show()`, JSON/CSV
 * output without a format option): `yyyy-MM-dd HH:mm:ss[.ffffff]` with the fraction's trailing
 * zeros dropped, years outside 0000–9999 signed (`+10000-01-01`, `-0001-01-01`).
 *
 * Invariant: pure; timestamps render in the given zone, timestamp_ntz / dates in UTC wall time.
 */
import { civilFromDays, MICROS_PER_HOUR, MICROS_PER_MINUTE, padNumber } from './calendar.js';
import { type Micros, splitMicrosToDays } from './micros.js';
import { parseZoneId, ruleUtcToLocal } from './time-zone.js';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Year as Java's ISO formatter prints it: 4 digits, a sign when outside 0..9999. */
export function formatYear(y: number): string {
  if (y > 9999) return `+${y}`;
  if (y < 0) return `-${padNumber(-y, 4)}`;
  return padNumber(y, 4);
}

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Wall-clock µs (already shifted to local time) → `yyyy-MM-dd HH:mm:ss[.f]`. */
export function formatLocalMicros(local: Micros): string {
  const { days, timeOfDay } = splitMicrosToDays(local);
  let rem = timeOfDay;
  const h = Math.floor(rem / MICROS_PER_HOUR);
  rem -= h * MICROS_PER_HOUR;
  const m = Math.floor(rem / MICROS_PER_MINUTE);
  rem -= m * MICROS_PER_MINUTE;
  const s = Math.floor(rem / 1e6);
  const frac = rem - s * 1e6;
  let out = `${formatDate(days)} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (frac > 0) {
    let f = padNumber(frac, 6);
    let end = f.length;
    while (f.charCodeAt(end - 1) === 48) end--;
    f = f.slice(0, end);
    out += `.${f}`;
  }
  return out;
}

/** Spark's `CAST(ts AS STRING)` in the session time zone. */
export function formatTimestamp(micros: Micros, timeZone: string): string {
  const zone = parseZoneId(timeZone);
  return formatLocalMicros(zone ? ruleUtcToLocal(micros, zone) : micros);
}

/** `CAST(ts_ntz AS STRING)`: no zone shift. */
export function formatTimestampNTZ(micros: Micros): string {
  return formatLocalMicros(micros);
}
