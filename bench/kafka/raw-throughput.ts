/**
 * Raw Kafka throughput of Sluice's connector, without the benchmark harness or Spark: produce N
 * house events into a fresh 3-partition topic (the sink's producer), read them back by offset
 * range (the source's fetch + bulk decoder), then run the streaming house-statistics query over
 * the topic (Kafka → CAST(value AS STRING) → from_json → groupBy aggregation, AvailableNow).
 * Prints messages/s for each, by wall time and per CPU-second (user + system time of the whole
 * process, all threads: the measure least disturbed by other load on a shared machine); the topic
 * is deleted at the end.
 *
 *   node --import tsx bench/kafka/raw-throughput.ts [events] [--cpu-prof via node flags]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaClient } from '../../src/connectors/kafka/kafka-client.js';
import { kafkaClientConfig } from '../../src/connectors/kafka/kafka-config.js';
import { KafkaOffsetReader } from '../../src/connectors/kafka/kafka-offset-reader.js';
import { parseKafkaSourceOptions } from '../../src/connectors/kafka/kafka-source-options.js';
import { functions as F, Session } from '../../src/index.js';
import { BOOTSTRAP, expectedHouseStats, produceHouseEvents } from './bench-topics.js';

const events = Number(process.argv[2] ?? 500_000);
const only = process.argv[3];
const topic = `bench-raw-${process.pid}-${Date.now()}`;
const client = new KafkaClient(kafkaClientConfig({ 'kafka.bootstrap.servers': BOOTSTRAP }, 'source'));
await client.createTopic(topic, 3);
await client.partitionCounts([topic]);

const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;
/** CPU seconds (user + system, all threads) since `from`, and events per CPU-second. */
const cpu = (n: number, from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  const s = (u.user + u.system) / 1e6;
  return `; CPU ${s.toFixed(2)} s = ${Math.round(n / s).toLocaleString('en-US')}/CPU-s`;
};
try {
  let t = performance.now();
  let c = process.cpuUsage();
  await produceHouseEvents(topic, 0, events, 42);
  const produceMs = performance.now() - t;
  console.log(
    `produce: ${events} events in ${produceMs.toFixed(0)} ms = ${rate(events, produceMs)}${cpu(events, c)}`,
  );

  if (!only || only === 'consume') {
    const opts = parseKafkaSourceOptions({ 'kafka.bootstrap.servers': BOOTSTRAP, subscribe: topic }, 'batch');
    const reader = new KafkaOffsetReader(opts, client, () => 'bench');
    const tps = await reader.partitions();
    const end = await client.listOffsets(tps, 'latest');
    t = performance.now();
    c = process.cpuUsage();
    const parts = await reader.readRanges(
      tps.map((tp) => ({ tp, from: 0, until: end.get(`${tp.topic}\u0000${tp.partition}`)! })),
    );
    const consumeMs = performance.now() - t;
    const n = parts.reduce((s, p) => s + p.length, 0);
    console.log(
      `consume (fetch + decode): ${n} records in ${consumeMs.toFixed(0)} ms = ${rate(n, consumeMs)}${cpu(n, c)}`,
    );
  }

  if (!only || only === 'query') {
    const spark = Session.builder().appName('kafka-raw').getOrCreate();
    const checkpoint = mkdtempSync(join(tmpdir(), 'kafka-raw-'));
    t = performance.now();
    c = process.cpuUsage();
    const q = spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('subscribe', topic)
      .option('startingOffsets', 'earliest')
      .option('maxOffsetsPerTrigger', String(Math.ceil(events / 5)))
      .load()
      .select(
        F.fromJson(
          F.col('value').cast('string'),
          'house STRING, character STRING, score STRING, ts TIMESTAMP',
        ).alias('e'),
      )
      .select('e.*')
      .groupBy('house')
      .agg(
        F.count('*').alias('how_many'),
        F.sum(F.col('score').cast('int')).alias('sum_score'),
        F.size(F.collectSet('character')).alias('no_characters'),
      )
      .writeStream.format('memory')
      .queryName('raw_stats')
      .outputMode('complete')
      .trigger({ availableNow: true })
      .option('checkpointLocation', checkpoint)
      .start();
    await q.awaitTermination();
    const queryMs = performance.now() - t;
    const queryCpu = cpu(events, c);
    const rows = (await spark.table('raw_stats').collect()).map((r) => r.toArray());
    rmSync(checkpoint, { recursive: true, force: true });
    const text = (rs: readonly (readonly unknown[])[]) =>
      JSON.stringify(rs.map((r) => [String(r[0]), ...r.slice(1).map(Number)].join()).sort());
    if (text(rows) !== text(expectedHouseStats(events, 42))) throw new Error(`wrong result: ${text(rows)}`);
    console.log(
      `streaming query (Kafka → from_json → aggregation): ${events} events in ${queryMs.toFixed(0)} ms = ${rate(events, queryMs)}${queryCpu}`,
    );
    spark.stop();
  }
} finally {
  await client.deleteTopic(topic).catch(() => undefined);
  await client.close();
}
