/**
 * The Kafka source under Trigger.AvailableNow and Trigger.Once against the real broker:
 * AvailableNow runs maxOffsetsPerTrigger-sized batches up to the offsets that were latest when the
 * query started, then stops by itself (records produced later wait for the next run); Once reads
 * everything in one batch, ignoring maxOffsetsPerTrigger and minOffsetsPerTrigger, which the
 * default trigger honours.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, type StreamingQuery, type StreamingQueryListener } from '../../../src/index.js';
import { BOOTSTRAP, createTopic, produce, requireBroker, uniqueTopic } from './kafka-test-env.js';

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
beforeAll(() => requireBroker());
afterAll(() => spark.stop());

let seq = 0;
const queryName = () => `kafka_avnow_${process.pid}_${seq++}`;

function startQuery(
  topic: string,
  checkpoint: string,
  name: string,
  trigger: { availableNow: true } | { once: true },
  limits: Record<string, string> = { maxOffsetsPerTrigger: '10' },
): StreamingQuery {
  return spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', BOOTSTRAP)
    .options({ subscribe: topic, startingOffsets: 'earliest', ...limits })
    .load()
    .selectExpr('CAST(value AS STRING) AS v')
    .writeStream.format('memory')
    .queryName(name)
    .option('checkpointLocation', checkpoint)
    .trigger(trigger)
    .start();
}

const inputRows = (q: StreamingQuery) => q.recentProgress.map((p) => [p.batchId, p.numInputRows]);
const values = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `v${from + i}`);

describe('kafka source under Trigger.AvailableNow', () => {
  it('runs maxOffsetsPerTrigger-sized batches up to the offsets latest at start, then stops', async () => {
    const topic = uniqueTopic('avnow');
    await createTopic(topic, 1);
    await produce(topic, values(25));
    const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-kafka-avnow-'));
    let late: Promise<void> | undefined;
    const listener: StreamingQueryListener = {
      onQueryProgress: (e) => {
        if (e.progress.batchId === 0) late = produce(topic, values(5, 25));
      },
    };
    spark.streams.addListener(listener);
    const name = queryName();
    let q: StreamingQuery;
    try {
      q = startQuery(topic, checkpoint, name, { availableNow: true });
      await q.awaitTermination();
    } finally {
      spark.streams.removeListener(listener);
    }
    await late;
    expect(q.isActive).toBe(false);
    expect(q.exception()).toBeNull();
    expect(inputRows(q)).toEqual([
      [0, 10],
      [1, 10],
      [2, 5],
    ]);
    const rows = (await spark.sql(`SELECT v FROM ${name}`).collect()).map((r) => r.get(0));
    expect(rows).toEqual(values(25));

    // the next run continues from the last commit with what was produced meanwhile
    const again = startQuery(topic, checkpoint, queryName(), { availableNow: true });
    await again.awaitTermination();
    expect(inputRows(again)).toEqual([[3, 5]]);
  });
});

describe('kafka source under Trigger.Once', () => {
  it('reads every record in one batch, ignoring maxOffsetsPerTrigger', async () => {
    const topic = uniqueTopic('once');
    await createTopic(topic, 1);
    await produce(topic, values(25));
    const q = startQuery(topic, mkdtempSync(join(tmpdir(), 'sluice-kafka-once-')), queryName(), {
      once: true,
    });
    await q.awaitTermination();
    expect(inputRows(q)).toEqual([[0, 25]]);
  });

  it('does not wait for minOffsetsPerTrigger either', async () => {
    const topic = uniqueTopic('once-min');
    await createTopic(topic, 1);
    await produce(topic, values(25));
    const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-kafka-once-'));
    const q = startQuery(
      topic,
      checkpoint,
      queryName(),
      { once: true },
      { minOffsetsPerTrigger: '100', maxOffsetsPerTrigger: '200', maxTriggerDelay: '1h' },
    );
    await q.awaitTermination();
    expect(inputRows(q)).toEqual([[0, 25]]);
  });
});

describe('kafka source under Trigger.AvailableNow with minOffsetsPerTrigger', () => {
  it('reads the records present at start without waiting for the minimum', async () => {
    const topic = uniqueTopic('avnow-min');
    await createTopic(topic, 1);
    await produce(topic, values(25));
    const q = startQuery(
      topic,
      mkdtempSync(join(tmpdir(), 'sluice-kafka-avnow-')),
      queryName(),
      { availableNow: true },
      { minOffsetsPerTrigger: '20', maxOffsetsPerTrigger: '20', maxTriggerDelay: '1h' },
    );
    await q.awaitTermination();
    expect(inputRows(q)).toEqual([
      [0, 20],
      [1, 5],
    ]);
  });
});

describe('kafka source minOffsetsPerTrigger under the default trigger', () => {
  it('waits until the minimum is available (maxTriggerDelay not reached)', async () => {
    const topic = uniqueTopic('min');
    await createTopic(topic, 1);
    await produce(topic, values(10));
    const q = spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .options({
        subscribe: topic,
        startingOffsets: 'earliest',
        minOffsetsPerTrigger: '20',
        maxTriggerDelay: '1h',
      })
      .load()
      .writeStream.format('memory')
      .queryName(queryName())
      .option('checkpointLocation', mkdtempSync(join(tmpdir(), 'sluice-kafka-min-')))
      .start();
    try {
      await q.processAllAvailable();
      expect(inputRows(q)).toEqual([]);
      await produce(topic, values(15, 10));
      await q.processAllAvailable();
      expect(inputRows(q)).toEqual([[0, 25]]);
    } finally {
      await q.stop();
    }
  });
});
