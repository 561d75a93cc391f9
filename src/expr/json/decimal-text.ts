/**
 * Exact decimal text → Spark decimal value (unscaled bigint at the type's scale), as Java's
 * `new BigDecimal(text)` followed by Spark's `Decimal.set(value, precision, scale)`: rounded
 * HALF_UP to the scale, null when the result needs more digits than the precision.
 */

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function decimalFromText(text: string, precision: number, scale: number): bigint | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return null;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  if (intPart === '' && frac === '') return null;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  const digits = (intPart + frac).replace(/^0+(?=\d)/, '');
  // value = digits × 10^(exp − frac.length); we want value × 10^scale
  const shift = exp - frac.length + scale;
  let unscaled: bigint;
  if (/^0*$/.test(digits)) {
    unscaled = 0n;
  } else if (shift >= 0) {
    if (digits.length + shift > precision) return null;
    unscaled = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const drop = -shift;
    if (drop > digits.length) {
      // |value| < 0.1 ulp of the scale: rounds to 0 unless exactly half (impossible past one digit)
      unscaled = 0n;
    } else {
      const kept = digits.slice(0, digits.length - drop);
      const first = digits.charCodeAt(digits.length - drop) - 48;
      unscaled = kept === '' ? 0n : BigInt(kept);
      if (first >= 5) unscaled += 1n;
    }
  }
  if (unscaled !== 0n && unscaled.toString().length > precision) return null;
  return m[1] === '-' ? -unscaled : unscaled;
}
