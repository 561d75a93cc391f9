/**
 * The Kafka topic of the `nexmark-kafka-<q>` benchmarks: Nexmark events [0, events) of a seed as
 * JSON values (no keys, spread round-robin over the partitions), written once by
 * `sluice generate nexmark` (the CLI's own code path, called in-process) and reused while the
 * topic still holds exactly that many records. The name encodes events, seed, partitions and the
 * generator's data version, so a topic is never reused for other data.
 */

import { generate, parseGenerateArgs } from '../../src/cli/generate.js';
import { KafkaClient } from '../../src/connectors/kafka/kafka-client.js';
import { BOOTSTRAP, config, topicSize } from './bench-topics.js';

/** Bump with bench/benchmarks/nexmark.ts's DATA_VERSION when the generator's output changes. */
const NEXMARK_TOPIC_VERSION = 1;

export function nexmarkTopicName(events: number, seed: number, partitions: number): string {
  return `bench-nexmark-${events}-seed${seed}-p${partitions}-v${NEXMARK_TOPIC_VERSION}`;
}

export async function prefilledNexmarkTopic(
  events: number,
  seed: number,
  partitions: number,
  log: (line: string) => void,
): Promise<string> {
  const topic = nexmarkTopicName(events, seed, partitions);
  const client = new KafkaClient(config('source'));
  try {
    const size = await topicSize(client, topic);
    if (size && size.partitions === partitions && size.records === events) {
      log(`reusing Kafka topic ${topic}`);
      return topic;
    }
    if (size) await client.deleteTopic(topic);
  } finally {
    await client.close();
  }
  const r = await generate(
    parseGenerateArgs([
      'nexmark',
      '--events',
      String(events),
      '--seed',
      String(seed),
      '--bootstrap',
      BOOTSTRAP,
      '--topic',
      topic,
      '--partitions',
      String(partitions),
    ]),
  );
  log(
    `filled Kafka topic ${topic} with ${r.count} Nexmark events in ${r.seconds.toFixed(1)} s (${Math.round(r.rate)}/s)`,
  );
  return topic;
}
