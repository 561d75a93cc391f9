/**
 * from_json over Kafka values against the real broker: `from_json(CAST(value AS STRING))` reads
 * each record's bytes (the byte-level fast path) and must give exactly the rows of the text path,
 * forced here by parsing `concat(CAST(value AS STRING), '')` — for well-formed events, non-ASCII
 * text, escapes, nulls, missing fields, numbers and malformed records, in PERMISSIVE (with a
 * corrupt-record column) and FAILFAST mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions as F, Row, Session } from '../../../src/index.js';
import { BOOTSTRAP, createTopic, produce, requireBroker, uniqueTopic } from './kafka-test-env.js';

const spark = Session.builder().config('spark.sql.session.timeZone', 'UTC').getOrCreate();
beforeAll(() => requireBroker());
afterAll(() => spark.stop());

const SCHEMA = 'house STRING, character STRING, score STRING, ts TIMESTAMP, _corrupt_record STRING';
const VALUES: (string | null)[] = [
  '{"house":"Gryffindor","character":"Harry Potter","score":"7","ts":"2024-11-21 10:00:00.001"}',
  '{"house":"Gryffindor","character":"Harry Potter","score":"8","ts":"2024-11-21T10:00:00"}',
  '{"character":"Ñoño 🐍","house":"Hufflepuff é"}',
  '{"house":"Ra\\"venclaw","character":"\\u00e9"}',
  '{"house":null,"score":"3"}',
  '{"house":"Slytherin","score":3}',
  '{"house":"Slytherin","ts":"2024-02-30 00:00:00"}',
  '{"house":"Slytherin"',
  'not json',
  '',
  null,
  '\ufeff{"house":"bom"}',
  '{"house":"x","extra":{"nested":[1,2]}}',
];

function plain(v: unknown): unknown {
  return v instanceof Row ? v.toArray() : v;
}

describe('from_json over Kafka values', () => {
  const topic = uniqueTopic('json-values');
  beforeAll(async () => {
    await createTopic(topic);
    await produce(
      topic,
      VALUES.map((value) => ({ value })),
    );
  });

  const records = () =>
    spark.read.format('kafka').option('kafka.bootstrap.servers', BOOTSTRAP).option('subscribe', topic).load();

  it('reads the bytes with exactly the text path rows (PERMISSIVE, corrupt-record column)', async () => {
    const rows = await records()
      .select(
        'offset',
        F.fromJson(F.col('value').cast('string'), SCHEMA).alias('bytes'),
        F.fromJson(F.concat(F.col('value').cast('string'), F.lit('')), SCHEMA).alias('text'),
      )
      .orderBy('offset')
      .collect();
    expect(rows).toHaveLength(VALUES.length);
    for (const r of rows) {
      const [offset, bytes, text] = r.toArray();
      expect(plain(bytes), `offset ${offset}`).toEqual(plain(text));
    }
    expect(plain(rows[2]!.toArray()[1])).toEqual(['Hufflepuff é', 'Ñoño 🐍', null, null, null]);
    expect(plain(rows[7]!.toArray()[1])).toEqual([null, null, null, null, '{"house":"Slytherin"']);
  });

  it('FAILFAST: the first malformed record fails the query as on the text path', async () => {
    const q = (json: ReturnType<typeof F.col>) =>
      records()
        .select(F.fromJson(json, 'house STRING, score STRING', { mode: 'FAILFAST' }).alias('e'))
        .collect();
    await expect(q(F.col('value').cast('string'))).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING/);
    await expect(q(F.concat(F.col('value').cast('string'), F.lit('')))).rejects.toThrow(
      /MALFORMED_RECORD_IN_PARSING/,
    );
  });
});
