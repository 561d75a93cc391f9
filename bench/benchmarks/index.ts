/** The benchmark catalogue: `npm run bench -- <name>` looks names up here; `all` runs them in this order. */
import type { Benchmark } from '../harness/benchmark.js';
import { csvToParquet } from './csv-to-parquet.js';
import { houseStats } from './house-stats.js';
import { kafkaHouseStats } from './kafka-house-stats.js';
import { kafkaLatency } from './kafka-latency.js';
import { parquetScan } from './parquet-scan.js';

export const BENCHMARKS: readonly Benchmark[] = [
  houseStats,
  parquetScan,
  csvToParquet,
  kafkaHouseStats,
  kafkaLatency,
];
