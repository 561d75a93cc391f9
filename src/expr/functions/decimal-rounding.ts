/**
 * Exact decimal views of doubles and `java.math.BigDecimal`-style rounding, shared by round/bround,
 * floor/ceil with a scale, format_number and format_string.
 *
 * Two views of a double, because Spark uses both: the digits of Java's `Double.toString` (what
 * `BigDecimal(d.toString)` sees — round() and Java's Formatter round these, so `round(2.675, 2)`
 * is 2.68) and the exact binary value (what `java.text.DecimalFormat` rounds, so
 * `format_number(1.005, 2)` is `1.00`).
 *
 * Invariant: a decimal is `{ unscaled, scale }` meaning unscaled × 10^-scale; scale may be negative.
 */
import { formatDouble } from '../../types/java-number-format.js';

export interface Dec {
  readonly unscaled: bigint;
  readonly scale: number;
}

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'HALF_DOWN' | 'FLOOR' | 'CEILING' | 'UP' | 'DOWN';

const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 0) throw new Error(`internal error: pow10(${n})`);
  if (n < 400) {
    let p = POW10[n];
    if (p === undefined) {
      p = 10n ** BigInt(n);
      POW10[n] = p;
    }
    return p;
  }
  return 10n ** BigInt(n);
}

/** The decimal printed by Java's `Double.toString` for a finite double. */
export function javaDecimalOfDouble(x: number): Dec {
  return parseDecimal(formatDouble(x));
}

/** A decimal literal (`-1.5`, `1.0E-5`, `12`) as unscaled/scale. */
export function parseDecimal(text: string): Dec {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new Error(`internal error: not a decimal: ${text}`);
  const frac = m[3] ?? '';
  const unscaled = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return { unscaled, scale: frac.length - Number(m[4] ?? 0) };
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** The exact value of a finite double as a decimal (every binary fraction has a finite expansion). */
export function exactDecimalOfDouble(x: number): Dec {
  if (x === 0) return { unscaled: 0n, scale: 0 };
  f64[0] = x;
  const hi = u32[1]!;
  const lo = u32[0]!;
  const neg = hi >>> 31 === 1;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (exp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = exp - 1075;
  }
  if (neg) mant = -mant;
  if (e2 >= 0) return { unscaled: mant << BigInt(e2), scale: 0 };
  // m / 2^k = m·5^k / 10^k
  const k = -e2;
  return { unscaled: mant * 5n ** BigInt(k), scale: k };
}

/** Rescales `d` to `newScale` with the given rounding (exact when scaling up). */
export function setScale(d: Dec, newScale: number, mode: RoundingMode): bigint {
  const diff = d.scale - newScale;
  if (diff <= 0) return d.unscaled * pow10(-diff);
  return divideRounded(d.unscaled, pow10(diff), mode);
}

/** `n / m` (m > 0) rounded with `mode`. */
export function divideRounded(n: bigint, m: bigint, mode: RoundingMode): bigint {
  const q = n / m;
  const r = n % m;
  if (r === 0n) return q;
  const neg = n < 0n;
  const awayFromZero = neg ? q - 1n : q + 1n;
  switch (mode) {
    case 'DOWN':
      return q;
    case 'UP':
      return awayFromZero;
    case 'FLOOR':
      return neg ? q - 1n : q;
    case 'CEILING':
      return neg ? q : q + 1n;
    default: {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > m) return awayFromZero;
      if (twice < m) return q;
      if (mode === 'HALF_UP') return awayFromZero;
      if (mode === 'HALF_DOWN') return q;
      return (q & 1n) === 0n ? q : awayFromZero;
    }
  }
}

/** Plain (non-scientific) text of a decimal, e.g. `-0.050`, `1200`. */
export function plainString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale <= 0) return (neg ? '-' : '') + digits + (unscaled === 0n ? '' : '0'.repeat(-scale));
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/** Number of decimal digits of |v| (1 for 0). */
export function digitCount(v: bigint): number {
  return (v < 0n ? -v : v).toString().length;
}
