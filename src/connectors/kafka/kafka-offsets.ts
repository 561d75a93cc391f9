/**
 * Partition offsets in Spark's JSON form — `{"topic":{"0":23,"1":-1}}` — as stored in the query's
 * offset log and given in `startingOffsets` / `endingOffsets` / `startingOffsetsByTimestamp`.
 *
 * Invariants: in memory an offset map is keyed by `tpKey(topic, partition)`; serialised maps list
 * topics and partitions in sorted order, so the same offsets always give the same JSON (the run
 * loop compares offsets by their JSON).
 */
import { SluiceError } from '../../util/errors.js';
import { splitTpKey, type TopicPartition, tpKey } from './kafka-client.js';

export type PartitionOffsets = Map<string, number>;

/** Spark's marker values inside offset JSON. */
export const LATEST = -1;
export const EARLIEST = -2;

export function offsetsToJson(offsets: ReadonlyMap<string, number>): Record<string, Record<string, number>> {
  const byTopic = new Map<string, [number, number][]>();
  for (const [k, off] of offsets) {
    const [topic, p] = splitTpKey(k);
    const l = byTopic.get(topic) ?? [];
    l.push([p, off]);
    byTopic.set(topic, l);
  }
  const out: Record<string, Record<string, number>> = {};
  for (const topic of [...byTopic.keys()].sort()) {
    const parts: Record<string, number> = {};
    for (const [p, off] of byTopic.get(topic)!.sort((a, b) => a[0] - b[0])) parts[String(p)] = off;
    out[topic] = parts;
  }
  return out;
}

/** Reads an offset map from parsed JSON (`what` names the option or log entry in errors). */
export function offsetsFromJson(json: unknown, what: string): PartitionOffsets {
  const bad = () =>
    new SluiceError(
      'INVALID_KAFKA_OFFSETS',
      `Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}} for ${what}, got ${JSON.stringify(json)}`,
    );
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad();
  const out: PartitionOffsets = new Map();
  for (const [topic, parts] of Object.entries(json as Record<string, unknown>)) {
    if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) throw bad();
    for (const [p, off] of Object.entries(parts as Record<string, unknown>)) {
      const partition = Number(p);
      if (!Number.isInteger(partition) || partition < 0 || typeof off !== 'number' || !Number.isInteger(off))
        throw bad();
      out.set(tpKey(topic, partition), off);
    }
  }
  return out;
}

export function parseOffsetsOption(text: string, what: string): PartitionOffsets {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SluiceError(
      'INVALID_KAFKA_OFFSETS',
      `Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}} for ${what}, got ${text}`,
    );
  }
  return offsetsFromJson(json, what);
}

/** `topic-partition`, as Kafka's Java client prints a TopicPartition. */
export function tpName(k: string | TopicPartition): string {
  const [topic, p] = typeof k === 'string' ? splitTpKey(k) : [k.topic, k.partition];
  return `${topic}-${p}`;
}

export function tpSetText(keys: Iterable<string>): string {
  return `Set(${[...keys].map(tpName).sort().join(', ')})`;
}
