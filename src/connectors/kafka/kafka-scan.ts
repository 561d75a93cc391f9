/**
 * Batch `spark.read.format('kafka')`: the relation (fixed Kafka schema, options validated when the
 * DataFrame is created) and its scan. As in Spark, the offset range — `startingOffsets` (default
 * earliest) to `endingOffsets` (default latest), or their timestamp forms — is resolved when the
 * query runs, not when the DataFrame is created.
 *
 * Scan partitions: one task reads every topic-partition (fetching them concurrently); with
 * `minPartitions` the ranges are cut into that many pieces, large ranges first, one task each.
 *
 * Invariant: all tasks of one scan share one resolution of the offsets (resolved once per plan
 * node), so the pieces never overlap or leave gaps.
 */

import type { DataSourceScanExec } from '../../exec/physical-plan.js';
import type { ScanReader } from '../../exec/task-context.js';
import { attributeReference, type Row } from '../../expr/expression.js';
import type { DataSourceRelation } from '../../plan/logical-plan.js';
import type { StructType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { KafkaClient, type TopicPartition, tpKey } from './kafka-client.js';
import { KafkaOffsetReader } from './kafka-offset-reader.js';
import { kafkaSchema } from './kafka-schema.js';
import { type KafkaSourceOptions, parseKafkaSourceOptions } from './kafka-source-options.js';

export interface OffsetRange {
  readonly tp: TopicPartition;
  readonly from: number;
  readonly until: number;
}

export function kafkaBatchRelation(
  options: Readonly<Record<string, string>>,
  userSchema?: StructType,
): DataSourceRelation {
  if (userSchema) {
    throw new AnalysisException(
      'KAFKA_SCHEMA_NOT_SETTABLE',
      'Kafka source has a fixed schema and cannot be set with a custom one',
    );
  }
  const opts = parseKafkaSourceOptions(options, 'batch');
  const schema = kafkaSchema(opts.includeHeaders);
  return {
    kind: 'dataSourceRelation',
    format: 'kafka',
    options: { ...options },
    paths: [],
    output: schema.fields.map((f) => attributeReference(f.name, f.dataType, f.nullable)),
    dataSchema: schema,
  };
}

export function planKafkaScan(rel: DataSourceRelation): DataSourceScanExec {
  const opts = parseKafkaSourceOptions(rel.options, 'batch');
  return {
    kind: 'dataSourceScanExec',
    output: rel.output,
    format: 'kafka',
    options: rel.options,
    paths: [],
    pushedFilters: [],
    numPartitions: opts.minPartitions ?? 1,
    dataAttrs: rel.output,
  };
}

/** Cuts ranges into `n` pieces when n exceeds their count (Spark's KafkaOffsetRangeCalculator idea). */
export function splitRanges(ranges: readonly OffsetRange[], n: number): OffsetRange[] {
  const nonEmpty = ranges.filter((r) => r.until > r.from);
  if (n <= nonEmpty.length) return [...nonEmpty];
  const total = nonEmpty.reduce((s, r) => s + (r.until - r.from), 0);
  const out: OffsetRange[] = [];
  for (const r of nonEmpty) {
    const size = r.until - r.from;
    const parts = Math.max(1, Math.round((size / total) * n));
    for (let i = 0; i < parts; i++) {
      const a = r.from + Math.floor((size * i) / parts);
      const b = r.from + Math.floor((size * (i + 1)) / parts);
      if (b > a) out.push({ tp: r.tp, from: a, until: b });
    }
  }
  return out;
}

interface ResolvedScan {
  readonly opts: KafkaSourceOptions;
  readonly pieces: readonly OffsetRange[];
}

const resolved = new WeakMap<object, Promise<ResolvedScan>>();

async function resolveScan(node: DataSourceScanExec): Promise<ResolvedScan> {
  const opts = parseKafkaSourceOptions(node.options, 'batch');
  const client = new KafkaClient(opts.client);
  try {
    const reader = new KafkaOffsetReader(opts, client, () => opts.client.groupId ?? opts.groupIdPrefix);
    const tps = await reader.partitions();
    const start = await reader.resolve(opts.starting, tps, 'start');
    const end = await reader.resolve(opts.ending, tps, 'end');
    const ranges: OffsetRange[] = tps.map((tp) => {
      const k = tpKey(tp.topic, tp.partition);
      return { tp, from: start.get(k)!, until: end.get(k)! };
    });
    for (const r of ranges) {
      if (r.until < r.from) {
        throw new AnalysisException(
          'KAFKA_INVALID_OFFSET_RANGE',
          `The ending offset ${r.until} of ${r.tp.topic}-${r.tp.partition} is before its starting offset ${r.from}.`,
        );
      }
    }
    return { opts, pieces: splitRanges(ranges, node.numPartitions) };
  } finally {
    await client.close();
  }
}

/** The session's reader for Kafka scan partitions. */
export const readKafkaScan: ScanReader = async function* (node, partition) {
  let p = resolved.get(node);
  if (!p) {
    p = resolveScan(node);
    resolved.set(node, p);
  }
  const { opts, pieces } = await p;
  const mine = pieces.filter((_, i) => i % node.numPartitions === partition);
  if (mine.length === 0) return;
  const client = new KafkaClient(opts.client);
  try {
    const reader = new KafkaOffsetReader(opts, client, () => opts.client.groupId ?? opts.groupIdPrefix);
    const parts = await reader.readRanges(mine);
    // the optimizer may have pruned columns: the Kafka schema's names are unique, so match by name
    const names = kafkaSchema(opts.includeHeaders).fields.map((f) => f.name);
    const cols = node.output.map((a) => names.indexOf(a.name));
    const identity = cols.length === names.length && cols.every((c, i) => c === i);
    for (const rows of parts) {
      if (identity) {
        if (rows.length) yield rows;
        continue;
      }
      const out: Row[] = rows.map((r) => cols.map((c) => r[c] ?? null));
      if (out.length) yield out;
    }
  } finally {
    await client.close();
  }
};
