/**
 * from_json over CAST(binary AS STRING) (the Kafka `value` column) reads the record's bytes
 * directly (src/expr/json/flat-record-bytes-scanner.ts). It must give exactly what from_json gives
 * on the decoded text: every record is parsed as bytes (fused path), as the decoded string (text
 * fast path) and with an ignored array injected (general path), and the three must agree — across
 * parse modes, time zones, non-ASCII and invalid UTF-8, escapes, nulls and missing fields.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as J from '../../src/dataframe/functions/json.js';
import { functions as F, Row, Session } from '../../src/index.js';

const spark = Session.builder().config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const SCHEMA = 'house STRING, character STRING, score STRING, ts TIMESTAMP, n INT, d DATE';
const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));

const RECORDS: Uint8Array[] = [
  '{"house":"Gryffindor","character":"Harry","score":"7","ts":"2024-01-02 03:04:05.123"}',
  '{"ts":"2024-01-02 03:04:05","score":"1","house":"Slytherin"}',
  '{"house":"Ravenclaw"}',
  '{"house":"A","house":"B","score":"2","score":null}',
  '{"house":null,"score":"3"}',
  '{"other":"x","house":"H","more":"y"}',
  '{"ts":"not a time","house":"H"}',
  '{"n":"5","house":"H"}',
  ' { "house" : "H" ,\t"score" : "1" }\n',
  '{"house":"Gr\\"yff\\u00e9","character":"\\\\"}',
  '{"house":12,"score":"4"}',
  '{"house":"Hufflepuff","character":"Ced ric"}',
  '{}',
  '',
  '   ',
  '{"house":"H",}',
  '{"house":"H"',
  '{"house":"H"} trailing',
  '{"house":\'H\'}',
  '{"house":"H","ts":"2024-13-45"}',
  '{"ts":"2024-02-30 00:00:00"}',
  '{"ts":"2024-02-29 24:00:00"}',
  '{"ts":"2024-02-29"}',
  '{"ts":"2024-02-29T23:59:59.123456789"}',
  '{"ts":"2024-02-29T23:59:59Z"}',
  '{"ts":"2024-02-29 23:59:59."}',
  '{"ts":"2024-03-10 02:30:00"}',
  '{"ts":"2024-11-03 01:30:00.5"}',
  '{"ts":" 2024-01-01 00:00:00"}',
  '{"ts":"2024-1-1 1:2:3"}',
  '{"ts":"+2024-01-01"}',
  '{"ts":"2024-01-01 00:00:00+02:00"}',
  '{"ts":"12:00:00"}',
  '{"ts":"2024-01-01 00:00:00x"}',
  '{"d":"2024-01-01","n":"x"}',
  '{"house":"Gryffindor é","character":"Ñoño 🐍","score":"京"}',
  '{"hoüse":"x","house":"y"}',
  '{"ünknown":"x","house":"y"}',
  '{"ts":"2024-01-01 00:00:00é"}',
  '[1,2]',
  '"just a string"',
  'null',
  '{"house":"a\tb"}',
  '{"house":"' + 'x'.repeat(100) + '"}',
  '{"house":nul}',
  '{"house":null',
].map(enc);

const RAW: Uint8Array[] = [
  bytes([0xef, 0xbb, 0xbf], '{"house":"bom"}'),
  bytes('{"house":"', [0xef, 0xbb, 0xbf], 'inside"}'),
  bytes('{"house":"bad', [0xff], 'byte"}'),
  bytes('{"house":"cut', [0xe2, 0x82], '"}'),
  bytes('{"house":"', [0xc3], '"}'),
  bytes('{"ho', [0xff], 'use":"x","house":"y"}'),
  bytes('{"', [0xef, 0xbf, 0xbd], '":"x","house":"y"}'),
  bytes('{"house":"x"}', [0xff]),
  bytes('{"house":"', [0xf0, 0x9f, 0x90, 0x8d], '"}'),
];

function withIgnoredArray(text: string): string {
  const i = text.indexOf('{');
  if (i < 0) return text;
  const rest = text.slice(i + 1).trimStart();
  return `${text.slice(0, i + 1)}"_ignored_":[1]${rest.startsWith('}') ? '' : ','}${text.slice(i + 1)}`;
}

const plain = (v: unknown) => (v instanceof Row ? v.toArray() : v);

/** from_json over [bytes as bytes, decoded text, decoded text through the general path]. */
async function threeWays(records: readonly Uint8Array[], schema: string, options?: Record<string, string>) {
  const decoded = records.map((b) => new TextDecoder().decode(b));
  const df = spark.createDataFrame(
    records.map((b, i) => [b, decoded[i]!, withIgnoredArray(decoded[i]!)]),
    'value binary, text string, general string',
  );
  const rows = await df
    .select(
      J.fromJson(F.col('value').cast('string'), schema, options).alias('bytes'),
      J.fromJson('text', schema, options).alias('text'),
      J.fromJson('general', schema, options).alias('general'),
    )
    .collect();
  return rows.map((r) => r.toArray().map(plain));
}

describe('from_json over CAST(binary AS STRING)', () => {
  it('gives the text path result for every record shape, in UTC', async () => {
    const rows = await threeWays([...RECORDS, ...RAW], SCHEMA);
    rows.forEach(([b, t, g], i) => {
      expect(b, `record ${i}`).toEqual(t);
      expect(b, `record ${i}`).toEqual(g);
    });
  });

  it('gives the text path result in a zone with daylight saving time and with timestampFormat', async () => {
    const optionSets: Record<string, string>[] = [
      { timeZone: 'America/New_York' },
      { timestampFormat: 'yyyy-MM-dd HH:mm:ss' },
    ];
    for (const options of optionSets) {
      const rows = await threeWays([...RECORDS, ...RAW], SCHEMA, options);
      rows.forEach(([b, t, g], i) => {
        expect(b, `record ${i} ${JSON.stringify(options)}`).toEqual(t);
        expect(b, `record ${i} ${JSON.stringify(options)}`).toEqual(g);
      });
    }
  });

  it('reads the values of the fast path right', async () => {
    const [fast, nonAscii, bom] = (
      await threeWays(
        [RECORDS[0]!, RECORDS[35]!, RAW[1]!],
        'house STRING, character STRING, score STRING, ts TIMESTAMP',
      )
    ).map((r) => r[0]);
    expect(fast).toEqual(['Gryffindor', 'Harry', '7', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123))]);
    expect(nonAscii).toEqual(['Gryffindor é', 'Ñoño 🐍', '京', null]);
    expect(bom).toEqual(['\ufeffinside', null, null, null]);
  });

  it('repeated values come back equal, including after colliding in the table of recent values', async () => {
    const houses = Array.from({ length: 2000 }, (_, i) => `h${i % 700}`);
    const rows = await threeWays(
      houses.map((h) => enc(`{"house":"${h}"}`)),
      'house STRING',
    );
    expect(rows.map(([b]) => (b as unknown[])[0])).toEqual(houses);
  });

  it('PERMISSIVE with a corrupt-record column: same partial rows and corrupt text', async () => {
    const schema = `${SCHEMA}, _corrupt_record STRING`;
    const rows = await threeWays([...RECORDS, ...RAW, enc('{"house":"H","_corrupt_record":"x"}')], schema);
    // the general path's text has the injected array, so its corrupt-record text differs
    const fields = (r: unknown) => (r === null ? r : (r as unknown[]).slice(0, -1));
    rows.forEach(([b, t, g], i) => {
      expect(b, `record ${i}`).toEqual(t);
      expect(fields(b), `record ${i}`).toEqual(fields(g));
    });
    expect(rows.at(-1)![0]).toEqual(['H', null, null, null, null, null, null]);
  });

  it('FAILFAST: well-formed records match, a malformed one fails as on the text path', async () => {
    const good = [RECORDS[0]!, RECORDS[1]!, RECORDS[35]!];
    const rows = await threeWays(good, SCHEMA, { mode: 'FAILFAST' });
    for (const [b, t] of rows) expect(b).toEqual(t);
    const df = spark.createDataFrame([[enc('{"house":"H"')]], 'value binary');
    await expect(
      df.select(J.fromJson(F.col('value').cast('string'), SCHEMA, { mode: 'FAILFAST' })).collect(),
    ).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING/);
    const bad = spark.createDataFrame([[enc('{"n":"five"}')]], 'value binary');
    await expect(
      bad.select(J.fromJson(F.col('value').cast('string'), SCHEMA, { mode: 'FAILFAST' })).collect(),
    ).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING/);
  });

  it('DROPMALFORMED is still rejected for from_json', async () => {
    const df = spark.createDataFrame([[enc('{}')]], 'value binary');
    expect(() =>
      df.select(J.fromJson(F.col('value').cast('string'), SCHEMA, { mode: 'DROPMALFORMED' })),
    ).toThrow(/PARSE_MODE_UNSUPPORTED/);
  });

  it('a null value gives a null result', async () => {
    const df = spark.createDataFrame([[null]], 'value binary');
    const [r] = await df.select(J.fromJson(F.col('value').cast('string'), SCHEMA).alias('e')).collect();
    expect(r!.toArray()[0]).toBeNull();
  });
});
