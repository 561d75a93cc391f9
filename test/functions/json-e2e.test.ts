/**
 * JSON functions end to end through DataFrames and SQL: the Kafka-style pipeline (JSON strings →
 * from_json → columns → aggregates), to_json, get_json_object, json_tuple and schema_of_json.
 * Expected rows and column names are what pyspark 4.3.0 gives for the same queries.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../src/expr/functions/collection.js';
import '../../src/expr/functions/generators.js';
import '../../src/expr/functions/json.js';
import * as C from '../../src/dataframe/functions/collection.js';
import * as J from '../../src/dataframe/functions/json.js';
import { functions as F, Row, Session, types as T } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

type Collectable = { collect(): Promise<{ toArray(): unknown[] }[]> };
const rows = async (df: Collectable) =>
  (await df.collect()).map((r) => r.toArray().map((v) => (v instanceof Row ? v.toArray() : v)));

const events = () =>
  spark.createDataFrame(
    [
      ['{"house":"Gryffindor","points":10,"ts":"2024-01-02T03:04:05.123Z","tags":["a","b"]}'],
      ['{"house":"Slytherin","points":"lots","ts":"2024-01-02 04:00:00"}'],
      ['{"house":"Gryffindor","points":5}'],
      ['not json at all'],
      [null],
    ],
    'value string',
  );

describe('from_json pipelines', () => {
  it('parses records with a DDL schema, nulling what does not fit', async () => {
    const schema = 'house STRING, points INT, ts TIMESTAMP, tags ARRAY<STRING>';
    const df = events()
      .select(J.fromJson('value', schema).alias('e'))
      .select('e.house', 'e.points', 'e.ts', 'e.tags');
    const out = await rows(df);
    expect(out.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['Gryffindor', 10, ['a', 'b']],
      ['Slytherin', null, null],
      ['Gryffindor', 5, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect((out[0]![2] as Date).toISOString()).toBe('2024-01-02T03:04:05.123Z');
    expect((out[1]![2] as Date).toISOString()).toBe('2024-01-02T04:00:00.000Z');
  });

  it('names the column from_json(value) and aggregates the parsed fields', async () => {
    const parsed = events().select(J.fromJson('value', 'house STRING, points INT'));
    expect(parsed.columns).toEqual(['from_json(value)']);
    const totals = events()
      .select(J.fromJson(F.col('value'), 'house STRING, points INT').alias('e'))
      .select(F.col('e.house').alias('house'), F.col('e.points').alias('points'))
      .where(F.col('house').isNotNull())
      .groupBy('house')
      .agg(F.sum('points').alias('total'))
      .orderBy('house');
    expect(await rows(totals)).toEqual([
      ['Gryffindor', 15],
      ['Slytherin', null],
    ]);
  });

  it('accepts a DataType schema and options, and keeps the corrupt record', async () => {
    const schema = T.StructType([
      T.StructField('house', T.StringType()),
      T.StructField('_corrupt_record', T.StringType()),
    ]);
    const df = events().select(J.fromJson('value', schema).alias('e'));
    expect(await rows(df)).toEqual([
      [['Gryffindor', null]],
      [['Slytherin', null]],
      [['Gryffindor', null]],
      [[null, 'not json at all']],
      [null],
    ]);
    const failfast = events().select(J.fromJson('value', 'points INT', { mode: 'FAILFAST' }));
    await expect(rows(failfast)).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING/);
  });

  it('a MAP schema gives the column name `entries`', async () => {
    const df = spark
      .createDataFrame([['{"a":1,"b":2}']], 'js string')
      .select(J.fromJson('js', T.MapType(T.StringType(), T.IntegerType())));
    expect(df.columns).toEqual(['entries']);
    expect(await rows(df)).toEqual([
      [
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
      ],
    ]);
  });
});

describe('to_json, get_json_object, json_tuple, schema_of_json', () => {
  const df = () => spark.createDataFrame([[5, 'x', '{"a":1,"b":[1,2]}']], 'n int, s string, js string');

  it('to_json of struct, map and array columns', async () => {
    const out = df().select(
      J.toJson(C.struct('n', 's')),
      J.toJson(C.createMap('s', 'n')),
      J.toJson(C.array('n', 'n')),
    );
    expect(out.columns).toEqual(['to_json(struct(n, s))', 'to_json(map(s, n))', 'to_json(array(n, n))']);
    expect(await rows(out)).toEqual([['{"n":5,"s":"x"}', '{"x":5}', '[5,5]']]);
    const withNulls = df().select(
      J.toJson(C.struct('n', F.lit(null).alias('z')), { ignoreNullFields: false }),
    );
    expect(await rows(withNulls)).toEqual([['{"n":5,"z":null}']]);
  });

  it('get_json_object and json_tuple', async () => {
    const out = df().select(J.getJsonObject('js', '$.a'), J.getJsonObject('js', '$.b[1]'));
    expect(out.columns).toEqual(['get_json_object(js, $.a)', 'get_json_object(js, $.b[1])']);
    expect(await rows(out)).toEqual([['1', '2']]);
    const tuple = df().select(J.jsonTuple('js', 'a', 'b'));
    expect(tuple.columns).toEqual(['c0', 'c1']);
    expect(await rows(tuple)).toEqual([['1', '[1,2]']]);
  });

  it('schema_of_json, json_array_length, json_object_keys', async () => {
    const out = df().select(
      J.schemaOfJson('{"a":1}'),
      J.jsonArrayLength(J.getJsonObject('js', '$.b')),
      J.jsonObjectKeys('js'),
    );
    expect(out.columns[0]).toBe('schema_of_json({"a":1})');
    expect(await rows(out)).toEqual([['STRUCT<a: BIGINT>', 2, ['a', 'b']]]);
    const parsed = df().select(J.fromJson('js', J.schemaOfJson('{"a":1,"b":[1]}')).alias('p'));
    expect(await rows(parsed)).toEqual([[[1, [1, 2]]]]);
  });

  it('works from SQL', async () => {
    const out = spark.sql(
      `select from_json('{"a":1, "b":"x"}', 'a INT, b STRING') as s, to_json(named_struct('a', 1, 'b', array(1, null))) as j, ` +
        `get_json_object('{"a":[{"b":1},{"b":2}]}', '$.a[*].b') as g, schema_of_json('[{"a":1},{"b":"x"}]') as sch`,
    );
    expect(await rows(out)).toEqual([
      [[1, 'x'], '{"a":1,"b":[1,null]}', '[1,2]', 'ARRAY<STRUCT<a: BIGINT, b: STRING>>'],
    ]);
  });
});
