/**
 * The Kafka sink (streaming and batch) against the real broker: the column contract, topic and
 * partition routing, headers, at-least-once delivery, and exactly-once delivery across a SIGKILL
 * of the Sluice process at chosen points of a batch (checked by reading with read_committed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaClientConfig } from '../../../src/connectors/kafka/kafka-config.js';
import { KafkaProducerClient } from '../../../src/connectors/kafka/kafka-producer.js';
import { MemoryStream, Session } from '../../../src/index.js';
import {
  BOOTSTRAP,
  createTopic,
  produce,
  readTopic,
  requireBroker,
  sorted,
  uniqueTopic,
} from './kafka-test-env.js';

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
beforeAll(() => requireBroker());
afterAll(() => spark.stop());
const checkpoint = () => mkdtempSync(join(tmpdir(), 'sluice-kafka-ckpt-'));

describe('kafka sink', () => {
  it('writes value/key/headers, routes by the topic column or option and by partition', async () => {
    const t1 = uniqueTopic('sink-a');
    const t2 = uniqueTopic('sink-b');
    await createTopic(t1, 2);
    await createTopic(t2, 1);
    const input = new MemoryStream(spark, 'topic STRING, key STRING, value STRING, partition INT');
    const q = input
      .toDF()
      .writeStream.format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('checkpointLocation', checkpoint())
      .start();
    try {
      input.addData([
        [t1, 'k', 'one', 1],
        [t2, null, 'two', null],
        [t1, null, 'three', 0],
      ]);
      await q.processAllAvailable();
    } finally {
      await q.stop();
    }
    expect(await readTopic(t1)).toEqual(['three', 'one']);
    expect(await readTopic(t2)).toEqual(['two']);
    // the topic option overrides the column; headers travel as array<struct<key, value>>
    const t3 = uniqueTopic('sink-c');
    await createTopic(t3, 1);
    await spark
      .sql(
        `SELECT 'ignored' AS topic, 'v' AS value, array(named_struct('key', 'h', 'value', CAST('x' AS BINARY))) AS headers`,
      )
      .write.format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('topic', t3)
      .save();
    const back = await spark.read
      .format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('subscribe', t3)
      .option('includeHeaders', 'true')
      .load()
      .selectExpr(
        'CAST(value AS STRING) AS v',
        'headers[0].key AS hk',
        'CAST(headers[0].value AS STRING) AS hv',
      )
      .collect();
    expect(back.map((r) => r.toArray())).toEqual([['v', 'h', 'x']]);
  });

  it('validates the columns at start()', () => {
    const df = new MemoryStream(spark, 'value STRING, n INT').toDF();
    const start = (d: typeof df, opts: Record<string, string>) => () =>
      d.writeStream
        .format('kafka')
        .option('kafka.bootstrap.servers', BOOTSTRAP)
        .options(opts)
        .option('checkpointLocation', checkpoint())
        .start();
    expect(start(df, {})).toThrow(/topic option required when no 'topic' attribute is present/);
    expect(start(df.selectExpr('n'), { topic: 't' })).toThrow(/Required attribute 'value' not found/);
    expect(start(df.selectExpr('n AS value'), { topic: 't' })).toThrow(
      /value attribute unsupported type int/,
    );
    expect(start(df.selectExpr('value', 'CAST(n AS STRING) AS partition'), { topic: 't' })).toThrow(
      /partition must be a\(n\) int/,
    );
    expect(start(df, { topic: 't', deliveryGuarantee: 'maybe' })).toThrow(/deliveryGuarantee/);
    // idempotence is on by default (as in Kafka's Java client) and needs acks=all
    expect(start(df, { topic: 't', 'kafka.enable.idempotence': 'true', 'kafka.acks': '1' })).toThrow(
      /'acks' must be all when 'enable.idempotence' is true/,
    );
    expect(start(df, { topic: 't', 'kafka.enable.idempotence': 'yes' })).toThrow(
      /'enable.idempotence' must be true or false/,
    );
  });

  it('an idempotent producer keeps every record of concurrent sends (they are queued)', async () => {
    const topic = uniqueTopic('producer-concurrent');
    await createTopic(topic, 1);
    const producer = new KafkaProducerClient(
      kafkaClientConfig({ 'kafka.bootstrap.servers': BOOTSTRAP }, 'sink'),
    );
    const enc = new TextEncoder();
    const values = (from: number, n: number) => Array.from({ length: n }, (_, i) => `v${from + i}`);
    const records = (vs: string[]) =>
      vs.map((v) => ({ topic, partition: 0, key: null, value: enc.encode(v), headers: null }));
    try {
      await Promise.all([
        producer.send(records(values(0, 1000))),
        producer.send(records(values(1000, 1000))),
        producer.send(records(values(2000, 500))),
      ]);
    } finally {
      await producer.close();
    }
    expect(sorted(await readTopic(topic))).toEqual(sorted(values(0, 2500)));
  });

  it('sends without duplicates as an idempotent producer, and with idempotence off', async () => {
    for (const [idempotence, acks] of [
      ['true', 'all'],
      ['false', '1'],
    ] as const) {
      const topic = uniqueTopic(`sink-idempotent-${idempotence}`);
      await createTopic(topic, 3);
      const values = Array.from({ length: 5000 }, (_, i) => `v${i}`);
      await spark
        .createDataFrame(
          values.map((v) => [v]),
          'value STRING',
        )
        .write.format('kafka')
        .option('kafka.bootstrap.servers', BOOTSTRAP)
        .option('kafka.enable.idempotence', idempotence)
        .option('kafka.acks', acks)
        .option('topic', topic)
        .save();
      expect(sorted(await readTopic(topic))).toEqual(sorted(values));
    }
  });

  it('batch reads honour startingOffsets/endingOffsets and minPartitions', async () => {
    const topic = uniqueTopic('batch');
    await createTopic(topic, 2);
    await produce(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ value: `b${i}`, partition: i % 2 })),
    );
    const read = (o: Record<string, string>) =>
      spark.read
        .format('kafka')
        .option('kafka.bootstrap.servers', BOOTSTRAP)
        .option('subscribe', topic)
        .options(o)
        .load();
    expect(await read({}).count()).toBe(10);
    const ranged = await read({
      startingOffsets: JSON.stringify({ [topic]: { '0': 1, '1': -2 } }),
      endingOffsets: JSON.stringify({ [topic]: { '0': 3, '1': -1 } }),
      minPartitions: '4',
    })
      .selectExpr('CAST(value AS STRING) AS v')
      .collect();
    expect(sorted(ranged.map((r) => r.toArray()[0] as string))).toEqual([
      'b1',
      'b2',
      'b3',
      'b4',
      'b5',
      'b7',
      'b9',
    ]);
    expect(() => read({ startingOffsets: 'latest' })).toThrow(
      /starting offset can't be latest for batch queries on Kafka/,
    );
  });

  it('writes and reads compressed record batches (gzip, lz4, snappy)', async () => {
    for (const codec of ['gzip', 'lz4', 'snappy']) {
      const topic = uniqueTopic(`codec-${codec}`);
      await createTopic(topic, 1);
      await spark
        .range(100)
        .selectExpr("concat('row-', CAST(id AS STRING)) AS value")
        .write.format('kafka')
        .option('kafka.bootstrap.servers', BOOTSTRAP)
        .option('topic', topic)
        .option('kafka.compression.type', codec)
        .save();
      const back = await readTopic(topic);
      expect(back.length).toBe(100);
      expect(back[99]).toBe('row-99');
    }
  });

  it('batch write with exactly-once is one transaction; overwrite is refused', async () => {
    const topic = uniqueTopic('batch-eos');
    await createTopic(topic, 1);
    const df = spark.range(5).selectExpr('CAST(id AS STRING) AS value');
    await df.write
      .format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('topic', topic)
      .option('deliveryGuarantee', 'exactly-once')
      .save();
    expect(await readTopic(topic, true)).toEqual(['0', '1', '2', '3', '4']);
    await expect(
      df.write
        .format('kafka')
        .mode('overwrite')
        .option('kafka.bootstrap.servers', BOOTSTRAP)
        .option('topic', topic)
        .save(),
    ).rejects.toThrow(/Save mode overwrite not allowed for Kafka/);
  });
});

/** Runs the exactly-once child; resolves with its output once it printed `until` (then SIGKILLs it) or exited. */
function runChild(args: string[], until?: string): Promise<string> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'eos-child.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (until && out.includes(until)) child.kill('SIGKILL');
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code, signal) => {
      if (until ? signal === 'SIGKILL' && out.includes(until) : code === 0) resolve(out);
      else reject(new Error(`child exited with ${code ?? signal}; stdout: ${out}\nstderr: ${err}`));
    });
  });
}

describe('exactly-once kafka sink across SIGKILL', () => {
  for (const phase of ['afterProduce', 'afterCommit'] as const) {
    it(`publishes every record once when the process is killed ${phase === 'afterProduce' ? 'between produce and transaction commit' : 'after the transaction commit, before the checkpoint commit'}`, async () => {
      const input = uniqueTopic(`eos-in-${phase}`);
      const output = uniqueTopic(`eos-out-${phase}`);
      await createTopic(input, 2);
      await createTopic(output, 2);
      const values = Array.from({ length: 10 }, (_, i) => `e${i}`);
      await produce(
        input,
        values.map((v, i) => ({ value: v, key: `k${i}`, partition: i % 2 })),
      );
      const ckpt = checkpoint();
      // batches of 4 offsets: kill inside batch 1 (the second one)
      const crashed = await runChild([BOOTSTRAP, input, output, ckpt, phase, '1'], `REACHED ${phase} 1`);
      expect(crashed).toContain(`REACHED ${phase} 1`);
      const done = await runChild([BOOTSTRAP, input, output, ckpt]);
      expect(done).toContain('DONE');
      expect(sorted(await readTopic(output, true))).toEqual(sorted(values));
      if (phase === 'afterProduce') {
        // the killed run's records are in the log, but only as an aborted transaction
        expect((await readTopic(output, false)).length).toBeGreaterThan(values.length);
      }
    }, 120_000);
  }
});
