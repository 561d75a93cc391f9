/**
 * `StreamingQuery`: the handle `writeStream.start()` returns, as PySpark's — id (stable across
 * restarts from the same checkpoint), runId (new per start), name, isActive, status,
 * lastProgress, recentProgress, awaitTermination, processAllAvailable, stop, exception, explain.
 */
import type { SluiceError } from '../util/errors.js';
import type { StreamingQueryProgress } from './progress.js';
import type { StreamExecution } from './stream-execution.js';

export class StreamingQuery {
  constructor(
    private readonly execution: StreamExecution,
    readonly name: string | null,
    private readonly onStop: (q: StreamingQuery) => void,
  ) {}

  get id(): string {
    return this.execution.id;
  }
  get runId(): string {
    return this.execution.runId;
  }
  get isActive(): boolean {
    return this.execution.active;
  }
  get status(): { message: string; isDataAvailable: boolean; isTriggerActive: boolean } {
    return { ...this.execution.status };
  }
  get lastProgress(): StreamingQueryProgress | null {
    return this.execution.lastProgress;
  }
  get recentProgress(): StreamingQueryProgress[] {
    return [...this.execution.recentProgress];
  }
  /** The error that stopped the query, or null. */
  exception(): SluiceError | null {
    return this.execution.exception ?? null;
  }
  /**
   * Waits for the query to terminate: resolves true when it stopped, false when `timeoutMs` passed
   * first, and rejects with the query's error if it failed.
   */
  awaitTermination(timeoutMs?: number): Promise<boolean> {
    return this.execution.awaitTermination(timeoutMs);
  }
  /** Waits until all data available now has been processed and committed to the sink. */
  processAllAvailable(): Promise<void> {
    return this.execution.processAllAvailable();
  }
  async stop(): Promise<void> {
    await this.execution.stop();
    this.onStop(this);
  }
  explain(): void {
    process.stdout.write(this.execution.explain());
  }
  toString(): string {
    return `<StreamingQuery ${this.name ?? ''} id=${this.id} runId=${this.runId}>`;
  }
}
