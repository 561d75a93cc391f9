/**
 * Catalog statements through `spark.sql`: temporary and global temporary views, tables over
 * folders with Spark's catalog-managed partitions (MSCK REPAIR TABLE, SHOW PARTITIONS), direct
 * file queries, DESCRIBE / SHOW output rows, SET / RESET, CACHE / UNCACHE, EXPLAIN. Expected rows
 * are what pyspark 4.3.0 prints for the same statements.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
const dir = mkdtempSync(join(tmpdir(), 'sluice-sql-catalog-'));
const partitioned = join(dir, 'partitioned');
const flat = join(dir, 'flat');

beforeAll(async () => {
  const df = spark.createDataFrame(
    [
      [1, 'a', 10],
      [2, 'b', 20],
      [3, 'a', null],
      [4, null, 40],
    ],
    'id INT, k STRING, v INT',
  );
  df.createOrReplaceTempView('t');
  await df.write.partitionBy('k').parquet(partitioned);
  await df.write.json(flat);
});
afterAll(() => {
  spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function table(sql: string): Promise<unknown[][]> {
  return (await spark.sql(sql).collect()).map((r) => r.toArray());
}

describe('views', () => {
  it('creates, lists and drops temporary and global temporary views', async () => {
    spark.sql('CREATE OR REPLACE TEMP VIEW small (x, y) AS SELECT id, v FROM t WHERE id < 3');
    expect(spark.table('small').columns).toEqual(['x', 'y']);
    expect(await table('SELECT * FROM small ORDER BY x')).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(() => spark.sql('CREATE TEMP VIEW small AS SELECT 1')).toThrow(
      '[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS]',
    );
    spark.sql('CREATE GLOBAL TEMP VIEW big AS SELECT id FROM t WHERE id > 2');
    expect(await table('SELECT * FROM global_temp.big ORDER BY id')).toEqual([[3], [4]]);
    expect(await table('SHOW TABLES IN global_temp')).toEqual([
      ['global_temp', 'big', true],
      ['', 'small', true],
      ['', 't', true],
    ]);
    spark.sql('DROP VIEW global_temp.big');
    spark.sql('DROP VIEW small');
    spark.sql('DROP VIEW IF EXISTS small');
    expect(() => spark.sql('DROP VIEW small')).toThrow(
      '[TABLE_OR_VIEW_NOT_FOUND] The table or view `spark_catalog`.`default`.`small` cannot be found.',
    );
  });
});

describe('tables over folders', () => {
  it('shows no partition until MSCK REPAIR TABLE registers them, as Spark does', async () => {
    spark.sql(`CREATE TABLE pt USING parquet LOCATION '${partitioned}'`);
    expect(await table('SELECT count(*) FROM pt')).toEqual([[0]]);
    expect(await table('SHOW PARTITIONS pt')).toEqual([]);
    spark.sql('MSCK REPAIR TABLE pt');
    expect(await table('SHOW PARTITIONS pt')).toEqual([['k=__HIVE_DEFAULT_PARTITION__'], ['k=a'], ['k=b']]);
    expect(await table('SELECT * FROM pt ORDER BY id')).toEqual([
      [1, 10, 'a'],
      [2, 20, 'b'],
      [3, null, 'a'],
      [4, 40, null],
    ]);
    expect(await table('DESCRIBE pt')).toEqual([
      ['id', 'int', null],
      ['v', 'int', null],
      ['k', 'string', null],
      ['# Partition Information', '', ''],
      ['# col_name', 'data_type', 'comment'],
      ['k', 'string', null],
    ]);
    const extended = await table('DESCRIBE EXTENDED pt');
    expect(extended.slice(6).map((r) => r[0])).toEqual([
      '',
      '# Detailed Table Information',
      'Catalog',
      'Database',
      'Table',
      'Created Time',
      'Last Access',
      'Created By',
      'Type',
      'Provider',
      'Location',
      'Partition Provider',
    ]);
    expect(extended.find((r) => r[0] === 'Location')![1]).toBe(`file:${partitioned}`);
    expect(() => spark.sql(`CREATE TABLE pt USING parquet LOCATION '${partitioned}'`)).toThrow(
      '[TABLE_OR_VIEW_ALREADY_EXISTS]',
    );
    spark.sql(`CREATE TABLE IF NOT EXISTS pt USING parquet LOCATION '${partitioned}'`);
    expect(await table('SHOW CREATE TABLE pt')).toEqual([
      [
        `CREATE TABLE spark_catalog.default.pt (\n  id INT,\n  v INT,\n  k STRING COLLATE UTF8_BINARY)\nUSING parquet\nPARTITIONED BY (k)\nLOCATION 'file:${partitioned}'\n`,
      ],
    ]);
    expect(() => spark.sql('SHOW CREATE TABLE t')).toThrow('[EXPECT_PERMANENT_VIEW_NOT_TEMP]');
  });

  it('reads unpartitioned folders at once and lists tables before views', async () => {
    spark.sql(`CREATE TABLE flat USING json LOCATION '${flat}'`);
    expect(await table('SELECT sum(v) FROM flat')).toEqual([[70]]);
    expect(() => spark.sql('SHOW PARTITIONS flat')).toThrow(
      '[INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY]',
    );
    expect(() => spark.sql('MSCK REPAIR TABLE flat')).toThrow('[NOT_A_PARTITIONED_TABLE]');
    expect(() => spark.sql('SHOW PARTITIONS t')).toThrow('[EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE]');
    expect(await table("SHOW TABLES LIKE 'flat|p*|t'")).toEqual([
      ['default', 'flat', false],
      ['default', 'pt', false],
      ['', 't', true],
    ]);
    expect(await table('SHOW COLUMNS IN flat')).toEqual([['id'], ['k'], ['v']]);
    spark.sql('DROP TABLE flat');
    expect(() => spark.table('flat')).toThrow('[TABLE_OR_VIEW_NOT_FOUND]');
  });

  it('creates managed tables under the warehouse folder and drops them with their files', async () => {
    spark.conf.set('spark.sql.warehouse.dir', join(dir, 'warehouse'));
    spark.sql('CREATE TABLE managed (a INT, b STRING) USING parquet');
    expect(await table('SELECT * FROM managed')).toEqual([]);
    const info = await table('DESCRIBE EXTENDED managed');
    expect(info.find((r) => r[0] === 'Type')![1]).toBe('MANAGED');
    expect(info.find((r) => r[0] === 'Location')![1]).toBe(`file:${join(dir, 'warehouse', 'managed')}`);
    expect(existsSync(join(dir, 'warehouse', 'managed'))).toBe(true);
    spark.sql('DROP TABLE managed');
    expect(existsSync(join(dir, 'warehouse', 'managed'))).toBe(false);
    expect(() => spark.sql('DROP TABLE managed')).toThrow('[TABLE_OR_VIEW_NOT_FOUND]');
  });

  it('queries files directly with format.`path`', async () => {
    expect(await table(`SELECT id, k FROM parquet.\`${partitioned}\` WHERE v > 15 ORDER BY id`)).toEqual([
      [2, 'b'],
      [4, null],
    ]);
  });
});

describe('other commands', () => {
  it('DESCRIBE a view, a column and a query', async () => {
    expect(await table('DESCRIBE t')).toEqual([
      ['id', 'int', null],
      ['k', 'string', null],
      ['v', 'int', null],
    ]);
    expect(await table('DESCRIBE t id')).toEqual([
      ['col_name', 'id'],
      ['data_type', 'int'],
      ['comment', 'NULL'],
    ]);
    expect(await table('DESCRIBE QUERY SELECT id, k FROM t')).toEqual([
      ['id', 'int', null],
      ['k', 'string', null],
    ]);
  });

  it('SET / RESET', async () => {
    expect(await table('SET spark.sql.shuffle.partitions=7')).toEqual([
      ['spark.sql.shuffle.partitions', '7'],
    ]);
    expect(spark.conf.get('spark.sql.shuffle.partitions')).toBe('7');
    spark.sql('RESET spark.sql.shuffle.partitions');
    expect(await table('SET spark.sql.shuffle.partitions')).toEqual([
      ['spark.sql.shuffle.partitions', '200'],
    ]);
    expect(await table('SET no.such.key')).toEqual([['no.such.key', '<undefined>']]);
  });

  it('CACHE / UNCACHE TABLE and EXPLAIN', async () => {
    spark.sql('CACHE TABLE t');
    expect(spark.table('t').explainString()).toContain('Cached');
    expect(await table('SELECT count(*) FROM t')).toEqual([[4]]);
    spark.sql('UNCACHE TABLE t');
    spark.sql('UNCACHE TABLE IF EXISTS nope');
    expect(() => spark.sql('UNCACHE TABLE nope')).toThrow('[TABLE_OR_VIEW_NOT_FOUND]');
    const plan = (await table('EXPLAIN SELECT id FROM t WHERE v > 1'))[0]![0] as string;
    expect(plan.startsWith('== Physical Plan ==')).toBe(true);
    expect(spark.sql('EXPLAIN EXTENDED SELECT 1').columns).toEqual(['plan']);
  });

  it('SHOW FUNCTIONS lists built-ins and operators', async () => {
    const names = (await table("SHOW FUNCTIONS LIKE 'a*'")).map((r) => r[0]);
    expect(names).toContain('abs');
    expect(names).toContain('array_contains');
    expect(names.every((n) => String(n).startsWith('a'))).toBe(true);
    const all = (await table('SHOW FUNCTIONS')).map((r) => r[0]);
    expect(all).toEqual(expect.arrayContaining(['+', '=', '<=>', '&', 'upper', 'count']));
    expect(all.some((n) => String(n).startsWith('__'))).toBe(false);
  });
});
