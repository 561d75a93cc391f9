/**
 * Deterministic record sampling for schema inference (`samplingRatio`): a seeded generator, so
 * the same files always infer the same schema.
 */
export function sampler(ratio: number, seed = 1): () => boolean {
  if (!(ratio < 1)) return () => true;
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000 < ratio;
  };
}
