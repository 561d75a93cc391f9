/**
 * Shared helpers for the Kafka tests, which run against the real broker started by
 * `scripts/services.sh up` (127.0.0.1:9092, or SLUICE_KAFKA_BOOTSTRAP). Without a broker the
 * tests fail with a message saying so — they never skip silently.
 *
 * Every test uses its own topics (`uniqueTopic`), so files can run in parallel and re-runs never
 * see old data.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { KafkaClient, type TopicPartition, tpKey } from '../../../src/connectors/kafka/kafka-client.js';
import { kafkaClientConfig } from '../../../src/connectors/kafka/kafka-config.js';
import { KafkaProducerClient, type OutgoingRecord } from '../../../src/connectors/kafka/kafka-producer.js';

export const BOOTSTRAP = process.env.SLUICE_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092';

function portOpen(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const s = connect({ host: host!, port: Number(port) });
    s.setTimeout(2000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** Call in beforeAll: fails the file with an actionable message when no broker listens. */
export async function requireBroker(bootstrap = BOOTSTRAP): Promise<void> {
  if (!(await portOpen(bootstrap.split(',')[0]!))) {
    throw new Error(
      `No Kafka broker at ${bootstrap}. The Kafka tests need a real broker: run \`scripts/services.sh up\` first (or set SLUICE_KAFKA_BOOTSTRAP).`,
    );
  }
}

export function uniqueTopic(name: string): string {
  return `sluice-test-${name}-${randomUUID().slice(0, 8)}`;
}

export function kafkaClient(extra: Record<string, string> = {}, bootstrap = BOOTSTRAP): KafkaClient {
  return new KafkaClient(kafkaClientConfig({ 'kafka.bootstrap.servers': bootstrap, ...extra }, 'source'));
}

export async function createTopic(topic: string, partitions = 1, bootstrap = BOOTSTRAP): Promise<void> {
  const c = kafkaClient({}, bootstrap);
  try {
    await c.createTopic(topic, partitions);
    // wait until every partition has a leader that answers ListOffsets (metadata propagates
    // asynchronously after CreateTopics: bounded retries, not a fixed sleep)
    const tps = Array.from({ length: partitions }, (_, p) => ({ topic, partition: p }));
    for (let attempt = 1; ; attempt++) {
      try {
        await c.listOffsets(tps, 'latest');
        break;
      } catch (e) {
        if (attempt >= 50 || !/Unknown topic/i.test(String((e as Error).message))) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await c.close();
  }
}

export interface TestRecord {
  readonly value: string | null;
  readonly key?: string;
  readonly partition?: number;
  readonly headers?: [string, string | null][];
}

export async function produce(
  topic: string,
  records: readonly (TestRecord | string)[],
  bootstrap = BOOTSTRAP,
): Promise<void> {
  const p = new KafkaProducerClient(kafkaClientConfig({ 'kafka.bootstrap.servers': bootstrap }, 'sink'));
  const enc = new TextEncoder();
  try {
    const out: OutgoingRecord[] = records.map((r) => {
      const x: TestRecord = typeof r === 'string' ? { value: r } : r;
      return {
        topic,
        partition: x.partition ?? null,
        key: x.key !== undefined ? enc.encode(x.key) : null,
        value: x.value === null ? null : enc.encode(x.value),
        headers: x.headers
          ? x.headers.map(([k, v]) => [k, v === null ? null : enc.encode(v)] as const)
          : null,
      };
    });
    await p.send(out);
  } finally {
    await p.close();
  }
}

/**
 * Every record value (as text) of a topic, partition by partition, optionally read_committed.
 * A committed transaction's markers reach the partitions asynchronously after EndTxn returns, so
 * a read_committed read first waits (bounded) until the last stable offset has caught up with the
 * high watermark, i.e. no transaction is still open or being completed on any partition.
 */
export async function readTopic(
  topic: string,
  readCommitted = false,
  bootstrap = BOOTSTRAP,
): Promise<string[]> {
  const c = kafkaClient(readCommitted ? { 'kafka.isolation.level': 'read_committed' } : {}, bootstrap);
  const dec = new TextDecoder();
  try {
    const n = (await c.partitionCounts([topic])).get(topic) ?? 0;
    const tps: TopicPartition[] = Array.from({ length: n }, (_, p) => ({ topic, partition: p }));
    const ends = readCommitted ? await stableEnds(c, tps, bootstrap) : await c.listOffsets(tps, 'latest');
    const out: string[] = [];
    for (const tp of tps) {
      let from = 0;
      const until = ends.get(tpKey(tp.topic, tp.partition))!;
      while (from < until) {
        const r = await c.fetchOnce(tp, from, until, false);
        for (const row of r.rows) out.push(row[1] === null ? 'null' : dec.decode(row[1] as Uint8Array));
        if (r.nextOffset === from) break;
        from = r.nextOffset;
      }
    }
    return out;
  } finally {
    await c.close();
  }
}

async function stableEnds(
  committed: KafkaClient,
  tps: TopicPartition[],
  bootstrap: string,
): Promise<Map<string, number>> {
  const uncommitted = kafkaClient({}, bootstrap);
  try {
    for (let attempt = 1; ; attempt++) {
      const stable = await committed.listOffsets(tps, 'latest');
      const high = await uncommitted.listOffsets(tps, 'latest');
      if (
        tps.every(
          (tp) => stable.get(tpKey(tp.topic, tp.partition)) === high.get(tpKey(tp.topic, tp.partition)),
        )
      )
        return stable;
      if (attempt >= 100) return stable; // an open transaction stays invisible, which the caller asserts on
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await uncommitted.close();
  }
}

export const sorted = (xs: readonly string[]): string[] => [...xs].sort();
