/**
 * Benchmark job `kafka-latency`, Sluice side: the house-statistics pipeline Kafka → Sluice →
 * PostgreSQL with the exactly-once jdbc sink (complete mode, default trigger). The measuring is
 * done by bench/kafka/latency-driver.ts (started here, same for both engines): it creates the
 * topic and table, produces at the fixed rate once the query waits for data, and polls the table.
 * kafka_latency.py is the same job in pyspark (foreachBatch + the JDBC writer).
 *
 *   node bin/sluice.js submit --master local bench/jobs/kafka-latency.ts 127.0.0.1:9092 127.0.0.1:5432 20000 10 42
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Session, type StreamingQueryProgress } from 'sluice';
import { jobArgs, printJobResult } from './job-report.js';
import { houseStatisticsOfKafkaRecords } from './kafka-house-stats-query.js';

const { args } = jobArgs();
const [bootstrap, pgHost, rate, seconds, seed] = args;
if (!bootstrap || !pgHost || !rate || !seconds || !seed)
  throw new Error(
    'usage: sluice submit bench/jobs/kafka-latency.ts <bootstrap> <pg host:port> <rate> <seconds> <seed>',
  );

const name = `bench_latency_sluice_${process.pid}`;
const driver = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'bench/kafka/latency-driver.ts',
    bootstrap,
    name,
    `postgres://postgres:postgres@${pgHost}/postgres`,
    name,
    rate,
    seconds,
    seed,
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
// the driver must not outlive a failed job (it holds the job's stderr open)
process.on('exit', () => driver.kill());
const driverLines = createInterface({ input: driver.stdout! });
const nextLine = (prefix: string) =>
  new Promise<string>((resolve, reject) => {
    driver.once('exit', (code) => reject(new Error(`latency driver exited with ${code}`)));
    driverLines.on('line', (l) => l.startsWith(prefix) && resolve(l.slice(prefix.length)));
  });
await nextLine('READY');

const spark = Session.builder()
  .appName('bench-kafka-latency')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();
// every batch's progress (recentProgress keeps only the last 100)
const progress: StreamingQueryProgress[] = [];
spark.streams.addListener({ onQueryProgress: (e) => void progress.push(e.progress) });
const checkpoint = mkdtempSync(join(tmpdir(), 'bench-kafka-latency-'));
const query = houseStatisticsOfKafkaRecords(
  spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', bootstrap)
    .option('subscribe', name)
    .option('startingOffsets', 'earliest')
    .load(),
)
  .writeStream.format('jdbc')
  .outputMode('complete')
  .option('url', `jdbc:postgresql://${pgHost}/postgres`)
  .option('user', 'postgres')
  .option('password', 'postgres')
  .option('dbtable', name)
  .option('upsertKeys', 'house')
  .option('checkpointLocation', checkpoint)
  .start();

// the query has resolved its starting offsets and waits for data
while (query.status.message !== 'Waiting for data to arrive') {
  const failure = query.exception();
  if (failure) throw failure;
  await new Promise((r) => setTimeout(r, 20));
}
// memory: RSS while the started query waits for data (idle); the sampled peak and its make-up
// are printed with BENCH_LATENCY_BATCHES
const idleRssMiB = process.memoryUsage.rss() / 2 ** 20;
let loadRssMiB = idleRssMiB;
let loadMemory = process.memoryUsage();
const idleMemory = loadMemory;
const rssSampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss / 2 ** 20 > loadRssMiB) {
    loadRssMiB = m.rss / 2 ** 20;
    loadMemory = m;
  }
}, 50);
const report = nextLine('LATENCY ');
driver.stdin!.write('GO\n');
const latency = JSON.parse(await report);
clearInterval(rssSampler);
// the engine's own peak (start-up included); the harness's peak RSS also counts the driver
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
await query.stop();
if (process.env.BENCH_LATENCY_BATCHES) {
  const mib = (m: NodeJS.MemoryUsage) =>
    Object.entries(m)
      .map(([k, v]) => `${k} ${Math.round(v / 2 ** 20)}`)
      .join(', ');
  process.stderr.write(
    `memory idle (MiB): ${mib(idleMemory)}\nmemory at peak RSS (MiB): ${mib(loadMemory)}\n`,
  );
  for (const p of progress)
    process.stderr.write(`batch ${p.batchId} rows ${p.numInputRows} ${JSON.stringify(p.durationMs)}\n`);
}
const batchMs = progress.map((p) => p.durationMs.triggerExecution ?? 0).sort((a, b) => a - b);
const pct = (q: number) => batchMs[Math.min(batchMs.length - 1, Math.ceil(q * batchMs.length) - 1)] ?? 0;
rmSync(checkpoint, { recursive: true, force: true });
printJobResult({
  firstResultMs: latency.firstVisibleMs,
  processingMs: latency.lastVisibleMs,
  latencyP50Ms: latency.p50Ms,
  latencyP99Ms: latency.p99Ms,
  latency,
  metrics: {
    idleRssMiB: Math.round(idleRssMiB),
    enginePeakRssMiB: Math.round(peakRssMiB),
    batchP50Ms: pct(0.5),
    batchP99Ms: pct(0.99),
  },
  result: latency.rows,
});
spark.stop();
