/**
 * Greenwald–Khanna quantile summaries as Spark's `percentile_approx` keeps them: new values go to a
 * head buffer (50 000 values), which is sorted and inserted into the sampled statistics when full;
 * the statistics are compressed with threshold 2·ε·n; merging interleaves two compressed summaries
 * and widens the deltas of samples that interleave. Queries scan the compressed statistics for the
 * first sample whose rank bounds contain the target rank within the target error.
 *
 * Invariant: a summary is a plain object of numbers and number arrays (structured-clone safe);
 * functions mutate the summary they are given and return it. Results equal Spark's for the same
 * sequence of inserts and merges.
 */

export interface QuantileSummary {
  relativeError: number;
  /** Sampled statistics, parallel arrays sorted by value: value, g (rank jump), delta (rank span). */
  values: number[];
  g: number[];
  delta: number[];
  /** Values inserted into the statistics (not counting the head buffer). */
  count: number;
  /** Latest values, not yet inserted. */
  head: number[];
  compressed: boolean;
}

const COMPRESS_THRESHOLD = 10000;
const HEAD_SIZE = 50000;

export function createQuantileSummary(relativeError: number): QuantileSummary {
  return { relativeError, values: [], g: [], delta: [], count: 0, head: [], compressed: true };
}

/** Java's `Double.compare`: -0.0 < 0.0, NaN above everything. */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) {
    if (a !== 0) return 0;
    const na = Object.is(a, -0);
    const nb = Object.is(b, -0);
    return na === nb ? 0 : na ? -1 : 1;
  }
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

export function quantileInsert(s: QuantileSummary, x: number): QuantileSummary {
  s.head.push(x);
  s.compressed = false;
  if (s.head.length >= HEAD_SIZE) {
    insertHead(s);
    if (s.values.length >= COMPRESS_THRESHOLD) quantileCompress(s);
  }
  return s;
}

function insertHead(s: QuantileSummary): void {
  if (s.head.length === 0) return;
  // Typed-array sort orders like Java's Double.compare (-0.0 before 0.0, NaN last).
  const sorted = Float64Array.from(s.head).sort();
  const { values, g, delta } = s;
  const nv: number[] = [];
  const ng: number[] = [];
  const nd: number[] = [];
  let count = s.count;
  let sampleIdx = 0;
  for (let ops = 0; ops < sorted.length; ops++) {
    const x = sorted[ops]!;
    while (sampleIdx < values.length && values[sampleIdx]! <= x) {
      nv.push(values[sampleIdx]!);
      ng.push(g[sampleIdx]!);
      nd.push(delta[sampleIdx]!);
      sampleIdx++;
    }
    count++;
    const d =
      nv.length === 0 || (sampleIdx === values.length && ops === sorted.length - 1)
        ? 0
        : Math.floor(2 * s.relativeError * count);
    nv.push(x);
    ng.push(1);
    nd.push(d);
  }
  for (; sampleIdx < values.length; sampleIdx++) {
    nv.push(values[sampleIdx]!);
    ng.push(g[sampleIdx]!);
    nd.push(delta[sampleIdx]!);
  }
  s.values = nv;
  s.g = ng;
  s.delta = nd;
  s.count = count;
  s.head = [];
  s.compressed = false;
}

/** GK COMPRESS from the largest sample down; the smallest and largest samples are always kept. */
function compressStats(s: QuantileSummary, mergeThreshold: number): void {
  const { values, g, delta } = s;
  const n = values.length;
  if (n === 0) return;
  const rv: number[] = [];
  const rg: number[] = [];
  const rd: number[] = [];
  let hv = values[n - 1]!;
  let hg = g[n - 1]!;
  let hd = delta[n - 1]!;
  for (let i = n - 2; i >= 1; i--) {
    if (g[i]! + hg + hd < mergeThreshold) {
      hg += g[i]!;
    } else {
      rv.push(hv);
      rg.push(hg);
      rd.push(hd);
      hv = values[i]!;
      hg = g[i]!;
      hd = delta[i]!;
    }
  }
  rv.push(hv);
  rg.push(hg);
  rd.push(hd);
  if (values[0]! <= hv && n > 1) {
    rv.push(values[0]!);
    rg.push(g[0]!);
    rd.push(delta[0]!);
  }
  s.values = rv.reverse();
  s.g = rg.reverse();
  s.delta = rd.reverse();
}

export function quantileCompress(s: QuantileSummary): QuantileSummary {
  insertHead(s);
  compressStats(s, 2 * s.relativeError * s.count);
  s.compressed = true;
  return s;
}

/** Merges `b` into `a` (both are compressed first, as Spark's digest does); returns `a`. */
export function quantileMerge(a: QuantileSummary, b: QuantileSummary): QuantileSummary {
  if (!a.compressed) quantileCompress(a);
  if (!b.compressed) quantileCompress(b);
  if (b.count === 0) return a;
  if (a.count === 0) {
    a.relativeError = b.relativeError;
    a.values = b.values.slice();
    a.g = b.g.slice();
    a.delta = b.delta.slice();
    a.count = b.count;
    a.compressed = b.compressed;
    return a;
  }
  const mergedError = Math.max(a.relativeError, b.relativeError);
  const mergedCount = a.count + b.count;
  const extraA = Math.floor(2 * b.relativeError * b.count);
  const extraB = Math.floor(2 * a.relativeError * a.count);
  const mv: number[] = [];
  const mg: number[] = [];
  const md: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.values.length && j < b.values.length) {
    if (a.values[i]! < b.values[j]!) {
      mv.push(a.values[i]!);
      mg.push(a.g[i]!);
      md.push(a.delta[i]! + (j > 0 ? extraA : 0));
      i++;
    } else {
      mv.push(b.values[j]!);
      mg.push(b.g[j]!);
      md.push(b.delta[j]! + (i > 0 ? extraB : 0));
      j++;
    }
  }
  for (; i < a.values.length; i++) {
    mv.push(a.values[i]!);
    mg.push(a.g[i]!);
    md.push(a.delta[i]!);
  }
  for (; j < b.values.length; j++) {
    mv.push(b.values[j]!);
    mg.push(b.g[j]!);
    md.push(b.delta[j]!);
  }
  a.values = mv;
  a.g = mg;
  a.delta = md;
  a.relativeError = mergedError;
  a.count = mergedCount;
  compressStats(a, 2 * mergedError * mergedCount);
  a.compressed = true;
  return a;
}

/** Approximate quantiles at `percentiles` (each in [0, 1]); null when the summary is empty. */
export function quantileQuery(s: QuantileSummary, percentiles: readonly number[]): number[] | null {
  if (!s.compressed) quantileCompress(s);
  const { values, g, delta, relativeError, count } = s;
  const n = values.length;
  if (n === 0 || count === 0) return null;
  let maxSpan = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) maxSpan = Math.max(maxSpan, delta[i]! + g[i]!);
  // Spark divides a long by 2: integer division.
  const targetError = Math.trunc(maxSpan / 2);
  let index = 0;
  let minRank = g[0]!;
  const order = percentiles.map((p, pos) => ({ p, pos })).sort((x, y) => compareDoubles(x.p, y.p));
  const result = new Array<number>(percentiles.length).fill(0);
  for (const { p, pos } of order) {
    if (p <= relativeError) {
      result[pos] = values[0]!;
    } else if (p >= 1 - relativeError) {
      result[pos] = values[n - 1]!;
    } else {
      const rank = Math.ceil(p * count);
      let i = index;
      let cur = i;
      let found = false;
      while (i < n - 1) {
        const maxRank = minRank + delta[cur]!;
        if (maxRank - targetError <= rank && rank <= minRank + targetError) {
          found = true;
          break;
        }
        i++;
        cur = i;
        minRank += g[cur]!;
      }
      if (found) {
        index = i;
        result[pos] = values[cur]!;
      } else {
        index = n - 1;
        minRank = 0;
        result[pos] = values[n - 1]!;
      }
    }
  }
  return result;
}
