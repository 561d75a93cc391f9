/**
 * The Kafka source's options (Spark's Structured Streaming + Kafka Integration Guide), validated
 * and typed. Streaming and batch reads share the parser; `mode` applies Spark's extra rules (no
 * ending offsets in streaming, no `latest` start or `earliest` end in batch).
 *
 * Invariants: exactly one of subscribe / subscribePattern / assign; every error names the option
 * and is raised when the DataFrame is created (load()), before any broker is contacted.
 */
import { parseDuration } from '../../streaming/trigger.js';
import { SluiceError } from '../../util/errors.js';
import { type TopicPartition, tpKey } from './kafka-client.js';
import { invalidOption, type KafkaClientConfig, kafkaClientConfig, lowerKeys } from './kafka-config.js';
import { EARLIEST, LATEST, type PartitionOffsets, parseOffsetsOption, tpName } from './kafka-offsets.js';

export type Subscription =
  | { readonly kind: 'subscribe'; readonly topics: readonly string[] }
  | { readonly kind: 'pattern'; readonly pattern: RegExp; readonly text: string }
  | { readonly kind: 'assign'; readonly partitions: readonly TopicPartition[] };

/** Where reading starts or ends. */
export type OffsetBound =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'specific'; readonly offsets: PartitionOffsets }
  | { readonly kind: 'timestamp'; readonly timestamp: number }
  | { readonly kind: 'byTimestamp'; readonly timestamps: PartitionOffsets };

export interface KafkaSourceOptions {
  readonly subscription: Subscription;
  readonly starting: OffsetBound;
  /** Batch reads only. */
  readonly ending: OffsetBound;
  /** startingOffsetsByTimestampStrategy: what a partition with no record at/after the timestamp gets. */
  readonly timestampNotFound: 'error' | 'latest';
  readonly failOnDataLoss: boolean;
  readonly maxOffsetsPerTrigger?: number;
  readonly minOffsetsPerTrigger?: number;
  readonly maxTriggerDelayMs: number;
  readonly minPartitions?: number;
  readonly includeHeaders: boolean;
  readonly groupIdPrefix: string;
  /** Sluice extension: commit each batch's end offsets to the consumer group (for lag monitoring). */
  readonly commitOffsetsToGroup: boolean;
  /** Sluice extension: a subscribed topic that does not exist fails the query ('fail') or is waited for. */
  readonly onMissingTopic: 'fail' | 'wait';
  readonly client: KafkaClientConfig;
}

function bool(m: Map<string, string>, key: string, dflt: boolean, name: string): boolean {
  const v = m.get(key);
  if (v === undefined) return dflt;
  const l = v.trim().toLowerCase();
  if (l === 'true') return true;
  if (l === 'false') return false;
  throw invalidOption(`Option '${name}' must be true or false, got '${v}'.`);
}

function positiveInt(m: Map<string, string>, key: string, name: string): number | undefined {
  const v = m.get(key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw invalidOption(`Invalid value '${v}' for option '${name}', must be a positive integer`);
  return n;
}

/** `15m`, `30 seconds`, `500ms`, or plain milliseconds (the trigger interval parser, plus bare numbers). */
export function parseDurationMs(text: string, name: string): number {
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(text)) return Math.round(Number(text));
  try {
    return parseDuration(text, name);
  } catch {
    throw invalidOption(`Invalid duration '${text}' for option '${name}' (e.g. 15m, 30s, 500ms).`);
  }
}

function subscription(m: Map<string, string>): Subscription {
  const given = (['subscribe', 'subscribepattern', 'assign'] as const).filter((k) => m.has(k));
  if (given.length === 0) {
    throw invalidOption(
      'One of the following options must be specified for Kafka source: subscribe, subscribePattern, assign. See the docs for more details.',
    );
  }
  if (given.length > 1) {
    throw invalidOption(
      'Only one of the following options can be specified for Kafka source: subscribe, subscribePattern, assign. See the docs for more details.',
    );
  }
  const v = m.get(given[0]!)!;
  if (given[0] === 'subscribe') {
    const topics = v
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (topics.length === 0)
      throw invalidOption(`No topics to subscribe to as specified value for option 'subscribe' is '${v}'`);
    return { kind: 'subscribe', topics };
  }
  if (given[0] === 'subscribepattern') {
    if (!v.trim())
      throw invalidOption(
        `Pattern to subscribe is empty as specified value for option 'subscribePattern' is '${v}'`,
      );
    try {
      return { kind: 'pattern', pattern: new RegExp(`^(?:${v.trim()})$`), text: v.trim() };
    } catch (e) {
      throw invalidOption(
        `Option 'subscribePattern' is not a valid regular expression: ${(e as Error).message}`,
      );
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    json = undefined;
  }
  const partitions: TopicPartition[] = [];
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    for (const [topic, ps] of Object.entries(json)) {
      if (!Array.isArray(ps) || !ps.every((p) => Number.isInteger(p) && p >= 0)) {
        json = undefined;
        break;
      }
      for (const p of ps as number[]) partitions.push({ topic, partition: p });
    }
  } else json = undefined;
  if (json === undefined) {
    throw invalidOption(`Expected e.g. {"topicA":[0,1],"topicB":[0,1]} for option 'assign', got ${v}`);
  }
  if (partitions.length === 0)
    throw invalidOption(`No topicpartitions to assign as specified value for option 'assign' is '${v}'`);
  return { kind: 'assign', partitions };
}

function timestampValue(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw invalidOption(`Option '${name}' must be a timestamp in milliseconds since the epoch, got '${v}'.`);
  return n;
}

/** Spark's precedence: a global timestamp, then per-partition timestamps, then offsets. */
function bound(m: Map<string, string>, which: 'starting' | 'ending', dflt: OffsetBound): OffsetBound {
  const ts = m.get(`${which}timestamp`);
  if (ts !== undefined) return { kind: 'timestamp', timestamp: timestampValue(ts, `${which}Timestamp`) };
  const byTs = m.get(`${which}offsetsbytimestamp`);
  if (byTs !== undefined)
    return { kind: 'byTimestamp', timestamps: parseOffsetsOption(byTs, `${which}OffsetsByTimestamp`) };
  const offs = m.get(`${which}offsets`);
  if (offs === undefined) return dflt;
  const l = offs.trim().toLowerCase();
  if (l === 'earliest') return { kind: 'earliest' };
  if (l === 'latest') return { kind: 'latest' };
  return { kind: 'specific', offsets: parseOffsetsOption(offs, `${which}Offsets`) };
}

export function parseKafkaSourceOptions(
  options: Readonly<Record<string, string>>,
  mode: 'stream' | 'batch',
): KafkaSourceOptions {
  const m = lowerKeys(options);
  const sub = subscription(m);
  const client = kafkaClientConfig(options, 'source');
  const starting = bound(m, 'starting', mode === 'stream' ? { kind: 'latest' } : { kind: 'earliest' });
  const ending = bound(m, 'ending', { kind: 'latest' });
  if (mode === 'stream') {
    for (const k of ['endingoffsets', 'endingtimestamp', 'endingoffsetsbytimestamp']) {
      if (m.has(k))
        throw invalidOption(
          `Option '${k}' is not valid in streaming queries; it applies to batch reads only.`,
        );
    }
  } else {
    if (starting.kind === 'latest')
      throw invalidOption("starting offset can't be latest for batch queries on Kafka");
    if (starting.kind === 'specific') {
      for (const [k, off] of starting.offsets) {
        if (off === LATEST)
          throw invalidOption(`starting offset for ${tpName(k)} can't be latest for batch queries on Kafka`);
      }
    }
    if (ending.kind === 'earliest')
      throw invalidOption("ending offset can't be earliest for batch queries on Kafka");
    if (ending.kind === 'specific') {
      for (const [k, off] of ending.offsets) {
        if (off === EARLIEST)
          throw invalidOption(`ending offset for ${tpName(k)} can't be earliest for batch queries on Kafka`);
      }
    }
    for (const k of ['maxoffsetspertrigger', 'minoffsetspertrigger', 'maxtriggerdelay']) {
      if (m.has(k)) throw invalidOption(`Option '${k}' applies to streaming queries only.`);
    }
  }
  const strategy = (m.get('startingoffsetsbytimestampstrategy') ?? 'error').toLowerCase();
  if (strategy !== 'error' && strategy !== 'latest') {
    throw invalidOption(
      `Option 'startingOffsetsByTimestampStrategy' must be 'error' or 'latest', got '${strategy}'.`,
    );
  }
  const onMissing = (m.get('onmissingtopic') ?? 'fail').toLowerCase();
  if (onMissing !== 'fail' && onMissing !== 'wait') {
    throw invalidOption(`Option 'onMissingTopic' must be 'fail' or 'wait', got '${onMissing}'.`);
  }
  const maxOffsetsPerTrigger = positiveInt(m, 'maxoffsetspertrigger', 'maxOffsetsPerTrigger');
  const minOffsetsPerTrigger = positiveInt(m, 'minoffsetspertrigger', 'minOffsetsPerTrigger');
  if (
    maxOffsetsPerTrigger !== undefined &&
    minOffsetsPerTrigger !== undefined &&
    minOffsetsPerTrigger > maxOffsetsPerTrigger
  ) {
    throw invalidOption(
      `The value of minOffsetPerTrigger(${minOffsetsPerTrigger}) is higher than the maxOffsetsPerTrigger(${maxOffsetsPerTrigger}).`,
    );
  }
  const minPartitions = positiveInt(m, 'minpartitions', 'minPartitions');
  const groupIdPrefix = m.get('groupidprefix') ?? 'spark-kafka-source';
  return {
    subscription: sub,
    starting,
    ending,
    timestampNotFound: strategy,
    failOnDataLoss: bool(m, 'failondataloss', true, 'failOnDataLoss'),
    maxTriggerDelayMs: parseDurationMs(m.get('maxtriggerdelay') ?? '15m', 'maxTriggerDelay'),
    includeHeaders: bool(m, 'includeheaders', false, 'includeHeaders'),
    groupIdPrefix,
    commitOffsetsToGroup: bool(m, 'commitoffsetstogroup', false, 'commitOffsetsToGroup'),
    onMissingTopic: onMissing,
    client,
    ...(maxOffsetsPerTrigger !== undefined ? { maxOffsetsPerTrigger } : {}),
    ...(minOffsetsPerTrigger !== undefined ? { minOffsetsPerTrigger } : {}),
    ...(minPartitions !== undefined ? { minPartitions } : {}),
  };
}

/** `KafkaV2[Subscribe[a,b]]`, as Spark describes the source in progress reports. */
export function describeSubscription(s: Subscription): string {
  if (s.kind === 'subscribe') return `Subscribe[${s.topics.join(',')}]`;
  if (s.kind === 'pattern') return `SubscribePattern[${s.text}]`;
  return `Assign[${s.partitions.map((p) => tpName(tpKey(p.topic, p.partition))).join(', ')}]`;
}

export function missingTopicError(topics: readonly string[], servers: readonly string[]): SluiceError {
  return new SluiceError(
    'KAFKA_TOPIC_NOT_FOUND',
    `Kafka topic${topics.length > 1 ? 's' : ''} ${topics.map((t) => `'${t}'`).join(', ')} do${topics.length > 1 ? '' : 'es'} not exist (bootstrap servers ${servers.join(',')}). Create ${topics.length > 1 ? 'them' : 'it'}, or set the source option 'onMissingTopic' to 'wait' to wait for ${topics.length > 1 ? 'them' : 'it'}.`,
  );
}
