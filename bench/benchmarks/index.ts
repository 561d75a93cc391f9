/** The benchmark catalogue: `npm run bench -- <name>` looks names up here; `all` runs them in this order. */
import type { Benchmark } from '../harness/benchmark.js';
import { houseStats } from './house-stats.js';
import { kafkaHouseStats } from './kafka-house-stats.js';
import { kafkaLatency } from './kafka-latency.js';

export const BENCHMARKS: readonly Benchmark[] = [houseStats, kafkaHouseStats, kafkaLatency];
