/**
 * Benchmark jobs `nexmark-<q>` and `nexmark-kafka-<q>`, Sluice side: Nexmark events → a stream
 * registered as the `nexmark` view → the query's SQL over the person/auction/bid views →
 * foreachBatch that reduces each batch to (count, sum(hash(all columns))) — a checksum that makes
 * the engine compute every output column, as a blackhole sink would consume it. Per-event queries
 * sum the checksums of all batches; aggregates run in complete mode and keep the last batch's
 * (the final table). nexmark.py is the same job in pyspark; keep them in step.
 *
 * Where the events come from (the arguments before the query name):
 *   <events-dir>                                         JSON files, one per micro-batch
 *   kafka <bootstrap> <topic> <maxOffsetsPerTrigger>     Kafka JSON values, CAST + from_json
 *   generator <events> <seed> <eventsPerTrigger>         the in-process `nexmark` source (Sluice only;
 *                                                        the benchmarks' expected result)
 *
 *   node bin/sluice.js submit --master local bench/jobs/nexmark.ts bench/data/nexmark-1000000-seed1 q1 [--warm]
 *   node bin/sluice.js submit --master local bench/jobs/nexmark.ts kafka 127.0.0.1:9092 <topic> 100000 q1
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataFrame, functions as F, Session } from 'sluice';
import { NEXMARK_DDL } from '../../src/generator/nexmark/nexmark-schema.js';
import { nexmarkQuery, querySql, viewStatements } from '../nexmark/nexmark-queries.js';
import { jobArgs, printJobResult, timeJob } from './job-report.js';

const USAGE =
  'usage: sluice submit bench/jobs/nexmark.ts <events-dir> | kafka <bootstrap> <topic> <maxOffsetsPerTrigger> | generator <events> <seed> <eventsPerTrigger>  <query> [--warm]';
const { args, warm } = jobArgs();
const name = args.at(-1);
const source = args.slice(0, -1);
const validSource =
  source.length === 1 || (source.length === 4 && (source[0] === 'kafka' || source[0] === 'generator'));
if (!name || !validSource) throw new Error(USAGE);
const query = nexmarkQuery(name);

const spark = Session.builder()
  .appName(`bench-nexmark-${name}`)
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

/** The Nexmark events as a streaming DataFrame in the `nexmark` table's layout. */
function nexmarkStream(): DataFrame {
  if (source[0] === 'kafka') {
    const [, bootstrap, topic, maxOffsets] = source as [string, string, string, string];
    return spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', bootstrap)
      .option('subscribe', topic)
      .option('startingOffsets', 'earliest')
      .option('maxOffsetsPerTrigger', maxOffsets)
      .load()
      .select(F.fromJson(F.col('value').cast('string'), NEXMARK_DDL).alias('event'))
      .select('event.*');
  }
  if (source[0] === 'generator') {
    const [, events, seed, perTrigger] = source as [string, string, string, string];
    return spark.readStream
      .format('nexmark')
      .options({ maxEvents: events, seed, eventsPerTrigger: perTrigger })
      .load();
  }
  return spark.readStream.schema(NEXMARK_DDL).option('maxFilesPerTrigger', 1).json(source[0]!);
}

async function checksum(df: DataFrame): Promise<[number, number]> {
  const [row] = await df.agg(F.count('*'), F.sum(F.hash(...df.columns.map((c) => F.col(c))))).collect();
  return [Number(row!.get(0)), Number(row!.get(1) ?? 0)];
}

async function run(): Promise<unknown[][]> {
  nexmarkStream().createOrReplaceTempView('nexmark');
  for (const v of viewStatements()) await spark.sql(v).collect();
  let total: [number, number] = [0, 0];
  const checkpoint = mkdtempSync(join(tmpdir(), 'bench-nexmark-'));
  try {
    const q = spark
      .sql(querySql(name!))
      .writeStream.outputMode(query.stateful ? 'complete' : 'append')
      .option('checkpointLocation', checkpoint)
      .trigger({ availableNow: true })
      .foreachBatch(async (df: DataFrame) => {
        const [n, h] = await checksum(df);
        total = query.stateful ? [n, h] : [total[0] + n, total[1] + h];
      })
      .start();
    await q.awaitTermination();
  } finally {
    rmSync(checkpoint, { recursive: true, force: true });
  }
  return [total];
}

printJobResult(await timeJob(run, warm));
spark.stop();
