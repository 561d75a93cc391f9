/**
 * Benchmark `house-stats`: the course's batch house statistics. N JSON house events in a text
 * file; job = read text → from_json → groupBy house → count, sum(cast(score as int)),
 * count(distinct character) → collect. Measures parsing JSON and a hash aggregate with a
 * distinct count, end to end from a file.
 *
 * The data file is generated once per (rows, seed, generator version) and reused; its expected
 * result is computed from the generator's events (not from the file) and stored beside it.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { HouseEventGenerator } from '../../src/generator/house-events.js';
import type { Benchmark, PrepareContext, PreparedData } from '../harness/benchmark.js';
import { formatBytes, formatCount } from '../harness/format.js';

/** Bump when the generator's output changes, so stale data files are regenerated. */
const DATA_VERSION = 1;
const SEED = 42;
const CHUNK = 16_384;

interface DataMeta {
  readonly version: number;
  readonly rows: number;
  readonly seed: number;
  readonly bytes: number;
  readonly expected: [string, number, number, number][];
}

/** Writes `rows` events to `path` and returns the expected per-house statistics. */
export function writeHouseEvents(path: string, rows: number, seed = SEED): DataMeta {
  const gen = new HouseEventGenerator({ seed });
  const stats = new Map<string, { count: number; sum: number; characters: Set<string> }>();
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  try {
    for (let from = 0; from < rows; from += CHUNK) {
      const to = Math.min(rows, from + CHUNK);
      const lines: string[] = new Array(to - from);
      for (let i = from; i < to; i++) {
        lines[i - from] = gen.jsonLine(i);
        const e = gen.event(i);
        let s = stats.get(e.house);
        if (!s) stats.set(e.house, (s = { count: 0, sum: 0, characters: new Set() }));
        s.count++;
        s.sum += Number(e.score);
        s.characters.add(e.character);
      }
      bytes += writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const expected = [...stats].map(([house, s]): [string, number, number, number] => [
    house,
    s.count,
    s.sum,
    s.characters.size,
  ]);
  return { version: DATA_VERSION, rows, seed, bytes, expected };
}

async function prepare(ctx: PrepareContext): Promise<PreparedData> {
  mkdirSync(ctx.dataDir, { recursive: true });
  const path = join(ctx.dataDir, `house-events-${ctx.rows}-seed${SEED}.jsonl`);
  const metaPath = `${path}.meta.json`;
  let meta: DataMeta | undefined;
  if (existsSync(path) && existsSync(metaPath)) {
    const m = JSON.parse(readFileSync(metaPath, 'utf8')) as DataMeta;
    if (m.version === DATA_VERSION && m.rows === ctx.rows && m.bytes === statSync(path).size) meta = m;
  }
  if (meta) {
    ctx.log(`reusing ${path}`);
  } else {
    const t0 = performance.now();
    meta = writeHouseEvents(path, ctx.rows);
    writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
    ctx.log(`generated ${path} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return {
    jobArgs: [path],
    rows: ctx.rows,
    description: `${formatCount(ctx.rows)} JSON lines, ${formatBytes(meta.bytes)} (seed ${meta.seed})`,
    expected: meta.expected,
  };
}

export const houseStats: Benchmark = {
  name: 'house-stats',
  summary:
    'Batch: read a text file of JSON house events → from_json → groupBy(house) → count, ' +
    'sum(cast(score as int)), count(distinct character) → collect.',
  defaultRows: 1_000_000,
  quickRows: 2_000,
  sluiceJob: 'bench/jobs/house-stats.ts',
  sparkJob: 'bench/jobs/house_stats.py',
  prepare,
};
