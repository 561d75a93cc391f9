/**
 * Spark's type-directed hashing of values (`HashExpression`): each value is turned into Spark's
 * binary form for its type and fed to Murmur3 (`hash()`, shuffle partitioning) or xxHash64
 * (`xxhash64()`, HyperLogLog++), chaining the result of one value as the seed of the next.
 *
 * Per type: null leaves the seed unchanged; boolean → int 1/0; byte/short/int/date → int;
 * long/timestamp/timestamp_ntz → long; float → float bits (-0.0 as 0, NaN canonical); double →
 * double bits (same rules); decimal → unscaled long when precision <= 18, else the unscaled
 * value's two's-complement big-endian bytes; string → UTF-8 bytes; binary → bytes; array →
 * elements in order; map → key then value per entry; struct → fields in order; interval →
 * microseconds then months (what Spark's generated code does).
 *
 * Invariant: hashers are compiled once per type; hashing a number or string allocates nothing.
 */
import type { CalendarInterval, DataType } from '../../types/data-type.js';
import { murmur3Bytes, murmur3Int, murmur3LongBits } from './murmur3.js';
import { encodeUtf8Scratch, utf8Scratch } from './utf8-scratch.js';
import { xxhashBytes, xxhashInt, xxhashLongBits, xxState } from './xxhash64.js';

/** Spark's default seed for `hash()` and `xxhash64()`. */
export const SPARK_HASH_SEED = 42;

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const f32Word = new Int32Array(f32.buffer);
// Typed arrays use the platform's byte order; find which word of a double is the low one.
f64[0] = 1;
const LO = f64Words[0] === 0 ? 0 : 1;
const HI = 1 - LO;

/** Low 32 bits of a long in the engine's representation (number when safe, else bigint). */
export function longLo(v: number | bigint): number {
  return typeof v === 'number' ? v >>> 0 : Number(BigInt.asUintN(32, v));
}
/** High 32 bits (signed) of a long in the engine's representation. */
export function longHi(v: number | bigint): number {
  return typeof v === 'number' ? Math.floor(v / 4294967296) | 0 : Number(BigInt.asIntN(32, v >> 32n));
}

/** Java's `Float.floatToIntBits` after Spark's -0.0 → 0 rule. */
function floatBits(v: number): number {
  if (v === 0) return 0;
  if (Number.isNaN(v)) return 0x7fc00000;
  f32[0] = v;
  return f32Word[0]!;
}

/** Java's `Double.doubleToLongBits` after Spark's -0.0 → 0 rule, into f64Words. */
function doubleBits(v: number): void {
  if (v === 0) {
    f64Words[0] = 0;
    f64Words[1] = 0;
  } else if (Number.isNaN(v)) {
    f64Words[LO] = 0;
    f64Words[HI] = 0x7ff80000;
  } else {
    f64[0] = v;
  }
}

/** Java's `BigInteger.toByteArray`: minimal two's-complement big-endian bytes. */
export function bigIntToJavaBytes(v: bigint): Uint8Array {
  const magnitude = v < 0n ? -v - 1n : v;
  const bitLength = magnitude === 0n ? 0 : magnitude.toString(2).length;
  const len = (bitLength >> 3) + 1;
  const out = new Uint8Array(len);
  let x = BigInt.asUintN(len * 8, v);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

// -------------------------------------------------------------------------------------------
// Murmur3

/** Hashes one non-null-or-null value of a fixed type with the given seed (Spark's Murmur3Hash step). */
export type Murmur3Hasher = (v: unknown, seed: number) => number;

export function compileMurmur3(t: DataType): Murmur3Hasher {
  switch (t.kind) {
    case 'null':
      return (_v, seed) => seed;
    case 'boolean':
      return (v, seed) => (v === null ? seed : murmur3Int(v ? 1 : 0, seed));
    case 'byte':
    case 'short':
    case 'integer':
    case 'date':
    case 'interval_ym':
      return (v, seed) => (v === null ? seed : murmur3Int(v as number, seed));
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
    case 'interval_dt':
      return (v, seed) => {
        if (v === null) return seed;
        if (typeof v === 'number') return murmur3LongBits(v >>> 0, Math.floor(v / 4294967296) | 0, seed);
        return murmur3LongBits(longLo(v as bigint), longHi(v as bigint), seed);
      };
    case 'float':
      return (v, seed) => (v === null ? seed : murmur3Int(floatBits(v as number), seed));
    case 'double':
      return (v, seed) => {
        if (v === null) return seed;
        doubleBits(v as number);
        return murmur3LongBits(f64Words[LO]!, f64Words[HI]!, seed);
      };
    case 'decimal':
      if (t.precision <= 18) {
        return (v, seed) => {
          if (v === null) return seed;
          const u = v as bigint;
          return murmur3LongBits(longLo(u), longHi(u), seed);
        };
      }
      return (v, seed) => {
        if (v === null) return seed;
        const bytes = bigIntToJavaBytes(v as bigint);
        return murmur3Bytes(bytes, 0, bytes.length, seed);
      };
    case 'string':
      return (v, seed) => {
        if (v === null) return seed;
        const len = encodeUtf8Scratch(v as string);
        return murmur3Bytes(utf8Scratch(), 0, len, seed);
      };
    case 'binary':
      return (v, seed) => {
        if (v === null) return seed;
        const b = v as Uint8Array;
        return murmur3Bytes(b, 0, b.length, seed);
      };
    case 'interval':
      return (v, seed) => {
        if (v === null) return seed;
        const iv = v as CalendarInterval;
        return murmur3Int(iv.months, murmur3LongBits(longLo(iv.micros), longHi(iv.micros), seed));
      };
    case 'array': {
      const el = compileMurmur3(t.elementType);
      return (v, seed) => {
        if (v === null) return seed;
        const a = v as readonly unknown[];
        let h = seed;
        for (let i = 0; i < a.length; i++) h = el(a[i] ?? null, h);
        return h;
      };
    }
    case 'map': {
      const kh = compileMurmur3(t.keyType);
      const vh = compileMurmur3(t.valueType);
      return (v, seed) => {
        if (v === null) return seed;
        let h = seed;
        for (const [k, x] of v as Map<unknown, unknown>) {
          h = kh(k, h);
          h = vh(x ?? null, h);
        }
        return h;
      };
    }
    case 'struct': {
      const fs = t.fields.map((f) => compileMurmur3(f.dataType));
      return (v, seed) => {
        if (v === null) return seed;
        const r = v as readonly unknown[];
        let h = seed;
        for (let i = 0; i < fs.length; i++) h = fs[i]!(r[i] ?? null, h);
        return h;
      };
    }
  }
}

/** Spark's `hash(c1, c2, …)` over values of the given types: seed 42, chained. */
export function compileRowMurmur3(types: readonly DataType[]): (values: readonly unknown[]) => number {
  const hs = types.map(compileMurmur3);
  if (hs.length === 1) {
    const h0 = hs[0]!;
    return (values) => h0(values[0] ?? null, SPARK_HASH_SEED);
  }
  return (values) => {
    let h = SPARK_HASH_SEED;
    for (let i = 0; i < hs.length; i++) h = hs[i]!(values[i] ?? null, h);
    return h;
  };
}

// -------------------------------------------------------------------------------------------
// xxHash64

/** Hashes one value into `xxState` (seed in, result out); null leaves it unchanged. */
export type XxHasher = (v: unknown) => void;

export function compileXxHash64(t: DataType): XxHasher {
  switch (t.kind) {
    case 'null':
      return () => {};
    case 'boolean':
      return (v) => {
        if (v !== null) xxhashInt(v ? 1 : 0);
      };
    case 'byte':
    case 'short':
    case 'integer':
    case 'date':
    case 'interval_ym':
      return (v) => {
        if (v !== null) xxhashInt(v as number);
      };
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
    case 'interval_dt':
      return (v) => {
        if (v === null) return;
        if (typeof v === 'number') xxhashLongBits(v >>> 0, Math.floor(v / 4294967296) | 0);
        else xxhashLongBits(longLo(v as bigint), longHi(v as bigint));
      };
    case 'float':
      return (v) => {
        if (v !== null) xxhashInt(floatBits(v as number));
      };
    case 'double':
      return (v) => {
        if (v === null) return;
        doubleBits(v as number);
        xxhashLongBits(f64Words[LO]!, f64Words[HI]!);
      };
    case 'decimal':
      if (t.precision <= 18) {
        return (v) => {
          if (v !== null) xxhashLongBits(longLo(v as bigint), longHi(v as bigint));
        };
      }
      return (v) => {
        if (v === null) return;
        const bytes = bigIntToJavaBytes(v as bigint);
        xxhashBytes(bytes, 0, bytes.length);
      };
    case 'string':
      return (v) => {
        if (v === null) return;
        const len = encodeUtf8Scratch(v as string);
        xxhashBytes(utf8Scratch(), 0, len);
      };
    case 'binary':
      return (v) => {
        if (v === null) return;
        const b = v as Uint8Array;
        xxhashBytes(b, 0, b.length);
      };
    case 'interval':
      return (v) => {
        if (v === null) return;
        const iv = v as CalendarInterval;
        xxhashLongBits(longLo(iv.micros), longHi(iv.micros));
        xxhashInt(iv.months);
      };
    case 'array': {
      const el = compileXxHash64(t.elementType);
      return (v) => {
        if (v === null) return;
        const a = v as readonly unknown[];
        for (let i = 0; i < a.length; i++) el(a[i] ?? null);
      };
    }
    case 'map': {
      const kh = compileXxHash64(t.keyType);
      const vh = compileXxHash64(t.valueType);
      return (v) => {
        if (v === null) return;
        for (const [k, x] of v as Map<unknown, unknown>) {
          kh(k);
          vh(x ?? null);
        }
      };
    }
    case 'struct': {
      const fs = t.fields.map((f) => compileXxHash64(f.dataType));
      return (v) => {
        if (v === null) return;
        const r = v as readonly unknown[];
        for (let i = 0; i < fs.length; i++) fs[i]!(r[i] ?? null);
      };
    }
  }
}

/** Spark's `xxhash64(c1, c2, …)`: seed 42, chained; the result is left in `xxState`. */
export function compileRowXxHash64(types: readonly DataType[]): (values: readonly unknown[]) => void {
  const hs = types.map(compileXxHash64);
  return (values) => {
    xxState[0] = SPARK_HASH_SEED;
    xxState[1] = 0;
    for (let i = 0; i < hs.length; i++) hs[i]!(values[i] ?? null);
  };
}

// -------------------------------------------------------------------------------------------
// Shuffle partitioning

const rowHasherCache = new WeakMap<readonly DataType[], (values: readonly unknown[]) => number>();

/** Spark's `hash(keys…)` of a partitioning key (Murmur3, seed 42). */
export function hashPartitionKey(values: readonly unknown[], types: readonly DataType[]): number {
  let h = rowHasherCache.get(types);
  if (!h) {
    h = compileRowMurmur3(types);
    rowHasherCache.set(types, h);
  }
  return h(values);
}

/** Spark's shuffle partition of a key: `pmod(hash(keys…), n)`. Pass the same `types` array each time for speed. */
export function partitionIdFor(values: readonly unknown[], types: readonly DataType[], n: number): number {
  const m = hashPartitionKey(values, types) % n;
  return m < 0 ? m + n : m;
}

/** A compiled `partitionIdFor` for one key shape: the fastest way to partition many rows. */
export function compilePartitioner(
  types: readonly DataType[],
  n: number,
): (values: readonly unknown[]) => number {
  const h = compileRowMurmur3(types);
  return (values) => {
    const m = h(values) % n;
    return m < 0 ? m + n : m;
  };
}
