/**
 * The benchmark job protocol, Sluice side: a job times its own processing (from "session ready,
 * nothing read yet" to "result in hand") and prints one line `BENCH_RESULT {json}` on stdout,
 * which the harness parses. Start-up (Node, module loading, session creation) is outside the
 * clock on purpose: the harness measures it as wall time minus processing time.
 *
 * With `--warm` the job runs its query once more in the same process and reports that run's time
 * too: steady-state speed, without first-run costs (JIT warm-up, code generation, class loading).
 */

export interface JobResult {
  /** Time from the clock start until the first result row was available to the job. */
  readonly firstResultMs: number;
  /** Time from the clock start until the job had its whole result. */
  readonly processingMs: number;
  /** With --warm: processing time of the second run of the same query in the same process. */
  readonly warmProcessingMs?: number;
  /** Latency benchmarks: end-to-end latency percentiles in ms (and the measurement's details). */
  readonly latencyP50Ms?: number;
  readonly latencyP99Ms?: number;
  readonly latency?: unknown;

  /** Extra numbers named by the benchmark (e.g. a streaming job's batch-duration percentiles). */
  readonly metrics?: Readonly<Record<string, number>>;
  /** The result rows, as JSON-able arrays, for the harness to compare across engines. */
  readonly result: readonly (readonly unknown[])[];
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

export interface JobArgs {
  /** Positional arguments (the harness passes the benchmark's data arguments). */
  readonly args: readonly string[];
  readonly warm: boolean;
}

/** The job's own arguments (after `sluice submit … job.ts`). */
export function jobArgs(argv: readonly string[] = process.argv.slice(2)): JobArgs {
  return { args: argv.filter((a) => a !== '--warm'), warm: argv.includes('--warm') };
}

/**
 * Runs `query` (which must build its DataFrame from scratch, reading included) and times it as
 * the protocol says; with `warm`, runs it a second time and times that too.
 */
export async function timeJob(
  query: () => Promise<readonly (readonly unknown[])[]>,
  warm: boolean,
): Promise<JobResult> {
  const t0 = performance.now();
  const result = await query();
  const processingMs = performance.now() - t0;
  let warmProcessingMs: number | undefined;
  if (warm) {
    const t1 = performance.now();
    await query();
    warmProcessingMs = performance.now() - t1;
  }
  // A batch collect() hands over every row at once: first result = whole result.
  return { firstResultMs: processingMs, processingMs, ...(warm ? { warmProcessingMs } : {}), result };
}

/** Prints the protocol line; bigints become numbers when safe, strings otherwise. */
export function printJobResult(r: JobResult): void {
  const json = JSON.stringify(r, (_k, v) =>
    typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
  );
  process.stdout.write(`${RESULT_PREFIX}${json}\n`);
}
