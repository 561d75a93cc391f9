/**
 * Benchmark `parquet-scan`: scan + filter + aggregate over a Parquet dataset partitioned by
 * year/month/day (96 partition folders). The filter names a partition column and a data column
 * (`year = 2024 AND month >= 7 AND score > 50`), so both engines prune to a quarter of the folders
 * before reading; then groupBy(house) → count, sum(cents), max(score) → collect.
 *
 * The dataset is written once by Sluice (range → columns derived from the row id → write
 * .partitionBy('year', 'month', 'day').parquet) and reused by both engines; its expected result is
 * computed from the same formulas in plain TypeScript, not by either engine.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../src/index.js';
import type { Benchmark, PrepareContext, PreparedData } from '../harness/benchmark.js';
import { formatCount } from '../harness/format.js';

/** Bump when the data formulas change, so stale datasets are regenerated. */
const DATA_VERSION = 1;
const HOUSES = ['Gryffindor', 'Hufflepuff', 'Ravenclaw', 'Slytherin'];
const PARTITIONS = 96; // 2 years × 12 months × 4 days

/** The row formulas, shared by the SQL that writes the data and the expected-result loop. */
const COLUMNS_SQL = [
  'id',
  `element_at(array(${HOUSES.map((h) => `'${h}'`).join(', ')}), CAST((id DIV ${PARTITIONS}) % 4 AS INT) + 1) AS house`,
  'CAST((id * 7919) % 101 AS INT) AS score',
  'CAST((id * 37) % 10000 AS INT) AS cents',
  `CAST(2023 + (id % ${PARTITIONS}) DIV 48 AS INT) AS year`,
  `CAST(1 + ((id % ${PARTITIONS}) % 48) DIV 4 AS INT) AS month`,
  `CAST(1 + 7 * ((id % ${PARTITIONS}) % 4) AS INT) AS day`,
];

interface DataMeta {
  readonly version: number;
  readonly rows: number;
  readonly expected: [string, number, number, number][];
}

/** What the query returns, computed without an engine. */
function expectedResult(rows: number): [string, number, number, number][] {
  const acc = HOUSES.map(() => ({ n: 0, cents: 0, max: -1 }));
  for (let id = 0; id < rows; id++) {
    const p = id % PARTITIONS;
    const year = 2023 + Math.floor(p / 48);
    const month = 1 + Math.floor((p % 48) / 4);
    const score = (id * 7919) % 101;
    if (year !== 2024 || month < 7 || score <= 50) continue;
    const a = acc[Math.floor(id / PARTITIONS) % 4]!;
    a.n++;
    a.cents += (id * 37) % 10000;
    if (score > a.max) a.max = score;
  }
  return HOUSES.map(
    (h, i) => [h, acc[i]!.n, acc[i]!.cents, acc[i]!.max] as [string, number, number, number],
  ).filter((r) => r[1] > 0);
}

async function prepare(ctx: PrepareContext): Promise<PreparedData> {
  mkdirSync(ctx.dataDir, { recursive: true });
  const path = join(ctx.dataDir, `parquet-scan-${ctx.rows}-v${DATA_VERSION}`);
  const metaPath = `${path}.meta.json`;
  let meta: DataMeta | undefined;
  if (existsSync(join(path, '_SUCCESS')) && existsSync(metaPath)) {
    const m = JSON.parse(readFileSync(metaPath, 'utf8')) as DataMeta;
    if (m.version === DATA_VERSION && m.rows === ctx.rows) meta = m;
  }
  if (meta) ctx.log(`reusing ${path}`);
  else {
    const t0 = performance.now();
    const tmp = `${path}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const spark = Session.builder()
      .master('local[1]')
      .config('spark.sql.session.timeZone', 'UTC')
      .getOrCreate();
    try {
      const parts = Math.max(1, Math.min(8, Math.ceil(ctx.rows / 1_500_000)));
      await spark
        .range(0, ctx.rows, 1, parts)
        .selectExpr(...COLUMNS_SQL)
        .write.partitionBy('year', 'month', 'day')
        .parquet(tmp);
    } finally {
      spark.stop();
    }
    rmSync(path, { recursive: true, force: true });
    renameSync(tmp, path);
    meta = { version: DATA_VERSION, rows: ctx.rows, expected: expectedResult(ctx.rows) };
    writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
    ctx.log(`generated ${path} with Sluice in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return {
    jobArgs: [path],
    rows: ctx.rows,
    description: `${formatCount(ctx.rows)} rows of Parquet in ${PARTITIONS} year/month/day folders (written by Sluice), 24 read after pruning`,
    expected: meta.expected,
  };
}

export const parquetScan: Benchmark = {
  name: 'parquet-scan',
  summary:
    'Batch: Parquet partitioned by year/month/day → filter on partition columns (pruning) and a ' +
    'data column → groupBy(house) → count, sum(cents), max(score) → collect.',
  defaultRows: 10_000_000,
  quickRows: 5_000,
  sluiceJob: 'bench/jobs/parquet-scan.ts',
  sparkJob: 'bench/jobs/parquet_scan.py',
  prepare,
};
