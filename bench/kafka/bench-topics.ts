/**
 * Kafka topics for the benchmarks: a pre-filled topic of house events, created and filled once
 * per (events, seed, partitions, data version) and reused while its offsets still say it holds
 * exactly those events; plus the per-house statistics of any prefix of the event stream,
 * computed from the generator (never from Kafka or an engine) so results can be checked.
 */
import { KafkaClient } from '../../src/connectors/kafka/kafka-client.js';
import { kafkaClientConfig } from '../../src/connectors/kafka/kafka-config.js';
import { KafkaProducerClient, type OutgoingRecord } from '../../src/connectors/kafka/kafka-producer.js';
import { HouseEventGenerator } from '../../src/generator/house-events.js';

export const BOOTSTRAP = process.env.BENCH_KAFKA_BOOTSTRAP ?? '127.0.0.1:9092';
/** Bump when the generator's output changes, so stale topics are refilled. */
const DATA_VERSION = 1;
const SEND_CHUNK = 50_000;

export type HouseStatsRow = [house: string, howMany: number, sumScore: number, noCharacters: number];

/** count, sum(score), distinct characters per house over events [0, events). */
export function expectedHouseStats(events: number, seed: number): HouseStatsRow[] {
  const gen = new HouseEventGenerator({ seed });
  const stats = new Map<string, { count: number; sum: number; characters: Set<string> }>();
  for (let i = 0; i < events; i++) {
    const e = gen.event(i);
    let s = stats.get(e.house);
    if (!s) stats.set(e.house, (s = { count: 0, sum: 0, characters: new Set() }));
    s.count++;
    s.sum += Number(e.score);
    s.characters.add(e.character);
  }
  return [...stats].map(([house, s]) => [house, s.count, s.sum, s.characters.size]);
}

export function config(role: 'source' | 'sink') {
  return kafkaClientConfig({ 'kafka.bootstrap.servers': BOOTSTRAP, 'kafka.acks': '1' }, role);
}

/** Records currently in a topic (sum over partitions of latest - earliest), or undefined if absent. */
export async function topicSize(
  client: KafkaClient,
  topic: string,
): Promise<{ partitions: number; records: number } | undefined> {
  const n = (await client.partitionCounts([topic])).get(topic);
  if (n === undefined) return undefined;
  const tps = Array.from({ length: n }, (_, partition) => ({ topic, partition }));
  const earliest = await client.listOffsets(tps, 'earliest');
  const latest = await client.listOffsets(tps, 'latest');
  let records = 0;
  for (const [k, off] of latest) records += off - (earliest.get(k) ?? 0);
  return { partitions: n, records };
}

/**
 * A topic holding house events [0, events) (JSON values, no keys, spread round-robin over
 * `partitions`): reused when it already holds exactly that many records, else recreated.
 */
export async function prefilledHouseTopic(
  events: number,
  seed: number,
  partitions: number,
  log: (line: string) => void,
): Promise<string> {
  const topic = `bench-house-events-${events}-seed${seed}-p${partitions}-v${DATA_VERSION}`;
  const client = new KafkaClient(config('source'));
  try {
    const size = await topicSize(client, topic);
    if (size && size.partitions === partitions && size.records === events) {
      log(`reusing Kafka topic ${topic}`);
      return topic;
    }
    if (size) await client.deleteTopic(topic);
    await client.createTopic(topic, partitions);
  } finally {
    await client.close();
  }
  const t0 = performance.now();
  await produceHouseEvents(topic, 0, events, seed);
  const s = (performance.now() - t0) / 1000;
  log(`filled Kafka topic ${topic} with ${events} events in ${s.toFixed(1)} s (${Math.round(events / s)}/s)`);
  return topic;
}

/** Produces events [from, to) of the seeded stream to `topic`, acknowledged (acks=1). */
export async function produceHouseEvents(
  topic: string,
  from: number,
  to: number,
  seed: number,
): Promise<void> {
  const gen = new HouseEventGenerator({ seed });
  const producer = new KafkaProducerClient(config('sink'));
  try {
    for (let a = from; a < to; a += SEND_CHUNK) {
      const b = Math.min(to, a + SEND_CHUNK);
      const records: OutgoingRecord[] = new Array(b - a);
      for (let i = a; i < b; i++)
        records[i - a] = {
          topic,
          partition: null,
          key: null,
          value: Buffer.from(gen.jsonLine(i)),
          headers: null,
        };
      await producer.send(records);
    }
  } finally {
    await producer.close();
  }
}
