/**
 * The streaming Kafka source against the real broker: schema, CAST/from_json, starting offsets,
 * multi-partition topics, rate limits, new partitions, missing topics, data loss, exact replay
 * of an uncommitted batch after a restart, and offsets committed to a consumer group.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tpKey } from '../../../src/connectors/kafka/kafka-client.js';
import { functions as F, Session } from '../../../src/index.js';
import {
  BOOTSTRAP,
  createTopic,
  kafkaClient,
  produce,
  requireBroker,
  sorted,
  uniqueTopic,
} from './kafka-test-env.js';

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
beforeAll(() => requireBroker());
afterAll(() => spark.stop());

const checkpoint = () => mkdtempSync(join(tmpdir(), 'sluice-kafka-ckpt-'));
const tableRows = async (name: string) =>
  (await spark.sql(`SELECT * FROM ${name}`).collect()).map((r) => r.toArray());
const kafka = (options: Record<string, string>) =>
  spark.readStream.format('kafka').option('kafka.bootstrap.servers', BOOTSTRAP).options(options).load();
let nameSeq = 0;
const qname = (base: string) => `${base}_${process.pid}_${nameSeq++}`;

/** Runs `df` into a memory table until all available data is processed; returns the table's rows. */
async function drain(df: ReturnType<typeof kafka>, ckpt = checkpoint()): Promise<unknown[][]> {
  const name = qname('kafka');
  const q = df.writeStream.format('memory').queryName(name).option('checkpointLocation', ckpt).start();
  try {
    await q.processAllAvailable();
  } finally {
    await q.stop();
  }
  return tableRows(name);
}

describe('kafka source', () => {
  it('reads records with the Kafka schema; CAST(value AS STRING) works', async () => {
    const topic = uniqueTopic('schema');
    await createTopic(topic, 1);
    await produce(topic, [{ key: 'k1', value: 'hello' }, { value: 'world' }]);
    const df = kafka({ subscribe: topic, startingOffsets: 'earliest' });
    expect(df.schema.fields.map((f) => `${f.name}:${f.dataType.kind}`)).toEqual([
      'key:binary',
      'value:binary',
      'topic:string',
      'partition:integer',
      'offset:long',
      'timestamp:timestamp',
      'timestampType:integer',
    ]);
    const rows = await drain(
      df.selectExpr(
        'CAST(key AS STRING) AS k',
        'CAST(value AS STRING) AS v',
        'topic',
        'partition',
        'offset',
        'timestampType',
      ),
    );
    expect(rows).toEqual([
      ['k1', 'hello', topic, 0, 0, 0],
      [null, 'world', topic, 0, 1, 0],
    ]);
  });

  it('reads every partition of a 3-partition topic; from_json handles malformed values per mode', async () => {
    const topic = uniqueTopic('three');
    await createTopic(topic, 3);
    const values = [
      '{"house":"Gryffindor","score":7}',
      '{"house":"Slytherin","score":4}',
      'not json',
      '{"house":"Ravenclaw","score":9}',
    ];
    await produce(
      topic,
      values.map((v, i) => ({ value: v, partition: i % 3 })),
    );
    const parsed = kafka({ subscribe: topic, startingOffsets: 'earliest' })
      .select(F.from_json(F.col('value').cast('string'), 'house STRING, score INT').alias('e'), 'partition')
      .select('e.house', 'e.score', 'partition');
    const rows = await drain(parsed);
    expect(rows.map((r) => JSON.stringify(r)).sort()).toEqual(
      [
        ['Gryffindor', 7, 0],
        ['Slytherin', 4, 1],
        [null, null, 2],
        ['Ravenclaw', 9, 0],
      ]
        .map((r) => JSON.stringify(r))
        .sort(),
    );
    const failFast = kafka({ subscribe: topic, startingOffsets: 'earliest' }).select(
      F.from_json(F.col('value').cast('string'), 'house STRING, score INT', { mode: 'FAILFAST' }).alias('e'),
    );
    await expect(drain(failFast)).rejects.toThrow(/Malformed|FAILFAST|MALFORMED/i);
  });

  it('starts from latest by default and from specific offsets with -2/-1; rejects a partial assignment', async () => {
    const topic = uniqueTopic('starting');
    await createTopic(topic, 2);
    await produce(
      topic,
      ['a0', 'a1', 'a2'].map((v) => ({ value: v, partition: 0 })),
    );
    await produce(
      topic,
      ['b0', 'b1'].map((v) => ({ value: v, partition: 1 })),
    );
    const values = (df: ReturnType<typeof kafka>) => df.selectExpr('CAST(value AS STRING) AS v');
    const specific = await drain(
      values(kafka({ subscribe: topic, startingOffsets: JSON.stringify({ [topic]: { '0': 1, '1': -2 } }) })),
    );
    expect(sorted(specific.map((r) => r[0] as string))).toEqual(['a1', 'a2', 'b0', 'b1']);
    const latest = await drain(
      values(kafka({ subscribe: topic, startingOffsets: JSON.stringify({ [topic]: { '0': -1, '1': 1 } }) })),
    );
    expect(latest.map((r) => r[0])).toEqual(['b1']);
    // default startingOffsets=latest: only what arrives after the start
    const ckpt = checkpoint();
    const name = qname('latest');
    const q = values(kafka({ subscribe: topic }))
      .writeStream.format('memory')
      .queryName(name)
      .option('checkpointLocation', ckpt)
      .start();
    try {
      await q.processAllAvailable();
      await produce(topic, [{ value: 'new', partition: 1 }]);
      await q.processAllAvailable();
      expect(await tableRows(name)).toEqual([['new']]);
    } finally {
      await q.stop();
    }
    await expect(
      drain(values(kafka({ subscribe: topic, startingOffsets: JSON.stringify({ [topic]: { '0': 0 } }) }))),
    ).rejects.toThrow(/you must specify all TopicPartitions/);
  });

  it('starts from a timestamp (startingTimestamp) and fails when nothing is that new unless the strategy says latest', async () => {
    const topic = uniqueTopic('timestamp');
    await createTopic(topic, 1);
    await produce(topic, ['old1', 'old2']);
    const offsets = await kafkaClient().listOffsets([{ topic, partition: 0 }], 'latest');
    expect(offsets.get(tpKey(topic, 0))).toBe(2);
    const future = String(Date.now() + 3_600_000);
    await expect(
      drain(kafka({ subscribe: topic, startingTimestamp: future }).selectExpr('CAST(value AS STRING)')),
    ).rejects.toThrow(/No offset matched/);
    const rows = await drain(
      kafka({ subscribe: topic, startingTimestamp: '0' }).selectExpr('CAST(value AS STRING) AS v'),
    );
    expect(rows).toEqual([['old1'], ['old2']]);
    const none = await drain(
      kafka({
        subscribe: topic,
        startingTimestamp: future,
        startingOffsetsByTimestampStrategy: 'latest',
      }).selectExpr('CAST(value AS STRING)'),
    );
    expect(none).toEqual([]);
  });

  it('limits batches with maxOffsetsPerTrigger, split across partitions by backlog', async () => {
    const topic = uniqueTopic('rate');
    await createTopic(topic, 3);
    await produce(
      topic,
      Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, partition: i % 3 })),
    );
    const name = qname('rate');
    const q = kafka({ subscribe: topic, startingOffsets: 'earliest', maxOffsetsPerTrigger: '10' })
      .selectExpr('CAST(value AS STRING) AS v')
      .writeStream.format('memory')
      .queryName(name)
      .option('checkpointLocation', checkpoint())
      .start();
    try {
      await q.processAllAvailable();
      const sizes = q.recentProgress.map((p) => p.numInputRows).filter((n) => n > 0);
      // Spark's rateLimit: each partition gets floor(10 * 10/30) = 3 offsets, so 9 per batch
      expect(sizes).toEqual([9, 9, 9, 3]);
      expect((await tableRows(name)).length).toBe(30);
    } finally {
      await q.stop();
    }
  });

  it('picks up partitions added while the query runs, from their first record', async () => {
    const topic = uniqueTopic('grow');
    await createTopic(topic, 1);
    await produce(topic, ['p0-a']);
    const name = qname('grow');
    const q = kafka({ subscribe: topic, startingOffsets: 'earliest' })
      .selectExpr('CAST(value AS STRING) AS v', 'partition')
      .writeStream.format('memory')
      .queryName(name)
      .option('checkpointLocation', checkpoint())
      .start();
    try {
      await q.processAllAvailable();
      const admin = kafkaClient();
      await admin.addPartitions(topic, 3);
      await admin.listOffsets(
        [1, 2].map((p) => ({ topic, partition: p })),
        'latest',
      );
      await admin.close();
      await produce(topic, [
        { value: 'p1-a', partition: 1 },
        { value: 'p2-a', partition: 2 },
        { value: 'p0-b', partition: 0 },
      ]);
      await q.processAllAvailable();
      expect((await tableRows(name)).map((r) => `${r[0]}@${r[1]}`).sort()).toEqual([
        'p0-a@0',
        'p0-b@0',
        'p1-a@1',
        'p2-a@2',
      ]);
    } finally {
      await q.stop();
    }
  });

  it('fails at start for a topic that does not exist, or waits for it with onMissingTopic=wait', async () => {
    const topic = uniqueTopic('missing');
    await expect(drain(kafka({ subscribe: topic }).selectExpr('CAST(value AS STRING)'))).rejects.toThrow(
      new RegExp(`KAFKA_TOPIC_NOT_FOUND.*'${topic}' does not exist`),
    );
    const name = qname('wait');
    const q = kafka({ subscribe: topic, startingOffsets: 'earliest', onMissingTopic: 'wait' })
      .selectExpr('CAST(value AS STRING) AS v')
      .writeStream.format('memory')
      .queryName(name)
      .option('checkpointLocation', checkpoint())
      .start();
    try {
      await q.processAllAvailable();
      expect(q.isActive).toBe(true);
      await createTopic(topic, 1);
      await produce(topic, ['arrived']);
      await q.processAllAvailable();
      expect(await tableRows(name)).toEqual([['arrived']]);
    } finally {
      await q.stop();
    }
  });

  it('validates options when the DataFrame is created', () => {
    const load = (o: Record<string, string>) => () => kafka(o);
    expect(load({})).toThrow(
      /One of the following options must be specified for Kafka source: subscribe, subscribePattern, assign/,
    );
    expect(load({ subscribe: 'a', assign: '{"a":[0]}' })).toThrow(
      /Only one of the following options can be specified/,
    );
    expect(load({ subscribe: 'a', endingOffsets: 'latest' })).toThrow(/not valid in streaming queries/);
    expect(load({ subscribe: 'a', 'kafka.auto.offset.reset': 'earliest' })).toThrow(
      /'auto.offset.reset' is not supported/,
    );
    expect(load({ assign: 'nope' })).toThrow(/Expected e.g. \{"topicA":\[0,1\]/);
    expect(() => spark.readStream.format('kafka').option('subscribe', 'a').load()).toThrow(
      /kafka.bootstrap.servers' must be specified/,
    );
    expect(() =>
      spark.readStream
        .format('kafka')
        .schema('a INT')
        .option('kafka.bootstrap.servers', BOOTSTRAP)
        .option('subscribe', 'a')
        .load(),
    ).toThrow(/fixed schema/);
  });

  it('subscribePattern and assign read the matching topics / partitions', async () => {
    const base = uniqueTopic('pattern');
    await createTopic(`${base}-x`, 1);
    await createTopic(`${base}-y`, 2);
    await produce(`${base}-x`, ['x0']);
    await produce(`${base}-y`, [
      { value: 'y0', partition: 0 },
      { value: 'y1', partition: 1 },
    ]);
    const viaPattern = await drain(
      kafka({
        subscribePattern: `${base.replace(/[-]/g, '\\-')}-.*`,
        startingOffsets: 'earliest',
      }).selectExpr('CAST(value AS STRING) AS v'),
    );
    expect(sorted(viaPattern.map((r) => r[0] as string))).toEqual(['x0', 'y0', 'y1']);
    const viaAssign = await drain(
      kafka({ assign: JSON.stringify({ [`${base}-y`]: [1] }), startingOffsets: 'earliest' }).selectExpr(
        'CAST(value AS STRING) AS v',
      ),
    );
    expect(viaAssign).toEqual([['y1']]);
  });

  it('includes headers as array<struct<key, value>> with includeHeaders', async () => {
    const topic = uniqueTopic('headers');
    await createTopic(topic, 1);
    await produce(topic, [
      {
        value: 'v',
        headers: [
          ['h1', 'a'],
          ['h2', null],
        ],
      },
      { value: 'w' },
    ]);
    const df = kafka({ subscribe: topic, startingOffsets: 'earliest', includeHeaders: 'true' });
    expect(df.schema.fields.map((f) => f.name)).toContain('headers');
    const rows = await drain(df.selectExpr('CAST(value AS STRING) AS v', 'headers'));
    const dec = (b: unknown) => (b === null ? null : new TextDecoder().decode(b as Uint8Array));
    expect(
      rows.map((r) => [
        r[0],
        r[1] === null
          ? null
          : (r[1] as { toArray(): unknown[] }[]).map((h) => [h.toArray()[0], dec(h.toArray()[1])]),
      ]),
    ).toEqual([
      [
        'v',
        [
          ['h1', 'a'],
          ['h2', null],
        ],
      ],
      ['w', null],
    ]);
  });

  it('re-runs an uncommitted batch with exactly its offsets after a restart', async () => {
    const topic = uniqueTopic('replay');
    await createTopic(topic, 2);
    await produce(
      topic,
      Array.from({ length: 6 }, (_, i) => ({ value: `r${i}`, partition: i % 2 })),
    );
    const ckpt = checkpoint();
    const seen: { batchId: number; values: string[] }[] = [];
    const start = () =>
      kafka({ subscribe: topic, startingOffsets: 'earliest' })
        .selectExpr('CAST(value AS STRING) AS v')
        .writeStream.option('checkpointLocation', ckpt)
        .foreachBatch(async (df, batchId) => {
          seen.push({ batchId, values: sorted((await df.collect()).map((r) => r.toArray()[0] as string)) });
        })
        .start();
    let q = start();
    await q.processAllAvailable();
    await q.stop();
    expect(seen).toEqual([{ batchId: 0, values: ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'] }]);
    // data that arrives later must not leak into the re-run of batch 0
    await produce(topic, [{ value: 'late', partition: 0 }]);
    // as if the process died after the sink wrote batch 0 but before commits/0
    const commit = join(ckpt, 'commits', '0');
    expect(existsSync(commit)).toBe(true);
    rmSync(commit);
    q = start();
    await q.processAllAvailable();
    await q.stop();
    expect(seen.slice(1)).toEqual([
      { batchId: 0, values: ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'] },
      { batchId: 1, values: ['late'] },
    ]);
  });

  it('fails on deleted records with failOnDataLoss (default) and skips them when false', async () => {
    const topic = uniqueTopic('loss');
    await createTopic(topic, 1);
    await produce(topic, ['d0', 'd1', 'd2', 'd3']);
    const admin = kafkaClient();
    await admin.deleteRecords({ topic, partition: 0 }, 2);
    await admin.close();
    const from0 = JSON.stringify({ [topic]: { '0': 0 } });
    await expect(
      drain(kafka({ subscribe: topic, startingOffsets: from0 }).selectExpr('CAST(value AS STRING)')),
    ).rejects.toThrow(/KAFKA_DATA_LOSS.*failOnDataLoss[\s\S]*Could not read records in offset \[0, 2\)/);
    const rows = await drain(
      kafka({ subscribe: topic, startingOffsets: from0, failOnDataLoss: 'false' }).selectExpr(
        'CAST(value AS STRING) AS v',
      ),
    );
    expect(rows).toEqual([['d2'], ['d3']]);
  });

  it('commits processed offsets to a consumer group with commitOffsetsToGroup', async () => {
    const topic = uniqueTopic('group');
    const group = `${topic}-monitor`;
    await createTopic(topic, 2);
    await produce(topic, [
      { value: 'a', partition: 0 },
      { value: 'b', partition: 0 },
      { value: 'c', partition: 1 },
    ]);
    await drain(
      kafka({
        subscribe: topic,
        startingOffsets: 'earliest',
        commitOffsetsToGroup: 'true',
        'kafka.group.id': group,
      }).selectExpr('CAST(value AS STRING)'),
    );
    const admin = kafkaClient();
    const offsets = await admin.groupOffsets(group);
    await admin.close();
    expect(Object.fromEntries(offsets)).toEqual({ [tpKey(topic, 0)]: 2, [tpKey(topic, 1)]: 1 });
  });
});
