/**
 * The canonical timestamp shapes read straight from ASCII bytes (a JSON record's UTF-8 bytes),
 * for `from_json` over `CAST(value AS STRING)` without building the value's string.
 *
 * Invariant: for the shapes it accepts — `yyyy-MM-dd` and `yyyy-MM-dd( |T)HH:mm:ss[.f…]` with a
 * valid date and time, no zone, no surrounding spaces — the result equals
 * `stringToTimestamp(text, zone)` for the same text; for anything else it returns `undefined`
 * and the caller decodes the text and takes the general path (which decides null vs. error).
 */
import { daysFromCivil, isValidDate, MICROS_PER_HOUR, MICROS_PER_MINUTE } from './calendar.js';
import { type Micros, microsFromDays } from './micros.js';
import { ruleLocalToUtc, type ZoneRule } from './time-zone.js';

function two(b: Uint8Array, i: number): number {
  const x = b[i]! - 48;
  const y = b[i + 1]! - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/** µs since the epoch of the local time in b[start, end) in `zone`, or undefined (see header). */
export function timestampFromAsciiBytes(
  b: Uint8Array,
  start: number,
  end: number,
  zone: ZoneRule,
): Micros | undefined {
  const n = end - start;
  if (n < 10 || b[start + 4] !== 45 || b[start + 7] !== 45) return undefined;
  const y0 = two(b, start);
  const y1 = two(b, start + 2);
  const mo = two(b, start + 5);
  const d = two(b, start + 8);
  if (y0 < 0 || y1 < 0 || mo < 0 || d < 0) return undefined;
  const y = y0 * 100 + y1;
  if (!isValidDate(y, mo, d)) return undefined;
  if (n === 10) return ruleLocalToUtc(microsFromDays(daysFromCivil(y, mo, d), 0), zone);
  const sep = b[start + 10];
  if ((sep !== 32 && sep !== 84) || n < 19 || b[start + 13] !== 58 || b[start + 16] !== 58) return undefined;
  const h = two(b, start + 11);
  const mi = two(b, start + 14);
  const se = two(b, start + 17);
  if (h < 0 || mi < 0 || se < 0 || h > 23 || mi > 59 || se > 59) return undefined;
  let i = start + 19;
  let frac = 0;
  if (i < end) {
    if (b[i] !== 46) return undefined;
    i++;
    let k = 0;
    for (; i < end; i++, k++) {
      const c = b[i]! - 48;
      if (c < 0 || c > 9) return undefined;
      if (k < 6) frac = frac * 10 + c;
    }
    for (; k < 6; k++) frac *= 10;
  }
  const timeOfDay = h * MICROS_PER_HOUR + mi * MICROS_PER_MINUTE + se * 1e6 + frac;
  return ruleLocalToUtc(microsFromDays(daysFromCivil(y, mo, d), timeOfDay), zone);
}
