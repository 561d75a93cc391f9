/**
 * The benchmark job protocol, Sluice side: a job times its own processing (from "session ready,
 * nothing read yet" to "result in hand") and prints one line `BENCH_RESULT {json}` on stdout,
 * which the harness parses. Start-up (Node, module loading, session creation) is outside the
 * clock on purpose: the harness measures it as wall time minus processing time.
 */

export interface JobResult {
  /** Time from the clock start until the first result row was available to the job. */
  readonly firstResultMs: number;
  /** Time from the clock start until the job had its whole result. */
  readonly processingMs: number;
  /** The result rows, as JSON-able arrays, for the harness to compare across engines. */
  readonly result: readonly (readonly unknown[])[];
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Starts the job's clock; call `firstResult()` when the first row is in hand, `done()` at the end. */
export function startJobClock(): {
  firstResult(): void;
  done(result: readonly (readonly unknown[])[]): JobResult;
} {
  const t0 = performance.now();
  let first: number | undefined;
  return {
    firstResult() {
      first ??= performance.now() - t0;
    },
    done(result) {
      const processingMs = performance.now() - t0;
      return { firstResultMs: first ?? processingMs, processingMs, result };
    },
  };
}

/** Prints the protocol line; bigints become numbers when safe, strings otherwise. */
export function printJobResult(r: JobResult): void {
  const json = JSON.stringify(r, (_k, v) =>
    typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
  );
  process.stdout.write(`${RESULT_PREFIX}${json}\n`);
}
