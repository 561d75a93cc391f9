/**
 * Summaries of repeated runs: medians per variant (engine + master) and Sluice/Spark ratios of
 * the medians. Medians, not means, because one run disturbed by the machine should not move
 * the result.
 */

export type EngineName = 'sluice' | 'spark';

export interface Variant {
  readonly engine: EngineName;
  readonly master: string;
}

/** One measured run of one variant. */
export interface RunRecord extends Variant {
  readonly rep: number;
  readonly wallMs: number;
  readonly processingMs: number;
  readonly firstResultMs: number;
  readonly rowsPerSec: number;
  readonly peakRssBytes: number | undefined;
  readonly cpuMs: number | undefined;
  /** With --warm: the second run's processing time and throughput. */
  readonly warmProcessingMs?: number;
  readonly warmRowsPerSec?: number;
  /** Latency benchmarks: the run's end-to-end latency percentiles. */
  readonly latencyP50Ms?: number;
  readonly latencyP99Ms?: number;

  /** The job's extra numbers (see MetricSpec). */
  readonly metrics?: Readonly<Record<string, number>>;
}

export interface VariantSummary extends Variant {
  readonly runs: number;
  readonly wallMs: number;
  readonly processingMs: number;
  readonly firstResultMs: number;
  readonly rowsPerSec: number;
  readonly peakRssBytes: number | undefined;
  readonly cpuMs: number | undefined;
  readonly warmProcessingMs: number | undefined;
  readonly warmRowsPerSec: number | undefined;
  /** Fastest and slowest processing time, to show the spread. */
  readonly processingMinMs: number;
  readonly processingMaxMs: number;
  /** Medians over runs of each run's latency percentiles (latency benchmarks only). */
  readonly latencyP50Ms: number | undefined;
  readonly latencyP99Ms: number | undefined;

  /** Median of each extra metric over the runs that reported it. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Sluice over Spark, from the medians. Times and memory: < 1 means Sluice uses less. Throughput: > 1 means Sluice is faster. */
export interface Ratio {
  readonly sluice: Variant;
  readonly spark: Variant;
  readonly wall: number;
  readonly processing: number;
  readonly throughput: number;
  readonly peakRss: number | undefined;
  readonly cpu: number | undefined;
  readonly warmThroughput: number | undefined;
  /** Sluice p99 latency ÷ Spark p99 latency (below 1 means Sluice is faster). */
  readonly latencyP99: number | undefined;

  /** Sluice median ÷ Spark median of each extra metric both sides reported. */
  readonly metrics: Readonly<Record<string, number>>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medianOf(values: readonly (number | undefined)[]): number | undefined {
  const v = values.filter((x): x is number => x !== undefined);
  return v.length > 0 ? median(v) : undefined;
}

export function sameVariant(a: Variant, b: Variant): boolean {
  return a.engine === b.engine && a.master === b.master;
}

function medianMetrics(runs: readonly RunRecord[]): Record<string, number> {
  const values = new Map<string, number[]>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.metrics ?? {})) {
      const list = values.get(k) ?? [];
      list.push(v);
      values.set(k, list);
    }
  }
  return Object.fromEntries([...values].map(([k, vs]) => [k, median(vs)]));
}

export function summarize(records: readonly RunRecord[], variants: readonly Variant[]): VariantSummary[] {
  const out: VariantSummary[] = [];
  for (const v of variants) {
    const runs = records.filter((r) => sameVariant(r, v));
    if (runs.length === 0) continue;
    const rss = runs.map((r) => r.peakRssBytes).filter((x): x is number => x !== undefined);
    const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
    const warm = runs.filter((r) => r.warmProcessingMs !== undefined);
    const processing = runs.map((r) => r.processingMs);
    out.push({
      engine: v.engine,
      master: v.master,
      runs: runs.length,
      wallMs: median(runs.map((r) => r.wallMs)),
      processingMs: median(processing),
      firstResultMs: median(runs.map((r) => r.firstResultMs)),
      rowsPerSec: median(runs.map((r) => r.rowsPerSec)),
      peakRssBytes: rss.length > 0 ? median(rss) : undefined,
      cpuMs: cpu.length > 0 ? median(cpu) : undefined,
      warmProcessingMs: warm.length > 0 ? median(warm.map((r) => r.warmProcessingMs!)) : undefined,
      warmRowsPerSec: warm.length > 0 ? median(warm.map((r) => r.warmRowsPerSec!)) : undefined,
      processingMinMs: Math.min(...processing),
      processingMaxMs: Math.max(...processing),
      latencyP50Ms: medianOf(runs.map((r) => r.latencyP50Ms)),
      latencyP99Ms: medianOf(runs.map((r) => r.latencyP99Ms)),

      metrics: medianMetrics(runs),
    });
  }
  return out;
}

/** Ratios for each (Sluice master, Spark master) pair whose both sides were measured. */
export function ratios(summaries: readonly VariantSummary[], pairs: readonly [Variant, Variant][]): Ratio[] {
  const out: Ratio[] = [];
  for (const [sv, pv] of pairs) {
    const s = summaries.find((x) => sameVariant(x, sv));
    const p = summaries.find((x) => sameVariant(x, pv));
    if (!s || !p) continue;
    out.push({
      sluice: sv,
      spark: pv,
      wall: s.wallMs / p.wallMs,
      processing: s.processingMs / p.processingMs,
      throughput: s.rowsPerSec / p.rowsPerSec,
      peakRss:
        s.peakRssBytes !== undefined && p.peakRssBytes !== undefined
          ? s.peakRssBytes / p.peakRssBytes
          : undefined,
      cpu: s.cpuMs !== undefined && p.cpuMs !== undefined ? s.cpuMs / p.cpuMs : undefined,
      warmThroughput:
        s.warmRowsPerSec !== undefined && p.warmRowsPerSec !== undefined
          ? s.warmRowsPerSec / p.warmRowsPerSec
          : undefined,
      latencyP99:
        s.latencyP99Ms !== undefined && p.latencyP99Ms !== undefined
          ? s.latencyP99Ms / p.latencyP99Ms
          : undefined,

      metrics: Object.fromEntries(
        Object.entries(s.metrics)
          .filter(([k]) => p.metrics[k] !== undefined)
          .map(([k, v]) => [k, v / p.metrics[k]!]),
      ),
    });
  }
  return out;
}
