/**
 * Spark's `XORShiftRandom` (a java.util.Random whose `next(bits)` is a 64-bit xorshift, seeded
 * through MurmurHash3), so rand(seed)/randn(seed) produce Spark's numbers for the same seed and
 * partition: `rand(42)` starts 0.619189370225301, 0.5096018842446481, …
 *
 * Invariant: the 64-bit state is kept as two unsigned 32-bit halves; no BigInt on the per-row path.
 */

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixLast(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  return h ^ k;
}

function finalizeHash(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Scala's `MurmurHash3.bytesHash`. */
function bytesHash(bytes: Uint8Array, seed: number): number {
  let h = seed | 0;
  let i = 0;
  let len = bytes.length;
  while (len >= 4) {
    const k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = mix(h, k);
    i += 4;
    len -= 4;
  }
  let k = 0;
  if (len === 3) k ^= bytes[i + 2]! << 16;
  if (len >= 2) k ^= bytes[i + 1]! << 8;
  if (len >= 1) {
    k ^= bytes[i]!;
    h = mixLast(h, k);
  }
  return finalizeHash(h, bytes.length);
}

const ARRAY_SEED = 0x3c074a61;

export class XorShiftRandom {
  private hi: number;
  private lo: number;
  private nextNextGaussian = 0;
  private haveNextNextGaussian = false;

  constructor(seed: bigint | number) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, BigInt(seed)));
    const low = bytesHash(bytes, ARRAY_SEED);
    const high = bytesHash(bytes, low);
    this.hi = high >>> 0;
    this.lo = low >>> 0;
  }

  /** The low `bits` bits of the next state, as Java's `next(bits)` (a signed int for 32). */
  next(bits: number): number {
    let hi = this.hi;
    let lo = this.lo;
    // s ^= s << 21
    hi = (hi ^ ((hi << 21) | (lo >>> 11))) >>> 0;
    lo = (lo ^ (lo << 21)) >>> 0;
    // s ^= s >>> 35
    lo = (lo ^ (hi >>> 3)) >>> 0;
    // s ^= s << 4
    hi = (hi ^ ((hi << 4) | (lo >>> 28))) >>> 0;
    lo = (lo ^ (lo << 4)) >>> 0;
    this.hi = hi;
    this.lo = lo;
    return bits >= 32 ? lo | 0 : lo & ((1 << bits) - 1);
  }

  nextDouble(): number {
    return (this.next(26) * 134217728 + this.next(27)) * 2 ** -53;
  }

  nextLong(): bigint {
    const a = this.next(32);
    const b = this.next(32);
    return BigInt.asIntN(64, (BigInt(a) << 32n) + BigInt(b));
  }

  /** java.util.Random#nextGaussian (Marsaglia polar method, caching the second value). */
  nextGaussian(): number {
    if (this.haveNextNextGaussian) {
      this.haveNextNextGaussian = false;
      return this.nextNextGaussian;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const multiplier = Math.sqrt((-2 * Math.log(s)) / s);
    this.nextNextGaussian = v2 * multiplier;
    this.haveNextNextGaussian = true;
    return v1 * multiplier;
  }
}
