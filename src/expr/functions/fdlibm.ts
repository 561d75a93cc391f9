/**
 * Ports of the fdlibm routines Java's StrictMath (and so Spark) uses where V8's Math differs in the
 * last bit: cbrt (fdlibm 5.3 as in JDK 17's FdLibm.Cbrt) and hypot (e_hypot.c).
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
