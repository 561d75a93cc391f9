/**
 * Data for the streaming benchmarks over a file stream, shared by `stream-wordcount` and
 * `stream-house-stats`. Each prepared data set is a folder holding:
 *
 * - `backlog/`: the throughput phase's input, N rows in `backlogFiles` equal files, all present
 *   when the query starts; the job reads them with `maxFilesPerTrigger` and the default trigger
 *   (several rate-limited batches back to back) until `processAllAvailable()` returns;
 * - `live/`: the fixed-rate phase's input, files that a feeder process (jobs/file_feeder.py) copies
 *   into an empty watched folder at `filesPerSecond` while the query runs with a processing-time
 *   trigger of `triggerMs`;
 * - `spec.json`: the above, read by both engines' jobs (their only argument), and the expected
 *   result of each phase computed from the generator — independently of both engines.
 *
 * Invariants: row i of the backlog is generator line i; live row j is generator line N + j, so
 * the two phases never share rows. A data set is reused when its spec matches (same sizes, same
 * generator version); otherwise it is written again from scratch.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreparedData } from '../harness/benchmark.js';
import { formatBytes, formatCount } from '../harness/format.js';

/** What both jobs read from spec.json. */
export interface StreamSpec {
  readonly version: number;
  readonly backlogDir: string;
  readonly backlogRows: number;
  readonly backlogFiles: number;
  readonly maxFilesPerTrigger: number;
  /** Staging folder of the live files; the job feeds copies of them into a fresh folder. */
  readonly liveDir: string;
  readonly liveRows: number;
  readonly liveFiles: number;
  readonly filesPerSecond: number;
  readonly triggerMs: number;
  /** `spark.sql.shuffle.partitions` both jobs set: the partitions of the aggregation state. */
  readonly shufflePartitions: number;
  readonly bytes: number;
  /** Expected result rows, each tagged with its phase: ['backlog', ...] / ['live', ...]. */
  readonly expected: unknown[][];
}

/** Sizes of one data set; the benchmark derives them from --rows. */
export interface StreamSizes {
  readonly backlogRows: number;
  readonly backlogFiles: number;
  readonly maxFilesPerTrigger: number;
  readonly liveFiles: number;
  readonly liveRowsPerFile: number;
  readonly filesPerSecond: number;
  readonly triggerMs: number;
  readonly shufflePartitions: number;
}

/** Accumulates the expected answer of one phase from the generator's rows. */
export interface ExpectedAccumulator {
  add(index: number): void;
  /** The phase's result rows, untagged. */
  rows(): unknown[][];
}

export interface StreamDataSet {
  /** Folder name under the data dir, e.g. `stream-wordcount`. */
  readonly name: string;
  /** Bump when the generator's output or the layout changes. */
  readonly version: number;
  /** Generator line i (no newline). */
  line(index: number): string;
  newAccumulator(): ExpectedAccumulator;
  /** Noun for the report, e.g. "text lines". */
  readonly rowNoun: string;
}

function writeFiles(
  dir: string,
  data: StreamDataSet,
  acc: ExpectedAccumulator,
  from: number,
  rows: number,
  files: number,
): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let f = 0; f < files; f++) {
    const start = from + Math.floor((rows * f) / files);
    const end = from + Math.floor((rows * (f + 1)) / files);
    const lines: string[] = new Array(end - start);
    for (let i = start; i < end; i++) {
      lines[i - start] = data.line(i);
      acc.add(i);
    }
    const text = `${lines.join('\n')}\n`;
    // Zero-padded names: both engines take files oldest first, and the names keep the order too.
    writeFileSync(join(dir, `part-${String(f).padStart(5, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

export function prepareStreamData(
  data: StreamDataSet,
  dataDir: string,
  sizes: StreamSizes,
  log: (line: string) => void,
): PreparedData {
  const root = join(dataDir, `${data.name}-${sizes.backlogRows}`);
  const specPath = join(root, 'spec.json');
  const liveRows = sizes.liveFiles * sizes.liveRowsPerFile;
  const wanted = {
    version: data.version,
    backlogDir: join(root, 'backlog'),
    backlogRows: sizes.backlogRows,
    backlogFiles: sizes.backlogFiles,
    maxFilesPerTrigger: sizes.maxFilesPerTrigger,
    liveDir: join(root, 'live'),
    liveRows,
    liveFiles: sizes.liveFiles,
    filesPerSecond: sizes.filesPerSecond,
    triggerMs: sizes.triggerMs,
    shufflePartitions: sizes.shufflePartitions,
  };
  let spec: StreamSpec | undefined;
  if (existsSync(specPath)) {
    const old = JSON.parse(readFileSync(specPath, 'utf8')) as StreamSpec;
    const same = Object.entries(wanted).every(([k, v]) => old[k as keyof StreamSpec] === v);
    if (same) spec = old;
  }
  if (spec) {
    log(`reusing ${root}`);
  } else {
    const t0 = performance.now();
    const backlogAcc = data.newAccumulator();
    const liveAcc = data.newAccumulator();
    let bytes = writeFiles(wanted.backlogDir, data, backlogAcc, 0, sizes.backlogRows, sizes.backlogFiles);
    bytes += writeFiles(wanted.liveDir, data, liveAcc, sizes.backlogRows, liveRows, sizes.liveFiles);
    spec = {
      ...wanted,
      bytes,
      expected: [
        ...backlogAcc.rows().map((r) => ['backlog', ...r]),
        ...liveAcc.rows().map((r) => ['live', ...r]),
      ],
    };
    writeFileSync(specPath, `${JSON.stringify(spec)}\n`);
    log(`generated ${root} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const liveRate = sizes.filesPerSecond * sizes.liveRowsPerFile;
  return {
    jobArgs: [specPath],
    rows: spec.backlogRows,
    description:
      `backlog ${formatCount(spec.backlogRows)} ${data.rowNoun} in ${spec.backlogFiles} files ` +
      `(maxFilesPerTrigger ${spec.maxFilesPerTrigger}, default trigger); fixed rate ${spec.liveFiles} files × ` +
      `${formatCount(sizes.liveRowsPerFile)} rows fed at ${sizes.filesPerSecond} files/s ` +
      `(${formatCount(liveRate)} rows/s), processingTime trigger ${spec.triggerMs} ms; ` +
      `spark.sql.shuffle.partitions ${spec.shufflePartitions}; ${formatBytes(spec.bytes)} in all`,
    expected: spec.expected,
  };
}

/**
 * State partitions for both engines: the machine's 2 cores rather than Spark's default 200, with
 * which every Spark micro-batch runs 200 state-store tasks (~15 s a batch on a busy 2-core machine,
 * whatever the data) — a configuration no one runs a small streaming job with.
 */
const SHUFFLE_PARTITIONS = 2;

/** Sizes from --rows: 20 backlog files read 2 per batch, and a 10-second fixed-rate phase. */
export function defaultStreamSizes(rows: number, quick: boolean): StreamSizes {
  if (quick) {
    return {
      backlogRows: rows,
      backlogFiles: 4,
      maxFilesPerTrigger: 2,
      liveFiles: 3,
      liveRowsPerFile: Math.max(1, Math.round(rows / 8)),
      filesPerSecond: 4,
      triggerMs: 250,
      shufflePartitions: SHUFFLE_PARTITIONS,
    };
  }
  return {
    backlogRows: rows,
    backlogFiles: 20,
    maxFilesPerTrigger: 2,
    liveFiles: 20,
    liveRowsPerFile: 5_000,
    filesPerSecond: 2,
    triggerMs: 1_000,
    shufflePartitions: SHUFFLE_PARTITIONS,
  };
}
