/**
 * Ports of the fdlibm routines Java's StrictMath (and so Spark) uses where V8's Math differs in the
 * last bit: cbrt (fdlibm 5.3 as in JDK 17's FdLibm.Cbrt), hypot (e_hypot.c), exp (e_exp.c; V8
 * returns Math.E for exp(1), Java 2.7182818284590455) and cosh (e_cosh.c, built on that exp).
 *
 * Invariant: bit-for-bit the JDK's results; the word access helpers mirror fdlibm's __HI/__LO.
 */

const buf = new Float64Array(1);
const words = new Uint32Array(buf.buffer);

function hi(x: number): number {
  buf[0] = x;
  return words[1]! | 0;
}
function lo(x: number): number {
  buf[0] = x;
  return words[0]! | 0;
}
function withHi(x: number, h: number): number {
  buf[0] = x;
  words[1] = h >>> 0;
  return buf[0];
}
function withLo(x: number, l: number): number {
  buf[0] = x;
  words[0] = l >>> 0;
  return buf[0];
}

/** A double from a hex-float literal's parts: 0x1.<frac>p<exp>. */
function hexFloat(mantissaHex: string, exp: number): number {
  return Number(BigInt(`0x${mantissaHex}`)) * 2 ** (exp - 4 * (mantissaHex.length - 1));
}

const B1 = 715094163;
const B2 = 696219795;
const C = hexFloat('115f15f15f15f1', -1);
const D = -hexFloat('1691de2532c834', -1);
const E = hexFloat('16a0ea0ea0ea0f', 0);
const F = hexFloat('19b6db6db6db6e', 0);
const G = hexFloat('16db6db6db6db7', -2);
const TWO54 = 2 ** 54;

/** `StrictMath.cbrt`. */
export function cbrt(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  x = Math.abs(x);
  let t = 0;
  if (x < 2 ** -1022) {
    t = TWO54 * x;
    t = withHi(t, Math.trunc(hi(t) / 3) + B2);
  } else {
    t = withHi(0, Math.trunc(hi(x) / 3) + B1);
  }
  let r = (t * t) / x;
  let s = C + r * t;
  t *= G + F / (s + E + D / s);
  t = withLo(t, 0);
  t = withHi(t, hi(t) + 1);
  s = t * t;
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r);
  t = t + t * r;
  return sign * t;
}

/** `StrictMath.hypot`: sqrt(x² + y²) without undue overflow, correctly handling Inf/NaN. */
export function hypot(x: number, y: number): number {
  let ha = hi(x) & 0x7fffffff;
  let hb = hi(y) & 0x7fffffff;
  let a: number;
  let b: number;
  if (hb > ha) {
    a = y;
    b = x;
    const j = ha;
    ha = hb;
    hb = j;
  } else {
    a = x;
    b = y;
  }
  a = withHi(a, ha);
  b = withHi(b, hb);
  if (ha - hb > 0x3c00000) return a + b;
  let k = 0;
  if (ha > 0x5f300000) {
    if (ha >= 0x7ff00000) {
      let w = a + b;
      if (((ha & 0xfffff) | lo(a)) === 0) w = a;
      if (((hb ^ 0x7ff00000) | lo(b)) === 0) w = b;
      return w;
    }
    ha -= 0x25800000;
    hb -= 0x25800000;
    k += 600;
    a = withHi(a, ha);
    b = withHi(b, hb);
  }
  if (hb < 0x20b00000) {
    if (hb <= 0x000fffff) {
      if ((hb | lo(b)) === 0) return a;
      const t1 = withHi(0, 0x7fd00000);
      b *= t1;
      a *= t1;
      k -= 1022;
    } else {
      ha += 0x25800000;
      hb += 0x25800000;
      k -= 600;
      a = withHi(a, ha);
      b = withHi(b, hb);
    }
  }
  let w = a - b;
  if (w > b) {
    const t1 = withHi(0, ha);
    const t2 = a - t1;
    w = Math.sqrt(t1 * t1 - (b * -b - t2 * (a + t1)));
  } else {
    a = a + a;
    const y1 = withHi(0, hb);
    const y2 = b - y1;
    const t1 = withHi(0, ha + 0x00100000);
    const t2 = a - t1;
    w = Math.sqrt(t1 * y1 - (w * -w - (t1 * y2 + t2 * b)));
  }
  if (k !== 0) return withHi(1, hi(1) + (k << 20)) * w;
  return w;
}

/** A double from its IEEE words, as fdlibm spells its constants. */
function fromWords(h: number, l: number): number {
  return withLo(withHi(0, h), l);
}

const EXP_HALF = [0.5, -0.5];
const LN2_HI0 = fromWords(0x3fe62e42, 0xfee00000);
const LN2_LO0 = fromWords(0x3dea39ef, 0x35793c76);
const LN2_HI = [LN2_HI0, -LN2_HI0];
const LN2_LO = [LN2_LO0, -LN2_LO0];
const INV_LN2 = fromWords(0x3ff71547, 0x652b82fe);
const P1 = fromWords(0x3fc55555, 0x5555553e);
const P2 = fromWords(0xbf66c16c, 0x16bebd93);
const P3 = fromWords(0x3f11566a, 0xaf25de2c);
const P4 = fromWords(0xbebbbd41, 0xc5d26bf1);
const P5 = fromWords(0x3e663769, 0x72bea4d0);
const O_THRESHOLD = fromWords(0x40862e42, 0xfefa39ef);
const U_THRESHOLD = fromWords(0xc0874910, 0xd52d3051);
const TWOM1000 = 2 ** -1000;

/** `StrictMath.exp` (fdlibm e_exp.c). */
export function exp(x: number): number {
  let hx = hi(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  let hiPart = 0;
  let loPart = 0;
  let k = 0;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lo(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return Number.POSITIVE_INFINITY;
    if (x < U_THRESHOLD) return 0;
  }
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hiPart = x - LN2_HI[xsb]!;
      loPart = LN2_LO[xsb]!;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + EXP_HALF[xsb]!);
      const t = k;
      hiPart = x - t * LN2_HI[0]!;
      loPart = t * LN2_LO[0]!;
    }
    x = hiPart - loPart;
  } else if (hx < 0x3e300000) {
    if (1e300 + x > 1) return 1 + x;
  } else k = 0;
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (loPart - (x * c) / (2 - c) - hiPart);
  if (k >= -1021) return withHi(y, hi(y) + (k << 20));
  return withHi(y, hi(y) + ((k + 1000) << 20)) * TWOM1000;
}

/** `StrictMath.cosh` (fdlibm e_cosh.c, on top of fdlibm's exp). */
export function cosh(x: number): number {
  const ix = hi(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x;
  const ax = Math.abs(x);
  if (ix < 0x3fd62e43) {
    const t = Math.expm1(ax);
    const w = 1 + t;
    if (ix < 0x3c800000) return w;
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    const t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(ax);
  if (ix < 0x408633ce || (ix === 0x408633ce && lo(x) >>> 0 <= 0x8fb9f87d)) {
    const w = exp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  return Number.POSITIVE_INFINITY;
}
