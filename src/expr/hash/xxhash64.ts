/**
 * xxHash64 as Spark implements it (`XXH64`): `hashInt` (4 bytes), `hashLong` (8 bytes) and
 * `hashUnsafeBytes` (the reference algorithm over a byte range).
 *
 * JS has no 64-bit integer that is fast, so values are pairs of unsigned 32-bit halves and the
 * arithmetic is done on 16-bit limbs; nothing allocates. The seed and the result travel through
 * `xxState` ([lo, hi]): set it to the seed, call a hash function, read the result from it. That
 * makes Spark's chaining (the result of one value is the seed of the next) a sequence of calls.
 */

/** [lo, hi] of the current seed / last result. */
export const xxState = new Uint32Array(2);

const P1H = 0x9e3779b1;
const P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d;
const P2L = 0x27d4eb4f;
const P3H = 0x165667b1;
const P3L = 0x9e3779f9;
const P4H = 0x85ebca77;
const P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f;
const P5L = 0x165667c5;
const NEG_P1H = 0x61c8864e;
const NEG_P1L = 0x7a143579;

// Result registers of the helpers below.
let H = 0;
let L = 0;

/** (ah:al) * (bh:bl) mod 2^64 → H:L. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const a2 = ah & 0xffff;
  const a3 = ah >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const b2 = bh & 0xffff;
  const b3 = bh >>> 16;
  let c00 = a0 * b0;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a1 * b0;
  let c32 = c16 >>> 16;
  c16 &= 0xffff;
  c16 += a0 * b1;
  c32 += c16 >>> 16;
  c16 &= 0xffff;
  c32 += a2 * b0;
  let c48 = c32 >>> 16;
  c32 &= 0xffff;
  c32 += a1 * b1;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c32 += a0 * b2;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c48 += a3 * b0 + a2 * b1 + a1 * b2 + a0 * b3;
  c48 &= 0xffff;
  L = ((c16 << 16) | c00) >>> 0;
  H = ((c48 << 16) | c32) >>> 0;
}

/** (ah:al) + (bh:bl) mod 2^64 → H:L. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const lo = al + bl;
  L = lo >>> 0;
  H = (ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0;
}

/** rotate-left of h:l by 0 < r < 32 → H:L. */
function rotl(h: number, l: number, r: number): void {
  H = ((h << r) | (l >>> (32 - r))) >>> 0;
  L = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** Final avalanche of h:l → H:L. */
function fmix(h: number, l: number): void {
  l = (l ^ (h >>> 1)) >>> 0;
  mul(h, l, P2H, P2L);
  h = H;
  l = (L ^ ((L >>> 29) | (H << 3))) >>> 0;
  h = (h ^ (h >>> 29)) >>> 0;
  mul(h, l, P3H, P3L);
  L = (L ^ H) >>> 0;
}

/** round(acc, input): acc += input * P2; acc = rotl(acc, 31); acc *= P1. */
function round(ah: number, al: number, ih: number, il: number): void {
  mul(ih, il, P2H, P2L);
  add(ah, al, H, L);
  rotl(H, L, 31);
  mul(H, L, P1H, P1L);
}

/** Spark's `XXH64.hashInt(i, seed)` with the seed in `xxState`; result to `xxState`. */
export function xxhashInt(i: number): void {
  add(xxState[1]!, xxState[0]!, P5H, P5L);
  add(H, L, 0, 4);
  const hh = H;
  const hl = L;
  mul(0, i >>> 0, P1H, P1L);
  rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 23);
  mul(H, L, P2H, P2L);
  add(H, L, P3H, P3L);
  fmix(H, L);
  xxState[0] = L;
  xxState[1] = H;
}

/** Spark's `XXH64.hashLong` of the 64-bit value hi:lo, seed in `xxState`; result to `xxState`. */
export function xxhashLongBits(lo: number, hi: number): void {
  add(xxState[1]!, xxState[0]!, P5H, P5L);
  add(H, L, 0, 8);
  const hh = H;
  const hl = L;
  mul(hi >>> 0, lo >>> 0, P2H, P2L);
  rotl(H, L, 31);
  mul(H, L, P1H, P1L);
  rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 27);
  mul(H, L, P1H, P1L);
  add(H, L, P4H, P4L);
  fmix(H, L);
  xxState[0] = L;
  xxState[1] = H;
}

/** acc ^= round(0, v); acc = acc * P1 + P4 → H:L. */
function mergeRound(ah: number, al: number, vh: number, vl: number): void {
  round(0, 0, vh, vl);
  mul((ah ^ H) >>> 0, (al ^ L) >>> 0, P1H, P1L);
  add(H, L, P4H, P4L);
}

function readU32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** Spark's `XXH64.hashUnsafeBytes` over `bytes[offset, offset + length)`, seed in `xxState`. */
export function xxhashBytes(bytes: Uint8Array, offset: number, length: number): void {
  const seedH = xxState[1]!;
  const seedL = xxState[0]!;
  const end = offset + length;
  let o = offset;
  let hh: number;
  let hl: number;
  if (length >= 32) {
    add(seedH, seedL, P1H, P1L);
    add(H, L, P2H, P2L);
    let v1h = H;
    let v1l = L;
    add(seedH, seedL, P2H, P2L);
    let v2h = H;
    let v2l = L;
    let v3h = seedH;
    let v3l = seedL;
    // seed - P1 == seed + (2^64 - P1)
    add(seedH, seedL, NEG_P1H, NEG_P1L);
    let v4h = H;
    let v4l = L;
    const limit = end - 32;
    do {
      round(v1h, v1l, readU32(bytes, o + 4), readU32(bytes, o));
      v1h = H;
      v1l = L;
      round(v2h, v2l, readU32(bytes, o + 12), readU32(bytes, o + 8));
      v2h = H;
      v2l = L;
      round(v3h, v3l, readU32(bytes, o + 20), readU32(bytes, o + 16));
      v3h = H;
      v3l = L;
      round(v4h, v4l, readU32(bytes, o + 28), readU32(bytes, o + 24));
      v4h = H;
      v4l = L;
      o += 32;
    } while (o <= limit);
    rotl(v1h, v1l, 1);
    let sh = H;
    let sl = L;
    rotl(v2h, v2l, 7);
    add(sh, sl, H, L);
    sh = H;
    sl = L;
    rotl(v3h, v3l, 12);
    add(sh, sl, H, L);
    sh = H;
    sl = L;
    rotl(v4h, v4l, 18);
    add(sh, sl, H, L);
    mergeRound(H, L, v1h, v1l);
    mergeRound(H, L, v2h, v2l);
    mergeRound(H, L, v3h, v3l);
    mergeRound(H, L, v4h, v4l);
    hh = H;
    hl = L;
  } else {
    add(seedH, seedL, P5H, P5L);
    hh = H;
    hl = L;
  }
  add(hh, hl, 0, length >>> 0);
  hh = H;
  hl = L;
  while (o <= end - 8) {
    round(0, 0, readU32(bytes, o + 4), readU32(bytes, o));
    rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 27);
    mul(H, L, P1H, P1L);
    add(H, L, P4H, P4L);
    hh = H;
    hl = L;
    o += 8;
  }
  if (o + 4 <= end) {
    mul(0, readU32(bytes, o), P1H, P1L);
    rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 23);
    mul(H, L, P2H, P2L);
    add(H, L, P3H, P3L);
    hh = H;
    hl = L;
    o += 4;
  }
  while (o < end) {
    mul(0, bytes[o]!, P5H, P5L);
    rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 11);
    mul(H, L, P1H, P1L);
    hh = H;
    hl = L;
    o++;
  }
  fmix(hh, hl);
  xxState[0] = L;
  xxState[1] = H;
}

/** Sets `xxState` to a seed given as a JS number (a safe integer) or bigint. */
export function setXxSeed(seed: number | bigint): void {
  if (typeof seed === 'bigint') {
    xxState[0] = Number(BigInt.asUintN(32, seed));
    xxState[1] = Number(BigInt.asUintN(32, seed >> 32n));
  } else {
    xxState[0] = seed >>> 0;
    xxState[1] = Math.floor(seed / 4294967296) >>> 0;
  }
}

/** `xxState` as Spark's signed long in the engine's representation (number when safe, else bigint). */
export function xxStateAsLong(): number | bigint {
  const hi = xxState[1]! | 0;
  const lo = xxState[0]!;
  // |hi * 2^32 + lo| <= 2^53 - 1 exactly when hi is within ±2^21 (excluding the edges).
  if (hi >= -0x200000 && hi < 0x200000) {
    const v = hi * 4294967296 + lo;
    if (Number.isSafeInteger(v)) return v;
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}
