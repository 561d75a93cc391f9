/**
 * Benchmark job `stream-house-stats`, Sluice side: the house statistics over a file stream of
 * JSON lines — from_json → groupBy(house) → count, sum(cast(score as int)),
 * approx_count_distinct(character) — run by stream-job.ts in its two phases. The distinct count is
 * approximate on both sides because Spark refuses exact distinct aggregates on streams (Sluice
 * allows countDistinct as an extension; the benchmark keeps the work equal).
 * stream_house_stats.py is the same job in pyspark.
 *
 *   node bin/sluice.js submit --master local bench/jobs/stream-house-stats.ts bench/data/stream-house-stats-500000/spec.json
 */
import { functions as F, Session } from 'sluice';
import { jobArgs, printJobResult } from './job-report.js';
import { readStreamSpec, runStreamJob } from './stream-job.js';

const { args } = jobArgs();
const [specPath] = args;
if (!specPath) throw new Error('usage: sluice submit bench/jobs/stream-house-stats.ts <spec.json>');
const spec = readStreamSpec(specPath);

const spark = Session.builder()
  .appName('bench-stream-house-stats')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

printJobResult(
  await runStreamJob(spark, spec, (lines) =>
    lines
      .select(
        F.fromJson(F.col('value'), 'house STRING, character STRING, score STRING, ts TIMESTAMP').alias(
          'event',
        ),
      )
      .select('event.*')
      .groupBy('house')
      .agg(
        F.count('*').alias('how_many'),
        F.sum(F.col('score').cast('int')).alias('sum_score'),
        F.approxCountDistinct('character').alias('no_characters'),
      ),
  ),
);
spark.stop();
