/** The benchmark catalogue: `npm run bench -- <name>` looks names up here; `all` runs them in this order. */
import type { Benchmark } from '../harness/benchmark.js';
import { csvToParquet } from './csv-to-parquet.js';
import { houseStats } from './house-stats.js';
import { kafkaHouseStats } from './kafka-house-stats.js';
import { kafkaLatency } from './kafka-latency.js';
import { NEXMARK_BENCHMARKS } from './nexmark.js';
import { parquetScan } from './parquet-scan.js';
import { streamHouseStats } from './stream-house-stats.js';
import { streamWordcount } from './stream-wordcount.js';

export const BENCHMARKS: readonly Benchmark[] = [
  houseStats,
  streamWordcount,
  streamHouseStats,
  parquetScan,
  csvToParquet,
  kafkaHouseStats,
  kafkaLatency,
  ...NEXMARK_BENCHMARKS,
];

/**
 * Names that stand for several benchmarks: `nexmark` is every `nexmark-<q>`, or with
 * `--query q1,q2` those queries only.
 */
export function expandBenchmarkName(name: string, queries: readonly string[] | undefined): string[] {
  if (name !== 'nexmark') return [name];
  const all = NEXMARK_BENCHMARKS.map((b) => b.name);
  if (!queries) return all;
  return queries.map((q) => {
    const n = `nexmark-${q}`;
    if (!all.includes(n))
      throw new Error(`unknown Nexmark query '${q}' (known: ${all.map((a) => a.slice(8)).join(', ')})`);
    return n;
  });
}
