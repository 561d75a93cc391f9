/**
 * Offset decisions shared by the streaming source and the batch scan: which partitions a
 * subscription covers now, what `startingOffsets` / `endingOffsets` (and their timestamp forms)
 * resolve to, and reading an exact offset range with Spark's data-loss rules.
 *
 * Data loss (`failOnDataLoss`): records that should be read but no longer exist — deleted by
 * retention or DeleteRecords (the range starts before the log start), a deleted partition, a topic
 * recreated with fewer records. Gaps *inside* the log (compaction, transaction markers, aborted
 * records under read_committed) are normal and never data loss.
 *
 * Invariant: `readRange(tp, from, until)` returns exactly the records the log holds in
 * [from, until) whatever the consumer group's position, so a re-run batch reads the same rows.
 */
import type { Row } from '../../expr/expression.js';
import { SluiceError } from '../../util/errors.js';
import { type KafkaClient, type TopicPartition, tpKey } from './kafka-client.js';
import { EARLIEST, LATEST, type PartitionOffsets, tpName, tpSetText } from './kafka-offsets.js';
import { type KafkaSourceOptions, missingTopicError, type OffsetBound } from './kafka-source-options.js';

const MAX_EMPTY_FETCHES = 20;

export class KafkaOffsetReader {
  /** Warnings for data loss tolerated because failOnDataLoss is false (newest last). */
  readonly dataLossWarnings: string[] = [];

  constructor(
    readonly opts: KafkaSourceOptions,
    readonly client: KafkaClient,
    private readonly groupId: () => string,
  ) {}

  /** The partitions the subscription covers now (sorted); missing topics per `onMissingTopic`. */
  async partitions(): Promise<TopicPartition[]> {
    const s = this.opts.subscription;
    const out: TopicPartition[] = [];
    if (s.kind === 'pattern') {
      const topics = (await this.client.listTopics()).filter((t) => s.pattern.test(t)).sort();
      const counts = await this.client.partitionCounts(topics);
      for (const [t, n] of counts) for (let p = 0; p < n; p++) out.push({ topic: t, partition: p });
    } else {
      const topics =
        s.kind === 'subscribe' ? [...new Set(s.topics)] : [...new Set(s.partitions.map((p) => p.topic))];
      const counts = await this.client.partitionCounts(topics);
      const missing = topics.filter((t) => !counts.has(t));
      if (missing.length && this.opts.onMissingTopic === 'fail')
        throw missingTopicError(missing, this.opts.client.bootstrapServers);
      if (s.kind === 'subscribe') {
        for (const [t, n] of counts) for (let p = 0; p < n; p++) out.push({ topic: t, partition: p });
      } else {
        for (const tp of s.partitions) {
          const n = counts.get(tp.topic);
          if (n === undefined) continue;
          if (tp.partition >= n) {
            if (this.opts.onMissingTopic === 'fail') {
              throw new SluiceError(
                'KAFKA_PARTITION_NOT_FOUND',
                `Assigned partition ${tpName(tpKey(tp.topic, tp.partition))} does not exist: topic '${tp.topic}' has ${n} partition${n === 1 ? '' : 's'}.`,
              );
            }
            continue;
          }
          out.push(tp);
        }
      }
    }
    return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  /** Resolves a starting or ending bound to concrete offsets for `tps`. */
  async resolve(
    bound: OffsetBound,
    tps: readonly TopicPartition[],
    role: 'start' | 'end',
  ): Promise<PartitionOffsets> {
    if (bound.kind === 'earliest' || bound.kind === 'latest') return this.client.listOffsets(tps, bound.kind);
    if (bound.kind === 'specific') {
      this.assertCovers(bound.offsets, tps, role === 'start' ? 'startingOffsets' : 'endingOffsets');
      const need = (marker: number) =>
        tps.filter((tp) => bound.offsets.get(tpKey(tp.topic, tp.partition)) === marker);
      const earliest = await this.client.listOffsets(need(EARLIEST), 'earliest');
      const latest = await this.client.listOffsets(need(LATEST), 'latest');
      const out: PartitionOffsets = new Map();
      for (const tp of tps) {
        const k = tpKey(tp.topic, tp.partition);
        const off = bound.offsets.get(k)!;
        out.set(k, off === EARLIEST ? earliest.get(k)! : off === LATEST ? latest.get(k)! : off);
      }
      return out;
    }
    const byTs = new Map<number, TopicPartition[]>();
    if (bound.kind === 'timestamp') byTs.set(bound.timestamp, [...tps]);
    else {
      this.assertCovers(
        bound.timestamps,
        tps,
        role === 'start' ? 'startingOffsetsByTimestamp' : 'endingOffsetsByTimestamp',
      );
      for (const tp of tps) {
        const ts = bound.timestamps.get(tpKey(tp.topic, tp.partition))!;
        byTs.set(ts, [...(byTs.get(ts) ?? []), tp]);
      }
    }
    const out: PartitionOffsets = new Map();
    const unmatched: TopicPartition[] = [];
    for (const [ts, group] of byTs) {
      const found = await this.client.listOffsets(group, { timestamp: ts });
      for (const tp of group) {
        const k = tpKey(tp.topic, tp.partition);
        const off = found.get(k) ?? -1;
        if (off >= 0) out.set(k, off);
        else if (role === 'start' && this.opts.timestampNotFound === 'error') {
          throw new SluiceError(
            'KAFKA_NO_OFFSET_FOR_TIMESTAMP',
            `No offset matched from request of topic-partition ${tpName(k)} and timestamp ${ts}: every record is older. Set the source option 'startingOffsetsByTimestampStrategy' to 'latest' to start such partitions at the latest offset.`,
          );
        } else unmatched.push(tp);
      }
    }
    for (const [k, off] of await this.client.listOffsets(unmatched, 'latest')) out.set(k, off);
    return out;
  }

  private assertCovers(given: PartitionOffsets, tps: readonly TopicPartition[], option: string): void {
    const assigned = new Set(tps.map((tp) => tpKey(tp.topic, tp.partition)));
    const same = given.size === assigned.size && [...given.keys()].every((k) => assigned.has(k));
    if (!same) {
      throw new SluiceError(
        'KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED',
        `If ${option} contains specific offsets, you must specify all TopicPartitions.\nUse -1 for latest, -2 for earliest.\nSpecified: ${tpSetText(given.keys())} Assigned: ${tpSetText(assigned)}`,
      );
    }
  }

  /** Reports data loss: fails (failOnDataLoss, the default) or records a warning and goes on. */
  reportDataLoss(reason: string, subClass: string): void {
    if (this.opts.failOnDataLoss) {
      throw new SluiceError(
        `KAFKA_DATA_LOSS.${subClass}`,
        `Some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\nReason: ${reason}`,
      );
    }
    this.dataLossWarnings.push(reason);
    if (this.dataLossWarnings.length > 100) this.dataLossWarnings.shift();
    process.emitWarning(`${reason} Some data may have been lost (failOnDataLoss is false).`, {
      code: 'SLUICE_KAFKA_DATA_LOSS',
    });
  }

  /** The records of [from, until) of a partition, in offset order. */
  async readRange(tp: TopicPartition, from: number, until: number): Promise<Row[]> {
    const rows: Row[] = [];
    let pos = from;
    let empty = 0;
    while (pos < until) {
      let read: Awaited<ReturnType<KafkaClient['fetchOnce']>>;
      try {
        read = await this.client.fetchOnce(tp, pos, until, this.opts.includeHeaders);
      } catch (e) {
        const names = e instanceof SluiceError ? ((e.context.apiErrors as string[] | undefined) ?? []) : [];
        if (names.includes('OFFSET_OUT_OF_RANGE')) {
          pos = await this.skipLostRange(tp, pos, until);
          continue;
        }
        if (
          names.includes('UNKNOWN_TOPIC_OR_PARTITION') ||
          names.includes('UNKNOWN_TOPIC_ID') ||
          (e instanceof SluiceError && e.errorClass === 'KAFKA_PARTITION_NOT_FOUND')
        ) {
          this.reportDataLoss(
            `Partitions ${tpSetText([tpKey(tp.topic, tp.partition)])} have been deleted.`,
            'PARTITIONS_DELETED',
          );
          return rows;
        }
        throw e;
      }
      if (read.logStartOffset > pos) {
        this.reportDataLoss(
          `Could not read records in offset [${pos}, ${Math.min(read.logStartOffset, until)}) for topic partition ${tpName(tp)} with consumer group ${this.groupId()}: the log now starts at ${read.logStartOffset}.`,
          'COULD_NOT_READ_OFFSET_RANGE',
        );
        pos = Math.min(read.logStartOffset, until);
        continue;
      }
      for (const r of read.rows) rows.push(r);
      if (read.nextOffset > pos) {
        pos = read.nextOffset;
        empty = 0;
        continue;
      }
      if (read.endOffset <= pos) {
        this.reportDataLoss(
          `Could not read records in offset [${pos}, ${until}) for topic partition ${tpName(tp)} with consumer group ${this.groupId()}: the partition now ends at ${read.endOffset}.`,
          'COULD_NOT_READ_OFFSET_RANGE',
        );
        return rows;
      }
      if (++empty >= MAX_EMPTY_FETCHES) {
        throw new SluiceError(
          'KAFKA_FETCH_STALLED',
          `Kafka returned no records at offset ${pos} of ${tpName(tp)} ${MAX_EMPTY_FETCHES} times although the partition ends at ${read.endOffset}.`,
        );
      }
    }
    return rows;
  }

  private async skipLostRange(tp: TopicPartition, pos: number, until: number): Promise<number> {
    const k = tpKey(tp.topic, tp.partition);
    const earliest = (await this.client.listOffsets([tp], 'earliest')).get(k) ?? 0;
    if (pos < earliest) {
      this.reportDataLoss(
        `Could not read records in offset [${pos}, ${Math.min(earliest, until)}) for topic partition ${tpName(tp)} with consumer group ${this.groupId()}: the log now starts at ${earliest}.`,
        'COULD_NOT_READ_OFFSET_RANGE',
      );
      return Math.min(earliest, until);
    }
    this.reportDataLoss(
      `Could not read records in offset [${pos}, ${until}) for topic partition ${tpName(tp)} with consumer group ${this.groupId()}: the offsets are beyond the end of the partition (was the topic recreated?).`,
      'COULD_NOT_READ_OFFSET_RANGE',
    );
    return until;
  }

  /** Reads several ranges concurrently; rows come back grouped by partition, in the given order. */
  async readRanges(
    ranges: readonly { tp: TopicPartition; from: number; until: number }[],
    concurrency = 8,
  ): Promise<Row[][]> {
    const out: Row[][] = new Array(ranges.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < ranges.length; i = next++) {
        const r = ranges[i]!;
        out[i] = r.from < r.until ? await this.readRange(r.tp, r.from, r.until) : [];
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ranges.length) }, worker));
    return out;
  }
}
