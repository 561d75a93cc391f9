/**
 * Spark's lenient string → timestamp / timestamp_ntz / date casts (`CAST(s AS TIMESTAMP)`,
 * `to_timestamp(s)` without a pattern, JSON/CSV inference).
 *
 * Accepted (after trimming ASCII whitespace and control characters):
 *   [+-]yyyy[yy][-[m]m[-[d]d]]                       dates, year of 4–6 digits (4–7 for DATE)
 *   … followed by ' ' or 'T' and [h]h[:[m]m[:[s]s[.fraction]]]  fraction truncated to µs
 *   … then an optional zone: Z, ±hh[:mm[:ss]], ±hhmm, UTC/GMT/UT[±…], a region id, a short id
 *   [T][h]h:[m]m[:[s]s…]                             a time today (TIMESTAMP only)
 * A DATE also accepts anything after the day when it starts with ' ' or 'T'.
 *
 * Invariants: never throws; null means "not a valid value" (the caller decides between NULL and
 * an ANSI error). A fast path handles the canonical `yyyy-MM-dd HH:mm:ss[.f…]` / ISO `T…Z` shapes
 * without allocating.
 */
import {
  daysFromCivil,
  isValidDate,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
} from './calendar.js';
import { floorDivMicros, type Micros, microsFromDays } from './micros.js';
import { parseZoneId, ruleLocalToUtc, ruleOffsetMicros, type ZoneRule } from './time-zone.js';

/** Timestamps are 64-bit µs: 2^63 is one past Long.MAX_VALUE. */
const MAX_MICROS = 2n ** 63n;

function isTrimmable(c: number): boolean {
  return c <= 0x20 || c === 0x7f;
}

function trimmedBounds(s: string): [number, number] {
  let start = 0;
  let end = s.length;
  while (start < end && isTrimmable(s.charCodeAt(start))) start++;
  while (end > start && isTrimmable(s.charCodeAt(end - 1))) end--;
  return [start, end];
}

interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  zone: string | null;
  justTime: boolean;
}

function validDigits(segment: number, digits: number): boolean {
  if (segment === 6) return true;
  if (segment === 0) return digits >= 4 && digits <= 6;
  if (segment === 7) return digits <= 2;
  return digits > 0 && digits <= 2;
}

/** Spark's segment scanner for timestamps; null when the text is malformed. */
function parseTimestampText(s: string): Parsed | null {
  const [start, end] = trimmedBounds(s);
  if (start === end) return null;
  const seg = [1, 1, 1, 0, 0, 0, 0, 0, 0];
  let i = 0;
  let value = 0;
  let digits = 0;
  let fracDigits = 0;
  let justTime = false;
  let yearSign = 0;
  let zone: string | null = null;
  let j = start;
  const first = s.charCodeAt(j);
  if (first === 45 || first === 43) {
    yearSign = first === 45 ? -1 : 1;
    j++;
  }
  for (; j < end; j++) {
    const c = s.charCodeAt(j);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      if (i === 6) fracDigits++;
      if (i !== 6 || digits < 6) value = value * 10 + d;
      digits++;
      continue;
    }
    if (j === 0 && c === 84 /* T */) {
      justTime = true;
      i += 3;
    } else if (i < 2) {
      if (c === 45 /* - */) {
        if (!validDigits(i, digits)) return null;
        seg[i] = value;
        value = digits = 0;
        i++;
      } else if (i === 0 && c === 58 /* : */ && yearSign === 0) {
        justTime = true;
        if (!validDigits(3, digits)) return null;
        seg[3] = value;
        value = digits = 0;
        i = 4;
      } else {
        return null;
      }
    } else if (i === 2) {
      if (c !== 32 && c !== 84) return null;
      if (!validDigits(i, digits)) return null;
      seg[i] = value;
      value = digits = 0;
      i++;
    } else if (i === 3 || i === 4) {
      if (c !== 58) return null;
      if (!validDigits(i, digits)) return null;
      seg[i] = value;
      value = digits = 0;
      i++;
    } else if (i === 5 || i === 6) {
      if (!validDigits(i, digits)) return null;
      seg[i] = value;
      value = digits = 0;
      if (c === 46 /* . */ && i === 5) {
        i++;
      } else {
        i++;
        zone = s.slice(j, end);
        j = end;
      }
      if (i === 6 && c !== 46) i++;
    } else {
      return null;
    }
  }
  if (!validDigits(i, digits)) return null;
  seg[i] = value;
  let frac = seg[6]!;
  for (let k = Math.min(fracDigits, 6); k < 6; k++) frac *= 10;
  return {
    year: yearSign === -1 ? -seg[0]! : seg[0]!,
    month: seg[1]!,
    day: seg[2]!,
    hour: seg[3]!,
    minute: seg[4]!,
    second: seg[5]!,
    micros: frac,
    zone,
    justTime,
  };
}

function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Fast path: `yyyy-MM-dd[( |T)HH:mm:ss[.f{1,9}]][Z]` with no surrounding spaces. Returns local µs
 * (or UTC µs when `utc` comes back true), undefined when the shape does not match.
 */
function fastLocalMicros(s: string): { micros: Micros; utc: boolean } | null | undefined {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  if (y < 0 || mo < 0 || d < 0 || two(s, 0) < 0 || two(s, 2) < 0) return undefined;
  if (n === 10)
    return isValidDate(y, mo, d) ? { micros: microsFromDays(daysFromCivil(y, mo, d), 0), utc: false } : null;
  const sep = s.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || n < 19 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58)
    return undefined;
  const h = two(s, 11);
  const mi = two(s, 14);
  const se = two(s, 17);
  if (h < 0 || mi < 0 || se < 0) return undefined;
  let i = 19;
  let frac = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    let k = 0;
    while (i < n) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (k < 6) frac = frac * 10 + c;
      k++;
      i++;
    }
    for (; k < 6; k++) frac *= 10;
  }
  let utc = false;
  if (i < n) {
    if (i === n - 1 && s.charCodeAt(i) === 90 /* Z */) utc = true;
    else return undefined;
  }
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || se > 59) return null;
  const timeOfDay = h * MICROS_PER_HOUR + mi * MICROS_PER_MINUTE + se * 1e6 + frac;
  return { micros: microsFromDays(daysFromCivil(y, mo, d), timeOfDay), utc };
}

function localMicrosOf(p: Parsed, days: number): Micros | null {
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return null;
  return microsFromDays(
    days,
    p.hour * MICROS_PER_HOUR + p.minute * MICROS_PER_MINUTE + p.second * 1e6 + p.micros,
  );
}

function zoneOf(p: Parsed, sessionZone: ZoneRule): ZoneRule | null {
  return p.zone === null ? sessionZone : parseZoneId(p.zone.trim());
}

function inRange(micros: Micros): Micros | null {
  return micros >= MAX_MICROS || micros < -MAX_MICROS ? null : micros;
}

/**
 * Spark's `CAST(s AS TIMESTAMP)`: µs since the epoch, or null. A time without a date means today
 * in the zone (`nowMicros` pins "now"; defaults to the wall clock).
 */
export function stringToTimestamp(s: string, timeZone: string, nowMicros?: number): Micros | null {
  const session = parseZoneId(timeZone);
  if (!session) return null;
  const fast = fastLocalMicros(s);
  if (fast === null) return null;
  if (fast !== undefined) return fast.utc ? fast.micros : ruleLocalToUtc(fast.micros, session);
  const p = parseTimestampText(s);
  if (!p) return null;
  const zone = zoneOf(p, session);
  if (!zone) return null;
  let days: number;
  if (p.justTime) {
    const now = nowMicros ?? Date.now() * 1000;
    days = floorDivMicros(now + ruleOffsetMicros(now, zone), MICROS_PER_DAY);
  } else {
    if (!isValidDate(p.year, p.month, p.day)) return null;
    days = daysFromCivil(p.year, p.month, p.day);
  }
  const local = localMicrosOf(p, days);
  return local === null ? null : inRange(ruleLocalToUtc(local, zone));
}

/** Spark's `CAST(s AS TIMESTAMP_NTZ)`: a zone in the text is checked but ignored; no time-only form. */
export function stringToTimestampNTZ(s: string): Micros | null {
  const fast = fastLocalMicros(s);
  if (fast === null) return null;
  if (fast !== undefined) return fast.micros;
  const p = parseTimestampText(s);
  if (!p || p.justTime) return null;
  if (p.zone !== null && !parseZoneId(p.zone.trim())) return null;
  if (!isValidDate(p.year, p.month, p.day)) return null;
  const local = localMicrosOf(p, daysFromCivil(p.year, p.month, p.day));
  return local === null ? null : inRange(local);
}

/** Spark's `CAST(s AS DATE)`: days since the epoch, or null. */
export function stringToDate(s: string): number | null {
  const [start, end] = trimmedBounds(s);
  if (start === end) return null;
  const seg = [1, 1, 1];
  let sign = 1;
  let i = 0;
  let value = 0;
  let digits = 0;
  let j = start;
  const first = s.charCodeAt(j);
  if (first === 45 || first === 43) {
    sign = first === 45 ? -1 : 1;
    j++;
  }
  const valid = (segment: number, n: number) => (segment === 0 ? n >= 4 && n <= 7 : n > 0 && n <= 2);
  for (; j < end && i < 3; j++) {
    const c = s.charCodeAt(j);
    if (c === 32 || c === 84) break;
    if (i < 2 && c === 45) {
      if (!valid(i, digits)) return null;
      seg[i] = value;
      value = digits = 0;
      i++;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9) return null;
      value = value * 10 + d;
      digits++;
    }
  }
  if (!valid(i, digits)) return null;
  if (i < 2 && j < end) return null;
  seg[i] = value;
  const y = sign * seg[0]!;
  if (!isValidDate(y, seg[1]!, seg[2]!)) return null;
  return daysFromCivil(y, seg[1]!, seg[2]!);
}
