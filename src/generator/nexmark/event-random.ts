/**
 * The per-event random number stream of the Nexmark generator.
 *
 * The reference generator (Apache Beam's NexmarkGenerator) seeds one `java.util.Random` per event
 * with the event id, which makes every event a pure function of its id: generation is random
 * access, parallel and replayable. Sluice keeps that property with a faster 32-bit generator
 * (mulberry32) seeded by mixing (seed, event id); the values therefore differ from the JVM's, the
 * distributions do not. (The current Flink nexmark generator draws from one unseeded
 * SplittableRandom and is not reproducible at all.)
 *
 * Invariant: `reset(seed, id)` followed by the same calls yields the same values, always.
 */

/** murmur3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class EventRandom {
  #state = 0;

  /** Positions the stream at the start of event `id` (a non-negative safe integer) for `seed`. */
  reset(seed: number, id: number): this {
    const lo = id >>> 0;
    const hi = Math.floor(id / 4294967296) >>> 0;
    this.#state = fmix32(lo ^ fmix32((hi ^ Math.imul(seed, 0x9e3779b1) ^ 0x6a09e667) >>> 0));
    return this;
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, bound); `bound` is a positive integer below 2^32. */
  nextInt(bound: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * bound);
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}
