/**
 * Conversions between the engine's numeric representations and doubles, as the JVM does them:
 * decimal → double correctly rounded (via its decimal string), double → integral types by
 * truncation with saturation (Scala's `toInt`/`toLong`), double → decimal through the double's
 * shortest decimal string rounded half-up (Spark's `Decimal(double)` then `changePrecision`).
 */
import type { DataType } from '../../../types/data-type.js';
import { divRoundHalfUp, pow10 } from './decimal-math.js';

export function decimalToDouble(unscaled: bigint, scale: number): number {
  if (scale === 0) return Number(unscaled);
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return Number(`${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

function truncSaturate(v: number, lo: number, hi: number): number {
  if (Number.isNaN(v)) return 0;
  return Math.max(lo, Math.min(hi, Math.trunc(v)));
}

/** Unscaled decimal at `scale` for the double `v`, rounding half-up; null if not finite. */
export function doubleToDecimal(v: number, scale: number): bigint | null {
  if (!Number.isFinite(v)) return null;
  const s = String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return null;
  const digits = BigInt(`${m[2]}${m[3] ?? ''}`);
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  let unscaled: bigint;
  const shift = exp + scale;
  if (shift >= 0) unscaled = digits * pow10(shift);
  else unscaled = divRoundHalfUp(digits, pow10(-shift));
  return m[1] === '-' ? -unscaled : unscaled;
}

/** A double converted back to the engine representation of `t` (percentile_approx results). */
export function doubleToType(v: number, t: DataType): unknown {
  switch (t.kind) {
    case 'byte':
      return (truncSaturate(v, -2147483648, 2147483647) << 24) >> 24;
    case 'short':
      return (truncSaturate(v, -2147483648, 2147483647) << 16) >> 16;
    case 'integer':
    case 'date':
      return truncSaturate(v, -2147483648, 2147483647);
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz': {
      if (Number.isNaN(v)) return 0;
      if (v >= 2 ** 63) return 9223372036854775807n;
      if (v <= -(2 ** 63)) return -9223372036854775808n;
      const x = Math.trunc(v);
      return Number.isSafeInteger(x) ? x : BigInt(x);
    }
    case 'float':
      return Math.fround(v);
    case 'decimal': {
      const u = doubleToDecimal(v, t.scale);
      if (u === null) return null;
      const limit = pow10(t.precision);
      return u < limit && u > -limit ? u : null;
    }
    default:
      return v;
  }
}
