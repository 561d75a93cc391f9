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
import type { StructType } from '../types/data-type.js';

export type OutputMode = 'append' | 'update' | 'complete';

export interface Sink {
  addBatch(batchId: number, data: DataFrame, outputMode: OutputMode): Promise<void>;
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
