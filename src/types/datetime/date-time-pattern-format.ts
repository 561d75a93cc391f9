/**
 * Formatting half of Spark's datetime patterns: renders compiled tokens for an instant in a zone,
 * the way Java's DateTimeFormatter (English locale) does.
 *
 * Invariant: optional sections are always printed when formatting (Java prints them whenever the
 * fields are available, and every field is available for a timestamp).
 */
import { civilFromDays, dayOfYear, isoDayOfWeek, padNumber } from './calendar.js';
import type { PatternToken } from './date-time-pattern.js';
import { addMicros, type Micros, microsToMillis, splitMicrosToDays } from './micros.js';
import { parseZoneId, ruleOffsetMicros, type ZoneRule } from './time-zone.js';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTER_NAMES = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

interface Fields {
  year: number;
  month: number;
  day: number;
  days: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  offset: number;
  zone: ZoneRule;
  utcMicros: Micros;
}

function offsetParts(offset: number): { sign: string; h: number; m: number; s: number } {
  const total = Math.round(Math.abs(offset) / 1e6);
  return {
    sign: offset < 0 ? '-' : '+',
    h: Math.floor(total / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}

const p2 = (n: number) => padNumber(n, 2);

/** Java's `X`/`x` offset styles by letter count (`X` prints `Z` for zero). */
function isoOffset(offset: number, count: number, zForZero: boolean): string {
  if (offset === 0 && zForZero) return 'Z';
  const { sign, h, m, s } = offsetParts(offset);
  switch (count) {
    case 1:
      return `${sign}${p2(h)}${m ? p2(m) : ''}`;
    case 2:
      return `${sign}${p2(h)}${p2(m)}`;
    case 3:
      return `${sign}${p2(h)}:${p2(m)}`;
    case 4:
      return `${sign}${p2(h)}${p2(m)}${s ? p2(s) : ''}`;
    default:
      return `${sign}${p2(h)}:${p2(m)}${s ? `:${p2(s)}` : ''}`;
  }
}

/** Java's localized offset (`O` / `OOOO` / `ZZZZ`): `GMT`, `GMT-7`, `GMT+05:30`. */
function localizedOffset(offset: number, full: boolean): string {
  if (offset === 0) return 'GMT';
  const { sign, h, m, s } = offsetParts(offset);
  if (full) return `GMT${sign}${p2(h)}:${p2(m)}${s ? `:${p2(s)}` : ''}`;
  return `GMT${sign}${h}${m || s ? `:${p2(m)}` : ''}${s ? `:${p2(s)}` : ''}`;
}

const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/** Zone display names (`PST`, `Pacific Standard Time`); ICU's English names stand in for Java's. */
function zoneName(f: Fields, full: boolean): string {
  if (f.zone.kind === 'fixed') {
    if (f.zone.id === 'UTC' || f.zone.id === 'GMT' || f.zone.id === 'UT') {
      return full ? (f.zone.id === 'GMT' ? 'Greenwich Mean Time' : 'Coordinated Universal Time') : f.zone.id;
    }
    return full ? localizedOffset(f.offset, true) : f.zone.id === 'Z' ? 'Z' : isoOffset(f.offset, 5, true);
  }
  const key = `${f.zone.id}|${full}`;
  let fmt = zoneNameFormatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: f.zone.id, timeZoneName: full ? 'long' : 'short' });
    zoneNameFormatters.set(key, fmt);
  }
  const ms = Math.min(Math.max(microsToMillis(f.utcMicros), -8.64e15), 8.64e15);
  const part = fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return part?.value ?? f.zone.id;
}

function yearText(year: number, count: number): string {
  // Spark prints the proleptic year for `y` (it rewrites y to u when no era is present).
  if (count === 2) return p2(((year % 100) + 100) % 100);
  const digits = padNumber(Math.abs(year), count === 1 ? 1 : count);
  if (year < 0) return `-${digits}`;
  return count === 4 && year > 9999 ? `+${digits}` : digits;
}

function fieldText(letter: string, count: number, f: Fields): string {
  switch (letter) {
    case 'G': {
      const ad = f.year > 0;
      if (count === 4) return ad ? 'Anno Domini' : 'Before Christ';
      if (count === 5) return ad ? 'A' : 'B';
      return ad ? 'AD' : 'BC';
    }
    case 'y':
      return yearText(f.year, count);
    case 'D':
      return padNumber(dayOfYear(f.days), count);
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month - 1]!;
      if (count === 3) return MONTHS[f.month - 1]!.slice(0, 3);
      return padNumber(f.month, count);
    case 'd':
      return padNumber(f.day, count);
    case 'Q':
    case 'q': {
      const q = Math.floor((f.month - 1) / 3) + 1;
      if (count >= 4) return QUARTER_NAMES[q - 1]!;
      if (count === 3) return `Q${q}`;
      return padNumber(q, count);
    }
    case 'E': {
      const name = WEEKDAYS[isoDayOfWeek(f.days) - 1]!;
      return count >= 4 ? name : name.slice(0, 3);
    }
    case 'F':
      return String(((f.day - 1) % 7) + 1);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'h':
      return padNumber(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'K':
      return padNumber(f.hour % 12, count);
    case 'k':
      return padNumber(f.hour === 0 ? 24 : f.hour, count);
    case 'H':
      return padNumber(f.hour, count);
    case 'm':
      return padNumber(f.minute, count);
    case 's':
      return padNumber(f.second, count);
    case 'S':
      return padNumber(f.micros * 1000, 9).slice(0, count);
    case 'V':
      return f.zone.id;
    case 'z':
      return zoneName(f, count === 4);
    case 'O':
      return localizedOffset(f.offset, count === 4);
    case 'X':
      return isoOffset(f.offset, count, true);
    case 'x':
      return isoOffset(f.offset, count, false);
    case 'Z':
      if (count <= 3) return isoOffset(f.offset, 2, false);
      if (count === 4) return localizedOffset(f.offset, true);
      return isoOffset(f.offset, 5, true);
    default:
      return '';
  }
}

function fieldsOf(utcMicros: Micros, zone: ZoneRule): Fields {
  const offset = ruleOffsetMicros(utcMicros, zone);
  const { days, timeOfDay } = splitMicrosToDays(addMicros(utcMicros, offset));
  let rem = timeOfDay;
  const hour = Math.floor(rem / 3_600_000_000);
  rem -= hour * 3_600_000_000;
  const minute = Math.floor(rem / 60_000_000);
  rem -= minute * 60_000_000;
  const second = Math.floor(rem / 1e6);
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    days,
    hour,
    minute,
    second,
    micros: rem - second * 1e6,
    offset,
    zone,
    utcMicros,
  };
}

function render(tokens: readonly PatternToken[], f: Fields): string {
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'lit') out += t.text;
    else if (t.kind === 'field') out += fieldText(t.letter, t.count, f);
    else out += render(t.tokens, f);
  }
  return out;
}

export function formatTokens(tokens: readonly PatternToken[], micros: Micros, timeZone: string): string {
  const zone = parseZoneId(timeZone) ?? parseZoneId('UTC')!;
  return render(tokens, fieldsOf(micros, zone));
}
