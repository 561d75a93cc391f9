/**
 * from_json's fast path for flat records of plain strings (src/expr/json/flat-record-scanner.ts)
 * must give exactly what the general path gives. Each record is parsed twice: as is (fast path
 * when it qualifies) and with an ignored unknown key holding an array injected first, which the
 * fast path never handles — the two results must be equal. A few results are also pinned.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../src/expr/functions/json.js';
import * as J from '../../src/dataframe/functions/json.js';
import { Row, Session } from '../../src/index.js';

const spark = Session.builder().config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const SCHEMA = 'house STRING, character STRING, score STRING, ts TIMESTAMP, n INT';
const RECORDS = [
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
  '{"house":"H",}',
  '{"house":"H"',
  '{"house":"H"} trailing',
  '{"house":\'H\'}',
  '{"house":"H","ts":"2024-13-45"}',
];

function withIgnoredArray(text: string): string {
  const i = text.indexOf('{');
  const rest = text.slice(i + 1).trimStart();
  return `${text.slice(0, i + 1)}"_ignored_":[1]${rest.startsWith('}') ? '' : ','}${text.slice(i + 1)}`;
}

async function parse(texts: readonly string[], schema: string, options?: Record<string, string>) {
  const df = spark.createDataFrame(
    texts.map((t) => [t]),
    'value string',
  );
  const rows = await df.select(J.fromJson('value', schema, options).alias('e')).collect();
  return rows.map((r) => {
    const v = r.toArray()[0];
    return v instanceof Row ? v.toArray() : v;
  });
}

describe('from_json flat-record fast path', () => {
  it('gives the general path result for every record shape', async () => {
    const fast = await parse(RECORDS, SCHEMA);
    const general = await parse(RECORDS.map(withIgnoredArray), SCHEMA);
    for (let i = 0; i < RECORDS.length; i++) expect(fast[i], RECORDS[i]).toEqual(general[i]);
  });

  it('keeps Spark results: last duplicate wins, missing and null keys are null, bad values null the field', async () => {
    const [dup, missing, badTs] = await parse(
      ['{"house":"A","house":"B"}', '{"score":"1"}', '{"ts":"not a time","house":"H"}'],
      SCHEMA,
    );
    expect(dup).toEqual(['B', null, null, null, null]);
    expect(missing).toEqual([null, null, '1', null, null]);
    expect(badTs).toEqual(['H', null, null, null, null]);
  });

  it('parses timestamps with the session time zone', async () => {
    const [r] = await parse(['{"ts":"2024-01-02 03:04:05.123","house":"H"}'], SCHEMA);
    expect((r as unknown[])[3]).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)));
  });

  it('never fills the corrupt-record column from the document, and fills it for malformed text', async () => {
    const schema = 'house STRING, _corrupt_record STRING';
    const texts = ['{"house":"H","_corrupt_record":"x"}', '{"house":"H"'];
    const fast = await parse(texts, schema);
    expect(fast).toEqual([
      ['H', null],
      [null, '{"house":"H"'],
    ]);
    expect(await parse(texts.slice(0, 1).map(withIgnoredArray), schema)).toEqual(fast.slice(0, 1));
  });

  it('FAILFAST still fails on a value that does not fit', async () => {
    await expect(parse(['{"n":"five"}'], SCHEMA, { mode: 'FAILFAST' })).rejects.toThrow(/MALFORMED_RECORD/);
  });
});
