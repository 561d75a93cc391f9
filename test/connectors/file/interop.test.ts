/**
 * Interop with real tools: parquet and JSON written by pyspark are read by Sluice (fixtures made
 * by fixtures/make_fixtures.py), and parquet written by Sluice is read by pyspark and DuckDB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spark, tempDir, textRows } from './file-test-helpers.js';

afterAll(() => spark.stop());

const FIXTURES = join(__dirname, 'fixtures');

function python(args: string[]): string {
  return execFileSync('python3', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
}
const hasPyspark = spawnSync('python3', ['-c', 'import pyspark']).status === 0;
function ensureDuckdb(): boolean {
  if (spawnSync('python3', ['-c', 'import duckdb']).status === 0) return true;
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', 'duckdb'], { encoding: 'utf8' });
  if (pip.status !== 0) {
    console.warn(`skipping DuckDB interop: 'pip install duckdb' failed: ${pip.stderr}`);
    return false;
  }
  return true;
}

const COMPLEX = `SELECT * FROM VALUES
  (1, CAST(1 AS TINYINT), CAST(2 AS SMALLINT), 3000000000L, CAST(1.5 AS FLOAT), 2.25D,
   CAST(123.45 AS DECIMAL(5,2)), CAST('-1234567890123456789012345678.0123456789' AS DECIMAL(38,10)),
   'héllo', CAST('ab' AS BINARY), true, DATE'2024-11-21', TIMESTAMP'2024-11-21 10:20:30.123456',
   array(1, NULL, 3), map(2, 'b', 1, 'a'), named_struct('x', 1, 'y', array(named_struct('k', 'v')))),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
  AS t(id, b, s, l, f, d, dec_small, dec_big, str, bin, bool, dt, ts, arr, m, st)`;

describe('files written by pyspark', () => {
  it('reads pyspark parquet (snappy, INT96 timestamps, decimals, nested types)', async () => {
    const df = spark.read.parquet(join(FIXTURES, 'pyspark-parquet'));
    expect(df.dtypes).toEqual([
      ['id', 'int'],
      ['b', 'tinyint'],
      ['s', 'smallint'],
      ['l', 'bigint'],
      ['f', 'float'],
      ['d', 'double'],
      ['dec_small', 'decimal(5,2)'],
      ['dec_mid', 'decimal(18,4)'],
      ['dec_big', 'decimal(38,10)'],
      ['str', 'string'],
      ['bin', 'binary'],
      ['bool', 'boolean'],
      ['dt', 'date'],
      ['ts', 'timestamp'],
      ['ntz', 'timestamp_ntz'],
      ['arr', 'array<int>'],
      ['m', 'map<int,string>'],
      ['st', 'struct<x:int,y:array<struct<k:string,m:map<string,double>>>>'],
    ]);
    const rows = await textRows(df.drop('bin'));
    expect(rows[0]).toEqual([
      '1',
      '1',
      '2',
      '3000000000',
      '1.5',
      '2.25',
      '123.45',
      '12345678901234.5678',
      '-1234567890123456789012345678.0123456789',
      'héllo',
      'true',
      '2024-11-21',
      '2024-11-21 10:20:30.123456',
      '2024-11-21 10:20:30.5',
      '[1, null, 3]',
      '{2 -> b, 1 -> a}',
      '{1, [{v, {q -> 1.5}}]}',
    ]);
    expect(rows[1]![0]).toBe('2');
    expect(rows[1]!.slice(1).every((v) => v === null)).toBe(true);
    expect(rows[2]).toEqual([
      '3',
      '-128',
      '-32768',
      '-9007199254740993',
      'NaN',
      '-0.0',
      '-0.01',
      '0.0000',
      '1.0000000000',
      '',
      'false',
      '1970-01-01',
      '1969-12-31 23:59:59.999999',
      '1970-01-01 00:00:00',
      '[]',
      '{}',
      '{null, null}',
    ]);
  });

  it('reads pyspark zstd parquet', async () => {
    const df = spark.read.parquet(join(FIXTURES, 'pyspark-parquet-zstd'));
    expect(await textRows(df.select('id', 'dec_big', 'm'))).toEqual([
      ['1', '-1234567890123456789012345678.0123456789', '{2 -> b, 1 -> a}'],
      ['2', null, null],
      ['3', '1.0000000000', '{}'],
    ]);
  });

  it('reads partitioned JSON written by pyspark', async () => {
    const df = spark.read
      .schema('id INT, name STRING, ts TIMESTAMP, day INT, note STRING')
      .json(join(FIXTURES, 'pyspark-json'));
    expect(df.columns).toEqual(['id', 'name', 'ts', 'day', 'note', 'year', 'month']);
    expect(await textRows(df)).toEqual([
      ['1', 'a', '2024-11-21 10:00:00', '21', null, '2024', '11'],
      ['2', 'b', '2024-11-22 11:30:00.5', '22', 'x', '2024', '11'],
      ['3', null, null, '1', 'y', '2024', '12'],
    ]);
  });
});

describe('parquet written by Sluice', () => {
  it.skipIf(!hasPyspark)(
    'is read back identically by pyspark',
    async () => {
      const out = join(tempDir(), 'pq');
      const df = spark.sql(COMPLEX);
      await df.write.parquet(out);
      const theirs = JSON.parse(
        python([join(FIXTURES, 'interop_read.py'), 'pyspark', out])
          .trim()
          .split('\n')
          .pop()!,
      );
      expect(theirs.schema).toBe(
        'struct<id:int,b:tinyint,s:smallint,l:bigint,f:float,d:double,dec_small:decimal(5,2),dec_big:decimal(38,10),str:string,bin:binary,bool:boolean,dt:date,ts:timestamp,arr:array<int>,m:map<int,string>,st:struct<x:int,y:array<struct<k:string>>>>',
      );
      const ours = await textRows(spark.read.parquet(out));
      expect(theirs.rows).toEqual(ours);
    },
    180_000,
  );

  it('is read by DuckDB', async () => {
    if (!ensureDuckdb()) return;
    const out = join(tempDir(), 'pq');
    await spark.sql(COMPLEX).write.option('compression', 'zstd').parquet(out);
    const res = JSON.parse(python([join(FIXTURES, 'interop_read.py'), 'duckdb', out]));
    expect(res.columns).toEqual([
      'id',
      'b',
      's',
      'l',
      'f',
      'd',
      'dec_small',
      'dec_big',
      'str',
      'bin',
      'bool',
      'dt',
      'ts',
      'arr',
      'm',
      'st',
    ]);
    const [first, second] = res.rows;
    expect(first).toEqual([
      '1',
      '1',
      '2',
      '3000000000',
      '1.5',
      '2.25',
      '123.45',
      '-1234567890123456789012345678.0123456789',
      'héllo',
      'ab',
      'true',
      '2024-11-21',
      '2024-11-21 10:20:30.123456+00',
      '[1, NULL, 3]',
      '{2=b, 1=a}',
      "{'x': 1, 'y': [{'k': v}]}",
    ]);
    expect(second.slice(1).every((v: unknown) => v === null)).toBe(true);
  }, 180_000);
});
