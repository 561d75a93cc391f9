/** The benchmark catalogue: `npm run bench -- <name>` looks names up here; `all` runs them in this order. */
import type { Benchmark } from '../harness/benchmark.js';
import { csvToParquet } from './csv-to-parquet.js';
import { houseStats } from './house-stats.js';
import { kafkaHouseStats } from './kafka-house-stats.js';
import { kafkaLatency } from './kafka-latency.js';
import { NEXMARK_BENCHMARKS } from './nexmark.js';
import { NEXMARK_KAFKA_BENCHMARKS } from './nexmark-kafka.js';
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
  ...NEXMARK_KAFKA_BENCHMARKS,
];

/**
 * Names that stand for several benchmarks: `nexmark` is every `nexmark-<q>` (JSON files),
 * `nexmark-kafka` every `nexmark-kafka-<q>` (Kafka JSON), or with `--query q1,q2` those queries only.
 */
export function expandBenchmarkName(name: string, queries: readonly string[] | undefined): string[] {
  const family =
    name === 'nexmark' ? NEXMARK_BENCHMARKS : name === 'nexmark-kafka' ? NEXMARK_KAFKA_BENCHMARKS : undefined;
  if (!family) return [name];
  const all = family.map((b) => b.name);
  if (!queries) return all;
  return queries.map((q) => {
    const n = `${name}-${q}`;
    if (!all.includes(n))
      throw new Error(
        `unknown Nexmark query '${q}' (known: ${all.map((a) => a.slice(name.length + 1)).join(', ')})`,
      );
    return n;
  });
}
