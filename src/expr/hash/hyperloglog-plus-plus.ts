/**
 * HyperLogLog++ cardinality sketch, as Spark's `approx_count_distinct` computes it: values are
 * hashed with xxHash64 (seed 42, Spark's type-directed form), the top `p` bits pick a register,
 * the register keeps the largest "leading zeros + 1" of the remaining bits, and the estimate uses
 * linear counting for small cardinalities and the HLL++ empirical bias correction (k-nearest
 * neighbours, k = 6) below 5m.
 *
 * Invariant: a sketch is a plain `Uint8Array` of `m = 2^p` registers (structured-clone safe);
 * merging takes the register-wise maximum, so results do not depend on how rows were split.
 */
import { HLL_BIASES, HLL_RAW_ESTIMATES, HLL_THRESHOLDS } from './hyperloglog-bias-data.js';

/** Number of nearest raw estimates averaged for the bias correction. */
const K = 6;

export interface HllShape {
  readonly p: number;
  readonly m: number;
  readonly alphaM2: number;
}

/** The precision Spark derives from the relative standard deviation: ceil(2·log2(1.106 / rsd)). */
export function hllPrecisionFor(rsd: number): number {
  return Math.ceil((2.0 * Math.log(1.106 / rsd)) / Math.log(2.0));
}

export function hllShape(p: number): HllShape {
  const m = 1 << p;
  let alpha: number;
  if (p === 4) alpha = 0.673;
  else if (p === 5) alpha = 0.697;
  else if (p === 6) alpha = 0.709;
  else alpha = 0.7213 / (1.0 + 1.079 / m);
  return { p, m, alphaM2: alpha * m * m };
}

export function hllCreate(shape: HllShape): Uint8Array {
  return new Uint8Array(shape.m);
}

/** Adds a 64-bit hash `hi:lo` (unsigned halves) to the registers. */
export function hllAddHash(regs: Uint8Array, p: number, lo: number, hi: number): void {
  const idx = hi >>> (32 - p);
  // w = (x << p) | 1 << (p - 1): the padding bit bounds the leading-zero count.
  const wHi = ((hi << p) | (lo >>> (32 - p))) >>> 0;
  const wLo = ((lo << p) | (1 << (p - 1))) >>> 0;
  const pw = (wHi !== 0 ? Math.clz32(wHi) : 32 + Math.clz32(wLo)) + 1;
  if (pw > regs[idx]!) regs[idx] = pw;
}

/** Register-wise maximum of `b` into `a`; returns `a`. */
export function hllMerge(a: Uint8Array, b: Uint8Array): Uint8Array {
  for (let i = 0; i < a.length; i++) if (b[i]! > a[i]!) a[i] = b[i]!;
  return a;
}

/** Java's `Arrays.binarySearch` on doubles (the raw estimates are not strictly sorted everywhere). */
function javaBinarySearch(a: Float64Array, key: number): number {
  let low = 0;
  let high = a.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const v = a[mid]!;
    if (v < key) low = mid + 1;
    else if (v > key) high = mid - 1;
    else return mid;
  }
  return -(low + 1);
}

function estimateBias(p: number, e: number): number {
  const estimates = HLL_RAW_ESTIMATES[p - 4]!;
  const n = estimates.length;
  const ix = javaBinarySearch(estimates, e);
  const nearest = ix < 0 ? -(ix + 1) : ix;
  const distance = (i: number) => {
    const d = e - estimates[i]!;
    return d * d;
  };
  let low = Math.max(nearest - K + 1, 0);
  let high = Math.min(low + K, n);
  while (high < n && distance(high) < distance(low)) {
    low++;
    high++;
  }
  const biases = HLL_BIASES[p - 4]!;
  let sum = 0.0;
  for (let i = low; i < high; i++) sum += biases[i]!;
  return sum / (high - low);
}

/** The cardinality estimate of a sketch (a non-negative integer). */
export function hllEstimate(regs: Uint8Array, shape: HllShape): number {
  const { p, m, alphaM2 } = shape;
  let zInverse = 0.0;
  let zeros = 0.0;
  for (let i = 0; i < m; i++) {
    const r = regs[i]!;
    zInverse += 1.0 / 2 ** r;
    if (r === 0) zeros += 1.0;
  }
  const e = alphaM2 / zInverse;
  const biasCorrected = () => (p < 19 && e < 5.0 * m ? e - estimateBias(p, e) : e);
  let estimate: number;
  if (zeros > 0) {
    const h = m * Math.log(m / zeros);
    estimate = (p < 19 && h <= HLL_THRESHOLDS[p - 4]!) || e <= 2.5 * m ? h : biasCorrected();
  } else {
    estimate = biasCorrected();
  }
  return Math.round(estimate);
}
