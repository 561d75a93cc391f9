/**
 * Exact arithmetic on timestamp values. A timestamp (and timestamp_ntz) is µs since the epoch,
 * held like a long: a JS number while it is a safe integer (|µs| < 2^53, about 1685–2255), a
 * bigint beyond (Spark's range 0001-01-01 … 9999-12-31 needs about 2^58).
 *
 * Invariants: results are normalised (a safe value is always a number, so `===` and `<` compare
 * mixed values correctly); the number path does no bigint work, so common timestamps stay fast.
 */
import { MICROS_PER_DAY } from './calendar.js';

export type Micros = number | bigint;

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = -SAFE_MAX;
const MICROS_PER_DAY_N = BigInt(MICROS_PER_DAY);
/** |days| below this keeps days * MICROS_PER_DAY + time of day a safe integer. */
const FAST_DAYS = 104_000;

export function normMicros(b: bigint): Micros {
  return b >= SAFE_MIN && b <= SAFE_MAX ? Number(b) : b;
}

export function microsToBigInt(t: Micros): bigint {
  return typeof t === 'bigint' ? t : BigInt(t);
}

/** The timestamp `days` days plus `timeOfDay` µs after the epoch, exactly. */
export function microsFromDays(days: number, timeOfDay: number): Micros {
  if (days > -FAST_DAYS && days < FAST_DAYS) return days * MICROS_PER_DAY + timeOfDay;
  return normMicros(BigInt(days) * MICROS_PER_DAY_N + BigInt(timeOfDay));
}

/** a + b, exactly (b may be any integer µs: an offset, an interval, a difference). */
export function addMicros(a: Micros, b: Micros): Micros {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normMicros(microsToBigInt(a) + microsToBigInt(b));
}

/** a − b, exactly. */
export function subtractMicros(a: Micros, b: Micros): Micros {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normMicros(microsToBigInt(a) - microsToBigInt(b));
}

/** floor(t / unit) for a unit of at least 1 µs whose quotient is a safe integer (ms, s, days). */
export function floorDivMicros(t: Micros, unit: number): number {
  if (typeof t === 'number') {
    let q = Math.floor(t / unit);
    // the float quotient can round across an integer right below a multiple of `unit`
    const r = t - q * unit;
    if (r < 0) q--;
    else if (r >= unit) q++;
    return q;
  }
  const u = BigInt(unit);
  const q = t / u;
  return Number(t % u < 0n ? q - 1n : q);
}

/** t − floor(t / unit) · unit: the non-negative remainder, a number. */
export function floorModMicros(t: Micros, unit: number): number {
  // no `%` on numbers: V8 computes a double remainder out of line, several times slower
  if (typeof t === 'number') return t - floorDivMicros(t, unit) * unit;
  const u = BigInt(unit);
  const r = t % u;
  return Number(r < 0n ? r + u : r);
}

/** Days since the epoch and µs within that day (0 ≤ timeOfDay < 86 400 000 000). */
export function splitMicrosToDays(t: Micros): { days: number; timeOfDay: number } {
  const days = floorDivMicros(t, MICROS_PER_DAY);
  return {
    days,
    timeOfDay:
      typeof t === 'number' && days > -FAST_DAYS && days < FAST_DAYS
        ? t - days * MICROS_PER_DAY
        : floorModMicros(t, MICROS_PER_DAY),
  };
}

/** The nearest double (exact in the number range): for seconds as a double, offsets lookups and the like. */
export function microsToDouble(t: Micros): number {
  return typeof t === 'number' ? t : Number(t);
}

/** Whole seconds since the epoch (floor), exact. */
export function microsToSeconds(t: Micros): number {
  return floorDivMicros(t, 1_000_000);
}

/** Whole milliseconds since the epoch (floor), exact. */
export function microsToMillis(t: Micros): number {
  return floorDivMicros(t, 1000);
}

/** `seconds · 10^6 + micros` exactly (seconds may be beyond 2^53 / 10^6). */
export function microsFromSeconds(seconds: number, micros = 0): Micros {
  const m = seconds * 1_000_000 + micros;
  if (Number.isSafeInteger(m) && Math.abs(seconds) < 9_007_199_254) return m;
  return normMicros(BigInt(seconds) * 1_000_000n + BigInt(micros));
}

/** Compares two timestamps (number/bigint mixed). */
export function compareMicros(a: Micros, b: Micros): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** q · unit µs, exactly (an amount of some unit as µs). */
export function multiplyMicros(q: number, unit: number): Micros {
  const r = q * unit;
  if (Number.isSafeInteger(r)) return r;
  return normMicros(BigInt(q) * BigInt(unit));
}

/** trunc(t / unit) (rounds toward zero, like Java's long division), exact. */
export function truncDivMicros(t: Micros, unit: number): number {
  if (typeof t === 'number') {
    const q = Math.trunc(t / unit);
    const r = t - q * unit;
    if (t >= 0 ? r < 0 : r > 0) return q + (t >= 0 ? -1 : 1);
    if (Math.abs(r) >= unit) return q + (t >= 0 ? 1 : -1);
    return q;
  }
  return Number(t / BigInt(unit));
}
