/**
 * Murmur3 x86 32-bit as Spark implements it (`Murmur3_x86_32`): `hashInt`, `hashLong` and the
 * legacy `hashUnsafeBytes`, whose tail bytes are mixed one at a time as sign-extended ints (not
 * the reference algorithm's tail handling; Spark keeps it for compatibility, and so do we).
 *
 * Invariant: every function takes and returns signed 32-bit ints; nothing allocates.
 */

const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593;

function mixK1(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH1(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Spark's `Murmur3_x86_32.hashInt(i, seed)`. */
export function murmur3Int(i: number, seed: number): number {
  return fmix(mixH1(seed, mixK1(i | 0)), 4);
}

/** Spark's `Murmur3_x86_32.hashLong` of the 64-bit value `hi:lo` (each a 32-bit int). */
export function murmur3LongBits(lo: number, hi: number, seed: number): number {
  let h = mixH1(seed, mixK1(lo | 0));
  h = mixH1(h, mixK1(hi | 0));
  return fmix(h, 8);
}

/** Spark's legacy `Murmur3_x86_32.hashUnsafeBytes` over `bytes[offset, offset + length)`. */
export function murmur3Bytes(bytes: Uint8Array, offset: number, length: number, seed: number): number {
  const aligned = length - (length % 4);
  let h = seed | 0;
  let i = offset;
  const endAligned = offset + aligned;
  for (; i < endAligned; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = mixH1(h, mixK1(word));
  }
  const end = offset + length;
  for (; i < end; i++) {
    // Each tail byte is mixed on its own, sign-extended like a Java byte.
    h = mixH1(h, mixK1((bytes[i]! << 24) >> 24));
  }
  return fmix(h, length);
}
