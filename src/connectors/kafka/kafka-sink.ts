/**
 * `writeStream.format('kafka')`: the streaming Kafka sink, in two delivery modes.
 *
 * - `at-least-once` (default, as Spark): each batch's rows are produced and acknowledged before
 *   the batch commits; a batch re-run after a crash is produced again (duplicates possible).
 * - `exactly-once` (Sluice extension, option `deliveryGuarantee`): each batch is one Kafka
 *   transaction, under a transactional id fixed for the query (`kafka.transactional.id`, or
 *   `sluice-<query id>`). The transaction also commits a progress marker — offset batchId+1 in
 *   the consumer group `<transactional id>-progress` — atomically with the records. On a re-run:
 *   an uncommitted transaction of the crashed run was aborted by the broker when the new producer
 *   registered (fencing), and a batch whose marker is already committed is skipped. So every
 *   batch is visible to `isolation.level=read_committed` consumers exactly once.
 *
 * Invariant: addBatch returns only once the batch is durable in Kafka (acknowledged, or its
 * transaction committed); the run loop writes commits/N after that.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CheckpointPaths } from '../../streaming/checkpoint/checkpoint-paths.js';
import { registerSinkProvider, type Sink, type SinkContext } from '../../streaming/sink.js';
import { KafkaClient } from './kafka-client.js';
import { type KafkaClientConfig, kafkaClientConfig } from './kafka-config.js';
import { KafkaProducerClient } from './kafka-producer.js';
import {
  type DeliveryGuarantee,
  deliveryGuarantee,
  type KafkaWritePlan,
  planKafkaWrite,
} from './kafka-write.js';

/** Points of an exactly-once batch at which a test may stop the process (see the crash tests). */
export type KafkaSinkPhase = 'afterProduce' | 'afterCommit';
type PhaseHook = (phase: KafkaSinkPhase, batchId: number) => Promise<void> | void;
let phaseHook: PhaseHook | undefined;

/** @internal For crash tests only: called at each phase of an exactly-once batch. */
export function setKafkaSinkPhaseHook(hook: PhaseHook | undefined): void {
  phaseHook = hook;
}

export class KafkaStreamSink implements Sink {
  private producer?: KafkaProducerClient;
  /** Highest batch id known to be committed in Kafka (exactly-once), -1 before any. */
  private publishedUpTo: number | undefined;

  constructor(
    private readonly ctx: SinkContext,
    private readonly plan: KafkaWritePlan,
    private readonly config: KafkaClientConfig,
    private readonly guarantee: DeliveryGuarantee,
  ) {}

  /** The transactional id: the user's, or derived from the query id (stable across restarts). */
  transactionalId(): string {
    if (this.config.transactionalId) return this.config.transactionalId;
    const f = new CheckpointPaths(this.ctx.checkpointLocation).metadata;
    const id = existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as { id: string }).id : undefined;
    if (!id) throw new Error(`internal error: no query id in ${f}`);
    return `sluice-${id}`;
  }

  private progressGroup(): string {
    return `${this.transactionalId()}-progress`;
  }

  /** The last batch id whose transaction committed, from the progress marker in Kafka. */
  private async committedBatch(): Promise<number> {
    if (this.publishedUpTo === undefined) {
      const client = new KafkaClient(this.config);
      try {
        const offsets = await client.groupOffsets(this.progressGroup());
        this.publishedUpTo = Math.max(-1, ...[...offsets.values()].map((o) => o - 1));
      } finally {
        await client.close();
      }
    }
    return this.publishedUpTo;
  }

  async addBatch(batchId: number, data: import('../../dataframe/dataframe.js').DataFrame): Promise<void> {
    if (this.guarantee === 'exactly-once' && batchId <= (await this.committedBatch())) return;
    const rows = await this.ctx.session.executeInternal(data.plan);
    const records = rows.map(this.plan.toRecord);
    if (this.guarantee === 'at-least-once') {
      this.producer ??= new KafkaProducerClient(this.config);
      await this.producer.send(records);
      return;
    }
    if (records.length === 0) return;
    this.producer ??= new KafkaProducerClient(this.config, this.transactionalId());
    await this.producer.beginTransaction();
    try {
      await this.producer.send(records);
    } catch (e) {
      await this.producer.abortTransaction();
      throw e;
    }
    await phaseHook?.('afterProduce', batchId);
    await this.producer.commitTransaction({
      groupId: this.progressGroup(),
      topic: this.plan.topicOption ?? records[0]!.topic,
      partition: 0,
      offset: batchId + 1,
    });
    this.publishedUpTo = batchId;
    await phaseHook?.('afterCommit', batchId);
  }

  async stop(): Promise<void> {
    await this.producer?.close();
    this.producer = undefined;
  }

  description(): string {
    return `KafkaTable[${this.plan.topicOption ?? '(topic column)'}]`;
  }
}

registerSinkProvider({
  format: 'kafka',
  supportsContinuous: true,
  needsCheckpoint: true,
  createSink: (ctx) => {
    const plan = planKafkaWrite(ctx.schema, ctx.options);
    return new KafkaStreamSink(
      ctx,
      plan,
      kafkaClientConfig(ctx.options, 'sink'),
      deliveryGuarantee(ctx.options),
    );
  },
});
