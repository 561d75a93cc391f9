/**
 * Numeric building blocks of Spark's Cast: integer wrapping (legacy) and range checks (ANSI),
 * Java's saturating double→long, decimal rescaling with HALF_UP rounding, and the string parsers
 * Spark uses for numbers (`UTF8String.toLong`, `Double.parseDouble`, `BigDecimal(String)`).
 *
 * Invariants: longs come back normalised (number when safe, bigint otherwise); decimals are
 * `{unscaled, scale}` pairs of exact BigInts; parsers return null for malformed text.
 */

/** 2^63 as a double: the saturation bound Java compares doubles against for longs. */
export const TWO_POW_63 = 2 ** 63;
export const LONG_MAX = 9223372036854775807n;
export const LONG_MIN = -9223372036854775808n;

/** A long as the engine stores it: number when safe, bigint otherwise. */
export function normLong(b: bigint): number | bigint {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

export function toBigInt(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

export const INTEGRAL_BITS: Readonly<Record<string, number>> = { byte: 8, short: 16, integer: 32, long: 64 };

/** Two's-complement wrap of an integer value to `bits` (legacy integral narrowing). */
export function wrapIntegral(v: number | bigint, bits: number): number | bigint {
  if (typeof v === 'number') {
    if (bits === 32) return v | 0;
    if (bits === 16) return (v << 16) >> 16;
    if (bits === 8) return (v << 24) >> 24;
    return v;
  }
  if (bits === 64) return normLong(BigInt.asIntN(64, v));
  return Number(BigInt.asIntN(bits, v));
}

export function integralFits(v: number | bigint, bits: number): boolean {
  if (bits === 64) return typeof v === 'number' || (v >= LONG_MIN && v <= LONG_MAX);
  const lim = 2 ** (bits - 1);
  return typeof v === 'number' ? v >= -lim && v < lim : v >= BigInt(-lim) && v < BigInt(lim);
}

/** Java's `(long) d` / `(int) d`: truncation, NaN → 0, saturation at the type's bounds. */
export function doubleToIntegralSaturating(d: number, bits: 32 | 64): number | bigint {
  if (Number.isNaN(d)) return 0;
  const t = Math.trunc(d);
  if (bits === 32) return Math.min(Math.max(t, -2147483648), 2147483647);
  if (t >= TWO_POW_63) return LONG_MAX;
  if (t <= -TWO_POW_63) return LONG_MIN;
  return Number.isSafeInteger(t) ? t : BigInt(t);
}

/** Correctly rounded long → float (a single rounding, as Java's `(float) long`). */
export function bigintToFloat(b: bigint): number {
  const neg = b < 0n;
  let m = neg ? -b : b;
  const bitLen = m.toString(2).length;
  if (bitLen <= 24) return Math.fround(Number(neg ? -m : m));
  const shift = BigInt(bitLen - 24);
  const rem = m & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  m >>= shift;
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  const r = Number(m) * 2 ** Number(shift);
  return Math.fround(neg ? -r : r);
}

// ---------------------------------------------------------------------------------------------
// Decimals

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 80; i++, p *= 10n) POW10.push(p);

export function pow10(n: number): bigint {
  return n < POW10.length ? POW10[n]! : 10n ** BigInt(n);
}

/** Rescales with HALF_UP rounding (`BigDecimal.setScale(s, HALF_UP)`). */
export function rescale(unscaled: bigint, fromScale: number, toScale: number): bigint {
  if (toScale === fromScale) return unscaled;
  if (toScale > fromScale) return unscaled * pow10(toScale - fromScale);
  const div = pow10(fromScale - toScale);
  const q = unscaled / div;
  const r = unscaled % div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= div) return unscaled < 0n ? q - 1n : q + 1n;
  return q;
}

/** Whether an unscaled value fits `precision` digits. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  const lim = pow10(precision);
  return unscaled < lim && unscaled > -lim;
}

export interface DecimalParts {
  unscaled: bigint;
  scale: number;
}

/** Java `new BigDecimal(String)` grammar: `[+-]digits[.digits][e[+-]digits]`, also `.5` and `1.`. */
export function parseBigDecimal(s: string): DecimalParts | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return null;
  const intPart = m[2]!;
  const fracPart = m[3] ?? '';
  if (intPart.length === 0 && fracPart.length === 0) return null;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isFinite(exp) || Math.abs(exp) > 1e9) return null;
  let unscaled = BigInt(intPart + fracPart || '0');
  if (m[1] === '-') unscaled = -unscaled;
  return { unscaled, scale: fracPart.length - exp };
}

/** Number of significant digits (Java `BigDecimal.precision`). */
export function decimalPrecision(unscaled: bigint): number {
  return unscaled === 0n ? 1 : (unscaled < 0n ? -unscaled : unscaled).toString().length;
}

// ---------------------------------------------------------------------------------------------
// String → number parsers

function isTrimmable(c: number): boolean {
  return c <= 0x20 || c === 0x7f;
}

/** Spark's `UTF8String.trimAll`: ASCII whitespace and control characters at both ends. */
export function trimAll(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isTrimmable(s.charCodeAt(a))) a++;
  while (b > a && isTrimmable(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * Spark's `UTF8String.toLong`: optional sign, decimal digits, and (when `allowFraction`, the
 * legacy cast) a `.digits` tail that is dropped. Returns null on malformed text or overflow.
 */
export function parseIntegral(s: string, allowFraction: boolean, bits: number): number | bigint | null {
  const t = trimAll(s);
  const n = t.length;
  if (n === 0) return null;
  let i = 0;
  const c0 = t.charCodeAt(0);
  const neg = c0 === 45;
  if (neg || c0 === 43) {
    i = 1;
    if (n === 1) return null;
  }
  const start = i;
  // up to 15 digits are exact as a double: accumulate them while scanning (no substring)
  let small = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) break;
    small = small * 10 + (c - 48);
    i++;
  }
  const intEnd = i;
  if (i < n) {
    if (!allowFraction || t.charCodeAt(i) !== 46) return null;
    for (i++; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) return null;
    }
  }
  if (intEnd === start) return 0;
  if (intEnd - start <= 15) {
    const r = neg ? -small : small;
    if (bits < 64 && !integralFits(r, bits === 8 || bits === 16 ? 32 : bits)) return null;
    return r === 0 ? 0 : r;
  }
  let b = BigInt(t.slice(start, intEnd));
  if (neg) b = -b;
  const limBits = bits === 8 || bits === 16 ? 32 : bits;
  if (b < -(1n << BigInt(limBits - 1)) || b >= 1n << BigInt(limBits - 1)) return null;
  return limBits === 64 ? normLong(b) : Number(b);
}

const JAVA_FLOAT_RE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const JAVA_HEX_FLOAT_RE = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

/** Spark's string → double: special literals (`inf`, `-infinity`, `nan`, any case), then `Double.parseDouble`. */
export function parseDouble(s: string): number | null {
  const t = trimAll(s);
  switch (t.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    case 'nan':
      return Number.NaN;
  }
  if (JAVA_FLOAT_RE.test(t)) {
    const last = t.charCodeAt(t.length - 1);
    const body = (last | 0x20) === 0x66 || (last | 0x20) === 0x64 ? t.slice(0, -1) : t;
    return Number(body);
  }
  const h = JAVA_HEX_FLOAT_RE.exec(t);
  if (h && (h[2]!.length > 0 || (h[3] ?? '').length > 0)) {
    const mant = Number.parseInt(h[2]! + (h[3] ?? '') || '0', 16) / 16 ** (h[3] ?? '').length;
    const v = mant * 2 ** Number(h[4]);
    return h[1] === '-' ? -v : v;
  }
  return null;
}

/** Double → decimal the way Spark's `Decimal(double)` does: via Java's `Double.toString` digits. */
export function doubleToDecimalParts(d: number, javaString: string): DecimalParts | null {
  if (!Number.isFinite(d)) return null;
  return parseBigDecimal(javaString);
}
