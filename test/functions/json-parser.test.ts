/**
 * The JSON machinery under the JSON functions (and the JSON file source): the lenient exact
 * parser, JSON value → Spark value conversion with parse modes, the writer, schema inference and
 * get_json_object paths. Expected values are what pyspark 4.3.0 returns (session zone UTC).
 */
import { describe, expect, it } from 'vitest';
import { dataTypeFromJson, dataTypeToJson, parseSchemaText } from '../../src/expr/json/data-type-json.js';
import { decimalFromText } from '../../src/expr/json/decimal-text.js';
import { jsonOptions } from '../../src/expr/json/json-options.js';
import {
  JsonFloat,
  JsonSyntaxError,
  jsonObjectKeys,
  needsExactParse,
  parseJson,
  parseJsonExact,
} from '../../src/expr/json/json-parser.js';
import { evaluateJsonPath, parseJsonPath } from '../../src/expr/json/json-path.js';
import { compileFromJson, compileJsonRowParser } from '../../src/expr/json/json-record-parser.js';
import { inferSchemaOfRecords, schemaOfJsonValue } from '../../src/expr/json/json-schema-inference.js';
import { compileJsonWriter, quoteJsonString, writeJsonValue } from '../../src/expr/json/json-writer.js';
import { type StructType, sqlTypeName } from '../../src/types/data-type.js';
import { toDataType } from '../../src/types/ddl.js';

const opts = (o: Record<string, string> = {}) => jsonOptions(o, { timeZone: 'UTC' });
const fromJson = (text: string, schema: string, o: Record<string, string> = {}) =>
  compileFromJson(toDataType(schema), opts(o))(text);

describe('parseJson', () => {
  it('keeps integers, big integers and fractions apart', () => {
    expect(parseJson('{"a":1,"b":1.0,"c":12345678901234567890,"d":-0}')).toEqual({
      a: 1,
      b: new JsonFloat('1.0', 1),
      c: 12345678901234567890n,
      d: 0,
    });
    expect(parseJson('9007199254740993')).toBe(9007199254740993n);
    expect(parseJson('123456789012345678')).toBe(123456789012345678n);
  });

  it('accepts what Jackson accepts by default and ignores trailing content', () => {
    expect(parseJson("{'a':'x'}")).toEqual({ a: 'x' });
    expect(parseJson('{"a":NaN,"b":-Infinity}')).toEqual({
      a: new JsonFloat('NaN', Number.NaN),
      b: new JsonFloat('-Infinity', Number.NEGATIVE_INFINITY),
    });
    expect(parseJson('{"a":1} trailing')).toEqual({ a: 1 });
    expect(parseJson('{"a":1}{"a":2}')).toEqual({ a: 1 });
    expect(parseJson('')).toBeUndefined();
    expect(parseJson('   ')).toBeUndefined();
    expect(parseJson('{"a":"\\u00e9\\n"}')).toEqual({ a: 'é\n' });
  });

  it('rejects the non-standard syntax Spark only allows with options', () => {
    expect(() => parseJson('{a:1}')).toThrow(JsonSyntaxError);
    expect(parseJson('{a:1}', { ...opts(), allowUnquotedFieldNames: true })).toEqual({ a: 1 });
    expect(() => parseJson('{"a":1 /* c */}')).toThrow(JsonSyntaxError);
    expect(parseJson('{"a":1 /* c */}', { ...opts(), allowComments: true })).toEqual({ a: 1 });
    expect(() => parseJson('{"a":007}')).toThrow(JsonSyntaxError);
    expect(parseJson('{"a":007}', { ...opts(), allowNumericLeadingZeros: true })).toEqual({ a: 7 });
    expect(() => parseJson("{'a':1}", { ...opts(), allowSingleQuotes: false })).toThrow(JsonSyntaxError);
    expect(() => parseJson('{"a":1')).toThrow(JsonSyntaxError);
    expect(() => parseJson('{"a":"x\ny"}')).toThrow(JsonSyntaxError);
    expect(() => parseJson('bad')).toThrow(JsonSyntaxError);
  });

  it('takes the JSON.parse fast path only when nothing would be lost', () => {
    expect(needsExactParse('{"ts":"2024-01-02T03:04:05.123Z","v":"1.5","n":12}')).toBe(false);
    expect(needsExactParse('{"a":"x\\"1.5","b":1}')).toBe(false);
    expect(needsExactParse('{"a":1.5}')).toBe(true);
    expect(needsExactParse('[1e5]')).toBe(true);
    expect(needsExactParse('{"a":1234567890123456}')).toBe(true);
    expect(needsExactParse('{"12" : 1}')).toBe(true);
    expect(needsExactParse('{"a":"unterminated')).toBe(true);
  });

  it('remembers document key order when JS would reorder keys', () => {
    const o = parseJson('{"b":1,"10":2,"2":3}') as Record<string, unknown>;
    expect(jsonObjectKeys(o as never)).toEqual(['b', '10', '2']);
    expect(writeJsonValue(o as never)).toBe('{"b":1,"10":2,"2":3}');
    const p = parseJsonExact('{"__proto__":1}') as Record<string, unknown>;
    expect(Object.keys(p)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
  });
});

describe('from_json record conversion', () => {
  it('converts tokens as Spark does', () => {
    expect(fromJson('{"a":1, "b":"x"}', 'a INT, b STRING')).toEqual([1, 'x']);
    // numbers into narrower types: fractions and overflow are malformed (null field)
    expect(fromJson('{"a":"1"}', 'a INT')).toEqual([null]);
    expect(fromJson('{"a":1.5}', 'a INT')).toEqual([null]);
    expect(fromJson('{"a":1.0}', 'a BIGINT')).toEqual([null]);
    expect(fromJson('{"a":3000000000}', 'a INT')).toEqual([null]);
    expect(fromJson('{"a":3000000000}', 'a BIGINT')).toEqual([3000000000]);
    expect(fromJson('{"a":9223372036854775807}', 'a BIGINT')).toEqual([9223372036854775807n]);
    expect(fromJson('{"a":9223372036854775808}', 'a BIGINT')).toEqual([null]);
    expect(fromJson('{"a":127}', 'a TINYINT')).toEqual([127]);
    expect(fromJson('{"a":255}', 'a TINYINT')).toEqual([-1]);
    expect(fromJson('{"a":256}', 'a TINYINT')).toEqual([null]);
    expect(fromJson('{"a":32768}', 'a SMALLINT')).toEqual([null]);
    expect(fromJson('{"a":-0}', 'a INT')).toEqual([0]);
    // strings receive the JSON text of anything else
    expect(fromJson('{"a":1}', 'a STRING')).toEqual(['1']);
    expect(fromJson('{"a":1.50}', 'a STRING')).toEqual(['1.5']);
    expect(fromJson('{"a":1e2}', 'a STRING')).toEqual(['100.0']);
    expect(fromJson('{"a":1E-7}', 'a STRING')).toEqual(['1.0E-7']);
    expect(fromJson('{"a":-0.0}', 'a STRING')).toEqual(['-0.0']);
    expect(fromJson('{"a":NaN}', 'a STRING')).toEqual(['"NaN"']);
    expect(fromJson('{"a":12345678901234567890}', 'a STRING')).toEqual(['12345678901234567890']);
    expect(fromJson('{"a":true}', 'a STRING')).toEqual(['true']);
    expect(fromJson('{"a":{"b":1}}', 'a STRING')).toEqual(['{"b":1}']);
    expect(fromJson('{"a":[1, "x"]}', 'a STRING')).toEqual(['[1,"x"]']);
    expect(fromJson('{"a":{"b":"é\\t/"}}', 'a STRING')).toEqual(['{"b":"é\\t/"}']);
    // doubles, NaN/Infinity strings
    expect(fromJson('{"a":1}', 'a DOUBLE')).toEqual([1]);
    expect(fromJson('{"a":"1.5"}', 'a DOUBLE')).toEqual([null]);
    expect(fromJson('{"a":"NaN"}', 'a DOUBLE')).toEqual([Number.NaN]);
    expect(fromJson('{"a":"Infinity"}', 'a DOUBLE')).toEqual([Number.POSITIVE_INFINITY]);
    expect(fromJson('{"a":"-Infinity"}', 'a FLOAT')).toEqual([Number.NEGATIVE_INFINITY]);
    expect(fromJson('{"a":1e400}', 'a DOUBLE')).toEqual([Number.POSITIVE_INFINITY]);
    expect(fromJson('{"a":12345678901234567890}', 'a DOUBLE')).toEqual([12345678901234567000]);
    // decimals: HALF_UP to the scale, overflow is malformed, strings accepted
    expect(fromJson('{"a":1.123456789}', 'a DECIMAL(5,2)')).toEqual([112n]);
    expect(fromJson('{"a":12345.6}', 'a DECIMAL(5,2)')).toEqual([null]);
    expect(fromJson('{"a":"1.25"}', 'a DECIMAL(5,2)')).toEqual([125n]);
    expect(fromJson('{"a": 1E+2}', 'a DECIMAL(10,2)')).toEqual([10000n]);
    expect(fromJson('{"a": 12345678901234567890.123}', 'a DECIMAL(38,3)')).toEqual([
      12345678901234567890123n,
    ]);
    // booleans only from true/false
    expect(fromJson('{"a":"true"}', 'a BOOLEAN')).toEqual([null]);
    expect(fromJson('{"a":1}', 'a BOOLEAN')).toEqual([null]);
    expect(fromJson('{"a":true}', 'a BOOLEAN')).toEqual([true]);
    expect(fromJson('{"a":"x"}', 'a BINARY')).toEqual([null]);
    expect(fromJson('{"a":"AQI="}', 'a BINARY')).toEqual([new Uint8Array([1, 2])]);
  });

  it('converts dates and timestamps', () => {
    const micros = (iso: string) => Date.parse(iso) * 1000;
    const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(fromJson('{"a":"2024-01-02T03:04:05.123Z"}', 'a TIMESTAMP')).toEqual([
      micros('2024-01-02T03:04:05.123Z'),
    ]);
    expect(fromJson('{"a":"2024-01-02 03:04:05"}', 'a TIMESTAMP')).toEqual([micros('2024-01-02T03:04:05Z')]);
    expect(fromJson('{"a":"2024-01-02"}', 'a TIMESTAMP')).toEqual([micros('2024-01-02T00:00:00Z')]);
    expect(fromJson('{"a":"2024-01-02T03:04:05+02:00"}', 'a TIMESTAMP')).toEqual([
      micros('2024-01-02T01:04:05Z'),
    ]);
    expect(fromJson('{"a":"2024-01-02T03:04:05.1234567"}', 'a TIMESTAMP')).toEqual([
      micros('2024-01-02T03:04:05Z') + 123456,
    ]);
    expect(fromJson('{"a":1700000000}', 'a TIMESTAMP')).toEqual([micros('2023-11-14T22:13:20Z')]);
    expect(fromJson('{"a":1.5}', 'a TIMESTAMP')).toEqual([null]);
    expect(fromJson('{"a":"garbage"}', 'a TIMESTAMP')).toEqual([null]);
    expect(fromJson('{"a":"2024-01-02"}', 'a DATE')).toEqual([days('2024-01-02')]);
    expect(fromJson('{"a":"2024-01-02T10:00:00"}', 'a DATE')).toEqual([days('2024-01-02')]);
    expect(fromJson('{"a":"2024"}', 'a DATE')).toEqual([days('2024-01-01')]);
    expect(fromJson('{"a":19000}', 'a DATE')).toEqual([null]);
    expect(
      fromJson('{"a":"02/01/2024 10:30"}', 'a TIMESTAMP', { timestampFormat: 'dd/MM/yyyy HH:mm' }),
    ).toEqual([micros('2024-01-02T10:30:00Z')]);
    expect(fromJson('{"a":"02/01/2024"}', 'a DATE', { dateFormat: 'dd/MM/yyyy' })).toEqual([
      days('2024-01-02'),
    ]);
    expect(fromJson('{"a":"2024-01-02T03:04:05"}', 'a TIMESTAMP_NTZ')).toEqual([
      micros('2024-01-02T03:04:05Z'),
    ]);
    const ny = compileFromJson(toDataType('a TIMESTAMP'), jsonOptions({}, { timeZone: 'America/New_York' }));
    expect(ny('{"a":"2024-01-02T03:04:05"}')).toEqual([micros('2024-01-02T08:04:05Z')]);
  });

  it('nested arrays, maps and structs', () => {
    expect(fromJson('{"a":[1,2,null]}', 'a ARRAY<INT>')).toEqual([[1, 2, null]]);
    expect(fromJson('{"a":{"x":1}}', 'a MAP<STRING,INT>')).toEqual([new Map([['x', 1]])]);
    expect(fromJson('{"a":{"b":{"c":1}}}', 'a STRUCT<b: STRUCT<c: INT>>')).toEqual([[[1]]]);
    expect(fromJson('{"a":{"x":1}}', 'a STRUCT<x:INT>, b INT')).toEqual([[1], null]);
    expect(fromJson('{"a":[]}', 'a ARRAY<INT>')).toEqual([[]]);
    expect(fromJson('{"a":null}', 'a ARRAY<INT>')).toEqual([null]);
    expect(fromJson('{"a":[[1],[2,3]]}', 'a ARRAY<ARRAY<INT>>')).toEqual([[[1], [2, 3]]]);
    expect(fromJson('{"A":1, "a":2}', 'a INT')).toEqual([2]);
    expect(fromJson('{"A":1}', 'a INT')).toEqual([null]);
    expect(fromJson('{"a":1, "a":2}', 'a INT')).toEqual([2]);
    expect(fromJson('{"constructor":1}', 'toString STRING, constructor INT')).toEqual([null, 1]);
  });

  it('malformed records in PERMISSIVE mode: partial rows and the corrupt record column', () => {
    expect(fromJson('bad', 'a INT, b STRING')).toEqual([null, null]);
    expect(fromJson('{"a":1', 'a INT')).toEqual([null]);
    expect(fromJson('', 'a INT')).toBe(null);
    expect(fromJson(' ', 'a INT')).toBe(null);
    for (const root of ['[{"a":1},{"a":2}]', '[{"a":1}]', '[]', '1', '"x"', 'null']) {
      expect(fromJson(root, 'a INT')).toEqual([null]);
    }
    const schema = 'a INT, _corrupt_record STRING';
    expect(fromJson('{"a":1, "_corrupt_record":"q"}', schema)).toEqual([1, null]);
    expect(fromJson('{"a":"x"}', schema)).toEqual([null, '{"a":"x"}']);
    expect(fromJson('bad', schema)).toEqual([null, 'bad']);
    expect(fromJson('null', schema)).toEqual([null, 'null']);
    expect(fromJson('[]', schema)).toEqual([null, '[]']);
    expect(fromJson('{}', schema)).toEqual([null, null]);
    expect(fromJson('{"a":"x", "b": 2}', 'a INT, b INT')).toEqual([null, 2]);
    expect(fromJson('{"a":"x", "b": 2}', 'a INT, b INT, _corrupt_record STRING')).toEqual([
      null,
      2,
      '{"a":"x", "b": 2}',
    ]);
    expect(fromJson('bad', 'a INT, c STRING', { columnNameOfCorruptRecord: 'c' })).toEqual([null, 'bad']);
    // an array with a bad element is null; an array of structs keeps the partial structs
    const arrays = 'a ARRAY<INT>, b INT, _corrupt_record string';
    expect(fromJson('{"a":[1,"x"], "b":1}', arrays)).toEqual([null, 1, '{"a":[1,"x"], "b":1}']);
    const structs = 'a ARRAY<STRUCT<b:INT>>, b INT, _corrupt_record string';
    expect(fromJson('{"a":[{"b":"x"},{"b":1}], "b":1}', structs)).toEqual([
      [[null], [1]],
      1,
      '{"a":[{"b":"x"},{"b":1}], "b":1}',
    ]);
    expect(fromJson('{"a":{"k":"x","j":1}, "b":1}', 'a MAP<STRING,INT>, b INT')).toEqual([null, 1]);
    expect(fromJson('{"a":{"b":"x"}}', 'a STRUCT<b:INT>, c INT')).toEqual([[null], null]);
  });

  it('FAILFAST raises MALFORMED_RECORD_IN_PARSING', () => {
    expect(() => fromJson('bad', 'a INT', { mode: 'FAILFAST' })).toThrow(/MALFORMED_RECORD_IN_PARSING/);
    expect(() => fromJson('{"a":"x"}', 'a INT', { mode: 'failfast' })).toThrow(/Parse Mode: FAILFAST/);
    expect(() => fromJson('[1,"x"]', 'ARRAY<INT>', { mode: 'FAILFAST' })).toThrow(
      /MALFORMED_RECORD_IN_PARSING/,
    );
    expect(fromJson('{"a":1}', 'a INT', { mode: 'bogus' })).toEqual([1]);
  });

  it('array and map schemas', () => {
    expect(fromJson('[1,2,3]', 'ARRAY<INT>')).toEqual([1, 2, 3]);
    expect(fromJson('{"x":1}', 'MAP<STRING,INT>')).toEqual(new Map([['x', 1]]));
    expect(fromJson('[{"a":1},{"a":2}]', 'ARRAY<STRUCT<a:INT>>')).toEqual([[1], [2]]);
    expect(fromJson('{"a":1}', 'ARRAY<STRUCT<a:INT>>')).toEqual([[1]]);
    for (const bad of ['[1,"x"]', 'bad', '{"a":1}', '1']) expect(fromJson(bad, 'ARRAY<INT>')).toBe(null);
    expect(fromJson('bad', 'MAP<STRING,INT>')).toBe(null);
  });

  it('the file reader parses lines into rows per mode', () => {
    const schema = toDataType('a INT, _corrupt_record STRING') as StructType;
    const permissive = compileJsonRowParser(schema, opts());
    expect(permissive('{"a":1}')).toEqual([[1, null]]);
    expect(permissive('[{"a":1},{"a":2}]')).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(permissive('')).toEqual([]);
    expect(permissive('bad')).toEqual([[null, 'bad']]);
    expect(compileJsonRowParser(schema, opts({ mode: 'DROPMALFORMED' }))('bad')).toEqual([]);
    expect(() => compileJsonRowParser(schema, opts({ mode: 'FAILFAST' }))('bad')).toThrow(/MALFORMED_RECORD/);
  });
});

describe('writing JSON', () => {
  const write = (schema: string, v: unknown, o: Record<string, string> = {}) =>
    compileJsonWriter(toDataType(schema), { ...opts(o) })(v);

  it('writes structs, arrays and maps compactly, omitting null fields', () => {
    expect(write('a INT, b STRING, c INT', [1, 'x', null])).toBe('{"a":1,"b":"x"}');
    expect(write('a INT, b STRING, c INT', [1, 'x', null], { ignoreNullFields: 'false' })).toBe(
      '{"a":1,"b":"x","c":null}',
    );
    expect(write('ARRAY<INT>', [1, null])).toBe('[1,null]');
    expect(write('MAP<STRING,INT>', new Map([['a', null]]))).toBe('{"a":null}');
    expect(write('MAP<INT,STRING>', new Map([[1, 'a']]))).toBe('{"1":"a"}');
    expect(write('MAP<STRUCT<a: INT>,INT>', new Map([[[1], 1]]))).toBe('{"[1]":1}');
    expect(write('a STRUCT<c: INT>', [[null]])).toBe('{"a":{}}');
    expect(write('a ARRAY<STRUCT<x: INT>>', [[[null]]])).toBe('{"a":[{}]}');
  });

  it('formats numbers, timestamps, dates and binaries like Spark', () => {
    expect(
      write(
        'a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE, e FLOAT, f DECIMAL(3,2), g BOOLEAN, h BIGINT, i DOUBLE',
        [1.5, 1e10, 1e-5, Number.NaN, Math.fround(1.1), 150n, true, 10000000, 1e20],
      ),
    ).toBe('{"a":1.5,"b":1.0E10,"c":1.0E-5,"d":"NaN","e":1.1,"f":1.50,"g":true,"h":10000000,"i":1.0E20}');
    const t = Date.parse('2024-01-02T03:04:05.123Z') * 1000 + 456;
    expect(write('t TIMESTAMP', [t])).toBe('{"t":"2024-01-02T03:04:05.123Z"}');
    expect(
      compileJsonWriter(toDataType('t TIMESTAMP'), jsonOptions({}, { timeZone: 'America/New_York' }))([t]),
    ).toBe('{"t":"2024-01-01T22:04:05.123-05:00"}');
    expect(write('d DATE', [19724])).toBe('{"d":"2024-01-02"}');
    expect(write('d DATE', [19724], { dateFormat: 'dd/MM/yyyy' })).toBe('{"d":"02/01/2024"}');
    expect(write('t TIMESTAMP', [t], { timestampFormat: 'yyyy/MM/dd' })).toBe('{"t":"2024/01/02"}');
    expect(write('t TIMESTAMP_NTZ', [Date.parse('2024-01-02T03:04:05Z') * 1000])).toBe(
      '{"t":"2024-01-02T03:04:05.000"}',
    );
    expect(write('b BINARY', [new Uint8Array([1, 2])])).toBe('{"b":"AQI="}');
  });

  it('escapes strings like Jackson', () => {
    expect(quoteJsonString('q"\\\n\t\u0001é/')).toBe('"q\\"\\\\\\n\\t\\u0001é/"');
    expect(quoteJsonString('\u001f')).toBe('"\\u001F"');
  });
});

describe('schema inference', () => {
  const schemaOf = (text: string, o: Record<string, string> = {}) =>
    sqlTypeName(schemaOfJsonValue(parseJson(text)!, opts(o)));

  it('infers Spark types and sorts struct fields', () => {
    expect(
      schemaOf(
        '{"a":1, "b":"x", "c":1.5, "d":true, "e":null, "f":[1,2], "g":{"z":1,"y":2}, "h":[], "i":{}, "j":1e10, "k":12345678901234567890}',
      ),
    ).toBe(
      'STRUCT<a: BIGINT, b: STRING, c: DOUBLE, d: BOOLEAN, e: STRING, f: ARRAY<BIGINT>, g: STRUCT<y: BIGINT, z: BIGINT>, h: ARRAY<STRING>, j: DOUBLE, k: DECIMAL(20,0)>',
    );
    expect(schemaOf('[1,2]')).toBe('ARRAY<BIGINT>');
    expect(schemaOf('1')).toBe('BIGINT');
    expect(schemaOf('"x"')).toBe('STRING');
    expect(schemaOf('[{"a":1},{"b":"x"}]')).toBe('ARRAY<STRUCT<a: BIGINT, b: STRING>>');
    expect(schemaOf('[1, "x"]')).toBe('ARRAY<STRING>');
    expect(schemaOf('[1, 1.5]')).toBe('ARRAY<DOUBLE>');
    expect(schemaOf('[1, null]')).toBe('ARRAY<BIGINT>');
    expect(schemaOf('{}')).toBe('STRUCT<>');
    expect(schemaOf('null')).toBe('STRING');
    expect(schemaOf('[]')).toBe('ARRAY<STRING>');
    expect(schemaOf('{"a":{}}')).toBe('STRUCT<>');
    expect(schemaOf('{"":1, "b":2}')).toBe('STRUCT<b: BIGINT>');
    expect(schemaOf('[[]]')).toBe('ARRAY<ARRAY<STRING>>');
    expect(schemaOf('{"a":[{}]}')).toBe('STRUCT<>');
    expect(schemaOf('{"a":1.0}')).toBe('STRUCT<a: DOUBLE>');
    expect(schemaOf('{"a":-0}')).toBe('STRUCT<a: BIGINT>');
    expect(schemaOf('{"a":123456789012345678901234567890123456789}')).toBe('STRUCT<a: DOUBLE>');
    expect(schemaOf('{"a":[1, 12345678901234567890]}')).toBe('STRUCT<a: ARRAY<DECIMAL(20,0)>>');
    expect(schemaOf('{"a":[1.5, 12345678901234567890]}')).toBe('STRUCT<a: ARRAY<DOUBLE>>');
    expect(schemaOf('[{"a":1}, 2]')).toBe('ARRAY<STRING>');
    expect(schemaOf('{"a b":1, "A":2, "`":3}')).toBe('STRUCT<A: BIGINT, ````: BIGINT, `a b`: BIGINT>');
    expect(schemaOf('{"a":[[1],[1.5]], "b":[{"x":1},{"x":"s"}], "c":[1, true]}')).toBe(
      'STRUCT<a: ARRAY<ARRAY<DOUBLE>>, b: ARRAY<STRUCT<x: STRING>>, c: ARRAY<STRING>>',
    );
  });

  it('honours primitivesAsString and prefersDecimal', () => {
    expect(schemaOf('{"a":1}', { primitivesAsString: 'true' })).toBe('STRUCT<a: STRING>');
    expect(schemaOf('{"a":1.5}', { prefersDecimal: 'true' })).toBe('STRUCT<a: DECIMAL(2,1)>');
    expect(schemaOf('{"a":0.1}', { prefersDecimal: 'true' })).toBe('STRUCT<a: DECIMAL(1,1)>');
  });

  it('merges records for the file reader', () => {
    const values = ['{"a":1}', '{"a":1.5,"b":"x"}', '[{"c":true}]', 'null'].map((t) => parseJson(t)!);
    expect(sqlTypeName(inferSchemaOfRecords(values, opts()))).toBe(
      'STRUCT<a: DOUBLE, b: STRING, c: BOOLEAN>',
    );
  });
});

describe('get_json_object paths', () => {
  const get = (doc: string, path: string) => {
    const p = parseJsonPath(path);
    return p ? evaluateJsonPath(parseJson(doc)!, p) : null;
  };

  it('follows Spark’s path rules', () => {
    expect(get('{"a":{"b":1}}', '$.a.b')).toBe('1');
    expect(get('{"a":{"b":1}}', '$.a')).toBe('{"b":1}');
    expect(get('{"a":[1,2,3]}', '$.a[0]')).toBe('1');
    expect(get('{"a":[1,2,3]}', '$.a[*]')).toBe('[1,2,3]');
    expect(get('{"a":"x"}', '$.a')).toBe('x');
    expect(get('{"a":"x"}', '$.b')).toBe(null);
    expect(get('{"a":[{"b":1},{"b":2}]}', '$.a[*].b')).toBe('[1,2]');
    expect(get('{"a":[{"b":1}]}', '$.a[*].b')).toBe('1');
    expect(get('{"a":[{"b":1},{"c":2}]}', '$.a[*].b')).toBe('1');
    expect(get('{"a b":1}', "$['a b']")).toBe('1');
    expect(get('[1,2]', '$[1]')).toBe('2');
    expect(get('{"a":null}', '$.a')).toBe(null);
    expect(get('{"a":1}', '$')).toBe('{"a":1}');
    expect(get('{"a":1.50}', '$.a')).toBe('1.5');
    expect(get('{"a":[[1,2],[3]]}', '$.a[*][*]')).toBe('[1,2,3]');
    expect(get('{"a":[[1,2],[3]]}', '$.a[1][0]')).toBe('3');
    expect(get('{"a":["x","y"]}', '$.a[*]')).toBe('["x","y"]');
    expect(get('{"a":["x"]}', '$.a[*]')).toBe('"x"');
    expect(get('[{"a":1},{"a":2}]', '$[*].a')).toBe('[1,2]');
    expect(get('{"a":[{"b":[1,2]},{"b":[3]}]}', '$.a[*].b')).toBe('[[1,2],[3]]');
    expect(get('{"a":[{"b":[1,2]},{"b":[3]}]}', '$.a[*].b[*]')).toBe('[[1,2],[3]]');
    expect(get('{"a":[null, 1]}', '$.a[0]')).toBe('null');
    expect(get('{"a":[null, 1]}', '$.a[*]')).toBe('[null,1]');
    expect(get('{"a":[null]}', '$.a[*]')).toBe('null');
    expect(get('{"a":[]}', '$.a[*]')).toBe(null);
    expect(get('{"a":[{"b":[]}]}', '$.a[*].b[*]')).toBe(null);
    expect(get('{"a":[1]}', '$.a[*][*]')).toBe('[1]');
    expect(get('{"a":[[1],[2]]}', '$.a[0][*]')).toBe('[1]');
    expect(get('{"a":[[1,2],[3,4]]}', '$.a[*][1]')).toBe('[2,4]');
    expect(get('{"a":[[1,2],[3,4]]}', '$.a[1][*]')).toBe('[3,4]');
    expect(get('{"a":[1,2]}', '$.a[*][0]')).toBe(null);
    expect(get('{"$":1}', '$.$')).toBe('1');
    expect(get('{"a.b":1}', '$.a.b')).toBe(null);
    expect(get('{"a.b":1}', "$['a.b']")).toBe('1');
    expect(get('{"a":1e2}', '$.a')).toBe('100.0');
    expect(get('{"a":12345678901234567890}', '$.a')).toBe('12345678901234567890');
    expect(get('{"a":{"x":1.50,"y":"\\u00e9"}}', '$.a')).toBe('{"x":1.5,"y":"é"}');
  });

  it('rejects paths Spark rejects', () => {
    for (const p of ['a', '$.', '$..a', '', '$.*', '$a', '$.a[ 0 ]', '$["a"]', '$.a[-1]']) {
      const parsed = parseJsonPath(p);
      const r = parsed ? evaluateJsonPath(parseJson('{"a":{"b":"x"},"*":null}')!, parsed) : null;
      expect(r, p).toBe(null);
    }
  });
});

describe('small pieces', () => {
  it('decimalFromText rounds HALF_UP and checks precision', () => {
    expect(decimalFromText('1.125', 5, 2)).toBe(113n);
    expect(decimalFromText('-1.125', 5, 2)).toBe(-113n);
    expect(decimalFromText('1e2', 5, 2)).toBe(10000n);
    expect(decimalFromText('1e3', 5, 2)).toBe(null);
    expect(decimalFromText('0.004', 5, 2)).toBe(0n);
    expect(decimalFromText('0.005', 5, 2)).toBe(1n);
    expect(decimalFromText('abc', 5, 2)).toBe(null);
  });

  it('schemas in Spark’s JSON form round-trip', () => {
    const t = toDataType('a INT, b ARRAY<MAP<STRING, DECIMAL(10,2)>>, c STRUCT<d: TIMESTAMP NOT NULL>');
    expect(dataTypeFromJson(dataTypeToJson(t))).toEqual(t);
    expect(parseSchemaText(JSON.stringify(dataTypeToJson(t)))).toEqual(t);
    expect(parseSchemaText('a INT')).toEqual(toDataType('a INT'));
  });
});
