/**
 * Sluice's Kafka client: the one place that talks to the client library. Everything else in the
 * connector uses these Sluice-owned types (topic-partition keys, numbers for offsets, rows).
 *
 * Library choice (measured on this project's 2-core machine against a local Apache Kafka 4.1.1
 * broker, 500k records of ~200-byte JSON values, one partition; messages/s, best of runs):
 *   - @platformatic/kafka 1.35 `consumer.fetch` (library decoding)      ~50-75k msg/s
 *   - @platformatic/kafka 1.35 stream consumer                          ~19k msg/s
 *   - kafkajs 2.2.4 `eachBatch` (last release 2023)                     ~75-160k msg/s
 *   - @platformatic/kafka connection + our raw Fetch parser and bulk
 *     record-batch decoder (record-batch-decoder.ts)                    ~210-240k msg/s
 * Through the engine (batch read + CAST(value AS STRING) + count, same topic): ~190k rows/s.
 * Producing (KafkaProducerClient over the library's producer): ~20-35k msg/s, so `sluice
 * generate` holds 20000/s but not much more here. Loading the library costs ~1-4 s (ajv schema
 * compilation at import), which is why it is imported lazily.
 * @platformatic/kafka is pure JavaScript (its LZ4/Snappy/CRC32C ship as WebAssembly inside the
 * package), maintained, supports transactions, SASL and TLS; its 1.x line runs on Node 20.19+.
 * @confluentinc/kafka-javascript needs a prebuilt librdkafka download, which does not install here.
 *
 * Invariants: offsets are numbers (safe integers); fetches are by explicit offset, never by a
 * consumer group's position, so a range read is replayable; retriable failures (broker down,
 * leader moved) are retried with backoff until `apiTimeoutMs`, then surface as SluiceError.
 */
import type * as KafkaLib from '@platformatic/kafka';
import type { Row } from '../../expr/expression.js';
import { SluiceError } from '../../util/errors.js';
import type { KafkaClientConfig } from './kafka-config.js';
import { type RawFetch, type RawFetchRequestPartition, rawFetchApi } from './raw-fetch.js';
import { decodeRecordBatches } from './record-batch-decoder.js';

let libPromise: Promise<typeof KafkaLib> | undefined;
/** @internal the client library, loaded on first use. */
export function kafkaLib(): Promise<typeof KafkaLib> {
  libPromise ??= import('@platformatic/kafka');
  return libPromise;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export const tpKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** Which offset ListOffsets should return: earliest, latest, or the first at/after a timestamp (ms). */
export type OffsetSpec = 'earliest' | 'latest' | { readonly timestamp: number };

export interface PartitionRead {
  readonly rows: Row[];
  /** Offset after the last record examined. */
  readonly nextOffset: number;
  readonly logStartOffset: number;
  /** High watermark, or the last stable offset under read_committed. */
  readonly endOffset: number;
}

/** Options of a client: the library's own retries are off; `retry` here owns the policy. */
export function libraryOptions(config: KafkaClientConfig, clientId: string) {
  return {
    clientId,
    bootstrapBrokers: [...config.bootstrapServers],
    retries: 0,
    // the library still retries some transactional calls itself: CONCURRENT_TRANSACTIONS clears
    // within milliseconds (the previous transaction's markers), so poll it quickly
    retryDelay: (_client: unknown, _op: string, attempt: number, _retries: number, error: Error) =>
      apiErrorNames(error).includes('CONCURRENT_TRANSACTIONS')
        ? 20
        : Math.min(config.retryBackoffMs * 2 ** Math.max(0, attempt - 1), config.retryBackoffMaxMs),
    timeout: config.requestTimeoutMs,
    connectTimeout: config.connectTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    metadataMaxAge: config.metadataMaxAgeMs,
    autocreateTopics: false,
    ...(config.tls ? { tls: config.tls } : {}),
    ...(config.sasl ? { sasl: { ...config.sasl } } : {}),
  };
}

const FATAL_API_ERRORS = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'UNKNOWN_TOPIC_ID',
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'SASL_AUTHENTICATION_FAILED',
  'PRODUCER_FENCED',
  'INVALID_PRODUCER_EPOCH',
  'UNSUPPORTED_VERSION',
  'INVALID_TOPIC_EXCEPTION',
  'RECORD_LIST_TOO_LARGE',
  'MESSAGE_TOO_LARGE',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  'OFFSET_OUT_OF_RANGE',
  'TRANSACTION_ABORTABLE',
]);

function errorChain(e: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (x: unknown, depth: number) => {
    if (!x || typeof x !== 'object' || depth > 6) return;
    out.push(x as Record<string, unknown>);
    const errs = (x as { errors?: unknown }).errors;
    if (Array.isArray(errs)) for (const c of errs) visit(c, depth + 1);
    visit((x as { cause?: unknown }).cause, depth + 1);
  };
  visit(e, 0);
  return out;
}

/** The Kafka protocol error names in an error from the library (e.g. UNKNOWN_TOPIC_OR_PARTITION). */
export function apiErrorNames(e: unknown): string[] {
  return errorChain(e)
    .map((x) => x.apiId)
    .filter((x): x is string => typeof x === 'string');
}

/** Whether retrying may help: network trouble, timeouts, leadership changes, coordinator moves. */
export function isRetriable(e: unknown): boolean {
  const chain = errorChain(e);
  if (chain.some((x) => typeof x.apiId === 'string' && FATAL_API_ERRORS.has(x.apiId))) return false;
  if (chain.some((x) => x.code === 'PLT_KFK_AUTHENTICATION')) return false;
  return chain.some(
    (x) =>
      x.canRetry === true ||
      x.code === 'PLT_KFK_NETWORK' ||
      x.code === 'PLT_KFK_TIMEOUT' ||
      x.code === 'ECONNREFUSED' ||
      x.code === 'ECONNRESET' ||
      x.code === 'EPIPE' ||
      (typeof x.message === 'string' &&
        // a partition just added is listed by fresh metadata before the client's cache knows it
        /Cannot find broker|closed|not available|ECONNREFUSED|partition\(s\) not found in topic/i.test(
          x.message,
        )),
  );
}

export function describeError(e: unknown): string {
  const chain = errorChain(e);
  const leaf = chain.filter((x) => !Array.isArray((x as { errors?: unknown }).errors)).map((x) => x.message);
  const msgs = [
    ...new Set([chain[0]?.message, ...leaf].filter((m): m is string => typeof m === 'string' && !!m)),
  ];
  return msgs.join(': ') || String(e);
}

export class KafkaClient {
  private consumer?: KafkaLib.Consumer;
  private adminClient?: KafkaLib.Admin;
  private fetchApi?: RawFetch;
  private closed = false;

  constructor(readonly config: KafkaClientConfig) {}

  private async base(): Promise<KafkaLib.Consumer> {
    if (this.closed) throw new SluiceError('KAFKA_CLIENT_CLOSED', 'The Kafka client is closed.');
    if (!this.consumer) {
      const lib = await kafkaLib();
      this.consumer = new lib.Consumer({
        ...libraryOptions(this.config, this.config.clientId),
        groupId: this.config.groupId ?? `${this.config.clientId}-metadata`,
      });
    }
    return this.consumer;
  }

  async admin(): Promise<KafkaLib.Admin> {
    if (this.closed) throw new SluiceError('KAFKA_CLIENT_CLOSED', 'The Kafka client is closed.');
    if (!this.adminClient) {
      const lib = await kafkaLib();
      this.adminClient = new lib.Admin(libraryOptions(this.config, `${this.config.clientId}-admin`));
    }
    return this.adminClient;
  }

  /** Runs `op`, retrying retriable failures with exponential backoff until the API timeout. */
  async retry<T>(what: string, op: () => Promise<T>, timeoutMs = this.config.apiTimeoutMs): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let backoff = this.config.retryBackoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        if (e instanceof SluiceError) throw e;
        if (this.closed || !isRetriable(e) || Date.now() + backoff > deadline) {
          throw new SluiceError(
            'KAFKA_OPERATION_FAILED',
            `Kafka ${what} failed${attempt > 1 ? ` after ${attempt} attempts` : ''} (bootstrap servers ${this.config.bootstrapServers.join(',')}): ${describeError(e)}`,
            { apiErrors: apiErrorNames(e) },
            { cause: e },
          );
        }
        this.consumer?.clearMetadata();
        this.adminClient?.clearMetadata();
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, this.config.retryBackoffMaxMs);
      }
    }
  }

  /** Names of all topics (internal ones excluded). */
  async listTopics(): Promise<string[]> {
    const admin = await this.admin();
    return this.retry('list topics', () => admin.listTopics({ includeInternals: false }));
  }

  /** Partition counts of the given topics; topics that do not exist are absent from the map. */
  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (topics.length === 0) return out;
    const c = await this.base();
    const read = (wanted: string[]) =>
      this.retry('read metadata', () =>
        c.metadata({ topics: wanted, forceUpdate: true, autocreateTopics: false }),
      );
    let wanted = [...topics];
    let md: Awaited<ReturnType<typeof read>>;
    try {
      md = await read(wanted);
    } catch (e) {
      // one missing topic fails the whole metadata request: find out which ones exist
      const unknown =
        e instanceof SluiceError &&
        (((e.context.apiErrors as string[]) ?? []).includes('UNKNOWN_TOPIC_OR_PARTITION') ||
          /Unknown topic/i.test(e.message));
      if (!unknown) throw e;
      const existing = new Set(await this.listTopics());
      wanted = topics.filter((t) => existing.has(t));
      if (wanted.length === 0) return out;
      md = await read(wanted);
    }
    for (const t of wanted) {
      const tm = md.topics.get(t);
      if (tm) out.set(t, tm.partitionsCount);
    }
    return out;
  }

  /** Offsets per partition (keyed by tpKey); for a timestamp, -1 where no record is that new. */
  async listOffsets(tps: readonly TopicPartition[], spec: OffsetSpec): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (tps.length === 0) return out;
    const byTopic = new Map<string, number[]>();
    for (const tp of tps) {
      const l = byTopic.get(tp.topic) ?? [];
      l.push(tp.partition);
      byTopic.set(tp.topic, l);
    }
    const c = await this.base();
    const timestamp = spec === 'earliest' ? -2n : spec === 'latest' ? -1n : BigInt(spec.timestamp);
    const res = await this.retry('list offsets', () =>
      c.listOffsets({
        topics: [...byTopic.keys()],
        partitions: Object.fromEntries(byTopic),
        timestamp,
        isolationLevel: this.config.readCommitted ? 1 : 0,
      }),
    );
    for (const [topic, parts] of byTopic) {
      const offs = res.get(topic) ?? [];
      for (const p of parts) {
        const o = offs[p];
        if (o !== undefined) out.set(tpKey(topic, p), Number(o));
      }
    }
    return out;
  }

  /**
   * One fetch of a partition from `from`: the records in [from, until) that came back, decoded in
   * bulk. An empty result with `nextOffset === from` means nothing was available at `from`.
   */
  async fetchOnce(
    tp: TopicPartition,
    from: number,
    until: number,
    includeHeaders: boolean,
  ): Promise<PartitionRead> {
    const c = await this.base();
    const lib = await kafkaLib();
    return this.retry(`fetch ${tp.topic}-${tp.partition} from offset ${from}`, async () => {
      const md = await c.metadata({ topics: [tp.topic], autocreateTopics: false });
      const tm = md.topics.get(tp.topic);
      const pm = tm?.partitions[tp.partition];
      if (!tm || !pm)
        throw new SluiceError('KAFKA_PARTITION_NOT_FOUND', `${tp.topic}-${tp.partition} does not exist.`);
      const broker = md.brokers.get(pm.leader);
      if (!broker) throw new Error(`Cannot find broker with node id ${pm.leader}`);
      const conn = await c.connections.get(broker);
      const fetch = await this.rawFetch(c);
      const res = await fetch(
        conn,
        this.config.fetchMaxWaitMs,
        this.config.fetchMaxBytes,
        this.config.readCommitted,
        tm.id,
        [
          {
            partition: tp.partition,
            fetchOffset: from,
            currentLeaderEpoch: pm.leaderEpoch,
            partitionMaxBytes: this.config.partitionFetchMaxBytes,
          },
        ],
      );
      const p = res.topics[0]?.partitions[0];
      if (!p) throw new Error('empty fetch response');
      if (p.errorCode !== 0) throw new lib.ProtocolError(p.errorCode);
      const endOffset = this.config.readCommitted ? p.lastStableOffset : p.highWatermark;
      if (!p.records) return { rows: [], nextOffset: from, logStartOffset: p.logStartOffset, endOffset };
      const decoded = decodeRecordBatches(p.records, {
        topic: tp.topic,
        partition: tp.partition,
        from,
        until,
        includeHeaders,
        aborted: this.config.readCommitted
          ? [...(p.aborted ?? [])].sort((a, b) => a.firstOffset - b.firstOffset)
          : null,
        decompress: (codec, data) => decompress(lib, codec, data),
      });
      return {
        rows: decoded.rows,
        nextOffset: decoded.nextOffset,
        logStartOffset: p.logStartOffset,
        endOffset,
      };
    });
  }

  /**
   * Long-polls the partitions at the given positions (keyed by tpKey): resolves 'data' as soon as
   * any of them has a record at or after its position, 'timeout' after `maxWaitMs` without one,
   * 'error' when the broker could not answer (the caller backs off). The records are not kept:
   * this only tells an idle query when to plan its next batch, so it costs nothing while idle.
   */
  async waitForData(
    positions: ReadonlyMap<string, number>,
    maxWaitMs: number,
  ): Promise<'data' | 'timeout' | 'error'> {
    const byTopic = new Map<string, [number, number][]>();
    for (const [k, off] of positions) {
      const [topic, partition] = splitTpKey(k);
      const l = byTopic.get(topic) ?? [];
      l.push([partition, off]);
      byTopic.set(topic, l);
    }
    if (byTopic.size === 0) return 'timeout';
    try {
      const c = await this.base();
      const md = await c.metadata({ topics: [...byTopic.keys()], autocreateTopics: false });
      const fetch = await this.rawFetch(c);
      const polls: Promise<'data' | 'timeout' | 'error'>[] = [];
      for (const [topic, parts] of byTopic) {
        const tm = md.topics.get(topic);
        if (!tm) continue;
        const byLeader = new Map<number, RawFetchRequestPartition[]>();
        for (const [partition, offset] of parts) {
          const pm = tm.partitions[partition];
          if (!pm) continue;
          const l = byLeader.get(pm.leader) ?? [];
          // one byte per partition: the broker still returns a whole first batch (KIP-74)
          l.push({
            partition,
            fetchOffset: offset,
            currentLeaderEpoch: pm.leaderEpoch,
            partitionMaxBytes: 1,
          });
          byLeader.set(pm.leader, l);
        }
        for (const [leader, reqs] of byLeader) {
          const broker = md.brokers.get(leader);
          if (!broker) continue;
          polls.push(
            (async () => {
              const conn = await c.connections.get(broker);
              const res = await fetch(conn, maxWaitMs, 1, this.config.readCommitted, tm.id, reqs);
              const ps = res.topics.flatMap((t) => t.partitions);
              if (ps.some((p) => p.records !== null && p.records.length > 0)) return 'data' as const;
              return res.errorCode !== 0 || ps.some((p) => p.errorCode !== 0)
                ? ('error' as const)
                : ('timeout' as const);
            })().catch(() => 'error' as const),
          );
        }
      }
      if (polls.length === 0) return 'error';
      return await Promise.race(polls);
    } catch {
      return 'error';
    }
  }

  private async rawFetch(c: KafkaLib.Consumer): Promise<RawFetch> {
    if (!this.fetchApi) {
      const lib = await kafkaLib();
      const apis = await c.listApis();
      const fetchApi = apis.find((a) => a.apiKey === 1);
      this.fetchApi = rawFetchApi(lib, fetchApi?.maxVersion ?? 0);
    }
    return this.fetchApi;
  }

  /** Committed offsets of a consumer group (keyed by tpKey). */
  async groupOffsets(groupId: string): Promise<Map<string, number>> {
    const admin = await this.admin();
    const res = await this.retry('read consumer group offsets', () =>
      admin.listConsumerGroupOffsets({ groups: [groupId] }),
    );
    const out = new Map<string, number>();
    for (const g of res) {
      for (const t of g.topics) {
        for (const p of t.partitions)
          if (p.committedOffset >= 0n) out.set(tpKey(t.name, p.partitionIndex), Number(p.committedOffset));
      }
    }
    return out;
  }

  /** Commits offsets to a consumer group that has no active members (monitoring / lag tools). */
  async commitGroupOffsets(groupId: string, offsets: ReadonlyMap<string, number>): Promise<void> {
    const byTopic = new Map<string, { partition: number; offset: bigint }[]>();
    for (const [k, off] of offsets) {
      const [topic, p] = splitTpKey(k);
      const l = byTopic.get(topic) ?? [];
      l.push({ partition: p, offset: BigInt(off) });
      byTopic.set(topic, l);
    }
    if (byTopic.size === 0) return;
    const admin = await this.admin();
    await this.retry('commit consumer group offsets', () =>
      admin.alterConsumerGroupOffsets({
        groupId,
        topics: [...byTopic].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
      }),
    );
  }

  async createTopic(name: string, partitions: number, configs: Record<string, string> = {}): Promise<void> {
    const admin = await this.admin();
    await this.retry('create topic', async () => {
      try {
        await admin.createTopics({
          topics: [name],
          partitions,
          replicas: 1,
          configs: Object.entries(configs).map(([name, value]) => ({ name, value })),
        });
      } catch (e) {
        if (!apiErrorNames(e).includes('TOPIC_ALREADY_EXISTS')) throw e;
      }
    });
  }

  /** Grows a topic to `total` partitions. */
  async addPartitions(topic: string, total: number): Promise<void> {
    const admin = await this.admin();
    await this.retry('create partitions', () =>
      admin.createPartitions({ topics: [{ name: topic, count: total, assignments: null as never }] }),
    );
  }

  async deleteTopic(name: string): Promise<void> {
    const admin = await this.admin();
    await this.retry('delete topic', () => admin.deleteTopics({ topics: [name] }));
  }

  /** Deletes records before `offset` (the partition's log start moves there). */
  async deleteRecords(tp: TopicPartition, offset: number): Promise<void> {
    const admin = await this.admin();
    await this.retry('delete records', () =>
      admin.deleteRecords({
        topics: [{ name: tp.topic, partitions: [{ partition: tp.partition, offset: BigInt(offset) }] }],
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.consumer;
    const a = this.adminClient;
    this.consumer = undefined;
    this.adminClient = undefined;
    await Promise.all([
      c ? new Promise<void>((resolve) => c.close(true, () => resolve())) : undefined,
      a?.close().catch(() => undefined),
    ]);
  }
}

function decompress(lib: typeof KafkaLib, codec: number, data: Buffer): Buffer {
  const algo = (
    lib.compressionsAlgorithmsByBitmask as Record<
      number,
      { decompressSync(d: Buffer): Buffer; available?: boolean }
    >
  )[codec];
  if (!algo || algo.available === false) {
    throw new SluiceError(
      'KAFKA_UNSUPPORTED_COMPRESSION',
      `Kafka records use compression codec ${codec}, which this Node.js cannot decompress.`,
    );
  }
  return algo.decompressSync(data);
}

export function splitTpKey(k: string): [string, number] {
  const i = k.lastIndexOf('\u0000');
  return [k.slice(0, i), Number(k.slice(i + 1))];
}
