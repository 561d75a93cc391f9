/**
 * Nexmark from Kafka JSON: the events written to a real Kafka topic by `sluice generate nexmark`
 * (3 partitions), read back by a streaming query with readStream.format('kafka') +
 * from_json(CAST(value AS STRING), the Nexmark schema), give every query the same answer as Apache
 * Spark gave over the same events (the fixtures of nexmark-queries.test.ts, made by generate.py).
 * Several micro-batches per query (maxOffsetsPerTrigger), so aggregate state spans batches and
 * partitions are interleaved differently from the generator's order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEXMARK_QUERIES, querySql, viewStatements } from '../../bench/nexmark/nexmark-queries.js';
import { generate, parseGenerateArgs } from '../../src/cli/generate.js';
import { KafkaClient } from '../../src/connectors/kafka/kafka-client.js';
import { kafkaClientConfig } from '../../src/connectors/kafka/kafka-config.js';
import { NEXMARK_DDL } from '../../src/generator/nexmark/nexmark-schema.js';
import { functions as F, Session } from '../../src/index.js';
import { expectMatchesFixture, loadFixture } from './fixture.js';

const BOOTSTRAP = '127.0.0.1:9092';
const topic = `test-nexmark-kafka-${process.pid}-${Date.now()}`;
const fixture0 = loadFixture('q0');

const spark = Session.builder()
  .master('local[2]')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.shuffle.partitions', '4')
  .getOrCreate();

beforeAll(async () => {
  const r = await generate(
    parseGenerateArgs([
      'nexmark',
      '--events',
      String(fixture0.events),
      '--seed',
      String(fixture0.seed),
      '--bootstrap',
      BOOTSTRAP,
      '--topic',
      topic,
      '--partitions',
      '3',
    ]),
  );
  expect(r.count).toBe(fixture0.events);
}, 120_000);
afterAll(async () => {
  spark.stop();
  const admin = new KafkaClient(kafkaClientConfig({ 'kafka.bootstrap.servers': BOOTSTRAP }, 'source'));
  try {
    await admin.deleteTopic(topic);
  } finally {
    await admin.close();
  }
});

describe('Nexmark queries over Kafka JSON match Spark', () => {
  for (const q of NEXMARK_QUERIES) {
    it(`${q.name}`, async () => {
      const fx = loadFixture(q.name);
      expect([fx.events, fx.seed]).toEqual([fixture0.events, fixture0.seed]);
      spark.readStream
        .format('kafka')
        .option('kafka.bootstrap.servers', BOOTSTRAP)
        .option('subscribe', topic)
        .option('startingOffsets', 'earliest')
        .option('maxOffsetsPerTrigger', 7000)
        .load()
        .select(F.fromJson(F.col('value').cast('string'), NEXMARK_DDL).alias('event'))
        .select('event.*')
        .createOrReplaceTempView('nexmark');
      for (const v of viewStatements()) await spark.sql(v).collect();
      const sink = `nexmark_kafka_${q.name}`;
      const query = spark
        .sql(querySql(q.name))
        .writeStream.format('memory')
        .queryName(sink)
        .outputMode(q.stateful ? 'complete' : 'append')
        .trigger({ availableNow: true })
        .start();
      await query.awaitTermination();
      expect(query.recentProgress.length).toBe(3); // 20,000 offsets in batches of 7,000
      await expectMatchesFixture(spark.table(sink), fx);
    }, 120_000);
  }
});
