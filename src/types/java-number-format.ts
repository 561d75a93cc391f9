/**
 * Java's `Double.toString` / `Float.toString` (JDK 17, the runtime Spark's reference build uses) and
 * `BigDecimal.toString` / `toPlainString`, re-implemented from their documented behaviour.
 *
 * Why not JS `String(x)`: JS prints the shortest round-trip digits, while JDK 17's algorithm sometimes
 * prints more (integers above 2^53 keep their exact leading digits: `1.34265205994633856E18`; some
 * large/small values get a 17th digit: `9.999999999999999E22` for 1e23), and the layout differs
 * (`1.0E10`, `1.0E-5`, `0.001`). Values Spark prints must match byte for byte, so this follows the
 * JDK's digit generation: an exact-integer fast path, then a Steele–White style generator with a
 * symmetric stopping test whose strictness depends on the arithmetic width used.
 *
 * Invariant: pure functions of the IEEE bits; no allocation of BigInt on the integer fast path for
 * values below 2^53.
 */

const N_5_BITS: number[] = [];
const POW5: bigint[] = [];
for (let i = 0, p = 1n; i < 28; i++, p *= 5n) {
  POW5.push(p);
  N_5_BITS.push(p === 1n ? 0 : p.toString(2).length);
}

function pow5(n: number): bigint {
  if (n < POW5.length) return POW5[n]!;
  return 5n ** BigInt(n);
}

const LOG10_2 = Math.log10(2);

/** Digits (no leading/trailing zeros beyond what Java keeps) and the decimal exponent: value = 0.d1d2… × 10^decExponent. */
interface JavaDigits {
  digits: number[];
  decExponent: number;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const u32f = new Uint32Array(f32.buffer);

function developLongDigits(lvalue: bigint, insignificant: number): JavaDigits {
  let decExponent = 0;
  if (insignificant !== 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = lvalue % pow10;
    lvalue /= pow10;
    decExponent += insignificant;
    if (residue >= pow10 >> 1n) lvalue++;
  }
  let s = lvalue.toString();
  let end = s.length;
  while (end > 1 && s.charCodeAt(end - 1) === 48) end--;
  decExponent += s.length - end;
  s = s.slice(0, end);
  const digits = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) digits[i] = s.charCodeAt(i) - 48;
  return { digits, decExponent: decExponent + s.length };
}

function estimateDecExp(fractBits: number, binExp: number): number {
  const d2 = fractBits / 2 ** 52;
  const d = (d2 - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return Math.floor(d);
}

function roundup(r: JavaDigits): void {
  const digits = r.digits;
  let i = digits.length - 1;
  let q = digits[i]!;
  if (q === 9) {
    while (q === 9 && i > 0) {
      digits[i] = 0;
      q = digits[--i]!;
    }
    if (q === 9) {
      r.decExponent += 1;
      digits[0] = 1;
      return;
    }
  }
  digits[i] = q + 1;
}

/** The JDK 17 `FloatingDecimal.dtoa` digit generation for a positive finite value. */
function dtoa(binExp: number, fractBits: number, nSignificantBits: number): JavaDigits {
  let tailZeros = 0;
  while (fractBits % 2 ** (tailZeros + 1) === 0) tailZeros++;
  const nFractBits = 53 - tailZeros;
  const nTinyBits = Math.max(0, nFractBits - binExp - 1);
  if (binExp <= 62 && binExp >= -21 && nTinyBits === 0) {
    // An integer: its exact decimal digits, minus the ones below the type's precision.
    const p2 = binExp - nSignificantBits - 1;
    const insignificant = binExp > nSignificantBits && p2 > 1 && p2 < 64 ? Math.floor(p2 * LOG10_2) : 0;
    const lvalue =
      binExp >= 52 ? BigInt(fractBits) << BigInt(binExp - 52) : BigInt(fractBits / 2 ** (52 - binExp));
    return developLongDigits(lvalue, insignificant);
  }
  let decExp = estimateDecExp(fractBits, binExp);
  const B5 = Math.max(0, -decExp);
  let B2 = B5 + nTinyBits + binExp;
  const S5 = Math.max(0, decExp);
  let S2 = S5 + nTinyBits;
  const M5 = B5;
  let M2 = B2 - nSignificantBits;
  const fb = BigInt(fractBits / 2 ** tailZeros);
  B2 -= nFractBits - 1;
  const common = Math.min(B2, S2);
  B2 -= common;
  S2 -= common;
  M2 -= common;
  if (nFractBits === 1) M2 -= 1;
  if (M2 < 0) {
    B2 -= M2;
    S2 -= M2;
    M2 = 0;
  }
  const bBits = nFractBits + B2 + (B5 < N_5_BITS.length ? N_5_BITS[B5]! : B5 * 3);
  const tenSBits = S2 + 1 + (S5 + 1 < N_5_BITS.length ? N_5_BITS[S5 + 1]! : (S5 + 1) * 3);
  const digits: number[] = [];
  let low: boolean;
  let high: boolean;
  let lowDigitDifference: number;
  let b = (fb * pow5(B5)) << BigInt(B2);
  const s = pow5(S5) << BigInt(S2);
  let m = pow5(M5) << BigInt(M2);
  const tens = s * 10n;
  const sciForm = () => decExp < -3 || decExp >= 8;
  if (bBits < 64 && tenSBits < 64) {
    // The JDK does this in int or long arithmetic: overflow of the margin is part of its behaviour.
    const width = bBits < 32 && tenSBits < 32 ? 32 : 64;
    const wrap = (x: bigint) => BigInt.asIntN(width, x);
    let q = Number(b / s);
    b = wrap(10n * (b % s));
    m = wrap(m * 10n);
    low = b < m;
    high = wrap(b + m) > tens;
    if (q === 0 && !high) decExp--;
    else digits.push(q);
    if (sciForm()) high = low = false;
    while (!low && !high) {
      q = Number(b / s);
      b = wrap(10n * (b % s));
      m = wrap(m * 10n);
      if (m > 0n) {
        low = b < m;
        high = wrap(b + m) > tens;
      } else {
        low = true;
        high = true;
      }
      digits.push(q);
    }
    const diff = wrap((b << 1n) - tens);
    lowDigitDifference = diff === 0n ? 0 : diff > 0n ? 1 : -1;
  } else {
    m *= 10n;
    let q = Number(b / s);
    b = (b % s) * 10n;
    low = b < m;
    high = tens <= b + m;
    if (q === 0 && !high) decExp--;
    else digits.push(q);
    if (sciForm()) high = low = false;
    while (!low && !high) {
      q = Number(b / s);
      b = (b % s) * 10n;
      m *= 10n;
      low = b < m;
      high = tens <= b + m;
      digits.push(q);
    }
    if (high && low) {
      const c = (b << 1n) - tens;
      lowDigitDifference = c === 0n ? 0 : c > 0n ? 1 : -1;
    } else {
      lowDigitDifference = 0;
    }
  }
  const r: JavaDigits = { digits, decExponent: decExp + 1 };
  if (high) {
    if (low) {
      if (lowDigitDifference === 0) {
        if ((digits[digits.length - 1]! & 1) !== 0) roundup(r);
      } else if (lowDigitDifference > 0) {
        roundup(r);
      }
    } else {
      roundup(r);
    }
  }
  return r;
}

/** Java's layout: plain for 1e-3 <= |x| < 1e7, `d.dddE±n` otherwise, always a digit after the point. */
function layout(neg: boolean, r: JavaDigits): string {
  return layoutText(neg, r.digits.join(''), r.decExponent);
}

function layoutText(neg: boolean, d: string, decExponent: number): string {
  const n = d.length;
  const sign = neg ? '-' : '';
  if (decExponent > 0 && decExponent < 8) {
    if (n <= decExponent) return `${sign}${d}${'0'.repeat(decExponent - n)}.0`;
    return `${sign}${d.slice(0, decExponent)}.${d.slice(decExponent)}`;
  }
  if (decExponent <= 0 && decExponent > -3) return `${sign}0.${'0'.repeat(-decExponent)}${d}`;
  return `${sign}${d[0]}.${n > 1 ? d.slice(1) : '0'}E${decExponent - 1}`;
}

/** Java layout of JS's shortest digits when they are at most 15, else undefined. */
function shortDigits(v: number): string | undefined {
  const text = String(v);
  const neg = v < 0;
  let body = neg ? text.slice(1) : text;
  let exp10 = 0;
  const e = body.indexOf('e');
  if (e >= 0) {
    exp10 = Number(body.slice(e + 1));
    body = body.slice(0, e);
  }
  const dot = body.indexOf('.');
  const intLen = dot < 0 ? body.length : dot;
  const all = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  let lead = 0;
  while (lead < all.length - 1 && all.charCodeAt(lead) === 48) lead++;
  let end = all.length;
  while (end > lead + 1 && all.charCodeAt(end - 1) === 48) end--;
  if (end - lead > 15) return undefined;
  return layoutText(neg, all.slice(lead, end), intLen - lead + exp10);
}

/** `Double.toString(v)` as printed by Java 17: `1.0`, `1.0E10`, `1.0E-5`, `NaN`, `-Infinity`, `-0.0`. */
export function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  // Small integers: the exact fast path gives the plain digits.
  if (Number.isInteger(v) && v > -1e7 && v < 1e7) return `${v}.0`;
  // Below 2^53, when the shortest round-trip digits number 15 or fewer, the JDK's generator stops
  // at the same digits (checked against Java 17 on millions of values); only longer ones need it.
  const abs = v < 0 ? -v : v;
  if (abs < 9007199254740992 && abs >= 2.2250738585072014e-308) {
    const fast = shortDigits(v);
    if (fast !== undefined) return fast;
  }
  f64[0] = v;
  const hi = u32[1]!;
  const lo = u32[0]!;
  const neg = hi >>> 31 === 1;
  let binExp = (hi >>> 20) & 0x7ff;
  let fractBits = (hi & 0xfffff) * 2 ** 32 + lo;
  let nSignificantBits: number;
  if (binExp === 0) {
    // Subnormal: normalise so the hidden bit is set.
    let shift = 0;
    while (fractBits < 2 ** 52) {
      fractBits *= 2;
      shift++;
    }
    binExp = 1 - shift;
    nSignificantBits = 53 - shift;
  } else {
    fractBits += 2 ** 52;
    nSignificantBits = 53;
  }
  return layout(neg, dtoa(binExp - 1023, fractBits, nSignificantBits));
}

/** `Float.toString(v)` (Java 17) of a value already rounded to float precision. */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  if (Number.isInteger(v) && v > -1e7 && v < 1e7) return `${v}.0`;
  f32[0] = v;
  const bits = u32f[0]!;
  const neg = bits >>> 31 === 1;
  let binExp = (bits >>> 23) & 0xff;
  let fractBits = bits & 0x7fffff;
  let nSignificantBits: number;
  if (binExp === 0) {
    let shift = 0;
    while (fractBits < 2 ** 23) {
      fractBits *= 2;
      shift++;
    }
    binExp = 1 - shift;
    nSignificantBits = 24 - shift;
  } else {
    fractBits += 2 ** 23;
    nSignificantBits = 24;
  }
  return layout(neg, dtoa(binExp - 127, fractBits * 2 ** 29, nSignificantBits));
}

/**
 * Java's `BigDecimal.toString()` (scientific notation when the adjusted exponent is below -6, e.g.
 * `0E-18`, `1.00000000000E-7`) or, with `plain`, `toPlainString()`.
 */
export function formatDecimal(unscaled: bigint, scale: number, plain = false): string {
  const neg = unscaled < 0n;
  const coeff = (neg ? -unscaled : unscaled).toString();
  const sign = neg ? '-' : '';
  const adjusted = -scale + (coeff.length - 1);
  if (plain || (scale >= 0 && adjusted >= -6)) {
    if (scale <= 0) return sign + coeff + '0'.repeat(-scale);
    if (coeff.length > scale)
      return `${sign}${coeff.slice(0, coeff.length - scale)}.${coeff.slice(coeff.length - scale)}`;
    return `${sign}0.${'0'.repeat(scale - coeff.length)}${coeff}`;
  }
  const mant = coeff.length > 1 ? `${coeff[0]}.${coeff.slice(1)}` : coeff;
  return `${sign}${mant}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}
