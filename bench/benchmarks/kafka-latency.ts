/**
 * Benchmark `kafka-latency`: end-to-end latency of the house-statistics pipeline
 * Kafka → engine → PostgreSQL at a fixed event rate (default 20,000 events/s for 30 s).
 * Sluice runs its exactly-once jdbc sink in complete mode; Spark runs the workshop's
 * foreachBatch + JDBC writer (overwrite, truncate). Both use the default trigger (next batch as
 * soon as the previous one ends). bench/kafka/latency-driver.ts — the same process for both
 * engines — produces the events and polls the table; latency = first poll that sees an event
 * counted − the moment the producer was handed it (see the driver for the method).
 *
 * `--rows N` sets the number of events (N / rate seconds). The final table must equal the
 * statistics computed from the generator. Memory: each job reports its engine's RSS while the
 * started query waits for data (idle) and the engine's peak RSS (Sluice: the node process;
 * Spark: the larger of the JVM and the Python process), without the driver.
 */
import type { Benchmark, PrepareContext, PreparedData } from '../harness/benchmark.js';
import { PYSPARK_VERSION } from '../harness/engines.js';
import { formatCount } from '../harness/format.js';
import { sparkKafkaPackages } from '../harness/spark-packages.js';
import { BOOTSTRAP, expectedHouseStats } from '../kafka/bench-topics.js';

const SEED = 42;
const PG_HOST = process.env.BENCH_PG_HOST ?? '127.0.0.1:5432';
/** Events per second; --quick uses a lower rate so the smoke run stays short. */
const RATE = Number(process.env.BENCH_LATENCY_RATE ?? 20_000);
const QUICK_RATE = 1_000;

async function prepare(ctx: PrepareContext): Promise<PreparedData> {
  const rate = ctx.rows <= QUICK_RATE * 5 ? QUICK_RATE : RATE;
  const seconds = ctx.rows / rate;
  let sparkConf: Record<string, string> | undefined;
  let packages = '';
  try {
    const p = await sparkKafkaPackages(PYSPARK_VERSION, ctx.dataDir, true);
    // as in kafka-house-stats: 2 shuffle/state partitions (the core count) instead of 200
    sparkConf = { ...p.conf, 'spark.sql.shuffle.partitions': '2' };
    packages = `; ${p.description}`;
  } catch (e) {
    ctx.log(`cannot resolve Spark's Kafka connector: ${(e as Error).message} (Spark runs will fail)`);
  }
  return {
    jobArgs: [BOOTSTRAP, PG_HOST, String(rate), String(seconds), String(SEED)],
    rows: ctx.rows,
    description:
      `${formatCount(ctx.rows)} JSON house events produced at ${formatCount(rate)}/s for ${seconds} s into a fresh ` +
      `3-partition topic per run (seed ${SEED}); PostgreSQL at ${PG_HOST}; Spark with spark.sql.shuffle.partitions=2${packages}`,
    expected: expectedHouseStats(ctx.rows, SEED),
    ...(sparkConf ? { sparkConf } : {}),
  };
}

export const kafkaLatency: Benchmark = {
  name: 'kafka-latency',
  summary:
    'Streaming, end to end: Kafka (JSON house events at a fixed rate) → from_json → per-house statistics → ' +
    'PostgreSQL table (Sluice: exactly-once jdbc sink, complete mode; Spark: foreachBatch + JDBC writer); ' +
    'latency from produce to the row being visible in PostgreSQL, p50/p99 over all events.',
  defaultRows: 600_000,
  quickRows: 2_000,
  sluiceJob: 'bench/jobs/kafka-latency.ts',
  sparkJob: 'bench/jobs/kafka_latency.py',
  // a second run would measure a second pipeline, not a warmed-up one
  warm: false,
  // the harness's peak RSS is the largest process of the run, which here can be the latency
  // driver (the same Node process for both engines); these are the engine's own processes
  metrics: [
    { key: 'idleRssMiB', header: 'idle RSS MiB', unit: 'count' },
    { key: 'enginePeakRssMiB', header: 'engine peak RSS MiB', unit: 'count' },
  ],
  prepare,
};
