/**
 * Benchmark job `stream-wordcount`, Sluice side: word count over a file stream of text lines —
 * explode(split(value, ' ')) → groupBy(word).count() — run by stream-job.ts in its two phases
 * (backlog throughput, fixed-rate batch latency). stream_wordcount.py is the same job in pyspark.
 *
 *   node bin/sluice.js submit --master local bench/jobs/stream-wordcount.ts bench/data/stream-wordcount-200000/spec.json
 */
import { functions as F, Session } from 'sluice';
import { jobArgs, printJobResult } from './job-report.js';
import { readStreamSpec, runStreamJob } from './stream-job.js';

const { args } = jobArgs();
const [specPath] = args;
if (!specPath) throw new Error('usage: sluice submit bench/jobs/stream-wordcount.ts <spec.json>');
const spec = readStreamSpec(specPath);

const spark = Session.builder()
  .appName('bench-stream-wordcount')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

printJobResult(
  await runStreamJob(spark, spec, (lines) =>
    lines
      .select(F.explode(F.split(F.col('value'), ' ')).alias('word'))
      .groupBy('word')
      .count(),
  ),
);
spark.stop();
