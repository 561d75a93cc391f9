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
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
} from './calendar.js';
import type { PatternToken } from './date-time-pattern.js';
import { MONTHS } from './date-time-pattern-format.js';
import { parseOffset, parseZoneId, ruleLocalToUtc, type ZoneRule } from './time-zone.js';

interface State {
  readonly s: string;
  pos: number;
  /** Furthest position where a token failed (Java's error index). */
  errorIndex: number;
  values: Map<string, number>;
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

function matchText(st: State, options: readonly string[]): number {
  const rest = st.s.slice(st.pos).toLowerCase();
  let best = -1;
  let bestLen = 0;
  options.forEach((o, i) => {
    if (o.length > bestLen && rest.startsWith(o.toLowerCase())) {
      best = i;
      bestLen = o.length;
    }
  });
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
  // X, x, Z: ISO offsets.
  if ((letter === 'X' || (letter === 'Z' && count === 5)) && rest[0] === 'Z') {
    st.zone = parseZoneId('Z');
    st.pos += 1;
    return true;
  }
  const m = /^[+-]\d\d(:?\d\d(:?\d\d)?)?/.exec(rest);
  if (!m) return false;
  const off = parseOffset(
    m[0].length === 3
      ? m[0]
      : m[0].replace(/^([+-]\d\d)(\d\d)(\d\d)?$/, (_, a, b, c) => `${a}:${b}${c ? `:${c}` : ''}`),
  );
  if (off === null) return false;
  st.zone = { kind: 'fixed', id: m[0], offsetMicros: off };
  st.pos += m[0].length;
  return true;
}

function parseField(st: State, t: PatternToken & { kind: 'field' }, reserved: number): boolean {
  const { letter, count } = t;
  const s = st.s;
  if (letter === 'M' || letter === 'L') {
    if (count >= 3) {
      const names = count === 3 ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS;
      const i = matchText(st, names);
      if (i < 0) return false;
      st.values.set('M', i + 1);
      return true;
    }
  }
  if (letter === 'a') {
    const i = matchText(st, ['AM', 'PM']);
    if (i < 0) return false;
    st.values.set('a', i);
    return true;
  }
  if (letter === 'G') {
    const i = matchText(
      st,
      count === 4 ? ['Before Christ', 'Anno Domini'] : count === 5 ? ['B', 'A'] : ['BC', 'AD'],
    );
    if (i < 0) return false;
    st.values.set('G', i);
    return true;
  }
  if ('VzOXxZ'.includes(letter)) return parseZoneText(st, letter, count);
  const [min, max] = widths(letter, count);
  const avail = countDigits(s, st.pos);
  const take = Math.min(max, avail - reserved);
  if (take < min) return false;
  const text = s.slice(st.pos, st.pos + take);
  st.pos += take;
  if (letter === 'S') {
    st.values.set('S', Number(text.padEnd(9, '0').slice(0, 6)));
    return true;
  }
  const v = Number(text);
  if (letter === 'y' && count === 2) st.values.set('y', 2000 + v);
  else st.values.set(letter === 'L' ? 'M' : letter, v);
  return true;
}

function parseSeq(st: State, tokens: readonly PatternToken[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lit') {
      const part = st.s.slice(st.pos, st.pos + t.text.length);
      if (part.toLowerCase() !== t.text.toLowerCase()) {
        st.errorIndex = Math.max(st.errorIndex, st.pos);
        return false;
      }
      st.pos += t.text.length;
    } else if (t.kind === 'opt') {
      const savePos = st.pos;
      const saveValues = new Map(st.values);
      const saveZone = st.zone;
      if (!parseSeq(st, t.tokens)) {
        st.pos = savePos;
        st.values = saveValues;
        st.zone = saveZone;
      }
    } else {
      // Digits the following adjacent fixed-width numeric fields need (Java's adjacent value parsing).
      let reserved = 0;
      if (isNumeric(t)) {
        for (let j = i + 1; j < tokens.length; j++) {
          const n = tokens[j]!;
          if (!isNumeric(n) || n.kind !== 'field') break;
          reserved += widths(n.letter, n.count)[0];
        }
      }
      const start = st.pos;
      if (!parseField(st, t, reserved)) {
        st.errorIndex = Math.max(st.errorIndex, start);
        return false;
      }
    }
  }
  return true;
}

const MONTH_UPPER = MONTHS.map((m) => m.toUpperCase());

function resolve(st: State, timeZone: string, local: boolean): number | { reason: string } {
  const v = st.values;
  const bad = (detail: string) => ({ reason: `Text '${st.s}' could not be parsed: ${detail}` });
  let year = v.get('y') ?? 1970;
  if (v.get('G') === 0) year = 1 - year;
  let month = v.get('M') ?? 1;
  let day = v.get('d') ?? 1;
  const doy = v.get('D');
  if (doy !== undefined && !v.has('M') && !v.has('d')) {
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
): number | { reason: string } {
  const v = st.values;
  let hour = 0;
  if (v.has('H')) {
    hour = v.get('H')!;
    if (hour > 23) return bad(`Invalid value for HourOfDay (valid values 0 - 23): ${hour}`);
  } else if (v.has('k')) {
    const k = v.get('k')!;
    if (k < 1 || k > 24) return bad(`Invalid value for ClockHourOfDay (valid values 1 - 24): ${k}`);
    hour = k === 24 ? 0 : k;
  } else if (v.has('h') || v.has('K')) {
    const h = v.has('h') ? v.get('h')! : v.get('K')!;
    if (v.has('h') && (h < 1 || h > 12))
      return bad(`Invalid value for ClockHourOfAmPm (valid values 1 - 12): ${h}`);
    if (v.has('K') && h > 11) return bad(`Invalid value for HourOfAmPm (valid values 0 - 11): ${h}`);
    hour = (h % 12) + (v.get('a') === 1 ? 12 : 0);
  }
  const minute = v.get('m') ?? 0;
  const second = v.get('s') ?? 0;
  if (minute > 59) return bad(`Invalid value for MinuteOfHour (valid values 0 - 59): ${minute}`);
  if (second > 59) return bad(`Invalid value for SecondOfMinute (valid values 0 - 59): ${second}`);
  const localMicros =
    days * MICROS_PER_DAY +
    hour * MICROS_PER_HOUR +
    minute * MICROS_PER_MINUTE +
    second * 1e6 +
    (v.get('S') ?? 0);
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
): number | { reason: string } {
  const st: State = { s, pos: 0, errorIndex: 0, values: new Map(), zone: null };
  if (!parseSeq(st, tokens)) {
    return { reason: `Text '${s}' could not be parsed at index ${st.errorIndex}` };
  }
  if (st.pos !== s.length) {
    return { reason: `Text '${s}' could not be parsed, unparsed text found at index ${st.pos}` };
  }
  return resolve(st, timeZone, local);
}
