/**
 * Benchmark job `house-stats`, Sluice side: JSON house events in a text file → from_json →
 * per-house count, sum of scores, distinct characters → collect. house_stats.py is the same job
 * in pyspark; keep the two in step.
 *
 *   node bin/sluice.js submit --master local bench/jobs/house-stats.ts bench/data/house-events-1000000-seed42.jsonl [--warm]
 */
import { functions as F, Session } from 'sluice';
import { jobArgs, printJobResult, timeJob } from './job-report.js';

const { args, warm } = jobArgs();
const [path] = args;
if (!path) throw new Error('usage: sluice submit bench/jobs/house-stats.ts <events.jsonl> [--warm]');

const spark = Session.builder()
  .appName('bench-house-stats')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

async function houseStats(): Promise<unknown[][]> {
  const rows = await spark.read
    .text(path!)
    .select(
      F.fromJson(F.col('value'), 'house STRING, character STRING, score STRING, ts TIMESTAMP').alias('event'),
    )
    .select('event.*')
    .groupBy('house')
    .agg(
      F.count('*').alias('how_many'),
      F.sum(F.col('score').cast('int')).alias('sum_score'),
      F.countDistinct('character').alias('no_characters'),
    )
    .collect();
  return rows.map((r) => r.toArray());
}

printJobResult(await timeJob(houseStats, warm));
spark.stop();
