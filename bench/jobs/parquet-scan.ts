/**
 * Benchmark job `parquet-scan`, Sluice side: a year/month/day-partitioned Parquet dataset →
 * filter on partition columns (pruned folders are never opened) and a data column → per-house
 * count, sum of cents, max score → collect. parquet_scan.py is the same job in pyspark.
 *
 *   node bin/sluice.js submit --master local bench/jobs/parquet-scan.ts bench/data/parquet-scan-10000000-v1 [--warm]
 */
import { functions as F, Session } from 'sluice';
import { jobArgs, printJobResult, timeJob } from './job-report.js';

const { args, warm } = jobArgs();
const [path] = args;
if (!path) throw new Error('usage: sluice submit bench/jobs/parquet-scan.ts <dataset folder> [--warm]');

const spark = Session.builder()
  .appName('bench-parquet-scan')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

async function parquetScan(): Promise<unknown[][]> {
  const rows = await spark.read
    .parquet(path!)
    .filter('year = 2024 AND month >= 7 AND score > 50')
    .groupBy('house')
    .agg(F.count('*').alias('n'), F.sum('cents').alias('cents'), F.max('score').alias('max_score'))
    .collect();
  return rows.map((r) => r.toArray());
}

printJobResult(await timeJob(parquetScan, warm));
spark.stop();
