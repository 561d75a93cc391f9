/**
 * The streaming sink contract and the registry of sink formats.
 *
 * Invariant (every implementation): `addBatch(batchId, data)` is idempotent per batch id — when
 * the engine re-runs a batch after a failure it calls `addBatch` again with the same id and the
 * same rows, and the sink must not write them twice (sinks that cannot guarantee it document
 * at-least-once delivery).
 */
import type { DataFrame } from '../dataframe/dataframe.js';
import type { Session } from '../dataframe/session.js';
import type { Row } from '../expr/expression.js';
import type { StructType } from '../types/data-type.js';

export type OutputMode = 'append' | 'update' | 'complete';

/**
 * Continuous processing: the rows of one epoch, handed over as they are produced. Nothing a
 * writer received is final until `commit()`; `abort()` drops an epoch the query did not commit.
 */
export interface EpochWriter {
  /** Rows in the query's output schema, as internal values. */
  write(rows: readonly Row[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface Sink {
  addBatch(batchId: number, data: DataFrame, outputMode: OutputMode): Promise<void>;
  /**
   * Continuous processing, for sinks that take rows one chunk at a time (foreach). Sinks without
   * it get each epoch's rows through `addBatch(epochId, …)` when the epoch commits.
   */
  openEpoch?(epochId: number): Promise<EpochWriter>;
  stop?(): Promise<void>;
  description(): string;
}

export interface SinkContext {
  readonly session: Session;
  readonly options: Readonly<Record<string, string>>;
  readonly path?: string;
  readonly queryName?: string;
  readonly schema: StructType;
  readonly outputMode: OutputMode;
  readonly partitionBy: readonly string[];
  readonly checkpointLocation: string;
  /** Set for foreach / foreachBatch sinks. */
  readonly callback?: unknown;
}

export interface SinkProvider {
  readonly format: string;
  /** Validates options (a bad option fails at start()) and creates the sink. */
  createSink(ctx: SinkContext): Sink;
  /** Whether the sink keeps state across restarts without a checkpoint (console/memory do not need one). */
  readonly needsCheckpoint?: boolean;
  /** Whether the sink can run under the continuous trigger (Spark: console, memory, foreach, kafka). */
  readonly supportsContinuous?: boolean;
}

const providers = new Map<string, SinkProvider>();

export function registerSinkProvider(p: SinkProvider): void {
  // formats are case-insensitive (lookups lowercase the name)
  providers.set(p.format.toLowerCase(), p);
}

export function lookupSinkProvider(format: string): SinkProvider | undefined {
  return providers.get(format.toLowerCase());
}

export function sinkFormats(): string[] {
  return [...providers.values()].map((p) => p.format).sort();
}
