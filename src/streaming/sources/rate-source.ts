/**
 * The `rate` source (Spark's RateStreamProvider): rows `(timestamp TIMESTAMP, value LONG)` with
 * value 0, 1, 2, … at `rowsPerSecond`, for testing and benchmarks.
 *
 *   spark.readStream.format('rate').option('rowsPerSecond', 10).load()
 *
 * Options: rowsPerSecond (default 1, > 0), rampUpTime (default 0s: the speed grows linearly to
 * rowsPerSecond over that many whole seconds), numPartitions (default: the session's parallelism).
 *
 * Invariants: the offset is the number of whole seconds since the query first started (the start
 * time is kept in the checkpoint, `sources/<i>/0`), read from the query's clock — so a ManualClock
 * drives it in tests and a restart continues the same sequence. Rows are a pure function of
 * (start, end]: value v has timestamp start + v / rowsPerSecond (once ramped up), so a batch
 * re-run after a crash reads exactly the same rows. Read limits do not apply (as in Spark).
 */
import type { Row } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { LongType, type StructType, structField, structType, TimestampType } from '../../types/data-type.js';
import { SluiceError } from '../../util/errors.js';
import { MetadataLog } from '../checkpoint/metadata-log.js';
import type { Clock } from '../clock.js';
import { type Offset, type ReadLimit, registerSourceProvider, type Source } from '../source.js';
import {
  batchRelation,
  invalidOption,
  rejectUserSchema,
  roundRobinOrder,
  SourceOptions,
} from './source-support.js';

export const RATE_SCHEMA: StructType = structType([
  structField('timestamp', TimestampType, true),
  structField('value', LongType, true),
]);

interface RateConfig {
  readonly rowsPerSecond: number;
  readonly rampUpTimeSeconds: number;
  readonly numPartitions: number;
  /** As the user gave it, for the description (Spark prints `default` when unset). */
  readonly numPartitionsOption: string;
}

function readConfig(options: Readonly<Record<string, string>>, parallelism: number): RateConfig {
  const o = new SourceOptions(options);
  const rowsPerSecond = o.positiveInteger('rowsPerSecond', 1);
  const rampUpTimeSeconds = o.durationSeconds('rampUpTime', 0);
  if (rampUpTimeSeconds < 0) {
    throw invalidOption(`Invalid value '${rampUpTimeSeconds}'. The option 'rampUpTime' must not be negative`);
  }
  const numPartitions = o.positiveInteger('numPartitions', parallelism);
  if (rampUpTimeSeconds > Math.floor(Number.MAX_SAFE_INTEGER / rowsPerSecond)) {
    throw invalidOption(
      `Integer overflow. Max offset with ${rowsPerSecond} rowsPerSecond is ${Math.floor(Number.MAX_SAFE_INTEGER / rowsPerSecond)}, but 'rampUpTimeSeconds' is ${rampUpTimeSeconds}.`,
    );
  }
  return {
    rowsPerSecond,
    rampUpTimeSeconds,
    numPartitions,
    numPartitionsOption: o.get('numPartitions') ?? 'default',
  };
}

/**
 * The number of rows emitted in the first `seconds` seconds: during ramp-up the speed grows by
 * floor(rowsPerSecond / (rampUpTimeSeconds + 1)) each second, then stays at rowsPerSecond.
 */
export function valueAtSecond(seconds: number, rowsPerSecond: number, rampUpTimeSeconds: number): number {
  const speedDeltaPerSecond = Math.floor(rowsPerSecond / (rampUpTimeSeconds + 1));
  if (seconds <= rampUpTimeSeconds) {
    // speedDelta * (1 + 2 + … + seconds), with the halving done first to stay in integers
    return seconds % 2 === 1
      ? ((seconds + 1) / 2) * speedDeltaPerSecond * seconds
      : (seconds / 2) * speedDeltaPerSecond * (seconds + 1);
  }
  const rampUpPart = valueAtSecond(rampUpTimeSeconds, rowsPerSecond, rampUpTimeSeconds);
  return rampUpPart + (seconds - rampUpTimeSeconds) * rowsPerSecond;
}

class RateSource implements Source {
  readonly schema = RATE_SCHEMA;
  private readonly creationTimeMs: number;
  /** Never moves backwards, so neither do offsets (a restarted clock may be behind). */
  private lastTimeMs: number;
  private readonly maxSeconds: number;

  constructor(
    private readonly cfg: RateConfig,
    private readonly clock: Clock,
    metadataPath: string,
  ) {
    this.maxSeconds = Math.floor(Number.MAX_SAFE_INTEGER / cfg.rowsPerSecond);
    const log = new MetadataLog(metadataPath);
    let entry = log.get(0);
    if (entry === undefined) {
      log.add(0, `v1\n${clock.now()}`);
      entry = log.get(0)!;
    }
    this.creationTimeMs = parseStartTime(entry, metadataPath);
    this.lastTimeMs = this.creationTimeMs;
  }

  defaultReadLimit(): ReadLimit {
    return { kind: 'all' };
  }

  async latestOffset(start: Offset | null): Promise<Offset | null> {
    const startSeconds = (start as number | null) ?? 0;
    this.lastTimeMs = Math.max(this.lastTimeMs, this.clock.now(), this.creationTimeMs + startSeconds * 1000);
    // offset 0 at the start, as Spark's: the query's first batch is an empty one over (none, 0]
    return Math.floor((this.lastTimeMs - this.creationTimeMs) / 1000);
  }

  async getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan> {
    const startSeconds = (start as number | null) ?? 0;
    const endSeconds = end as number;
    if (endSeconds > this.maxSeconds) {
      throw new SluiceError(
        'ARITHMETIC_OVERFLOW',
        `Integer overflow. Max offset with ${this.cfg.rowsPerSecond} rowsPerSecond is ${this.maxSeconds}, but it's ${endSeconds} now.`,
      );
    }
    this.lastTimeMs = Math.max(this.lastTimeMs, this.creationTimeMs + endSeconds * 1000);
    const { rowsPerSecond, rampUpTimeSeconds, numPartitions } = this.cfg;
    const rangeStart = valueAtSecond(startSeconds, rowsPerSecond, rampUpTimeSeconds);
    const rangeEnd = valueAtSecond(endSeconds, rowsPerSecond, rampUpTimeSeconds);
    const localStartTimeMs = this.creationTimeMs + startSeconds * 1000;
    const msPerValue =
      rangeEnd > rangeStart ? ((endSeconds - startSeconds) * 1000) / (rangeEnd - rangeStart) : 0;
    const rows: Row[] = roundRobinOrder(rangeEnd - rangeStart, numPartitions).map((i) => [
      (localStartTimeMs + Math.round(i * msPerValue)) * 1000,
      rangeStart + i,
    ]);
    return batchRelation(this.schema, rows, numPartitions);
  }

  async commit(): Promise<void> {}
  async stop(): Promise<void> {}

  description(): string {
    // Spark's description, its missing closing bracket included
    return `RateStreamV2[rowsPerSecond=${this.cfg.rowsPerSecond}, rampUpTimeSeconds=${this.cfg.rampUpTimeSeconds}, numPartitions=${this.cfg.numPartitionsOption}`;
  }
}

function parseStartTime(entry: string, metadataPath: string): number {
  const [version, value] = entry.split('\n');
  const ms = Number(value);
  if (version !== 'v1' || value === undefined || !Number.isSafeInteger(ms)) {
    throw new SluiceError(
      'CHECKPOINT_CORRUPT',
      `The rate source's start time in ${metadataPath}/0 is malformed: ${JSON.stringify(entry)}.`,
    );
  }
  return ms;
}

registerSourceProvider({
  format: 'rate',
  supportsContinuous: true,
  sourceSchema: (ctx) => {
    rejectUserSchema('RateStreamProvider', ctx.schema);
    readConfig(ctx.options, ctx.session.parallelism);
    return RATE_SCHEMA;
  },
  createSource: (ctx) =>
    new RateSource(readConfig(ctx.options, ctx.session.parallelism), ctx.clock, ctx.metadataPath),
});
