/**
 * The streaming benchmark driver, Sluice side (stream_job.py is the pyspark mirror; keep the two in
 * step). A job gives a query over a file stream of text lines; this runs it in two phases on one
 * session and reports both in one BENCH_RESULT line:
 *
 * 1. Throughput: the backlog folder (all files present) read with `maxFilesPerTrigger` and the
 *    default trigger (the next batch as soon as the previous ends) into a complete-mode memory
 *    sink, until `processAllAvailable()` returns. processingMs runs from "session ready" to then;
 *    rows/s = backlog rows ÷ that. (Not `availableNow`: Sluice's file source does not honour
 *    maxFilesPerTrigger under it yet and would read the whole backlog in one batch.)
 * 2. Fixed rate: an empty folder fed by jobs/file_feeder.py at a steady rate while the query runs
 *    with a processing-time trigger; batch durations are the progress reports'
 *    `durationMs.triggerExecution` of the batches that read data (p50, p99).
 *
 * Both phases' final tables are the result (rows tagged 'backlog' / 'live'), so the harness checks
 * both against the expected answer. Times of the first batch come from its progress report
 * (`timestamp` = batch start, plus its triggerExecution), not from polling, so neither engine is
 * charged for a polling interval. "Start → first batch" is measured from the moment the harness
 * spawned the process (BENCH_SPAWN_EPOCH_MS), so it includes Node and module loading.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DataFrame, Session, StreamingQuery } from 'sluice';
import type { JobResult } from './job-report.js';

export interface StreamJobSpec {
  readonly backlogDir: string;
  readonly backlogRows: number;
  readonly maxFilesPerTrigger: number;
  readonly liveDir: string;
  readonly liveRows: number;
  readonly filesPerSecond: number;
  readonly triggerMs: number;
  readonly shufflePartitions?: number;
}

export function readStreamSpec(path: string): StreamJobSpec {
  return JSON.parse(readFileSync(path, 'utf8')) as StreamJobSpec;
}

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Progress `durationMs` parts reported per batch by both engines. */
const PHASES = ['latestOffset', 'getBatch', 'queryPlanning', 'addBatch', 'walCommit', 'commitOffsets'];

const FEEDER = resolve(import.meta.dirname, 'file_feeder.py');

function feed(from: string, to: string, filesPerSecond: number): Promise<void> {
  return new Promise((done, fail) => {
    const python = process.env.BENCH_PYTHON || 'python3';
    const child = spawn(python, [FEEDER, from, to, String(filesPerSecond)], { stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`file feeder exited with ${code}`))));
  });
}

/** The progress reports of the batches that read data; their rows must add up to `rows`. */
function dataBatches(q: StreamingQuery, rows: number, phase: string) {
  const batches = q.recentProgress.filter((p) => p.numInputRows > 0);
  const read = batches.reduce((n, p) => n + p.numInputRows, 0);
  if (read !== rows) throw new Error(`${phase}: progress reports ${read} input rows, expected ${rows}`);
  return batches;
}

async function table(spark: Session, name: string, tag: string): Promise<unknown[][]> {
  const rows = await spark.table(name).collect();
  return rows.map((r) => [tag, ...r.toArray()]);
}

/**
 * Runs both phases of `query` (a function of the text-line stream) and returns the job result.
 * Call it right after the session is ready: that is when the clock starts.
 */
export async function runStreamJob(
  spark: Session,
  spec: StreamJobSpec,
  query: (lines: DataFrame) => DataFrame,
): Promise<JobResult> {
  if (spec.shufflePartitions) spark.conf.set('spark.sql.shuffle.partitions', String(spec.shufflePartitions));
  const t0 = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'sluice-stream-bench-'));
  try {
    const backlog = query(
      spark.readStream
        .format('text')
        .option('maxFilesPerTrigger', spec.maxFilesPerTrigger)
        .load(spec.backlogDir),
    )
      .writeStream.format('memory')
      .queryName('backlog')
      .outputMode('complete')
      .option('checkpointLocation', join(work, 'backlog-checkpoint'))
      .start();
    await backlog.processAllAvailable();
    await backlog.stop();
    const processingMs = performance.now() - t0;
    const first = dataBatches(backlog, spec.backlogRows, 'backlog')[0]!;
    const firstBatchEnd = Date.parse(first.timestamp) + first.durationMs.triggerExecution!;
    const startEpoch = Date.now() - performance.now() + t0;

    const watched = join(work, 'in');
    mkdirSync(watched);
    const live = query(spark.readStream.format('text').load(watched))
      .writeStream.format('memory')
      .queryName('live')
      .outputMode('complete')
      .option('checkpointLocation', join(work, 'live-checkpoint'))
      .trigger({ processingTime: `${spec.triggerMs} milliseconds` })
      .start();
    await feed(spec.liveDir, watched, spec.filesPerSecond);
    await live.processAllAvailable();
    await live.stop();
    const liveBatches = dataBatches(live, spec.liveRows, 'live');
    const durations = liveBatches.map((p) => p.durationMs.triggerExecution!);
    // Where a fixed-rate batch's time goes (kept in the raw runs, not in the report's tables).
    const phases: Record<string, number> = {};
    for (const k of PHASES) {
      const xs = liveBatches.map((p) => (p.durationMs as Record<string, number | undefined>)[k]);
      if (xs.every((x) => typeof x === 'number')) phases[`${k}P50Ms`] = percentile(xs as number[], 50);
    }

    const spawnEpoch = Number(process.env.BENCH_SPAWN_EPOCH_MS);
    return {
      firstResultMs: firstBatchEnd - startEpoch,
      processingMs,
      metrics: {
        ...(Number.isFinite(spawnEpoch) && spawnEpoch > 0
          ? { startToFirstBatchMs: firstBatchEnd - spawnEpoch }
          : {}),
        batchP50Ms: percentile(durations, 50),
        batchP99Ms: percentile(durations, 99),
        liveBatches: durations.length,
        ...phases,
      },
      result: [...(await table(spark, 'backlog', 'backlog')), ...(await table(spark, 'live', 'live'))],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
