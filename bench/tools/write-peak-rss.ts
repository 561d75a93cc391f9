/**
 * Peak memory of a large file write: writes `rows` generated rows (id, a string key, a double, a
 * date) to Parquet (or `--format json|csv`) and prints the process's peak RSS. Used to check that
 * writers stream (partition by partition, row group by row group) instead of materializing the
 * DataFrame.
 *
 *   node --import tsx bench/tools/write-peak-rss.ts --rows 5000000 [--format parquet] [--partitions 4]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functions as F, Session } from '../../src/index.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const rows = Number(arg('rows', '5000000'));
const format = arg('format', 'parquet');
const partitions = Number(arg('partitions', '4'));

const spark = Session.builder().master('local[1]').getOrCreate();
const dir = mkdtempSync(join(tmpdir(), 'sluice-write-rss-'));
const started = performance.now();
try {
  const df = spark
    .range(0, rows, 1, partitions)
    .select(
      F.col('id'),
      F.expr("concat('key-', cast(id % 1000 AS STRING))").alias('k'),
      F.expr('id * 0.5').alias('v'),
      F.expr("date_add(date '2024-01-01', cast(id % 365 AS INT))").alias('d'),
    );
  await df.write.format(format).save(join(dir, 'out'));
  const seconds = (performance.now() - started) / 1000;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      rows,
      format,
      partitions,
      seconds: Number(seconds.toFixed(1)),
      peakRssMiB: Math.round(peakMiB),
    }),
  );
} finally {
  spark.stop();
  rmSync(dir, { recursive: true, force: true });
}
