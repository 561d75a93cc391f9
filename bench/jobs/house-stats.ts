/**
 * Benchmark job `house-stats`, Sluice side: JSON house events in a text file → from_json →
 * per-house count, sum of scores, distinct characters → collect. house_stats.py is the same job
 * in pyspark; keep the two in step.
 *
 *   node bin/sluice.js submit --master local bench/jobs/house-stats.ts bench/data/house-events-1000000.jsonl
 */
import { functions as F, Session } from 'sluice';
import { printJobResult, startJobClock } from './job-report.js';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: sluice submit bench/jobs/house-stats.ts <events.jsonl>');

const spark = Session.builder()
  .appName('bench-house-stats')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

const clock = startJobClock();
const stats = spark.read
  .text(path)
  .select(
    F.fromJson(F.col('value'), 'house STRING, character STRING, score STRING, ts TIMESTAMP').alias('event'),
  )
  .select('event.*')
  .groupBy('house')
  .agg(
    F.count('*').alias('how_many'),
    F.sum(F.col('score').cast('int')).alias('sum_score'),
    F.countDistinct('character').alias('no_characters'),
  );
const rows = await stats.collect();
clock.firstResult();
printJobResult(clock.done(rows.map((r) => r.toArray())));
spark.stop();
