/**
 * Parsing half of Spark's datetime patterns, with Java DateTimeFormatter's strictness as Spark
 * configures it: case-insensitive text, fixed widths for doubled letters (`MM` needs 2 digits,
 * `yyyy` exactly 4), 1–n digits for `S…` fractions, adjacent numeric fields share the digits
 * (`yyyyMMdd`), the whole text must be consumed, and missing fields default to 1970-01-01 00:00.
 *
 * Invariant: never throws for bad input; returns µs or `{ reason }` (Java's wording for ANSI errors).
 */
import {
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  isValidDate,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
} from './calendar.js';
import type { PatternToken } from './date-time-pattern.js';
import { MONTHS } from './date-time-pattern-format.js';
import { type Micros, microsFromDays } from './micros.js';
import { parseZoneId, ruleLocalToUtc, type ZoneRule } from './time-zone.js';

/** Parsed field values (undefined when the pattern has no such field); one fixed shape, cheap to copy. */
class Values {
  y: number | undefined = undefined;
  M: number | undefined = undefined;
  d: number | undefined = undefined;
  D: number | undefined = undefined;
  H: number | undefined = undefined;
  k: number | undefined = undefined;
  h: number | undefined = undefined;
  K: number | undefined = undefined;
  m: number | undefined = undefined;
  s: number | undefined = undefined;
  S: number | undefined = undefined;
  a: number | undefined = undefined;
  G: number | undefined = undefined;

  clone(): Values {
    const v = new Values();
    v.y = this.y;
    v.M = this.M;
    v.d = this.d;
    v.D = this.D;
    v.H = this.H;
    v.k = this.k;
    v.h = this.h;
    v.K = this.K;
    v.m = this.m;
    v.s = this.s;
    v.S = this.S;
    v.a = this.a;
    v.G = this.G;
    return v;
  }

  set(letter: string, value: number): void {
    switch (letter) {
      case 'y':
        this.y = value;
        break;
      case 'M':
      case 'L':
        this.M = value;
        break;
      case 'd':
        this.d = value;
        break;
      case 'D':
        this.D = value;
        break;
      case 'H':
        this.H = value;
        break;
      case 'k':
        this.k = value;
        break;
      case 'h':
        this.h = value;
        break;
      case 'K':
        this.K = value;
        break;
      case 'm':
        this.m = value;
        break;
      case 's':
        this.s = value;
        break;
    }
  }
}

/** Per token list: digits reserved for the adjacent numeric fields after each token. */
const reservedCache = new WeakMap<readonly PatternToken[], Int32Array>();

function reservedFor(tokens: readonly PatternToken[]): Int32Array {
  let r = reservedCache.get(tokens);
  if (!r) {
    r = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!isNumeric(t)) continue;
      let reserved = 0;
      for (let j = i + 1; j < tokens.length; j++) {
        const n = tokens[j]!;
        if (!isNumeric(n) || n.kind !== 'field') break;
        reserved += widths(n.letter, n.count)[0];
      }
      r[i] = reserved;
    }
    reservedCache.set(tokens, r);
  }
  return r;
}

interface State {
  readonly s: string;
  pos: number;
  /** Furthest position where a token failed (Java's error index). */
  errorIndex: number;
  values: Values;
  zone: ZoneRule | null;
}

/** [min, max] digits accepted for a numeric field. */
function widths(letter: string, count: number): [number, number] {
  if (letter === 'S') return [1, count];
  if (letter === 'y') {
    if (count === 1 || count === 3) return [count, 19];
    return [count, count];
  }
  if (letter === 'D') return count === 1 ? [1, 19] : count === 2 ? [2, 3] : [3, 3];
  return count === 1 ? [1, 19] : [count, count];
}

function isNumeric(t: PatternToken): boolean {
  if (t.kind !== 'field') return false;
  if (t.letter === 'M' || t.letter === 'L') return t.count <= 2;
  return 'yDdhKkHmsS'.includes(t.letter);
}

function countDigits(s: string, pos: number): number {
  let n = 0;
  while (pos + n < s.length) {
    const c = s.charCodeAt(pos + n);
    if (c < 48 || c > 57) break;
    n++;
  }
  return n;
}

/** Case-insensitive match of `text` at `pos` (Spark's formatters parse case-insensitively). */
function matchesAt(s: string, pos: number, text: string): boolean {
  if (pos + text.length > s.length) return false;
  for (let i = 0; i < text.length; i++) {
    const a = s.charCodeAt(pos + i);
    const b = text.charCodeAt(i);
    if (a !== b && (a | 0x20) !== (b | 0x20)) return false;
    if (a !== b && !((a | 0x20) >= 97 && (a | 0x20) <= 122)) return false;
  }
  return true;
}

function matchText(st: State, options: readonly string[]): number {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < options.length; i++) {
    const o = options[i]!;
    if (o.length > bestLen && matchesAt(st.s, st.pos, o)) {
      best = i;
      bestLen = o.length;
    }
  }
  if (best >= 0) st.pos += bestLen;
  return best;
}

function parseZoneText(st: State, letter: string, count: number): boolean {
  const s = st.s;
  const rest = s.slice(st.pos);
  if (letter === 'V' || letter === 'z') {
    const m = /^[A-Za-z][A-Za-z0-9_/+-]*/.exec(rest);
    if (!m) return false;
    // Offsets may follow a prefix (`GMT+01:00`), so try the longest candidate first.
    for (let len = m[0].length; len > 0; len--) {
      const z = parseZoneId(m[0].slice(0, len));
      if (z) {
        st.zone = z;
        st.pos += len;
        return true;
      }
    }
    return false;
  }
  if (letter === 'O' || (letter === 'Z' && count === 4)) {
    if (!rest.startsWith('GMT')) return false;
    const m = /^GMT([+-]\d{1,2}(:\d\d(:\d\d)?)?)?/.exec(rest)!;
    const off = m[1] ? parseZoneId(`GMT${m[1]}`) : parseZoneId('GMT');
    if (!off) return false;
    st.zone = off;
    st.pos += m[0].length;
    return true;
  }
  // X, x, Z: ISO offsets `Z`, `±HH`, `±HHMM`, `±HH:MM`, `±HHMMSS`, `±HH:MM:SS`.
  if ((letter === 'X' || (letter === 'Z' && count === 5)) && s.charCodeAt(st.pos) === 90) {
    st.zone = UTC_ZONE;
    st.pos += 1;
    return true;
  }
  const off = parseIsoOffsetAt(s, st.pos);
  if (!off) return false;
  st.zone = { kind: 'fixed', id: s.slice(st.pos, st.pos + off.length), offsetMicros: off.micros };
  st.pos += off.length;
  return true;
}

const UTC_ZONE: ZoneRule = { kind: 'fixed', id: 'Z', offsetMicros: 0 };

function digit2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function parseIsoOffsetAt(s: string, pos: number): { micros: number; length: number } | null {
  const c = s.charCodeAt(pos);
  if (c !== 43 && c !== 45) return null;
  const h = digit2(s, pos + 1);
  if (h < 0 || h > 18) return null;
  let i = pos + 3;
  let m = 0;
  let sec = 0;
  const colon = s.charCodeAt(i) === 58;
  const mm = digit2(s, colon ? i + 1 : i);
  if (mm >= 0) {
    m = mm;
    i += colon ? 3 : 2;
    const colon2 = s.charCodeAt(i) === 58;
    if (colon2 === colon) {
      const ss = digit2(s, colon2 ? i + 1 : i);
      if (ss >= 0) {
        sec = ss;
        i += colon2 ? 3 : 2;
      }
    }
  }
  if (m > 59 || sec > 59) return null;
  const total = (h * 3600 + m * 60 + sec) * 1e6;
  return { micros: c === 45 ? -total : total, length: i - pos };
}

function parseField(st: State, t: PatternToken & { kind: 'field' }, reserved: number): boolean {
  const { letter, count } = t;
  const s = st.s;
  if (letter === 'M' || letter === 'L') {
    if (count >= 3) {
      const names = count === 3 ? SHORT_MONTHS : MONTHS;
      const i = matchText(st, names);
      if (i < 0) return false;
      st.values.M = i + 1;
      return true;
    }
  }
  if (letter === 'a') {
    const i = matchText(st, ['AM', 'PM']);
    if (i < 0) return false;
    st.values.a = i;
    return true;
  }
  if (letter === 'G') {
    const i = matchText(
      st,
      count === 4 ? ['Before Christ', 'Anno Domini'] : count === 5 ? ['B', 'A'] : ['BC', 'AD'],
    );
    if (i < 0) return false;
    st.values.G = i;
    return true;
  }
  if ('VzOXxZ'.includes(letter)) return parseZoneText(st, letter, count);
  const [min, max] = widths(letter, count);
  const avail = countDigits(s, st.pos);
  const take = Math.min(max, avail - reserved);
  if (take < min) return false;
  const start = st.pos;
  st.pos += take;
  if (letter === 'S') {
    // A fraction of `take` digits, kept to µs.
    let micros = 0;
    for (let i = 0; i < 6; i++) micros = micros * 10 + (i < take ? s.charCodeAt(start + i) - 48 : 0);
    st.values.S = micros;
    return true;
  }
  const v = take <= 15 ? digitsValue(s, start, take) : Number(s.slice(start, start + take));
  st.values.set(letter, letter === 'y' && count === 2 ? 2000 + v : v);
  return true;
}

function digitsValue(s: string, start: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 10 + (s.charCodeAt(start + i) - 48);
  return v;
}

const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

function parseSeq(st: State, tokens: readonly PatternToken[]): boolean {
  const reservedAt = reservedFor(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lit') {
      if (!matchesAt(st.s, st.pos, t.text)) {
        st.errorIndex = Math.max(st.errorIndex, st.pos);
        return false;
      }
      st.pos += t.text.length;
    } else if (t.kind === 'opt') {
      const savePos = st.pos;
      const saveValues = st.values.clone();
      const saveZone = st.zone;
      if (!parseSeq(st, t.tokens)) {
        st.pos = savePos;
        st.values = saveValues;
        st.zone = saveZone;
      }
    } else {
      // Digits the following adjacent fixed-width numeric fields need (Java's adjacent value parsing).
      const start = st.pos;
      if (!parseField(st, t, reservedAt[i]!)) {
        st.errorIndex = Math.max(st.errorIndex, start);
        return false;
      }
    }
  }
  return true;
}

const MONTH_UPPER = MONTHS.map((m) => m.toUpperCase());

function resolve(st: State, timeZone: string, local: boolean): Micros | { reason: string } {
  const v = st.values;
  const bad = (detail: string) => ({ reason: `Text '${st.s}' could not be parsed: ${detail}` });
  let year = v.y ?? 1970;
  if (v.G === 0) year = 1 - year;
  let month = v.M ?? 1;
  let day = v.d ?? 1;
  const doy = v.D;
  if (doy !== undefined && v.M === undefined && v.d === undefined) {
    const max = isLeapYear(year) ? 366 : 365;
    if (doy < 1 || doy > max) return bad(`Invalid date 'DayOfYear ${doy}' as '${year}' is not a leap year`);
    const days = daysFromCivil(year, 1, 1) + doy - 1;
    return finish(st, days, timeZone, local, bad);
  }
  if (month < 1 || month > 12) return bad(`Invalid value for MonthOfYear (valid values 1 - 12): ${month}`);
  if (day < 1 || day > 31) return bad(`Invalid value for DayOfMonth (valid values 1 - 28/31): ${day}`);
  if (!isValidDate(year, month, day)) {
    if (month === 2 && day === 29) return bad(`Invalid date 'February 29' as '${year}' is not a leap year`);
    return bad(`Invalid date '${MONTH_UPPER[month - 1]} ${day}'`);
  }
  day = Math.min(day, daysInMonth(year, month));
  month = Math.max(1, month);
  return finish(st, daysFromCivil(year, month, day), timeZone, local, bad);
}

function finish(
  st: State,
  days: number,
  timeZone: string,
  local: boolean,
  bad: (d: string) => { reason: string },
): Micros | { reason: string } {
  const v = st.values;
  let hour = 0;
  if (v.H !== undefined) {
    hour = v.H;
    if (hour > 23) return bad(`Invalid value for HourOfDay (valid values 0 - 23): ${hour}`);
  } else if (v.k !== undefined) {
    const k = v.k;
    if (k < 1 || k > 24) return bad(`Invalid value for ClockHourOfDay (valid values 1 - 24): ${k}`);
    hour = k === 24 ? 0 : k;
  } else if (v.h !== undefined || v.K !== undefined) {
    const h = v.h ?? v.K!;
    if (v.h !== undefined && (h < 1 || h > 12)) {
      return bad(`Invalid value for ClockHourOfAmPm (valid values 1 - 12): ${h}`);
    }
    if (v.h === undefined && h > 11) return bad(`Invalid value for HourOfAmPm (valid values 0 - 11): ${h}`);
    hour = (h % 12) + (v.a === 1 ? 12 : 0);
  }
  const minute = v.m ?? 0;
  const second = v.s ?? 0;
  if (minute > 59) return bad(`Invalid value for MinuteOfHour (valid values 0 - 59): ${minute}`);
  if (second > 59) return bad(`Invalid value for SecondOfMinute (valid values 0 - 59): ${second}`);
  const localMicros = microsFromDays(
    days,
    hour * MICROS_PER_HOUR + minute * MICROS_PER_MINUTE + second * 1e6 + (v.S ?? 0),
  );
  if (local) return localMicros;
  const zone = st.zone ?? parseZoneId(timeZone);
  if (!zone) return bad(`Unknown time-zone ID: ${timeZone}`);
  return ruleLocalToUtc(localMicros, zone);
}

/** Parses `s` with compiled tokens: µs (UTC, or local wall time when `local`) or Java's reason. */
export function parseTokens(
  tokens: readonly PatternToken[],
  s: string,
  timeZone: string,
  local: boolean,
): Micros | { reason: string } {
  const st: State = { s, pos: 0, errorIndex: 0, values: new Values(), zone: null };
  if (!parseSeq(st, tokens)) {
    return { reason: `Text '${s}' could not be parsed at index ${st.errorIndex}` };
  }
  if (st.pos !== s.length) {
    return { reason: `Text '${s}' could not be parsed, unparsed text found at index ${st.pos}` };
  }
  return resolve(st, timeZone, local);
}
