/**
 * The JSON functions as registry functions: analysis checks (schemas, options, modes), result
 * types, pretty names and evaluation. Expected values are what pyspark 4.3.0 returns
 * (spark.sql.ansi.enabled=false, session time zone UTC).
 */
import { describe, expect, it } from 'vitest';
import { StringType, type StructType, simpleString } from '../../src/types/data-type.js';
import {
  arr,
  columns,
  ctx,
  errorOf,
  ev,
  evalExpr,
  evIn,
  fn,
  int,
  map,
  nul,
  pretty,
  str,
} from './collection-harness.js';

const options = (o: Record<string, string>) =>
  fn(
    'map',
    Object.entries(o).flatMap(([k, v]) => [str(k), str(v)]),
  );

describe('from_json', () => {
  it('parses with a DDL schema and is always nullable', () => {
    const c = fn('from_json', [str('{"a":1, "b":"x"}'), str('a INT, b STRING')]);
    expect(simpleString(c.dataType)).toBe('struct<a:int,b:string>');
    expect(c.nullable).toBe(true);
    expect(evalExpr(c)).toEqual([1, 'x']);
    expect(pretty(c)).toBe('from_json({"a":1, "b":"x"})');
    expect(ev('from_json', nul(StringType), str('a INT'))).toBe(null);
    // NOT NULL in the schema is dropped: from_json's result is always nullable
    expect(simpleString(fn('from_json', [str('{}'), str('a INT NOT NULL')]).dataType)).toBe('struct<a:int>');
    expect(
      (fn('from_json', [str('{}'), str('a INT NOT NULL')]).dataType as StructType).fields[0]!.nullable,
    ).toBe(true);
  });

  it('accepts type strings, JSON schemas and schema_of_json(...)', () => {
    expect(ev('from_json', str('[1,2,3]'), str('ARRAY<INT>'))).toEqual([1, 2, 3]);
    expect(ev('from_json', str('{"a":1}'), str('struct<a:int>'))).toEqual([1]);
    const jsonSchema =
      '{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}}]}';
    expect(ev('from_json', str('{"a":1}'), str(jsonSchema))).toEqual([1]);
    const inferred = fn('from_json', [str('{"a":1}'), fn('schema_of_json', [str('{"a":1}')])]);
    expect(simpleString(inferred.dataType)).toBe('struct<a:bigint>');
    expect(evalExpr(inferred)).toEqual([1]);
  });

  it('a MAP schema names the column `entries`, as Spark does', () => {
    const c = fn('from_json', [str('{"x":1}'), str('MAP<STRING,INT>')]);
    expect(pretty(c)).toBe('entries');
    expect(evalExpr(c)).toEqual(new Map([['x', 1]]));
  });

  it('rejects bad schemas and options at analysis', () => {
    expect(errorOf(() => fn('from_json', [str('{}'), str('INT')])).errorClass).toBe(
      'DATATYPE_MISMATCH.INVALID_JSON_SCHEMA',
    );
    expect(errorOf(() => fn('from_json', [str('{}'), str('MAP<INT,INT>')])).message).toContain(
      'Input schema "MAP<INT, INT>" can only contain STRING as a key type for a MAP.',
    );
    const { col } = columns([['s', StringType]]);
    expect(errorOf(() => fn('from_json', [str('{}'), col('s')])).errorClass).toBe(
      'INVALID_SCHEMA.NON_STRING_LITERAL',
    );
    expect(
      errorOf(() => fn('from_json', [str('{}'), str('a INT'), options({ mode: 'DROPMALFORMED' })])).message,
    ).toContain(
      "The function `from_json` doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST.",
    );
    expect(errorOf(() => fn('from_json', [str('{}'), str('a INT'), str('x')])).errorClass).toBe(
      'INVALID_OPTIONS.NON_MAP_FUNCTION',
    );
    expect(
      errorOf(() => fn('from_json', [str('{}'), str('a INT'), fn('map', [str('mode'), int(1)])])).errorClass,
    ).toBe('INVALID_OPTIONS.NON_STRING_TYPE');
    expect(
      errorOf(() =>
        fn('from_json', [str('bad'), str('a INT, c INT'), options({ columnNameOfCorruptRecord: 'c' })]),
      ).message,
    ).toContain('The column `c` for corrupt records must have the nullable STRING type, but got "INT".');
  });

  it('honours options and the corrupt record column', () => {
    expect(ev('from_json', str('{a:1}'), str('a INT'))).toEqual([null]);
    expect(ev('from_json', str('{a:1}'), str('a INT'), options({ allowUnquotedFieldNames: 'true' }))).toEqual(
      [1],
    );
    expect(ev('from_json', str("{'a':1}"), str('a INT'), options({ allowSingleQuotes: 'false' }))).toEqual([
      null,
    ]);
    expect(ev('from_json', str('{"a":"x"}'), str('a INT, _corrupt_record STRING'))).toEqual([
      null,
      '{"a":"x"}',
    ]);
    const conf = ctx({ conf: { 'spark.sql.columnNameOfCorruptRecord': 'bad' } });
    expect(evIn(conf, 'from_json', str('oops'), str('a INT, bad STRING'))).toEqual([null, 'oops']);
    expect(
      errorOf(() => ev('from_json', str('{"a":"x"}'), str('a INT'), options({ mode: 'FAILFAST' })))
        .errorClass,
    ).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
  });

  it('uses the session time zone for timestamps without an offset', () => {
    const ny = ctx({ timeZone: 'America/New_York' });
    expect(evIn(ny, 'from_json', str('{"a":"2024-01-02T03:04:05"}'), str('a TIMESTAMP'))).toEqual([
      Date.parse('2024-01-02T08:04:05Z') * 1000,
    ]);
    expect(evIn(ny, 'from_json', str('{"a":"2024-01-02T03:04:05Z"}'), str('a TIMESTAMP'))).toEqual([
      Date.parse('2024-01-02T03:04:05Z') * 1000,
    ]);
  });

  it('parses row values', () => {
    const { col, run } = columns([['value', StringType]]);
    const e = fn('from_json', [col('value'), str('id BIGINT, house STRING, score DOUBLE')]);
    expect(
      run(e, [
        ['{"id":1,"house":"Gryffindor","score":9.5}'],
        ['{"id":2,"house":"Slytherin"}'],
        ['not json'],
        [null],
      ]),
    ).toEqual([[1, 'Gryffindor', 9.5], [2, 'Slytherin', null], [null, null, null], null]);
  });
});

describe('to_json', () => {
  it('writes structs, arrays and maps; names the column by its first argument', () => {
    const s = fn('named_struct', [str('a'), int(1), str('b'), str('x'), str('c'), nul()]);
    const c = fn('to_json', [s]);
    expect(evalExpr(c)).toBe('{"a":1,"b":"x"}');
    expect(pretty(c)).toBe('to_json(named_struct(a, 1, b, x, c, NULL))');
    expect(ev('to_json', arr([1, 2]))).toBe('[1,2]');
    expect(ev('to_json', map([['a', 1]]))).toBe('{"a":1}');
    expect(ev('to_json', fn('array', [fn('named_struct', [str('a'), int(1)])]))).toBe('[{"a":1}]');
    expect(ev('to_json', s, options({ ignoreNullFields: 'false' }))).toBe('{"a":1,"b":"x","c":null}');
    expect(pretty(fn('to_json', [s, options({ ignoreNullFields: 'false' })]))).toBe(pretty(c));
    expect(ev('to_json', nul({ kind: 'struct', fields: [] }))).toBe(null);
  });

  it('rejects atomic values', () => {
    expect(errorOf(() => fn('to_json', [int(1)])).message).toContain(
      'Input schema "INT" must be a struct, an array, a map or a variant.',
    );
  });

  it('formats timestamps in the session time zone', () => {
    const t = {
      kind: 'literal' as const,
      value: Date.parse('2024-01-02T08:04:05.123Z') * 1000 + 456,
      dataType: { kind: 'timestamp' as const },
    };
    const s = fn('named_struct', [str('t'), t]);
    expect(ev('to_json', s)).toBe('{"t":"2024-01-02T08:04:05.123Z"}');
    expect(evIn(ctx({ timeZone: 'America/New_York' }), 'to_json', s)).toBe(
      '{"t":"2024-01-02T03:04:05.123-05:00"}',
    );
  });
});

describe('get_json_object, json_array_length, json_object_keys, schema_of_json', () => {
  it('get_json_object', () => {
    expect(ev('get_json_object', str('{"a":{"b":1}}'), str('$.a.b'))).toBe('1');
    expect(ev('get_json_object', str('{"a":[{"b":1},{"b":2}]}'), str('$.a[*].b'))).toBe('[1,2]');
    expect(ev('get_json_object', str('bad'), str('$.a'))).toBe(null);
    expect(ev('get_json_object', str('{"a":1}'), str('a'))).toBe(null);
    expect(ev('get_json_object', str('{"a":1}'), nul(StringType))).toBe(null);
    expect(ev('get_json_object', str("{'a':1}"), str('$.a'))).toBe('1');
    expect(ev('get_json_object', str('{"a":1} junk'), str('$.a'))).toBe('1');
    expect(pretty(fn('get_json_object', [str('{"a":1}'), str('$.a')]))).toBe('get_json_object({"a":1}, $.a)');
    const { col, run } = columns([
      ['js', StringType],
      ['p', StringType],
    ]);
    expect(
      run(fn('get_json_object', [col('js'), col('p')]), [
        ['{"a":1,"b":2}', '$.a'],
        ['{"a":1,"b":2}', '$.b'],
        ['{"a":1,"b":2}', '$..'],
      ]),
    ).toEqual(['1', '2', null]);
  });

  it('json_array_length and json_object_keys', () => {
    expect(ev('json_array_length', str('[1,2,[3]]'))).toBe(3);
    expect(ev('json_array_length', str('[]'))).toBe(0);
    expect(ev('json_array_length', str('{}'))).toBe(null);
    expect(ev('json_array_length', str('bad'))).toBe(null);
    expect(ev('json_array_length', str('[1,'))).toBe(null);
    expect(ev('json_array_length', nul(StringType))).toBe(null);
    expect(ev('json_object_keys', str('{"a":1,"b":{"c":2}}'))).toEqual(['a', 'b']);
    expect(ev('json_object_keys', str('{}'))).toEqual([]);
    expect(ev('json_object_keys', str('[1]'))).toBe(null);
    expect(ev('json_object_keys', str('{"a":1'))).toBe(null);
  });

  it('schema_of_json needs a constant and reports a DDL string', () => {
    const c = fn('schema_of_json', [str('{"a":1, "b":[1.5]}')]);
    expect(c.nullable).toBe(false);
    expect(evalExpr(c)).toBe('STRUCT<a: BIGINT, b: ARRAY<DOUBLE>>');
    expect(pretty(c)).toBe('schema_of_json({"a":1, "b":[1.5]})');
    expect(ev('schema_of_json', str('{"a":1}'), options({ primitivesAsString: 'true' }))).toBe(
      'STRUCT<a: STRING>',
    );
    expect(errorOf(() => fn('schema_of_json', [nul()])).errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_NULL');
    const { col } = columns([['s', StringType]]);
    expect(errorOf(() => fn('schema_of_json', [col('s')])).errorClass).toBe(
      'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
    );
    expect(errorOf(() => ev('schema_of_json', str('bad'))).errorClass).toBe(
      'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
    );
  });
});
