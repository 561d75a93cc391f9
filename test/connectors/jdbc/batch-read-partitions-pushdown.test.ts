/**
 * Partitioned reads (Spark's stride clauses, checked against the statements pyspark 4.3 sends),
 * filter and column pushdown (checked on the SQL the connector sends), fetchsize cursors, the
 * `predicates` form of spark.read.jdbc, and the option errors Spark gives.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnPartitionWheres } from '../../../src/connectors/jdbc/jdbc-partitioning.js';
import { Session } from '../../../src/index.js';
import { DateType, IntegerType, LongType, TimestampType } from '../../../src/types/data-type.js';
import { adminClient, JDBC_URL, jdbcOptions, recordStatements, uniqueTable } from './jdbc-test-helpers.js';

let admin: pg.Client;
let spark: Session;
let table: string;

beforeAll(async () => {
  admin = await adminClient();
  spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
  table = uniqueTable('parts');
  await admin.query(
    `CREATE TABLE ${table} (id integer, name text, score double precision, day date, at timestamptz, flag boolean)`,
  );
  await admin.query(
    `INSERT INTO ${table} SELECT g, 'n' || g, g * 1.5, DATE '2024-01-01' + g, TIMESTAMPTZ '2024-01-01 00:00:00+00' + g * INTERVAL '1 hour', g % 2 = 0 FROM generate_series(1, 100) g`,
  );
  await admin.query(`INSERT INTO ${table} (id, name) VALUES (NULL, 'no id'), (-5, 'below'), (500, 'above')`);
});
afterAll(async () => {
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.end();
});

const read = () => spark.read.format('jdbc').options(jdbcOptions(table));
/** The scan's statement among those recorded (not the schema look-ups of load()). */
const scanSql = (statements: string[]) =>
  statements.find((s) => s.startsWith('SELECT') && !s.endsWith('WHERE 1=0') && !s.includes('pg_catalog'));

describe("stride partitioning (Spark's columnPartition)", () => {
  it('gives the clauses Spark sends', () => {
    expect(columnPartitionWheres('"c"', IntegerType, '1', '100', 7, 'UTC')).toEqual([
      '"c" < 15 or "c" is null',
      '"c" >= 15 AND "c" < 29',
      '"c" >= 29 AND "c" < 43',
      '"c" >= 43 AND "c" < 57',
      '"c" >= 57 AND "c" < 71',
      '"c" >= 71 AND "c" < 85',
      '"c" >= 85',
    ]);
    expect(columnPartitionWheres('"c"', LongType, '-10', '10', 3, 'UTC')).toEqual([
      '"c" < -3 or "c" is null',
      '"c" >= -3 AND "c" < 3',
      '"c" >= 3',
    ]);
    expect(columnPartitionWheres('"d"', DateType, '2024-01-01', '2024-12-31', 3, 'UTC')).toEqual([
      `"d" < '2024-05-02' or "d" is null`,
      `"d" >= '2024-05-02' AND "d" < '2024-08-31'`,
      `"d" >= '2024-08-31'`,
    ]);
    expect(
      columnPartitionWheres('"t"', TimestampType, '2024-01-01 00:00:00', '2024-01-03 00:00:00', 3, 'UTC'),
    ).toEqual([
      `"t" < '2024-01-01 16:00:00' or "t" is null`,
      `"t" >= '2024-01-01 16:00:00' AND "t" < '2024-01-02 08:00:00'`,
      `"t" >= '2024-01-02 08:00:00'`,
    ]);
  });

  it('uses fewer partitions when the range is smaller, one when the bounds are equal', () => {
    expect(columnPartitionWheres('"c"', IntegerType, '0', '3', 10, 'UTC')).toHaveLength(3);
    expect(columnPartitionWheres('"c"', IntegerType, '5', '5', 10, 'UTC')).toEqual([null]);
    expect(columnPartitionWheres('"c"', IntegerType, '0', '5', 0, 'UTC')).toEqual([null]);
  });

  it('reads every row exactly once, NULLs and rows outside the bounds included', async () => {
    const df = read()
      .option('partitionColumn', 'ID')
      .option('lowerBound', 1)
      .option('upperBound', 100)
      .option('numPartitions', 7)
      .load();
    const { result, statements } = await recordStatements(() => df.select('id').collect());
    const ids = result.map((r) => r.get(0) as number | null);
    expect(ids).toHaveLength(103);
    expect(new Set(ids).size).toBe(103);
    const selects = statements.filter((s) => s.startsWith('SELECT "id"'));
    expect(selects).toEqual([
      `SELECT "id" FROM ${table} WHERE "id" < 15 or "id" is null`,
      `SELECT "id" FROM ${table} WHERE "id" >= 15 AND "id" < 29`,
      `SELECT "id" FROM ${table} WHERE "id" >= 29 AND "id" < 43`,
      `SELECT "id" FROM ${table} WHERE "id" >= 43 AND "id" < 57`,
      `SELECT "id" FROM ${table} WHERE "id" >= 57 AND "id" < 71`,
      `SELECT "id" FROM ${table} WHERE "id" >= 71 AND "id" < 85`,
      `SELECT "id" FROM ${table} WHERE "id" >= 85`,
    ]);
  });

  it('partitions on dates and timestamps', async () => {
    const byDay = read()
      .option('partitionColumn', 'day')
      .option('lowerBound', '2024-01-01')
      .option('upperBound', '2024-04-10')
      .option('numPartitions', 4)
      .load();
    expect(await byDay.count()).toBe(103);
    const byTime = read()
      .option('partitionColumn', 'at')
      .option('lowerBound', '2024-01-01 00:00:00')
      .option('upperBound', '2024-01-05 00:00:00')
      .option('numPartitions', 5)
      .load();
    expect(await byTime.where('at IS NOT NULL').count()).toBe(100);
  });

  it('reads through a cursor, fetchsize rows at a time', async () => {
    const { result, statements } = await recordStatements(() =>
      read().option('fetchsize', 40).load().select('id').where('id BETWEEN 1 AND 100').collect(),
    );
    expect(result).toHaveLength(100);
    expect(statements.filter((s) => s.startsWith('FETCH FORWARD 40'))).toHaveLength(3);
    expect(statements.find((s) => s.startsWith('DECLARE'))).toMatch(
      /^DECLARE sluice_scan NO SCROLL CURSOR FOR SELECT "id" FROM/,
    );
  });

  it('reads one partition per predicate with spark.read.jdbc', async () => {
    const df = spark.read.jdbc(JDBC_URL, table, {
      predicates: ['id < 50', 'id >= 50', 'id IS NULL'],
      properties: { user: 'postgres', password: 'postgres' },
    });
    const { result, statements } = await recordStatements(() => df.select('name').collect());
    expect(result).toHaveLength(103);
    expect(statements.filter((s) => s.startsWith('SELECT "name"'))).toEqual([
      `SELECT "name" FROM ${table} WHERE id < 50`,
      `SELECT "name" FROM ${table} WHERE id >= 50`,
      `SELECT "name" FROM ${table} WHERE id IS NULL`,
    ]);
  });
});

describe('pushdown', () => {
  // the Filter stays above the scan (results never depend on pushdown), so the columns it reads
  // are read too; columns nothing uses are not
  it('sends the filters and only the columns the query needs', async () => {
    const df = read()
      .load()
      .where(
        "id > 10 AND name LIKE 'n1%' AND score <= 100.5 AND day >= DATE'2024-01-05' AND flag AND id IN (12, 14, 16, 18) AND NOT (id = 16) AND (score < 20 OR name = 'n18')",
      )
      .select('id', 'name');
    const { result, statements } = await recordStatements(() => df.collect());
    expect(result.map((r) => r.get(0)).sort()).toEqual([12, 18]);
    const sql = scanSql(statements);
    expect(sql).toBe(
      `SELECT "id","name","score","day","flag" FROM ${table} WHERE ("id" > 10) AND ("name" LIKE 'n1%' ESCAPE '\\') AND ("score" <= '100.5'::float8) AND ("day" >= '2024-01-05') AND ("flag" = true) AND ("id" IN (12, 14, 16, 18)) AND (NOT ("id" = 16)) AND (("score" < '20'::float8) OR ("name" = 'n18'))`,
    );
  });

  it('compares strings by code point, null-safe equality and IS NULL translate too', async () => {
    const df = read().load().where("name >= 'n9' AND id <=> 95 AND score IS NOT NULL").select('id');
    const { result, statements } = await recordStatements(() => df.collect());
    expect(result.map((r) => r.get(0))).toEqual([95]);
    expect(scanSql(statements)).toBe(
      `SELECT "id","name","score" FROM ${table} WHERE ("name" COLLATE "C" >= 'n9') AND ("id" IS NOT DISTINCT FROM 95) AND ("score" IS NOT NULL)`,
    );
  });

  it('keeps what does not translate for the engine (results never depend on pushdown)', async () => {
    const df = read().load().where("upper(name) = 'N7' OR id + 1 = 9").select('id');
    const { result, statements } = await recordStatements(() => df.collect());
    expect(result.map((r) => r.get(0)).sort()).toEqual([7, 8]);
    expect(scanSql(statements)).toBe(`SELECT "id","name" FROM ${table}`);
    const off = read().option('pushDownPredicate', false).load().where('id = 3').select('name');
    const r2 = await recordStatements(() => off.collect());
    expect(r2.result.map((r) => r.get(0))).toEqual(['n3']);
    expect(scanSql(r2.statements)).toBe(`SELECT "id","name" FROM ${table}`);
  });

  it('count() reads no column (SELECT 1)', async () => {
    const df = read().load();
    const { result, statements } = await recordStatements(() => df.count());
    expect(result).toBe(103);
    expect(scanSql(statements)).toBe(`SELECT 1 FROM ${table}`);
    const filtered = await recordStatements(() => df.where('id < 10').count());
    expect(filtered.result).toBe(10);
    expect(scanSql(filtered.statements)).toBe(`SELECT "id" FROM ${table} WHERE ("id" < 10)`);
  });

  it('wraps a query option as Spark does', async () => {
    const df = spark.read
      .format('jdbc')
      .options({ url: JDBC_URL, user: 'postgres', password: 'postgres' })
      .option('query', `SELECT id, name FROM ${table} WHERE id <= 3`)
      .load();
    const { result, statements } = await recordStatements(() => df.where('id > 1').select('name').collect());
    expect(result.map((r) => r.get(0)).sort()).toEqual(['n2', 'n3']);
    expect(scanSql(statements)).toMatch(
      new RegExp(
        `^SELECT "id","name" FROM \\(SELECT id, name FROM ${table} WHERE id <= 3\\) SPARK_GEN_SUBQ_\\d+ WHERE \\("id" > 1\\)$`,
      ),
    );
  });
});

describe('errors', () => {
  const base = { url: JDBC_URL, user: 'postgres', password: 'postgres' };
  it("rejects bad option combinations with Spark's messages", () => {
    expect(() =>
      spark.read
        .format('jdbc')
        .options({ ...base, dbtable: table, query: 'select 1' })
        .load(),
    ).toThrow("[_LEGACY_ERROR_TEMP_2078] Both 'dbtable' and 'query' can not be specified at the same time.");
    expect(() => spark.read.format('jdbc').options(base).load()).toThrow(
      "[_LEGACY_ERROR_TEMP_2079] Option 'dbtable' or 'query' is required.",
    );
    expect(() => spark.read.format('jdbc').option('dbtable', table).load()).toThrow(
      "requirement failed: Option 'url' is required.",
    );
    expect(() =>
      spark.read
        .format('jdbc')
        .options({ ...base, query: ' ' })
        .load(),
    ).toThrow('Option `query` can not be empty.');
    expect(() =>
      spark.read
        .format('jdbc')
        .options({ ...base, dbtable: table, partitionColumn: 'id' })
        .load(),
    ).toThrow(
      "When reading JDBC data sources, users need to specify all or none for the following options: 'partitionColumn', 'lowerBound', 'upperBound', and 'numPartitions'",
    );
    expect(() =>
      spark.read
        .format('jdbc')
        .options({
          ...base,
          dbtable: table,
          partitionColumn: 'name',
          lowerBound: 0,
          upperBound: 5,
          numPartitions: 2,
        })
        .load(),
    ).toThrow(
      '[_LEGACY_ERROR_TEMP_1287] Partition column type should be numeric, date, or timestamp, but string found.',
    );
    expect(() =>
      spark.read
        .format('jdbc')
        .options({
          ...base,
          dbtable: table,
          partitionColumn: 'nope',
          lowerBound: 0,
          upperBound: 5,
          numPartitions: 2,
        })
        .load(),
    ).toThrow(
      /\[_LEGACY_ERROR_TEMP_1286\] User-defined partition column nope not found in the JDBC relation/,
    );
    expect(() =>
      spark.read
        .format('jdbc')
        .options({
          ...base,
          dbtable: table,
          partitionColumn: 'id',
          lowerBound: 5,
          upperBound: 0,
          numPartitions: 2,
        })
        .load(),
    ).toThrow(
      'Operation not allowed: the lower bound of partitioning column is larger than the upper bound. Lower bound: 5; Upper bound: 0',
    );
  });

  it('names a missing table and a failed login clearly, without the password', () => {
    expect(() =>
      spark.read
        .format('jdbc')
        .options({ ...base, dbtable: 'no_such_table_here' })
        .load(),
    ).toThrow(/\[TABLE_OR_VIEW_NOT_FOUND\] The table or view `no_such_table_here` cannot be found/);
    let err: Error | undefined;
    try {
      spark.read
        .format('jdbc')
        .options({ ...base, password: 'wrong-secret', dbtable: table })
        .load();
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(
      /^\[FAILED_JDBC\.CONNECTION\] Failed JDBC jdbc:postgresql:\*\*\*\*\*\*\*\*\*\(redacted\) on the operation: Couldn't connect to the database: .*password authentication failed/,
    );
    expect(err?.message).not.toContain('wrong-secret');
  });
});
