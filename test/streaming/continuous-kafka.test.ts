/**
 * The continuous trigger with Kafka, against the real broker (`scripts/services.sh up`): records
 * reach a foreach writer as they are produced, epochs commit the topic's offsets, and the Kafka
 * sink publishes each epoch's rows when the epoch commits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions as F, ManualClock, MemoryStream, Session } from '../../src/index.js';
import type { WakeSignal } from '../../src/streaming/clock.js';
import {
  BOOTSTRAP,
  createTopic,
  produce,
  readTopic,
  requireBroker,
  uniqueTopic,
} from '../connectors/kafka/kafka-test-env.js';

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sluice-continuous-kafka-'));
  dirs.push(d);
  return d;
};
beforeAll(() => requireBroker());
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  spark.stop();
});

class WatchedClock extends ManualClock {
  private watchers: (() => void)[] = [];
  override sleepUntil(time: number, signal: WakeSignal): Promise<void> {
    const p = super.sleepUntil(time, signal);
    if (this.waiting > 0) for (const w of this.watchers.splice(0)) w();
    return p;
  }
  settled(): Promise<void> {
    if (this.waiting > 0) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push(resolve));
  }
}

describe('continuous processing with Kafka', () => {
  it('reads a topic continuously: records reach the writer before the epoch commits', async () => {
    const topic = uniqueTopic('continuous-in');
    await createTopic(topic, 2);
    const clock = new WatchedClock();
    const seen: string[] = [];
    const q = spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('subscribe', topic)
      .option('startingOffsets', 'earliest')
      .load()
      .select(F.upper(F.col('value').cast('string')).alias('v'))
      .writeStream.trigger({ continuous: '1 second' })
      .option('checkpointLocation', tempDir())
      .withClock(clock)
      .foreach((row) => seen.push(row.get('v') as string))
      .start();
    try {
      await clock.settled();
      await produce(topic, ['a', 'b', 'c']);
      // Kafka is polled every 10 ms of the query's clock: step it, well within the first epoch
      for (let t = 10; t < 500 && seen.length < 3; t += 10) {
        clock.advance(10);
        await clock.settled();
      }
      expect(seen.sort()).toEqual(['A', 'B', 'C']);
      expect(q.recentProgress).toEqual([]); // the epoch is still open
      clock.setTime(1000);
      await clock.settled();
      expect(q.lastProgress).toMatchObject({ batchId: 0, numInputRows: 3 });
      expect(q.lastProgress!.sources[0]!.endOffset).toEqual({ [topic]: expect.any(Object) });
      const end = q.lastProgress!.sources[0]!.endOffset as Record<string, Record<string, number>>;
      expect(Object.values(end[topic]!).reduce((a, b) => a + b, 0)).toBe(3);
    } finally {
      await q.stop();
    }
  });

  it('writes each epoch to a Kafka topic when the epoch commits', async () => {
    const topic = uniqueTopic('continuous-out');
    await createTopic(topic, 1);
    const clock = new WatchedClock();
    const s = new MemoryStream(spark, 'v STRING');
    const q = s
      .toDF()
      .select(F.concat(F.col('v'), F.lit('!')).alias('value'))
      .writeStream.format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('topic', topic)
      .option('checkpointLocation', tempDir())
      .trigger({ continuous: '1 second' })
      .withClock(clock)
      .start();
    try {
      await clock.settled();
      s.addData(['x', 'y']);
      await clock.settled();
      expect(await readTopic(topic)).toEqual([]);
      clock.advance(1000);
      await clock.settled();
      expect(await readTopic(topic)).toEqual(['x!', 'y!']);
    } finally {
      await q.stop();
    }
  });
});
