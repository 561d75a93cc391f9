/**
 * Benchmarks `nexmark-kafka-q0` … `nexmark-kafka-q22`: one Nexmark query each, Sluice and pyspark
 * reading the same Nexmark events as JSON values from a Kafka topic (3 partitions, pre-filled once
 * by `sluice generate nexmark`, reused by later runs) with CAST(value AS STRING) + from_json,
 * Trigger.AvailableNow in micro-batches of maxOffsetsPerTrigger = 100,000 events (the file
 * variant's batch size), results reduced to the (count, sum of hash) checksum of
 * bench/jobs/nexmark.ts. Every run must equal the checksum of the in-process generator run
 * (bench/nexmark/in-process-expected.ts). `npm run bench -- nexmark-kafka [--query q0,q1,q2]`.
 * Spark runs q15/q16 in batch over the topic (it refuses distinct aggregates on streams).
 */
import type { Benchmark, PrepareContext, PreparedData } from '../harness/benchmark.js';
import { PYSPARK_VERSION } from '../harness/engines.js';
import { formatCount } from '../harness/format.js';
import { sparkKafkaPackages } from '../harness/spark-packages.js';
import { BOOTSTRAP } from '../kafka/bench-topics.js';
import { prefilledNexmarkTopic } from '../kafka/nexmark-topic.js';
import { inProcessExpected } from '../nexmark/in-process-expected.js';
import { NEXMARK_QUERIES, type NexmarkQuery } from '../nexmark/nexmark-queries.js';
import { NEXMARK_DATA_VERSION, NEXMARK_SEED } from './nexmark.js';

const PARTITIONS = 3;
const EVENTS_PER_BATCH = 100_000;

async function prepare(ctx: PrepareContext, q: NexmarkQuery): Promise<PreparedData> {
  const topic = await prefilledNexmarkTopic(ctx.rows, NEXMARK_SEED, PARTITIONS, ctx.log);
  // at least two batches, so aggregate state is carried across micro-batches even in a smoke run
  const perBatch = Math.min(EVENTS_PER_BATCH, Math.ceil(ctx.rows / 2));
  let sparkConf: Record<string, string> | undefined;
  let packages = '';
  try {
    const p = await sparkKafkaPackages(PYSPARK_VERSION, ctx.dataDir, false);
    // as in kafka-house-stats: the core count instead of 200 shuffle (and state store) partitions
    sparkConf = { ...p.conf, 'spark.sql.shuffle.partitions': '2' };
    packages = `; ${p.description}`;
  } catch (e) {
    ctx.log(`cannot resolve Spark's Kafka connector: ${(e as Error).message} (Spark runs will fail)`);
  }
  const expected = inProcessExpected(
    ctx.dataDir,
    NEXMARK_DATA_VERSION,
    ctx.rows,
    NEXMARK_SEED,
    q.name,
    ctx.log,
  );
  return {
    jobArgs: ['kafka', BOOTSTRAP, topic, String(perBatch), q.name],
    rows: ctx.rows,
    description:
      `${q.name}: ${formatCount(ctx.rows)} Nexmark events as JSON in Kafka topic ${topic} (${PARTITIONS} partitions, seed ${NEXMARK_SEED}), ` +
      `maxOffsetsPerTrigger ${formatCount(perBatch)}; Spark with spark.sql.shuffle.partitions=2${packages}`,
    expected,
    ...(sparkConf ? { sparkConf } : {}),
    ...(q.sparkBatchOnly
      ? {
          notes: [
            `Spark runs ${q.name} in batch over the topic (spark.read, earliest to latest offsets): it refuses distinct aggregates on streaming DataFrames; Sluice runs it on the stream.`,
          ],
        }
      : {}),
  };
}

export const NEXMARK_KAFKA_BENCHMARKS: readonly Benchmark[] = NEXMARK_QUERIES.map((q) => ({
  name: `nexmark-kafka-${q.name}`,
  summary:
    `Nexmark ${q.name} over a pre-filled Kafka topic (3 partitions) of Nexmark JSON events (CAST(value AS STRING) → from_json, ` +
    `100,000 offsets per trigger) → foreachBatch checksum (count, sum(hash(*))), checked against the in-process generator run` +
    `${q.sparkBatchOnly ? '; Spark runs it in batch (no distinct aggregates on streams)' : ''}.`,
  defaultRows: 1_000_000,
  quickRows: 2_000,
  sluiceJob: 'bench/jobs/nexmark.ts',
  sparkJob: 'bench/jobs/nexmark.py',
  prepare: (ctx) => prepare(ctx, q),
}));
