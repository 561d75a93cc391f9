/**
 * Sluice's Kafka producer: sends records (Sluice-owned `OutgoingRecord`s) at-least-once or inside
 * a transaction, choosing partitions the way Kafka's Java client does (murmur2 of the key, positive,
 * modulo the partition count), so keyed data lands where Java producers would put it.
 *
 * Transactions carry an optional *progress marker*: an offset committed to a consumer group as
 * part of the same transaction (TxnOffsetCommit). The exactly-once sink uses it to record "batch N
 * is published" atomically with batch N's records.
 *
 * Invariants: a partition's records go in record batches of at most CHUNK records and CHUNK_BYTES
 * bytes (under the broker's message size limit); `send` resolves only when every record is acknowledged (acks from the config); a
 * retried request re-sends only unacknowledged partitions, and with idempotence (the default, as
 * in Kafka's Java client) the broker deduplicates what it had written before a lost response —
 * concurrent `send`s of an idempotent producer are queued, never interleaved;
 * records without key or partition are spread round-robin; records of one partition keep their
 * order (chunks for a partition are sent one after another).
 */
import type * as KafkaLib from '@platformatic/kafka';
import { SluiceError } from '../../util/errors.js';
import { apiErrorNames, describeError, isRetriable, kafkaLib, libraryOptions } from './kafka-client.js';
import type { KafkaClientConfig } from './kafka-config.js';

export interface OutgoingRecord {
  readonly topic: string;
  /** null: chosen from the key (or round-robin without a key). */
  readonly partition: number | null;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly (readonly [string, Uint8Array | null])[] | null;
}

/** A consumer-group offset committed atomically with a transaction. */
export interface ProgressMarker {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** Records per partition in one Produce request. */
const CHUNK = 8000;
/**
 * Bytes (keys, values, headers) per partition in one Produce request: a partition's records form
 * one record batch, which must stay under the broker's `message.max.bytes` (1 MiB by default).
 */
const CHUNK_BYTES = 512 * 1024;

type LibMessage = KafkaLib.MessageToProduce<Buffer, Buffer, Buffer, Buffer>;

export class KafkaProducerClient {
  private producer?: KafkaLib.Producer;
  private readonly partitionCounts = new Map<string, number>();
  private roundRobin = 0;
  private murmur2?: (b: Buffer) => number;
  private transaction?: Awaited<ReturnType<KafkaLib.Producer['beginTransaction']>>;
  private readonly coordinators = new Map<string, number>();
  /** The end of the sends queued so far (idempotent producers send one request at a time). */
  private sendQueue: Promise<void> = Promise.resolve();

  constructor(
    readonly config: KafkaClientConfig,
    private readonly transactionalId?: string,
  ) {}

  private async client(): Promise<KafkaLib.Producer> {
    if (!this.producer) {
      const lib = await kafkaLib();
      this.murmur2 = lib.murmur2;
      this.producer = new lib.Producer({
        ...libraryOptions(this.config, this.config.clientId),
        acks: this.transactionalId ? -1 : this.config.acks,
        compression: this.config.compression,
        // producer id and epoch -1 ask the broker for a fresh (or bumped) id: the library's default
        // (0, 0) is refused with PRODUCER_FENCED once the transactional id has history
        ...(this.transactionalId
          ? { transactionalId: this.transactionalId, idempotent: true, producerId: -1n, producerEpoch: -1 }
          : this.config.idempotent
            ? // the library turns retries ≤ 1 into "retry forever" for idempotent producers; two
              // quick retries in the library, then `retry` below with its deadline
              { idempotent: true, retries: 2 }
            : {}),
      });
    }
    return this.producer;
  }

  private async retry<T>(what: string, op: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.config.apiTimeoutMs;
    let backoff = this.config.retryBackoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        if (e instanceof SluiceError) throw e;
        if (!isRetriable(e) || Date.now() + backoff > deadline) {
          throw new SluiceError(
            'KAFKA_OPERATION_FAILED',
            `Kafka ${what} failed${attempt > 1 ? ` after ${attempt} attempts` : ''} (bootstrap servers ${this.config.bootstrapServers.join(',')}): ${describeError(e)}`,
            { apiErrors: apiErrorNames(e) },
            { cause: e },
          );
        }
        this.producer?.clearMetadata();
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, this.config.retryBackoffMaxMs);
      }
    }
  }

  private async partitionsOf(topic: string): Promise<number> {
    let n = this.partitionCounts.get(topic);
    if (n === undefined) {
      const p = await this.client();
      const md = await this.retry(`read metadata of topic ${topic}`, async () => {
        try {
          return await p.metadata({ topics: [topic], autocreateTopics: false, forceUpdate: true });
        } catch (e) {
          if (apiErrorNames(e).includes('UNKNOWN_TOPIC_OR_PARTITION')) {
            throw new SluiceError(
              'KAFKA_TOPIC_NOT_FOUND',
              `Kafka topic '${topic}' does not exist (bootstrap servers ${this.config.bootstrapServers.join(',')}). Create it first.`,
            );
          }
          throw e;
        }
      });
      n = md.topics.get(topic)?.partitionsCount ?? 1;
      this.partitionCounts.set(topic, n);
    }
    return n;
  }

  /** Converts records to the library's messages, with partitions assigned. */
  private async toMessages(records: readonly OutgoingRecord[]): Promise<LibMessage[]> {
    await this.client();
    const topics = new Set<string>();
    for (const r of records) if (r.partition === null) topics.add(r.topic);
    for (const t of topics) await this.partitionsOf(t);
    const out: LibMessage[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const key = r.key ? asBuffer(r.key) : undefined;
      let partition = r.partition;
      if (partition === null) {
        const n = this.partitionCounts.get(r.topic)!;
        partition = key ? (this.murmur2!(key) & 0x7fffffff) % n : this.roundRobin++ % n;
      }
      const m: LibMessage = {
        topic: r.topic,
        partition,
        value: r.value ? asBuffer(r.value) : (null as unknown as Buffer),
      };
      if (key) m.key = key;
      if (r.headers && r.headers.length > 0) {
        m.headers = new Map(
          r.headers.map(([k, v]) => [Buffer.from(k, 'utf8'), v ? asBuffer(v) : (null as unknown as Buffer)]),
        );
      }
      out[i] = m;
    }
    return out;
  }

  /**
   * Sends records and waits for their acknowledgement: up to CHUNK records of every partition
   * per request, requests one after another.
   */
  async send(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const messages = await this.toMessages(records);
    // an idempotent (or transactional) producer numbers each partition's batches when a request
    // is built and advances the numbers on its acknowledgement: two requests built before the
    // first is acknowledged would carry the same numbers, and the broker would drop the second as
    // a duplicate. Its sends therefore go one after another.
    if (!this.transactionalId && !this.config.idempotent) return this.sendMessages(messages);
    const run = this.sendQueue.then(() => this.sendMessages(messages));
    this.sendQueue = run.catch(() => undefined);
    return run;
  }

  private async sendMessages(messages: LibMessage[]): Promise<void> {
    const p = await this.client();
    const byPartition = new Map<string, LibMessage[]>();
    for (const m of messages) {
      const k = `${m.topic}\u0000${m.partition}`;
      let l = byPartition.get(k);
      if (!l) byPartition.set(k, (l = []));
      l.push(m);
    }
    const tx = this.transaction;
    if (tx) {
      // register every partition up front: concurrent sends would each try to add theirs, and the
      // library folds concurrent AddPartitionsToTxn calls into one
      const firsts = [...byPartition.values()].map((l) => l[0]!);
      const md = await this.retry('read metadata', () =>
        p.metadata({ topics: [...new Set(firsts.map((m) => m.topic))], autocreateTopics: false }),
      );
      await tx.addPartitions(md, firsts.map((m) => ({ ...m, value: m.value ?? Buffer.alloc(0) })) as never);
    }
    const sendChunk = (chunk: LibMessage[]) =>
      this.transaction ? this.transaction.send({ messages: chunk }) : this.sendWithRetry(p, chunk);
    // rounds: round r sends the r-th chunk of every partition in one call, which the library turns
    // into one Produce request per broker (a record batch per partition); rounds go one after
    // another, so a partition's records stay in order
    const lanes = [...byPartition.values()].map(chunksOf);
    const rounds = Math.max(...lanes.map((l) => l.length));
    try {
      for (let r = 0; r < rounds; r++) {
        const chunk: LibMessage[] = [];
        for (const lane of lanes) {
          const part = lane[r];
          if (part) for (const m of part) chunk.push(m);
        }
        await sendChunk(chunk);
      }
    } catch (e) {
      if (e instanceof SluiceError) throw e;
      throw new SluiceError(
        'KAFKA_OPERATION_FAILED',
        `Kafka produce failed: ${describeError(e)}`,
        {},
        { cause: e },
      );
    }
  }

  /**
   * Sends one chunk outside a transaction, retrying retriable failures. A failed request may have
   * been written for some partitions (another broker acknowledged them): only the partitions not
   * acknowledged are sent again, and an idempotent producer's broker drops a re-sent batch it
   * already wrote, so a retry adds no duplicates.
   */
  private async sendWithRetry(p: KafkaLib.Producer, chunk: LibMessage[]): Promise<void> {
    let remaining = chunk;
    await this.retry('produce', async () => {
      try {
        await p.send({ messages: remaining, acks: this.config.acks });
      } catch (e) {
        const acknowledged = new Set(
          (
            (e as { produced?: { offsets?: { topic: string; partition: number }[] } }).produced?.offsets ?? []
          ).map((o) => `${o.topic}\u0000${o.partition}`),
        );
        if (acknowledged.size > 0) {
          remaining = remaining.filter((m) => !acknowledged.has(`${m.topic}\u0000${m.partition}`));
        }
        if (remaining.length > 0) throw e;
      }
    });
  }

  /**
   * Starts a transaction. The first call fences any earlier producer with the same transactional
   * id (its open transaction is aborted by the broker).
   */
  async beginTransaction(): Promise<void> {
    if (!this.transactionalId) throw new Error('internal error: not a transactional producer');
    const p = await this.client();
    this.transaction = await this.retry('begin transaction', () => p.beginTransaction());
  }

  /** Commits the open transaction, with an optional progress marker committed atomically. */
  async commitTransaction(marker?: ProgressMarker): Promise<void> {
    const tx = this.transaction;
    if (!tx) throw new Error('internal error: no open transaction');
    try {
      if (marker) {
        let coordinator = this.coordinators.get(marker.groupId);
        if (coordinator === undefined) {
          const lib = await kafkaLib();
          const id = marker.groupId;
          coordinator = await this.retry('find group coordinator', () =>
            findGroupCoordinator(lib, this.config, id),
          );
          this.coordinators.set(marker.groupId, coordinator);
        }
        // a consumer handle only names the group: it never joins it (generation -1, no member)
        const consumer = { groupId: marker.groupId } as KafkaLib.Consumer;
        await tx.addConsumer(consumer);
        await tx.addOffset({
          topic: marker.topic,
          partition: marker.partition,
          offset: BigInt(marker.offset - 1),
          metadata: {
            consumer: { groupId: marker.groupId, generationId: -1, memberId: '', coordinatorId: coordinator },
          },
        } as unknown as KafkaLib.Message);
      }
      await tx.commit();
    } catch (e) {
      await tx.abort().catch(() => undefined);
      throw new SluiceError(
        'KAFKA_TRANSACTION_FAILED',
        `Kafka transaction commit failed: ${describeError(e)}`,
        {},
        { cause: e },
      );
    } finally {
      this.transaction = undefined;
    }
  }

  async abortTransaction(): Promise<void> {
    const tx = this.transaction;
    this.transaction = undefined;
    await tx?.abort().catch(() => undefined);
  }

  async close(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    if (p) await new Promise<void>((resolve) => p.close(true, () => resolve()));
  }
}

async function findGroupCoordinator(
  lib: typeof KafkaLib,
  config: KafkaClientConfig,
  groupId: string,
): Promise<number> {
  const admin = new lib.Admin(libraryOptions(config, `${config.clientId}-coordinator`));
  try {
    const res = await admin.findCoordinator({ keyType: 0, keys: [groupId] });
    const c = res[0];
    if (!c) throw new Error(`no coordinator for group ${groupId}`);
    return c.nodeId;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** A partition's messages cut into chunks of at most CHUNK records and CHUNK_BYTES bytes (one record at least). */
function chunksOf(lane: LibMessage[]): LibMessage[][] {
  const out: LibMessage[][] = [];
  let current: LibMessage[] = [];
  let bytes = 0;
  for (const m of lane) {
    let size = (m.key?.length ?? 0) + (m.value?.length ?? 0) + 16;
    if (m.headers instanceof Map) for (const [k, v] of m.headers) size += k.length + (v?.length ?? 0);
    if (current.length > 0 && (current.length >= CHUNK || bytes + size > CHUNK_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
