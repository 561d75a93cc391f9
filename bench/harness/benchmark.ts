/**
 * What a benchmark is: data prepared once, one job per engine taking the same arguments, and a
 * way to compare results. The runner owns repetitions, ordering, measurement and reporting, so a
 * new benchmark (streaming, Kafka, Nexmark) is one file under bench/benchmarks/ plus its two jobs.
 */

export interface PrepareContext {
  /** Rows (events) requested with --rows, or the benchmark's default / quick size. */
  readonly rows: number;
  /** Where generated data lives (git-ignored). Reuse what is already there when it matches. */
  readonly dataDir: string;
  /** A --quick smoke run: the benchmark may shrink more than the row count (fewer files, shorter phases). */
  readonly quick?: boolean;
  readonly log: (line: string) => void;
}

export interface PreparedData {
  /** Arguments given to both jobs after `--master M`. */
  readonly jobArgs: readonly string[];
  /** Input rows the jobs process: the numerator of rows/s. */
  readonly rows: number;
  /** One line for the report, e.g. "1,000,000 JSON lines, 94.0 MB". */
  readonly description: string;
  /** The answer computed independently of both engines (from the generator); every run must match it. */
  readonly expected?: readonly (readonly unknown[])[];
  /** Extra Spark confs for the pyspark job (e.g. spark.jars.packages), passed as BENCH_SPARK_CONF. */
  readonly sparkConf?: Readonly<Record<string, string>>;

  /** Lines for the report's notes (how the two engines' jobs differ, and why). */
  readonly notes?: readonly string[];
  /** Releases what prepare() started (brokers, servers); files stay for the next run. */
  teardown?(): Promise<void>;
}

/**
 * A number a job reports besides its processing time (`metrics` in its BENCH_RESULT line), e.g.
 * a streaming job's batch-duration percentiles. The report shows the median per variant and, for
 * each Sluice/Spark pair, the ratio of the medians.
 */
export interface MetricSpec {
  /** Key in the job's `metrics` object. */
  readonly key: string;
  /** Column header in the report, with its unit (e.g. "batch p50 ms"). */
  readonly header: string;
  /** Format of a value: milliseconds, a count, or a fraction with two decimals. */
  readonly unit: 'ms' | 'count';
}

export interface Benchmark {
  readonly name: string;
  /** What the benchmark measures, for the README and the report. */
  readonly summary: string;
  readonly defaultRows: number;
  readonly quickRows: number;
  /** Job files relative to the repository root. */
  readonly sluiceJob: string;
  readonly sparkJob: string;
  /** False when the job cannot run its query a second time in the same process (--warm is ignored). */
  readonly warm?: boolean;
  prepare(ctx: PrepareContext): Promise<PreparedData>;
  /** Canonical form of a result for comparison; default: rows sorted by their JSON text. */
  normalize?(rows: readonly (readonly unknown[])[]): unknown[][];
  /**
   * Whether two normalized results agree; default: equal JSON text. Benchmarks whose answer is
   * approximate by nature (an approx_count_distinct column) accept a documented tolerance here.
   */
  matches?(actual: unknown[][], expected: unknown[][]): boolean;
  /** Extra numbers the jobs report; each becomes a report column (median) and a ratio column. */
  readonly metrics?: readonly MetricSpec[];
}

export function defaultNormalize(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows
    .map((r) => [...r])
    .sort((a, b) => {
      const x = JSON.stringify(a);
      const y = JSON.stringify(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
}
