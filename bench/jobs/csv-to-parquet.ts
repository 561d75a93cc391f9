/**
 * Benchmark job `csv-to-parquet`, Sluice side: CSV (header, explicit schema) → snappy Parquet in
 * `<csv>.out-sluice-<pid>`; only the conversion is timed. The output is then read back — count
 * and checksums — as the job's result, and removed. csv_to_parquet.py is the same job in pyspark.
 *
 *   node bin/sluice.js submit --master local bench/jobs/csv-to-parquet.ts bench/data/csv-to-parquet-10000000-v1.csv [--warm]
 */
import { rmSync } from 'node:fs';
import { functions as F, Session } from 'sluice';
import { jobArgs, printJobResult, timeJob } from './job-report.js';

const CSV_SCHEMA =
  'id BIGINT, name STRING, city STRING, amount DOUBLE, qty INT, ts TIMESTAMP, flag BOOLEAN, note STRING';

const { args, warm } = jobArgs();
const [path] = args;
if (!path) throw new Error('usage: sluice submit bench/jobs/csv-to-parquet.ts <file.csv> [--warm]');
const out = `${path}.out-sluice-${process.pid}`;

const spark = Session.builder()
  .appName('bench-csv-to-parquet')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

async function convert(): Promise<unknown[][]> {
  await spark.read
    .schema(CSV_SCHEMA)
    .option('header', 'true')
    .csv(path!)
    .write.mode('overwrite')
    .parquet(out);
  return [];
}

async function readBack(): Promise<unknown[][]> {
  const rows = await spark.read
    .parquet(out)
    .agg(
      F.count('*'),
      F.sum('id'),
      F.sum('qty'),
      F.sum(F.round(F.col('amount').multiply(100)).cast('bigint')),
      F.sum(F.length(F.col('note'))),
      F.min('ts').cast('string'),
      F.max('ts').cast('string'),
    )
    .collect();
  return rows.map((r) => r.toArray());
}

try {
  const timed = await timeJob(convert, warm);
  printJobResult({ ...timed, result: await readBack() });
} finally {
  spark.stop();
  rmSync(out, { recursive: true, force: true });
}
