/**
 * Benchmark `stream-wordcount`: Structured Streaming word count over a file stream (a folder of
 * text files) — explode(split(value, ' ')) → groupBy(word).count() in complete mode — in two
 * phases (see stream-files.ts and jobs/stream-job.ts): backlog throughput with maxFilesPerTrigger
 * (default trigger, until processAllAvailable), then batch durations at a fixed input rate with a processing-time trigger.
 *
 * Lines are 8 words drawn from a 1,000-word vocabulary with a skewed (Zipf-like) frequency, a pure
 * function of the line index; the expected counts are tallied from the generator.
 */
import type { Benchmark, MetricSpec, PrepareContext, PreparedData } from '../harness/benchmark.js';
import {
  defaultStreamSizes,
  type ExpectedAccumulator,
  prepareStreamData,
  type StreamDataSet,
} from './stream-files.js';

const VOCABULARY = 1_000;
const WORDS_PER_LINE = 8;
const SYLLABLES = 'ka lo mi su te ra no vi de sha po lu zen ti ma'.split(' ');

/** Word r of the vocabulary: three syllables spelled from r's digits in base 15, plus r. */
function word(r: number): string {
  const n = SYLLABLES.length;
  return `${SYLLABLES[r % n]}${SYLLABLES[Math.floor(r / n) % n]}${SYLLABLES[Math.floor(r / (n * n)) % n]}${r}`;
}

const WORDS = Array.from({ length: VOCABULARY }, (_, r) => word(r));

/** murmur3's finaliser: a well-mixed 32-bit hash of an integer. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Word k of line i: rank = V · u³ for a uniform u, so low ranks are much more frequent. */
function wordIndex(line: number, k: number): number {
  const u = mix(line * WORDS_PER_LINE + k + 0x9e3779b9) / 2 ** 32;
  return Math.floor(VOCABULARY * u * u * u);
}

export function wordLine(i: number): string {
  const words: string[] = new Array(WORDS_PER_LINE);
  for (let k = 0; k < WORDS_PER_LINE; k++) words[k] = WORDS[wordIndex(i, k)]!;
  return words.join(' ');
}

function newAccumulator(): ExpectedAccumulator {
  const counts = new Array<number>(VOCABULARY).fill(0);
  return {
    add(i) {
      for (let k = 0; k < WORDS_PER_LINE; k++) counts[wordIndex(i, k)]!++;
    },
    rows: () => counts.flatMap((c, r) => (c > 0 ? [[WORDS[r], c]] : [])),
  };
}

const DATA: StreamDataSet = {
  name: 'stream-wordcount',
  version: 1,
  line: wordLine,
  newAccumulator,
  rowNoun: `text lines (${WORDS_PER_LINE} words each)`,
};

/** The streaming measures both stream benchmarks report. */
export const STREAM_METRICS: readonly MetricSpec[] = [
  { key: 'startToFirstBatchMs', header: 'start → 1st batch ms', unit: 'ms' },
  { key: 'batchP50Ms', header: 'batch p50 ms', unit: 'ms' },
  { key: 'batchP99Ms', header: 'batch p99 ms', unit: 'ms' },
];

export const STREAM_NOTES: readonly string[] = [
  'Streaming: rows/s = backlog rows ÷ time from session ready until `processAllAvailable()` returns on the backlog (query start and every batch included; ' +
    '`maxFilesPerTrigger` with the default trigger, not `availableNow`, under which Sluice’s file source reads the whole backlog in one batch); ' +
    '"first result" is the end of the first batch (its progress `timestamp` + `durationMs.triggerExecution`) from session ready; ' +
    '"start → 1st batch" the same moment from the spawn of the process; batch p50/p99 are `durationMs.triggerExecution` of the ' +
    'fixed-rate phase’s batches that read data. Both engines run with `spark.sql.shuffle.partitions` = 2 (the state’s partitions): ' +
    'with Spark’s default of 200 every Spark micro-batch runs 200 state-store tasks, ~15 s a batch on this machine whatever the data.',
];

async function prepare(ctx: PrepareContext): Promise<PreparedData> {
  const prepared = prepareStreamData(
    DATA,
    ctx.dataDir,
    defaultStreamSizes(ctx.rows, ctx.quick === true),
    ctx.log,
  );
  return { ...prepared, notes: STREAM_NOTES };
}

export const streamWordcount: Benchmark = {
  name: 'stream-wordcount',
  summary:
    'Streaming: word count over a file stream of text lines (explode(split(value, " ")) → groupBy(word).count(), ' +
    'complete mode, memory sink): backlog throughput with maxFilesPerTrigger, then batch durations at a fixed input rate.',
  defaultRows: 200_000,
  quickRows: 2_000,
  sluiceJob: 'bench/jobs/stream-wordcount.ts',
  sparkJob: 'bench/jobs/stream_wordcount.py',
  prepare,
  metrics: STREAM_METRICS,
};
