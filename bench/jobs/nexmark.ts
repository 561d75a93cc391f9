/**
 * Benchmark job `nexmark-<q>`, Sluice side: Nexmark JSON events in files (one per 100,000
 * events) → readStream (maxFilesPerTrigger 1) → the query's SQL over the person/auction/bid
 * views → foreachBatch that reduces each batch to (count, sum(hash(all columns))) — a checksum
 * that makes the engine compute every output column, as a blackhole sink would consume it.
 * Per-event queries sum the checksums of all batches; aggregates run in complete mode and keep
 * the last batch's (the final table). nexmark.py is the same job in pyspark; keep them in step.
 *
 *   node bin/sluice.js submit --master local bench/jobs/nexmark.ts bench/data/nexmark-1000000-seed1 q1 [--warm]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataFrame, functions as F, Session } from 'sluice';
import { NEXMARK_DDL } from '../../src/generator/nexmark/nexmark-schema.js';
import { nexmarkQuery, querySql, viewStatements } from '../nexmark/nexmark-queries.js';
import { jobArgs, printJobResult, timeJob } from './job-report.js';

const { args, warm } = jobArgs();
const [dir, name] = args;
if (!dir || !name)
  throw new Error('usage: sluice submit bench/jobs/nexmark.ts <events-dir> <query> [--warm]');
const query = nexmarkQuery(name);

const spark = Session.builder()
  .appName(`bench-nexmark-${name}`)
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

async function checksum(df: DataFrame): Promise<[number, number]> {
  const [row] = await df.agg(F.count('*'), F.sum(F.hash(...df.columns.map((c) => F.col(c))))).collect();
  return [Number(row!.get(0)), Number(row!.get(1) ?? 0)];
}

async function run(): Promise<unknown[][]> {
  spark.readStream
    .schema(NEXMARK_DDL)
    .option('maxFilesPerTrigger', 1)
    .json(dir!)
    .createOrReplaceTempView('nexmark');
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
