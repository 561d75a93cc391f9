/**
 * The `rate-micro-batch` source (Spark 3.3+'s RatePerMicroBatchProvider): exactly `rowsPerBatch`
 * rows `(timestamp TIMESTAMP, value LONG)` per micro-batch, whatever the trigger or the speed of
 * the query — batch 0 has values 0…rowsPerBatch-1 stamped `startTimestamp`, batch 1 the next
 * rowsPerBatch values stamped `startTimestamp + advanceMillisPerBatch`, and so on.
 *
 *   spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 100).load()
 *
 * Options: rowsPerBatch (required, > 0), numPartitions (default: the session's parallelism),
 * startTimestamp (ms, default 0, ≥ 0), advanceMillisPerBatch (default 1000, ≥ 0).
 *
 * Invariants: the offset `{"offset":n,"timestamp":ms}` fully determines the rows, so the source is
 * replayable and independent of any clock; with Trigger.AvailableNow it yields one batch.
 */
import type { Row } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { type Offset, type ReadLimit, registerSourceProvider, type Source } from '../source.js';
import { RATE_SCHEMA } from './rate-source.js';
import { batchRelation, rejectUserSchema, roundRobinOrder, SourceOptions } from './source-support.js';

interface RatePerMicroBatchConfig {
  readonly rowsPerBatch: number;
  readonly numPartitions: number;
  readonly startTimestamp: number;
  readonly advanceMillisPerBatch: number;
}

/** `offset` counts the rows emitted so far; `timestamp` (ms) stamps the batch that starts here. */
interface RatePerMicroBatchOffset {
  readonly offset: number;
  readonly timestamp: number;
}

function readConfig(options: Readonly<Record<string, string>>, parallelism: number): RatePerMicroBatchConfig {
  const o = new SourceOptions(options);
  return {
    rowsPerBatch: o.positiveInteger('rowsPerBatch', 0),
    numPartitions: o.positiveInteger('numPartitions', parallelism),
    startTimestamp: o.nonNegativeInteger('startTimestamp', 0),
    advanceMillisPerBatch: o.nonNegativeInteger('advanceMillisPerBatch', 1000),
  };
}

class RatePerMicroBatchSource implements Source {
  readonly schema = RATE_SCHEMA;
  private availableNow = false;
  private availableNowEnd: RatePerMicroBatchOffset | undefined;

  constructor(private readonly cfg: RatePerMicroBatchConfig) {}

  defaultReadLimit(): ReadLimit {
    return { kind: 'maxRows', n: this.cfg.rowsPerBatch };
  }

  prepareForTriggerAvailableNow(): void {
    this.availableNow = true;
  }

  /** Always one more batch of rowsPerBatch rows (the limit cannot shrink a batch, as in Spark). */
  async latestOffset(start: Offset | null): Promise<Offset | null> {
    const next = (): RatePerMicroBatchOffset => {
      const s = this.parse(start);
      return {
        offset: Math.min(s.offset + this.cfg.rowsPerBatch, Number.MAX_SAFE_INTEGER),
        timestamp: s.timestamp + this.cfg.advanceMillisPerBatch,
      };
    };
    if (!this.availableNow) return next();
    this.availableNowEnd ??= next();
    return this.availableNowEnd;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan> {
    const s = this.parse(start);
    const e = this.parse(end);
    const micros = s.timestamp * 1000;
    const rows: Row[] = roundRobinOrder(Math.max(0, e.offset - s.offset), this.cfg.numPartitions).map((i) => [
      micros,
      s.offset + i,
    ]);
    return batchRelation(this.schema, rows, this.cfg.numPartitions);
  }

  private parse(o: Offset | null): RatePerMicroBatchOffset {
    if (o === null) return { offset: 0, timestamp: this.cfg.startTimestamp };
    const v = o as Partial<RatePerMicroBatchOffset>;
    if (typeof v !== 'object' || typeof v.offset !== 'number' || typeof v.timestamp !== 'number') {
      throw new Error(`internal error: not a rate-micro-batch offset: ${JSON.stringify(o)}`);
    }
    return { offset: v.offset, timestamp: v.timestamp };
  }

  async commit(): Promise<void> {}
  async stop(): Promise<void> {}

  description(): string {
    const c = this.cfg;
    return `RatePerMicroBatchStream[rowsPerBatch=${c.rowsPerBatch}, numPartitions=${c.numPartitions}, startTimestamp=${c.startTimestamp}, advanceMsPerBatch=${c.advanceMillisPerBatch}]`;
  }
}

registerSourceProvider({
  format: 'rate-micro-batch',
  sourceSchema: (ctx) => {
    rejectUserSchema('RatePerMicroBatchProvider', ctx.schema);
    readConfig(ctx.options, ctx.session.parallelism);
    return RATE_SCHEMA;
  },
  createSource: (ctx) => new RatePerMicroBatchSource(readConfig(ctx.options, ctx.session.parallelism)),
});
