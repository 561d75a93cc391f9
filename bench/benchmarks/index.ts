/** The benchmark catalogue: `npm run bench -- <name>` looks names up here; `all` runs them in this order. */
import type { Benchmark } from '../harness/benchmark.js';
import { houseStats } from './house-stats.js';
import { streamHouseStats } from './stream-house-stats.js';
import { streamWordcount } from './stream-wordcount.js';

export const BENCHMARKS: readonly Benchmark[] = [houseStats, streamWordcount, streamHouseStats];
