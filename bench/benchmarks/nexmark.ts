/**
 * Benchmarks `nexmark-q0` … `nexmark-q22`: one Nexmark query each, Sluice and pyspark reading
 * the same Nexmark JSON events from files as a stream (one file per 100,000 events, one file per
 * micro-batch), results reduced to a (count, sum of hash) checksum that both engines must agree
 * on, and that must equal the checksum of the in-process generator run for the same events
 * (bench/nexmark/in-process-expected.ts). `npm run bench -- nexmark` runs them all, `--query q1,q2`
 * some. Spark runs q15/q16 in batch (it refuses distinct aggregates on streams).
 *
 * The events are generated once per (events, seed, generator version) by the Nexmark generator
 * (src/generator/nexmark) and reused.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { NexmarkGenerator } from '../../src/generator/nexmark/index.js';
import type { Benchmark, PrepareContext, PreparedData } from '../harness/benchmark.js';
import { formatBytes, formatCount } from '../harness/format.js';
import { inProcessExpected } from '../nexmark/in-process-expected.js';
import { NEXMARK_QUERIES, nexmarkQuery } from '../nexmark/nexmark-queries.js';

/** Bump when the generator's output changes, so stale data is regenerated. */
export const NEXMARK_DATA_VERSION = 1;
const DATA_VERSION = NEXMARK_DATA_VERSION;
export const NEXMARK_SEED = 1;
const SEED = NEXMARK_SEED;
const EVENTS_PER_FILE = 100_000;

interface DataMeta {
  readonly version: number;
  readonly events: number;
  readonly seed: number;
  readonly bytes: number;
}

/** Writes `events` Nexmark events as JSON lines into `dir`, EVENTS_PER_FILE per file. */
export function writeNexmarkFiles(dir: string, events: number, seed = SEED): DataMeta {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const gen = new NexmarkGenerator({ seed });
  let bytes = 0;
  for (let from = 0, file = 0; from < events; from += EVENTS_PER_FILE, file++) {
    const to = Math.min(events, from + EVENTS_PER_FILE);
    const text = `${[...gen.lines(from, to)].join('\n')}\n`;
    writeFileSync(join(tmp, `nexmark-${String(file).padStart(6, '0')}.json`), text);
    bytes += Buffer.byteLength(text);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { version: DATA_VERSION, events, seed, bytes };
}

async function prepare(ctx: PrepareContext, query: string): Promise<PreparedData> {
  mkdirSync(ctx.dataDir, { recursive: true });
  const dir = join(ctx.dataDir, `nexmark-${ctx.rows}-seed${SEED}`);
  const metaPath = `${dir}.meta.json`;
  let meta: DataMeta | undefined;
  if (existsSync(dir) && existsSync(metaPath)) {
    const m = JSON.parse(readFileSync(metaPath, 'utf8')) as DataMeta;
    const bytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    if (m.version === DATA_VERSION && m.events === ctx.rows && m.bytes === bytes) meta = m;
  }
  if (meta) {
    ctx.log(`reusing ${dir}`);
  } else {
    const t0 = performance.now();
    meta = writeNexmarkFiles(dir, ctx.rows);
    writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
    ctx.log(`generated ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const batchOnly = nexmarkQuery(query).sparkBatchOnly;
  return {
    ...(batchOnly
      ? {
          notes: [
            `Spark runs ${query} in batch over the same files (spark.read.json): it refuses distinct aggregates on streaming DataFrames; Sluice runs it on the stream.`,
          ],
        }
      : {}),
    jobArgs: [dir, query],
    rows: ctx.rows,
    description: `${query}: ${formatCount(ctx.rows)} Nexmark events as JSON lines, ${formatBytes(meta.bytes)} in ${Math.ceil(ctx.rows / EVENTS_PER_FILE)} file(s) (seed ${SEED})`,
    expected: inProcessExpected(ctx.dataDir, DATA_VERSION, ctx.rows, SEED, query, ctx.log),
  };
}

export const NEXMARK_BENCHMARKS: readonly Benchmark[] = NEXMARK_QUERIES.map((q) => ({
  name: `nexmark-${q.name}`,
  summary:
    `Nexmark ${q.name} over a file stream of Nexmark JSON events (readStream.json, one file per trigger) → ` +
    `foreachBatch checksum (count, sum(hash(*))), checked against the in-process generator run${q.sparkBatchOnly ? '; Spark runs it in batch (no distinct aggregates on streams)' : ''}.`,
  defaultRows: 1_000_000,
  quickRows: 2_000,
  sluiceJob: 'bench/jobs/nexmark.ts',
  sparkJob: 'bench/jobs/nexmark.py',
  prepare: (ctx) => prepare(ctx, q.name),
}));
