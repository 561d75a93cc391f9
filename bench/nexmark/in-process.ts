/**
 * Sluice-only Nexmark throughput per core: each query over `readStream.format('nexmark')` (the
 * in-process generator: maxEvents events, eventsPerTrigger per micro-batch) or, with
 * `--kafka-topic`, over a Kafka topic of Nexmark JSON (as `sluice generate nexmark` writes it;
 * CAST(value AS STRING) + from_json, maxOffsetsPerTrigger = events per trigger), with
 * Trigger.AvailableNow into a blackhole (`foreachBatch` that drops the computed batch), timed
 * from start() to termination. events/s/core divides by the process's CPU time (user + system,
 * GC and every thread included) instead of wall time, so it is the per-core figure Flink and
 * RisingWave publish (the Kafka broker's own CPU is not counted, as theirs is not). Prints a
 * Markdown table. The side-by-side benchmarks with pyspark are `npm run bench -- nexmark` (JSON
 * files) and `nexmark-kafka` (Kafka JSON).
 *
 *   node bin/sluice.js submit --master local bench/nexmark/in-process.ts \
 *     --events 1000000 [--query q0,q1] [--events-per-trigger 100000] \
 *     [--kafka-topic bench-nexmark-1000000-seed1-p3-v1 [--bootstrap 127.0.0.1:9092]]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataFrame, functions as F, Session } from 'sluice';
import { NEXMARK_DDL } from '../../src/generator/nexmark/nexmark-schema.js';
import { NEXMARK_QUERIES, nexmarkQuery, querySql, viewStatements } from './nexmark-queries.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const events = Number(arg('events', '1000000'));
const perTrigger = Number(arg('events-per-trigger', '100000'));
const kafkaTopic = arg('kafka-topic', '');
const bootstrap = arg('bootstrap', '127.0.0.1:9092');
const queries = arg('query', NEXMARK_QUERIES.map((q) => q.name).join(','))
  .split(',')
  .map((q) => nexmarkQuery(q.trim()));

const spark = Session.builder()
  .appName('bench-nexmark-in-process')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

const out: string[] = [
  `Nexmark, ${kafkaTopic ? `Kafka JSON (topic ${kafkaTopic})` : 'in-process generator'}: ${events.toLocaleString('en-US')} events, ${perTrigger.toLocaleString('en-US')} per micro-batch, master ${spark.conf.get('spark.master')}`,
  '',
  '| query | wall s | CPU s | events/s | events/s/core |',
  '| ----- | -----: | ----: | -------: | ------------: |',
];
function nexmarkStream(): DataFrame {
  if (!kafkaTopic)
    return spark.readStream
      .format('nexmark')
      .options({ maxEvents: events, eventsPerTrigger: perTrigger })
      .load();
  return spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', bootstrap)
    .option('subscribe', kafkaTopic)
    .option('startingOffsets', 'earliest')
    .option('maxOffsetsPerTrigger', perTrigger)
    .load()
    .select(F.fromJson(F.col('value').cast('string'), NEXMARK_DDL).alias('event'))
    .select('event.*');
}

for (const q of queries) {
  nexmarkStream().createOrReplaceTempView('nexmark');
  for (const v of viewStatements()) await spark.sql(v).collect();
  const checkpoint = mkdtempSync(join(tmpdir(), 'bench-nexmark-in-process-'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const query = spark
    .sql(querySql(q.name))
    .writeStream.outputMode(q.stateful ? 'complete' : 'append')
    .option('checkpointLocation', checkpoint)
    .trigger({ availableNow: true })
    .foreachBatch(() => undefined)
    .start();
  await query.awaitTermination();
  const wall = (performance.now() - t0) / 1000;
  const cpuUsed = process.cpuUsage(cpu0);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
  rmSync(checkpoint, { recursive: true, force: true });
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  out.push(
    `| ${q.name} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${fmt(events / wall)} | ${fmt(events / cpu)} |`,
  );
  process.stderr.write(`${out.at(-1)}\n`);
}
process.stdout.write(`${out.join('\n')}\n`);
spark.stop();
