/**
 * Benchmark `stream-house-stats`: the house statistics as a Structured Streaming query over a file
 * stream of JSON lines — from_json → groupBy(house) → count, sum(cast(score as int)),
 * approx_count_distinct(character) — in the two phases of stream-files.ts / jobs/stream-job.ts.
 *
 * Spark refuses exact distinct aggregates on streams, so both engines count distinct characters
 * with approx_count_distinct (default rsd 0.05). The expected answer holds the exact count; a run
 * matches when everything else is equal and its distinct count is within 3 × rsd of the exact one
 * (and the same tolerance between runs).
 */
import { HouseEventGenerator } from '../../src/generator/house-events.js';
import type { Benchmark, PrepareContext, PreparedData } from '../harness/benchmark.js';
import {
  defaultStreamSizes,
  type ExpectedAccumulator,
  prepareStreamData,
  type StreamDataSet,
} from './stream-files.js';
import { STREAM_METRICS, STREAM_NOTES } from './stream-wordcount.js';

const SEED = 42;
const RSD = 0.05;
const gen = new HouseEventGenerator({ seed: SEED });

function newAccumulator(): ExpectedAccumulator {
  const stats = new Map<string, { count: number; sum: number; characters: Set<string> }>();
  return {
    add(i) {
      const e = gen.event(i);
      let s = stats.get(e.house);
      if (!s) stats.set(e.house, (s = { count: 0, sum: 0, characters: new Set() }));
      s.count++;
      s.sum += Number(e.score);
      s.characters.add(e.character);
    },
    rows: () => [...stats].map(([house, s]) => [house, s.count, s.sum, s.characters.size]),
  };
}

const DATA: StreamDataSet = {
  name: 'stream-house-stats',
  version: 1,
  line: (i) => gen.jsonLine(i),
  newAccumulator,
  rowNoun: `JSON house events (seed ${SEED})`,
};

/** Rows are [phase, house, how_many, sum_score, no_characters]; the last is approximate. */
export function houseStatsMatch(actual: unknown[][], expected: unknown[][]): boolean {
  if (actual.length !== expected.length) return false;
  return actual.every((a, i) => {
    const e = expected[i]!;
    if (a.length !== 5 || e.length !== 5) return false;
    if (JSON.stringify(a.slice(0, 4)) !== JSON.stringify(e.slice(0, 4))) return false;
    const approx = Number(a[4]);
    const exact = Number(e[4]);
    return Math.abs(approx - exact) <= Math.max(1, 3 * RSD * exact);
  });
}

async function prepare(ctx: PrepareContext): Promise<PreparedData> {
  const prepared = prepareStreamData(
    DATA,
    ctx.dataDir,
    defaultStreamSizes(ctx.rows, ctx.quick === true),
    ctx.log,
  );
  return {
    ...prepared,
    notes: [
      ...STREAM_NOTES,
      'Spark refuses exact distinct aggregates on streams, so both engines use approx_count_distinct (rsd 0.05) for ' +
        '`no_characters`; results are checked exactly except that column, which must be within 3 × rsd of the exact count.',
    ],
  };
}

export const streamHouseStats: Benchmark = {
  name: 'stream-house-stats',
  summary:
    'Streaming: house statistics over a file stream of JSON lines (from_json → groupBy(house) → count, sum(cast(score as int)), ' +
    'approx_count_distinct(character), complete mode, memory sink): backlog throughput with maxFilesPerTrigger, ' +
    'then batch durations at a fixed input rate.',
  defaultRows: 500_000,
  quickRows: 2_000,
  sluiceJob: 'bench/jobs/stream-house-stats.ts',
  sparkJob: 'bench/jobs/stream_house_stats.py',
  prepare,
  matches: houseStatsMatch,
  metrics: STREAM_METRICS,
};
