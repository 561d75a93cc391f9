/**
 * SQL statements that write files, run with `await spark.sqlAsync(…)`: CREATE TABLE … AS SELECT
 * (managed and with LOCATION, partitioned) and INSERT INTO / INSERT OVERWRITE (by position, by
 * name, with a column list, static partition values). The written files are read back through the
 * table and directly from the folder; `spark.sql` refuses these statements with a message that
 * names sqlAsync.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-sql-writes-'));
const spark = Session.builder()
  .master('local[2]')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.warehouse.dir', join(dir, 'warehouse'))
  .getOrCreate();
spark
  .createDataFrame(
    [
      [1, 'a', 2024, 10.5],
      [2, 'b', 2024, 20.5],
      [3, 'a', 2025, 30.5],
    ],
    'id INT, k STRING, year INT, v DOUBLE',
  )
  .createOrReplaceTempView('src');
afterAll(() => {
  spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await spark.sql(sql).collect()).map((r) => r.toArray());
}

describe('CREATE TABLE … AS SELECT', () => {
  it('writes a managed table under the warehouse folder and registers it', async () => {
    const out = await spark.sqlAsync(
      'CREATE TABLE managed_t USING parquet AS SELECT id, k FROM src WHERE id < 3',
    );
    expect(out.columns).toEqual([]);
    expect(await out.collect()).toEqual([]);
    expect(existsSync(join(dir, 'warehouse', 'managed_t', '_SUCCESS'))).toBe(true);
    expect(await rows('SELECT * FROM managed_t ORDER BY id')).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    await expect(spark.sqlAsync('CREATE TABLE managed_t AS SELECT 1 AS x')).rejects.toThrow(
      /TABLE_OR_VIEW_ALREADY_EXISTS/,
    );
    await spark.sqlAsync('CREATE TABLE IF NOT EXISTS managed_t AS SELECT 1 AS x');
    expect(await rows('SELECT count(*) FROM managed_t')).toEqual([[2]]);
  });

  it('writes a partitioned table at a LOCATION, whose partitions are visible at once', async () => {
    const location = join(dir, 'by_year');
    await spark.sqlAsync(
      `CREATE TABLE by_year USING json PARTITIONED BY (year) LOCATION '${location}' AS SELECT id, v, year FROM src`,
    );
    expect(
      readdirSync(location)
        .filter((n) => n.startsWith('year='))
        .sort(),
    ).toEqual(['year=2024', 'year=2025']);
    expect(await rows('SHOW PARTITIONS by_year')).toEqual([['year=2024'], ['year=2025']]);
    expect(await rows('SELECT id, v, year FROM by_year ORDER BY id')).toEqual([
      [1, 10.5, 2024],
      [2, 20.5, 2024],
      [3, 30.5, 2025],
    ]);
  });

  it('CREATE OR REPLACE TABLE … AS SELECT replaces the rows', async () => {
    await spark.sqlAsync('CREATE TABLE repl USING parquet AS SELECT 1 AS x');
    await spark.sqlAsync('CREATE OR REPLACE TABLE repl USING parquet AS SELECT 2 AS x UNION ALL SELECT 3');
    expect(await rows('SELECT x FROM repl ORDER BY x')).toEqual([[2], [3]]);
  });
});

describe('INSERT', () => {
  it('INSERT INTO appends by position, casting to the table types; OVERWRITE replaces', async () => {
    await spark.sqlAsync(`CREATE TABLE ins (id BIGINT, name STRING) USING parquet`);
    await spark.sqlAsync('INSERT INTO ins SELECT id, k FROM src WHERE id = 1');
    await spark.sqlAsync("INSERT INTO TABLE ins VALUES (7, 'seven')");
    expect(await rows('SELECT * FROM ins ORDER BY id')).toEqual([
      [1, 'a'],
      [7, 'seven'],
    ]);
    expect(spark.sql('SELECT * FROM ins').dtypes).toEqual([
      ['id', 'bigint'],
      ['name', 'string'],
    ]);
    await spark.sqlAsync("INSERT OVERWRITE ins SELECT 9, 'nine'");
    expect(await rows('SELECT * FROM ins')).toEqual([[9, 'nine']]);
  });

  it('a column list or BY NAME maps columns by name; missing ones are NULL', async () => {
    await spark.sqlAsync(`CREATE TABLE named (a INT, b STRING, c DOUBLE) USING parquet`);
    await spark.sqlAsync('INSERT INTO named (c, a) VALUES (1.5, 1)');
    await spark.sqlAsync("INSERT INTO named BY NAME SELECT 'x' AS b, 2 AS a");
    expect(await rows('SELECT * FROM named ORDER BY a')).toEqual([
      [1, null, 1.5],
      [2, 'x', null],
    ]);
  });

  it('static partition values fill the partition column; OVERWRITE replaces only that partition', async () => {
    const location = join(dir, 'parts');
    await spark.sqlAsync(
      `CREATE TABLE parts USING parquet PARTITIONED BY (year) LOCATION '${location}' AS SELECT id, year FROM src`,
    );
    await spark.sqlAsync('INSERT INTO parts PARTITION (year = 2026) SELECT 100');
    await spark.sqlAsync('INSERT OVERWRITE parts PARTITION (year = 2024) SELECT 200');
    expect(await rows('SELECT id, year FROM parts ORDER BY id')).toEqual([
      [3, 2025],
      [100, 2026],
      [200, 2024],
    ]);
    // the folder holds exactly what the table shows
    const direct = await spark.read.parquet(location).orderBy('id').collect();
    expect(direct.map((r) => r.toArray())).toEqual([
      [3, 2025],
      [100, 2026],
      [200, 2024],
    ]);
  });

  it("converts with Spark's ANSI store assignment by default; LEGACY is one setting away", async () => {
    // the cases and messages checked against pyspark 4.3.0 (spark.sql.ansi.enabled=false)
    await spark.sqlAsync(`CREATE TABLE assign (a INT, b TINYINT, c STRING, d DATE, e DOUBLE) USING parquet`);
    await spark.sqlAsync("INSERT INTO assign SELECT 1, 2, 3, timestamp'2024-05-06 07:08:09', 5");
    await spark.sqlAsync('INSERT INTO assign SELECT 1.5, 2, true, null, 1');
    expect(await rows('SELECT * FROM assign ORDER BY c')).toEqual([
      [1, 2, '3', new Date(Date.UTC(2024, 4, 6)), 5],
      [1, 2, 'true', null, 1],
    ]);
    await expect(
      spark.sqlAsync("INSERT INTO assign SELECT 'x', 2, 'c', date'2024-01-01', 1.0"),
    ).rejects.toThrow(
      'Cannot write incompatible data for the table `spark_catalog`.`default`.`assign`: Cannot safely cast `a` "STRING" to "INT".',
    );
    await expect(spark.sqlAsync("INSERT INTO assign SELECT 1, 2, 'c', null, 'NaN'")).rejects.toThrow(
      /INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST.*Cannot safely cast `e` "STRING" to "DOUBLE"/,
    );
    await expect(spark.sqlAsync("INSERT INTO assign SELECT 1, 300, 'c', null, 1.0")).rejects.toThrow(
      'Fail to assign a value of "INT" type to the "TINYINT" type column or variable `b` due to an overflow. Use `try_cast` on the input value to tolerate overflow and return NULL instead.',
    );
    await expect(spark.sqlAsync("INSERT INTO assign SELECT 3000000000L, 2, 'c', null, 1")).rejects.toThrow(
      /CAST_OVERFLOW_IN_TABLE_INSERT.*"BIGINT" type to the "INT" type column or variable `a`/,
    );
    // a failed INSERT wrote nothing
    expect(await rows('SELECT count(*) FROM assign')).toEqual([[2]]);
    spark.conf.set('spark.sql.storeAssignmentPolicy', 'LEGACY');
    try {
      await spark.sqlAsync("INSERT INTO assign SELECT '7x', 300, 'legacy', null, 1");
      expect(await rows("SELECT a, b FROM assign WHERE c = 'legacy'")).toEqual([[null, 44]]);
    } finally {
      spark.conf.unset('spark.sql.storeAssignmentPolicy');
    }
  });

  it('errors name the problem', async () => {
    await expect(spark.sqlAsync('INSERT INTO nowhere SELECT 1')).rejects.toThrow(/TABLE_OR_VIEW_NOT_FOUND/);
    await spark.sqlAsync(`CREATE TABLE two (a INT, b INT) USING parquet`);
    await expect(spark.sqlAsync('INSERT INTO two SELECT 1')).rejects.toThrow(
      /INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS/,
    );
    expect(() => spark.sql('INSERT INTO two SELECT 1, 2')).toThrow(/spark\.sqlAsync/);
    expect(() => spark.sql('CREATE TABLE c2 AS SELECT 1 AS x')).toThrow(/spark\.sqlAsync/);
    // queries and other commands work through sqlAsync too
    expect(await (await spark.sqlAsync('SELECT count(*) AS n FROM two')).collect()).toEqual([
      expect.objectContaining({ n: 0 }),
    ]);
  });
});
