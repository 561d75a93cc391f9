/**
 * The streaming source contract and the registry of source formats.
 *
 * Invariants (every implementation; checked by the shared source conformance suite):
 * - Offsets are JSON values; `getBatch(start, end)` is replayable: the same (start, end) gives the
 *   same rows, so a batch re-run after a crash reads exactly what the first run read.
 * - `latestOffset(start, limit)` never goes backwards, and honours the read limit (max rows or
 *   files per trigger) so a batch's size is bounded.
 * - `commit(end)` tells the source that data up to `end` is durably processed (it may discard it).
 * - Sources that cannot replay (socket) say so in their docs; they are for testing.
 */

import type { Session } from '../dataframe/session.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import type { StructType } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import type { Clock } from './clock.js';

export type Offset = unknown;

/**
 * How much a batch may read (Spark's ReadLimit): everything available, or at most n
 * rows/files/bytes (a bytes limit still admits one file larger than n, so a batch always makes
 * progress); `minRows` asks the source to wait for n rows unless maxTriggerDelayMs has passed
 * since its last batch; `composite` applies several. Trigger.Once passes `all`, which overrides
 * every limit, including a minimum.
 */
export type ReadLimit =
  | { readonly kind: 'all' }
  | { readonly kind: 'maxRows'; readonly n: number }
  | { readonly kind: 'maxFiles'; readonly n: number }
  | { readonly kind: 'maxBytes'; readonly n: number }
  | { readonly kind: 'minRows'; readonly n: number; readonly maxTriggerDelayMs: number }
  | { readonly kind: 'composite'; readonly limits: readonly ReadLimit[] };

export interface Source {
  readonly schema: StructType;
  /** The default read limit from the source's options (maxFilesPerTrigger, rowsPerBatch, …). */
  defaultReadLimit(): ReadLimit;
  /** The end offset of the next batch given its start (null when nothing is available yet). */
  latestOffset(start: Offset | null, limit: ReadLimit): Promise<Offset | null>;
  /** The rows in (start, end], as a plan whose columns match `schema` by position. */
  getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan>;
  commit(end: Offset): Promise<void>;
  stop(): Promise<void>;
  /**
   * Trigger.AvailableNow (Spark's SupportsTriggerAvailableNow): from now on `latestOffset` must
   * not go past the data available at this call (the query then runs batches, each within the
   * default read limit, until a trigger finds nothing new). Sources without it get one batch up to
   * the offset they report when the query starts, whatever their limits.
   */
  prepareForTriggerAvailableNow?(): void;
  /** Called by the query with a function that wakes its trigger loop when new data arrives. */
  setDataAvailableListener?(listener: () => void): void;
  /**
   * True when the source calls the data-available listener whenever new data may have arrived
   * (e.g. a Kafka long-poll), so an idle query need not poll it: the loop then only re-checks
   * such sources as a safety net, about once a second.
   */
  readonly signalsNewData?: boolean;
  /** Description for progress reports (`MemoryStream[value#1]`, `RateStreamV2[rowsPerSecond=1…]`). */
  description(): string;
}

export interface SourceContext {
  readonly session: Session;
  readonly options: Readonly<Record<string, string>>;
  readonly paths: readonly string[];
  readonly schema?: StructType;
  /** This source's folder in the checkpoint (for metadata such as files seen). */
  readonly metadataPath: string;
  readonly sourceRef?: unknown;
  /** The query's clock: time-driven sources (rate) read it, so a ManualClock drives them in tests. */
  readonly clock: Clock;
}

export interface SourceProvider {
  readonly format: string;
  /** The schema of the source given the user's options and schema (validated at load()). */
  sourceSchema(ctx: Omit<SourceContext, 'metadataPath' | 'clock'>): StructType;
  /** Whether the source can feed the continuous trigger (Spark: rate, socket, kafka, memory for tests). */
  readonly supportsContinuous?: boolean;
  /** What the streaming relation keeps for `createSource` (e.g. the MemoryStream itself). */
  sourceRef?(ctx: Omit<SourceContext, 'metadataPath' | 'clock'>): unknown;
  createSource(ctx: SourceContext): Source;
}

const providers = new Map<string, SourceProvider>();

export function registerSourceProvider(p: SourceProvider): void {
  // formats are case-insensitive (lookups lowercase the name)
  providers.set(p.format.toLowerCase(), p);
}

export function lookupSourceProvider(format: string): SourceProvider {
  const p = providers.get(format.toLowerCase());
  if (!p) {
    throw new AnalysisException(
      'DATA_SOURCE_NOT_FOUND',
      `Failed to find the data source: ${format}. Available streaming sources: ${[...providers.values()]
        .map((x) => x.format)
        .sort()
        .join(', ')}.`,
    );
  }
  return p;
}
