/**
 * MT19937 seeded the way Apache Commons Math's `MersenneTwister(long)` seeds it (init_by_array
 * over the seed's two 32-bit halves), with its `nextLong()` (two 32-bit outputs, high first).
 * Spark's seeded uuid() draws from this generator, so seeded UUIDs match Spark's.
 *
 * Invariant: all state is uint32 in a typed array; every product keeps only its low 32 bits
 * (Math.imul), which is all the reference algorithm's masked long arithmetic keeps.
 */
const N = 624;
const M = 397;
const MAG01 = [0, 0x9908b0df];

export class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  constructor(seed: bigint) {
    const s = BigInt.asUintN(64, seed);
    this.seedArray([Number(s >> 32n), Number(s & 0xffffffffn)]);
  }

  private seedInt(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.mti = N;
  }

  private seedArray(key: readonly number[]): void {
    const mt = this.mt;
    this.seedInt(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k !== 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k !== 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.mti = N;
  }

  /** The next 32 random bits, as an unsigned number. */
  next32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
        mt[k] = (mt[(k + M) % N]! ^ (y >>> 1) ^ MAG01[y & 1]!) >>> 0;
      }
      this.mti = 0;
    }
    let y = mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Commons Math's nextLong(): high word first, as a signed 64-bit bigint. */
  nextLong(): bigint {
    const hi = BigInt(this.next32());
    const lo = BigInt(this.next32());
    return BigInt.asIntN(64, (hi << 32n) | lo);
  }
}
