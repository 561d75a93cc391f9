/**
 * What the jdbc streaming sink reports while it works — a batch committed, a re-run batch
 * skipped because the commit table already had it, a transient failure about to be retried —
 * and a phase hook that runs at the two moments that matter for exactly-once (just before the
 * database COMMIT and just after it, before the engine writes its commit log), so a test can
 * crash a process at exactly that point.
 */
export type JdbcSinkEvent =
  | { readonly kind: 'committed'; readonly batchId: number; readonly table: string; readonly rows: number }
  | { readonly kind: 'skipped'; readonly batchId: number; readonly table: string }
  | {
      readonly kind: 'retry';
      readonly batchId: number;
      readonly table: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: unknown;
    };

export type JdbcSinkPhase = 'beforeCommit' | 'afterCommit';

type Listener = (e: JdbcSinkEvent) => void;
const listeners = new Set<Listener>();
let phaseHook: ((phase: JdbcSinkPhase, batchId: number) => void | Promise<void>) | undefined;

/** Registers a listener of sink events; returns a function that removes it. */
export function onJdbcSinkEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitSinkEvent(e: JdbcSinkEvent): void {
  for (const l of listeners) {
    try {
      l(e);
    } catch {
      // a listener's failure must not fail the batch
    }
  }
}

/** Installs (or with undefined removes) the phase hook; for fault-injection tests. */
export function setJdbcSinkPhaseHook(
  hook: ((phase: JdbcSinkPhase, batchId: number) => void | Promise<void>) | undefined,
): void {
  phaseHook = hook;
}

export async function runPhaseHook(phase: JdbcSinkPhase, batchId: number): Promise<void> {
  if (phaseHook) await phaseHook(phase, batchId);
}
