/**
 * `spark.readStream.format('kafka')`: the streaming Kafka source (Spark's KafkaMicroBatchStream).
 *
 * Offsets are Spark's per-partition JSON (`{"topic":{"0":23}}`, the next offset to read), kept in
 * the query's offset log. Each trigger: discover the subscription's partitions (new ones start at
 * offset 0, i.e. from their beginning), take the latest offsets, apply `minOffsetsPerTrigger` /
 * `maxTriggerDelay` and `maxOffsetsPerTrigger` (split across partitions in proportion to their
 * backlog, as Spark does). `getBatch(start, end)` fetches exactly those ranges by offset.
 *
 * Invariants: the initial offsets are resolved once and saved in the source's checkpoint folder
 * (file `0`), so a restart before the first commit re-reads the same first batch; `getBatch` is
 * replayable; `commit` only reports progress to Kafka (commitOffsetsToGroup) — the checkpoint,
 * not the consumer group, is the source of truth.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributeReference, type Row } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import type { Clock } from '../../streaming/clock.js';
import { type Offset, type ReadLimit, registerSourceProvider, type Source } from '../../streaming/source.js';
import type { StructType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { KafkaClient, type TopicPartition, tpKey } from './kafka-client.js';
import { KafkaOffsetReader } from './kafka-offset-reader.js';
import { offsetsFromJson, offsetsToJson, type PartitionOffsets, tpName, tpSetText } from './kafka-offsets.js';
import { kafkaSchema } from './kafka-schema.js';
import {
  describeSubscription,
  type KafkaSourceOptions,
  parseKafkaSourceOptions,
} from './kafka-source-options.js';

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** How long one idle long-poll waits at the broker before the source re-arms it. */
const IDLE_FETCH_WAIT_MS = 500;

export class KafkaMicroBatchSource implements Source {
  readonly schema: StructType;
  /** An idle query learns of new records from a long-poll fetch (see watchForData). */
  readonly signalsNewData = true;
  private dataListener: (() => void) | undefined;
  /** Own connections: a long-poll fetch would hold up other requests on a shared connection. */
  private watchClient: KafkaClient | undefined;
  private watching = false;
  private stopped = false;
  private readonly client: KafkaClient;
  private readonly reader: KafkaOffsetReader;
  private availableNow = false;
  private availableNowTarget: PartitionOffsets | undefined;
  /** When the last batch was planned (for maxTriggerDelay), by the query's clock. */
  private lastBatchAt: number;
  private groupIdCache: string | undefined;
  /** The subscription's partitions at the previous trigger. */
  private knownPartitions: TopicPartition[] | undefined;

  constructor(
    private readonly opts: KafkaSourceOptions,
    private readonly metadataPath: string,
    private readonly clock: Clock,
  ) {
    this.schema = kafkaSchema(opts.includeHeaders);
    this.client = new KafkaClient(opts.client);
    this.reader = new KafkaOffsetReader(opts, this.client, () => this.groupId());
    this.lastBatchAt = clock.now();
  }

  /** The consumer group offsets are committed to: kafka.group.id, else `<groupIdPrefix>-<id kept in the checkpoint>`. */
  groupId(): string {
    if (this.opts.client.groupId) return this.opts.client.groupId;
    if (!this.groupIdCache) {
      const f = join(this.metadataPath, 'group-id');
      if (existsSync(f)) this.groupIdCache = readFileSync(f, 'utf8').trim();
      else {
        this.groupIdCache = `${this.opts.groupIdPrefix}-${randomUUID()}`;
        mkdirSync(this.metadataPath, { recursive: true });
        writeAtomically(f, this.groupIdCache);
      }
    }
    return this.groupIdCache;
  }

  setDataAvailableListener(listener: () => void): void {
    this.dataListener = listener;
  }

  /**
   * Arms one long-poll fetch at `positions` (the offsets the next batch would start from); when
   * a record lands there — or the poll times out, as a safety net for new partitions — the query
   * is woken to plan a batch. At most one poll is outstanding.
   */
  private watchForData(positions: PartitionOffsets): void {
    const listener = this.dataListener;
    if (!listener || this.watching || this.stopped) return;
    this.watching = true;
    this.watchClient ??= new KafkaClient({
      ...this.opts.client,
      clientId: `${this.opts.client.clientId}-watch`,
    });
    const client = this.watchClient;
    void (async () => {
      try {
        const outcome = await client.waitForData(positions, IDLE_FETCH_WAIT_MS);
        // a broker that cannot answer must not turn the idle query into a busy loop
        if (outcome === 'error' && !this.stopped) await new Promise((r) => setTimeout(r, IDLE_FETCH_WAIT_MS));
      } finally {
        this.watching = false;
      }
      if (!this.stopped) listener();
    })();
  }

  /** maxOffsetsPerTrigger and minOffsetsPerTrigger/maxTriggerDelay, as Spark's composite limit. */
  defaultReadLimit(): ReadLimit {
    const { maxOffsetsPerTrigger: max, minOffsetsPerTrigger: min, maxTriggerDelayMs } = this.opts;
    const limits: ReadLimit[] = [];
    if (min !== undefined) limits.push({ kind: 'minRows', n: min, maxTriggerDelayMs });
    if (max !== undefined) limits.push({ kind: 'maxRows', n: max });
    if (limits.length === 0) return { kind: 'all' };
    return limits.length === 1 ? limits[0]! : { kind: 'composite', limits };
  }

  prepareForTriggerAvailableNow(): void {
    this.availableNow = true;
  }

  /** The offsets the query starts from: resolved once, then read back from the checkpoint. */
  private async initialOffsets(): Promise<PartitionOffsets> {
    const f = join(this.metadataPath, '0');
    if (existsSync(f)) {
      const text = readFileSync(f, 'utf8');
      return offsetsFromJson(JSON.parse(text.slice(text.indexOf('\n') + 1)), `the initial offsets in ${f}`);
    }
    const tps = await this.reader.partitions();
    const offsets = await this.reader.resolve(this.opts.starting, tps, 'start');
    mkdirSync(this.metadataPath, { recursive: true });
    writeAtomically(f, `v1\n${JSON.stringify(offsetsToJson(offsets))}`);
    return offsets;
  }

  async latestOffset(start: Offset | null, limit: ReadLimit): Promise<Offset | null> {
    const from = start === null ? await this.initialOffsets() : offsetsFromJson(start, 'the offset log');
    // the latest offsets of last trigger's partitions are asked for together with the partition
    // list (one round trip instead of two); only a changed partition set needs a second request
    const known = this.knownPartitions;
    const [tps, latestOfKnown] = await Promise.all([
      this.reader.partitions(),
      // a partition deleted since is reported below, from the fresh partition list
      known ? this.client.listOffsets(known, 'latest').catch(() => undefined) : undefined,
    ]);
    this.knownPartitions = tps;
    const current = new Set(tps.map((tp) => tpKey(tp.topic, tp.partition)));
    const deleted = [...from.keys()].filter((k) => !current.has(k));
    if (deleted.length) {
      this.reader.reportDataLoss(`Partitions ${tpSetText(deleted)} have been deleted.`, 'PARTITIONS_DELETED');
    }
    let latest =
      latestOfKnown &&
      known!.length === tps.length &&
      known!.every((tp) => current.has(tpKey(tp.topic, tp.partition)))
        ? latestOfKnown
        : await this.client.listOffsets(tps, 'latest');
    if (this.availableNow) {
      this.availableNowTarget ??= latest;
      const target = this.availableNowTarget;
      latest = new Map([...target].map(([k, off]) => [k, Math.min(off, latest.get(k) ?? off)]));
    }
    const startOf = (k: string) => from.get(k) ?? 0;
    for (const [k, off] of latest) {
      if (off < startOf(k)) {
        this.reader.reportDataLoss(
          `Partition ${tpName(k)}'s offset was changed from ${startOf(k)} to ${off}, some data may have been missed.`,
          'PARTITION_OFFSET_CHANGED',
        );
        latest.set(k, startOf(k));
      }
    }
    const available = [...latest].reduce((n, [k, off]) => n + Math.max(0, off - startOf(k)), 0);
    const limits = limit.kind === 'composite' ? limit.limits : [limit];
    // reading everything (Trigger.Once) overrides the other limits, as in Spark
    const readAll = limits.some((l) => l.kind === 'all');
    const min = readAll ? undefined : limits.find((l) => l.kind === 'minRows');
    const max = readAll ? undefined : limits.find((l) => l.kind === 'maxRows');
    if (min !== undefined && available < min.n && !this.availableNow) {
      if (this.clock.now() - this.lastBatchAt < min.maxTriggerDelayMs) {
        this.watchForData(latest); // wake when more records arrive (or re-check the delay)
        return start;
      }
    }
    const ends = max !== undefined ? rateLimit(from, latest, max.n) : latest;
    // partitions that no longer exist keep their last offset so the map never loses a key silently
    for (const k of deleted) if (!ends.has(k)) ends.set(k, from.get(k)!);
    const json = offsetsToJson(ends);
    if (available > 0 && JSON.stringify(json) !== JSON.stringify(offsetsToJson(from)))
      this.lastBatchAt = this.clock.now();
    else if (!this.availableNow)
      this.watchForData(new Map([...latest].map(([k]) => [k, ends.get(k) ?? startOf(k)])));
    return json;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan> {
    const from = start === null ? await this.initialOffsets() : offsetsFromJson(start, 'the offset log');
    const until = offsetsFromJson(end, 'the offset log');
    const ranges: { tp: TopicPartition; from: number; until: number }[] = [];
    for (const [k, u] of until) {
      const sep = k.lastIndexOf('\u0000');
      const tp = { topic: k.slice(0, sep), partition: Number(k.slice(sep + 1)) };
      let f = from.get(k);
      if (f === undefined) {
        // a partition added after the query started is read from its beginning; if that is no
        // longer offset 0, records were deleted before we could see them
        const earliest = (await this.client.listOffsets([tp], 'earliest')).get(k) ?? 0;
        if (earliest > 0) {
          this.reader.reportDataLoss(
            `Added partition ${tpName(k)} starts from ${earliest} instead of 0. Some data may have been missed.`,
            'ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO',
          );
        }
        f = earliest;
      }
      ranges.push({ tp, from: f, until: u });
    }
    const parts = await this.reader.readRanges(ranges);
    const rows: Row[] = parts.length === 1 ? parts[0]! : concatRows(parts);
    const nonEmpty = parts.filter((p) => p.length > 0).length;
    return {
      kind: 'localRelation',
      output: this.schema.fields.map((f) => attributeReference(f.name, f.dataType, f.nullable)),
      rows,
      numPartitions: Math.max(1, this.opts.minPartitions ?? nonEmpty),
    };
  }

  async commit(end: Offset): Promise<void> {
    if (!this.opts.commitOffsetsToGroup) return;
    await this.client.commitGroupOffsets(this.groupId(), offsetsFromJson(end, 'the offset log'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.client.close(), this.watchClient?.close()]);
  }

  description(): string {
    return `KafkaV2[${describeSubscription(this.opts.subscription)}]`;
  }
}

/** The partitions' rows one after another (a plain loop: Array.prototype.flat is far slower). */
function concatRows(parts: readonly Row[][]): Row[] {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Array<Row>(n);
  let i = 0;
  for (const p of parts) for (let j = 0; j < p.length; j++) out[i++] = p[j]!;
  return out;
}

/**
 * Caps the total offsets of a batch at `limit`, giving each partition a share proportional to
 * its backlog (a share below one offset rounds up, so small partitions still advance).
 */
export function rateLimit(from: PartitionOffsets, latest: PartitionOffsets, limit: number): PartitionOffsets {
  const startOf = (k: string) => from.get(k) ?? 0;
  const sizes = [...latest].map(([k, off]) => [k, Math.max(0, off - startOf(k))] as const);
  const total = sizes.reduce((n, [, s]) => n + s, 0);
  if (total <= limit) return new Map(latest);
  const out: PartitionOffsets = new Map();
  for (const [k, size] of sizes) {
    const share = (limit * size) / total;
    const n = share < 1 ? Math.ceil(share) : Math.floor(share);
    out.set(k, Math.min(latest.get(k)!, startOf(k) + n));
  }
  return out;
}

registerSourceProvider({
  format: 'kafka',
  supportsContinuous: true,
  sourceSchema: (ctx) => {
    if (ctx.schema) {
      throw new AnalysisException(
        'KAFKA_SCHEMA_NOT_SETTABLE',
        'Kafka source has a fixed schema and cannot be set with a custom one',
      );
    }
    return kafkaSchema(parseKafkaSourceOptions(ctx.options, 'stream').includeHeaders);
  },
  createSource: (ctx) =>
    new KafkaMicroBatchSource(parseKafkaSourceOptions(ctx.options, 'stream'), ctx.metadataPath, ctx.clock),
});
