/**
 * Per-batch fixed cost of a stateful streaming query into the exactly-once jdbc sink, Sluice
 * alone: a MemoryStream of a few house events per batch → per-house statistics → PostgreSQL
 * (complete mode), B batches one after another. Prints the median and p99 of each progress
 * duration and the process CPU time per batch — the costs every micro-batch pays whatever its
 * size (checkpoint writes, state store files, sink round trips, planning), which bound the
 * end-to-end latency at low rates.
 *
 *   node --import tsx bench/tools/batch-overhead.ts [batches=200] [rowsPerBatch=50] [pg host:port]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { HouseEventGenerator } from '../../src/generator/house-events.js';
import { functions as F, MemoryStream, Session, type StreamingQueryProgress } from '../../src/index.js';

const batches = Number(process.argv[2] ?? 200);
const perBatch = Number(process.argv[3] ?? 50);
const pgHost = process.argv[4] ?? '127.0.0.1:5432';
const table = `bench_overhead_${process.pid}`;

const spark = Session.builder()
  .appName('batch-overhead')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.shuffle.partitions', '1')
  .getOrCreate();
const events = new MemoryStream(spark, 'house STRING, character STRING, score INT');
const progress: StreamingQueryProgress[] = [];
spark.streams.addListener({ onQueryProgress: (e) => void progress.push(e.progress) });
const checkpoint = mkdtempSync(join(tmpdir(), 'bench-batch-overhead-'));
const query = events
  .toDF()
  .groupBy('house')
  .agg(
    F.count('*').alias('how_many'),
    F.sum('score').alias('sum_score'),
    F.size(F.collectSet('character')).alias('no_characters'),
  )
  .writeStream.format('jdbc')
  .outputMode('complete')
  .option('url', `jdbc:postgresql://${pgHost}/postgres`)
  .option('user', 'postgres')
  .option('password', 'postgres')
  .option('dbtable', table)
  .option('upsertKeys', 'house')
  .option('checkpointLocation', checkpoint)
  .start();

const gen = new HouseEventGenerator({ seed: 42 });
let next = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let b = 0; b < batches; b++) {
  const rows = [];
  for (let i = 0; i < perBatch; i++, next++) {
    const e = gen.event(next);
    rows.push([e.house, e.character, Number(e.score)]);
  }
  events.addData(rows);
  await query.processAllAvailable();
}
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await query.stop();
spark.stop();
rmSync(checkpoint, { recursive: true, force: true });
const db = new pg.Client({ connectionString: `postgres://postgres:postgres@${pgHost}/postgres` });
await db.connect();
await db.query(`DROP TABLE IF EXISTS ${table}`);
await db.end();

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
};
// the first batches include JIT warm-up and connection set-up
const steady = progress.slice(Math.min(10, Math.floor(progress.length / 4)));
const keys = [...new Set(steady.flatMap((p) => Object.keys(p.durationMs)))];
console.log(
  `${batches} batches of ${perBatch} rows: ${(wallMs / batches).toFixed(1)} ms wall per batch, ` +
    `${((cpu.user + cpu.system) / 1000 / batches).toFixed(1)} ms CPU per batch`,
);
for (const k of keys) {
  const xs = steady.map((p) => p.durationMs[k] ?? 0);
  console.log(
    `${k.padEnd(18)} p50 ${pct(xs, 0.5).toString().padStart(4)} ms  p99 ${pct(xs, 0.99).toString().padStart(4)} ms`,
  );
}
