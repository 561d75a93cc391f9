/**
 * Writing DataFrames to Kafka, shared by the streaming sink and batch `df.write.format('kafka')`:
 * validates the columns as Spark's Kafka writer does and turns rows into records.
 *
 * Columns (Spark's contract): `value` (string or binary, required), `key` (string or binary),
 * `topic` (string; the `topic` option overrides it), `partition` (int; otherwise Kafka's
 * partitioner decides from the key), `headers` (array<struct<key string, value binary>>).
 *
 * Invariant: validation happens before anything is produced (at start() for a stream).
 */
import { randomUUID } from 'node:crypto';
import type { DataFrame } from '../../dataframe/dataframe.js';
import type { Row } from '../../expr/expression.js';
import { type DataType, type StructType, simpleString } from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { invalidOption, kafkaClientConfig, lowerKeys } from './kafka-config.js';
import { KafkaProducerClient, type OutgoingRecord } from './kafka-producer.js';

export type DeliveryGuarantee = 'at-least-once' | 'exactly-once';

export interface KafkaWritePlan {
  /** Converts one output row to a record. */
  readonly toRecord: (row: Row) => OutgoingRecord;
  readonly topicOption?: string;
}

const utf8 = new TextEncoder();

function bytesOf(t: DataType): (v: unknown) => Uint8Array | null {
  if (t.kind === 'string') return (v) => (v === null ? null : utf8.encode(v as string));
  return (v) => (v === null ? null : (v as Uint8Array));
}

function schemaError(message: string): AnalysisException {
  return new AnalysisException('INVALID_KAFKA_SINK_SCHEMA', message);
}

/** Checks the columns and builds the row → record conversion (Spark's KafkaWriter.validateQuery). */
export function planKafkaWrite(
  schema: StructType,
  options: Readonly<Record<string, string>>,
): KafkaWritePlan {
  const topicOption = lowerKeys(options).get('topic');
  const find = (name: string) => {
    const i = schema.fields.findIndex((f) => f.name === name);
    return i < 0 ? undefined : { index: i, type: schema.fields[i]!.dataType };
  };
  const topic = find('topic');
  const key = find('key');
  const value = find('value');
  const headers = find('headers');
  const partition = find('partition');
  if (topicOption === undefined) {
    if (!topic) {
      throw schemaError(
        "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.",
      );
    }
    if (topic.type.kind !== 'string') {
      throw schemaError(
        `topic attribute unsupported type ${simpleString(topic.type)}. topic must be a(n) string`,
      );
    }
  }
  if (!value) throw schemaError("Required attribute 'value' not found");
  for (const [name, c] of [
    ['key', key],
    ['value', value],
  ] as const) {
    if (c && c.type.kind !== 'string' && c.type.kind !== 'binary') {
      throw schemaError(
        `${name} attribute unsupported type ${simpleString(c.type)}. ${name} must be a(n) string or binary`,
      );
    }
  }
  if (headers) {
    const t = headers.type;
    const ok =
      t.kind === 'array' &&
      t.elementType.kind === 'struct' &&
      t.elementType.fields.length === 2 &&
      t.elementType.fields[0]!.dataType.kind === 'string' &&
      t.elementType.fields[1]!.dataType.kind === 'binary';
    if (!ok) {
      throw schemaError(
        `headers attribute unsupported type ${simpleString(t)}. headers must be a(n) array<struct<key:string,value:binary>>`,
      );
    }
  }
  if (partition && partition.type.kind !== 'integer') {
    throw schemaError(
      `partition attribute unsupported type ${simpleString(partition.type)}. partition must be a(n) int`,
    );
  }
  const valueBytes = bytesOf(value.type);
  const keyBytes = key ? bytesOf(key.type) : undefined;
  const topicIdx = topic?.index;
  const toRecord = (row: Row): OutgoingRecord => {
    let t = topicOption;
    if (t === undefined) {
      const v = row[topicIdx!];
      if (v === null || v === undefined) {
        throw new SparkRuntimeError(
          'KAFKA_NULL_TOPIC',
          'null topic present in the data. Use the topic option for setting a topic.',
        );
      }
      t = v as string;
    }
    const hs = headers ? (row[headers.index] as unknown[][] | null) : null;
    const p = partition ? (row[partition.index] as number | null) : null;
    return {
      topic: t,
      partition: p ?? null,
      key: keyBytes ? keyBytes(row[key!.index] ?? null) : null,
      value: valueBytes(row[value.index] ?? null),
      headers: hs ? hs.map((h) => [h[0] as string, (h[1] as Uint8Array | null) ?? null] as const) : null,
    };
  };
  return { toRecord, ...(topicOption !== undefined ? { topicOption } : {}) };
}

export function deliveryGuarantee(options: Readonly<Record<string, string>>): DeliveryGuarantee {
  const v = (lowerKeys(options).get('deliveryguarantee') ?? 'at-least-once').toLowerCase();
  if (v !== 'at-least-once' && v !== 'exactly-once') {
    throw invalidOption(`Option 'deliveryGuarantee' must be 'at-least-once' or 'exactly-once', got '${v}'.`);
  }
  return v;
}

/** `df.write.format('kafka').save()`: Spark allows the append and errorifexists save modes only. */
export async function saveToKafka(
  df: DataFrame,
  mode: string,
  options: Readonly<Record<string, string>>,
): Promise<void> {
  if (mode !== 'append' && mode !== 'errorifexists' && mode !== 'error') {
    throw new AnalysisException(
      'KAFKA_SAVE_MODE_NOT_ALLOWED',
      `Save mode ${mode} not allowed for Kafka. Allowed save modes are Append and ErrorIfExists (default).`,
    );
  }
  const { path: _path, ...rest } = options;
  await writeKafka(df, rest);
}

/**
 * Batch `df.write.format('kafka')`: writes every row of `df`. With
 * `deliveryGuarantee=exactly-once` the whole write is one Kafka transaction (all rows become
 * visible to read_committed consumers together, or none do).
 */
export async function writeKafka(df: DataFrame, options: Readonly<Record<string, string>>): Promise<void> {
  const plan = planKafkaWrite(df.schema, options);
  const config = kafkaClientConfig(options, 'sink');
  const guarantee = deliveryGuarantee(options);
  const rows = await df.session.executeInternal(df.plan);
  const records = rows.map(plan.toRecord);
  const producer = new KafkaProducerClient(
    config,
    guarantee === 'exactly-once'
      ? (config.transactionalId ?? `sluice-batch-write-${randomUUID()}`)
      : undefined,
  );
  try {
    if (guarantee === 'exactly-once') {
      await producer.beginTransaction();
      await producer.send(records);
      await producer.commitTransaction();
    } else {
      await producer.send(records);
    }
  } finally {
    await producer.close();
  }
}
