/**
 * The `nexmark` source: Nexmark auction events (src/generator/nexmark) as a stream or a table,
 * in Flink nexmark's layout — `event_type INT, person STRUCT<…>, auction STRUCT<…>,
 * bid STRUCT<…>, dateTime TIMESTAMP`.
 *
 *   spark.readStream.format('nexmark').option('maxEvents', 1_000_000).load()
 *   spark.read.format('nexmark').option('maxEvents', 10_000).load()
 *
 * Options (case-insensitive): eventsPerSecond (event-time rate, default 10000: event n happens
 * at baseTime + n / eventsPerSecond), maxEvents (default 0 = unbounded; required for batch reads),
 * eventsPerTrigger (events per micro-batch, default 100000), rateLimited (default false: events
 * are available as fast as the query takes them, as Flink's generator runs by default; true: they
 * become available at eventsPerSecond of the query's clock), seed (default 0), baseTime (epoch ms
 * or `yyyy-MM-dd HH:mm:ss` UTC, default 2024-11-21 10:00:00), numPartitions (default: the
 * session's parallelism).
 *
 * Invariants: the offset is the number of events emitted so far; batch (start, end] holds events
 * start..end-1, a pure function of the options — replaying an offset range after a restart gives
 * exactly the same rows. With rateLimited the start time lives in the checkpoint
 * (`sources/<i>/0`), as for the rate source, so a restart continues the same schedule.
 */
import type { Row } from '../../expr/expression.js';
import { NexmarkConfig } from '../../generator/nexmark/nexmark-config.js';
import { NexmarkGenerator } from '../../generator/nexmark/nexmark-generator.js';
import { NEXMARK_SCHEMA } from '../../generator/nexmark/nexmark-schema.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { SluiceError } from '../../util/errors.js';
import { MetadataLog } from '../checkpoint/metadata-log.js';
import type { Clock } from '../clock.js';
import { type Offset, type ReadLimit, registerSourceProvider, type Source } from '../source.js';
import { batchRelation, invalidOption, rejectUserSchema, SourceOptions } from './source-support.js';

export interface NexmarkSourceConfig {
  readonly generator: NexmarkConfig;
  readonly maxEvents: number;
  readonly eventsPerTrigger: number;
  readonly rateLimited: boolean;
  readonly numPartitions: number;
}

function parseBaseTime(raw: string): number {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text);
  if (!m) {
    throw invalidOption(
      `Invalid value '${raw}'. The option 'baseTime' must be epoch milliseconds or 'yyyy-MM-dd HH:mm:ss' (UTC)`,
    );
  }
  return Date.UTC(
    +m[1]!,
    +m[2]! - 1,
    +m[3]!,
    +(m[4] ?? 0),
    +(m[5] ?? 0),
    +(m[6] ?? 0),
    +(m[7] ?? '0').padEnd(3, '0'),
  );
}

export function readNexmarkConfig(
  options: Readonly<Record<string, string>>,
  parallelism: number,
): NexmarkSourceConfig {
  const o = new SourceOptions(options);
  const baseTime = o.get('baseTime');
  return {
    generator: new NexmarkConfig({
      seed: o.nonNegativeInteger('seed', 0),
      eventsPerSecond: o.positiveInteger('eventsPerSecond', 10_000),
      ...(baseTime !== undefined ? { baseTimeMs: parseBaseTime(baseTime) } : {}),
    }),
    maxEvents: o.nonNegativeInteger('maxEvents', 0),
    eventsPerTrigger: o.positiveInteger('eventsPerTrigger', 100_000),
    rateLimited: o.boolean('rateLimited', false),
    numPartitions: o.positiveInteger('numPartitions', parallelism),
  };
}

/** Events from..to-1 as rows of NEXMARK_SCHEMA. */
export function nexmarkRows(gen: NexmarkGenerator, from: number, to: number): Row[] {
  const rows: Row[] = new Array(Math.max(0, to - from));
  for (let n = from; n < to; n++) rows[n - from] = gen.row(n);
  return rows;
}

class NexmarkSource implements Source {
  readonly schema = NEXMARK_SCHEMA;
  readonly #gen: NexmarkGenerator;
  readonly #startMs: number | undefined;
  #availableNowEnd: number | undefined;
  #availableNow = false;

  constructor(
    private readonly cfg: NexmarkSourceConfig,
    private readonly clock: Clock,
    metadataPath: string,
  ) {
    this.#gen = new NexmarkGenerator(cfg.generator);
    if (cfg.rateLimited) {
      const log = new MetadataLog(metadataPath);
      if (log.get(0) === undefined) log.add(0, `v1\n${clock.now()}`);
      const entry = log.get(0)!;
      const [version, value] = entry.split('\n');
      const ms = Number(value);
      if (version !== 'v1' || !Number.isSafeInteger(ms)) {
        throw new SluiceError(
          'CHECKPOINT_CORRUPT',
          `The nexmark source's start time in ${metadataPath}/0 is malformed: ${JSON.stringify(entry)}.`,
        );
      }
      this.#startMs = ms;
    }
  }

  defaultReadLimit(): ReadLimit {
    return { kind: 'maxRows', n: this.cfg.eventsPerTrigger };
  }

  prepareForTriggerAvailableNow(): void {
    this.#availableNow = true;
  }

  /**
   * Events available now: all of them (up to maxEvents), or those due by the clock. An unbounded,
   * unlimited stream has one trigger's worth beyond `from` available at any time.
   */
  #available(from: number): number {
    const bounded = this.cfg.maxEvents > 0;
    const cap = bounded ? this.cfg.maxEvents : Number.MAX_SAFE_INTEGER;
    if (this.#startMs === undefined) return bounded ? cap : from + this.cfg.eventsPerTrigger;
    const due = Math.floor(((this.clock.now() - this.#startMs) * this.cfg.generator.eventsPerSecond) / 1000);
    return Math.min(cap, Math.max(0, due));
  }

  async latestOffset(start: Offset | null, limit: ReadLimit): Promise<Offset | null> {
    const from = (start as number | null) ?? 0;
    if (this.#availableNow) this.#availableNowEnd ??= this.#available(from);
    let end = this.#availableNowEnd ?? this.#available(from);
    if (limit.kind === 'maxRows') end = Math.min(end, from + limit.n);
    end = Math.max(end, from);
    return end === from ? start : end;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan> {
    const from = (start as number | null) ?? 0;
    return batchRelation(this.schema, nexmarkRows(this.#gen, from, end as number), this.cfg.numPartitions);
  }

  async commit(): Promise<void> {}
  async stop(): Promise<void> {}

  description(): string {
    const c = this.cfg;
    return `NexmarkStream[eventsPerSecond=${c.generator.eventsPerSecond}, maxEvents=${c.maxEvents}, eventsPerTrigger=${c.eventsPerTrigger}, rateLimited=${c.rateLimited}, seed=${c.generator.seed}, numPartitions=${c.numPartitions}]`;
  }
}

/** `spark.read.format('nexmark')`: the first maxEvents events as a table. */
export function nexmarkBatchRelation(
  options: Readonly<Record<string, string>>,
  userSchema: unknown,
  parallelism: number,
): LogicalPlan {
  rejectUserSchema('NexmarkProvider', userSchema as never);
  const cfg = readNexmarkConfig(options, parallelism);
  if (cfg.maxEvents === 0) {
    throw invalidOption("A batch read of the nexmark source needs the option 'maxEvents' (> 0)");
  }
  return batchRelation(
    NEXMARK_SCHEMA,
    nexmarkRows(new NexmarkGenerator(cfg.generator), 0, cfg.maxEvents),
    cfg.numPartitions,
  );
}

registerSourceProvider({
  format: 'nexmark',
  sourceSchema: (ctx) => {
    rejectUserSchema('NexmarkProvider', ctx.schema);
    readNexmarkConfig(ctx.options, ctx.session.parallelism);
    return NEXMARK_SCHEMA;
  },
  createSource: (ctx) =>
    new NexmarkSource(readNexmarkConfig(ctx.options, ctx.session.parallelism), ctx.clock, ctx.metadataPath),
});
