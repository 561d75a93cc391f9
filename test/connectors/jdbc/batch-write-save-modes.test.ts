/**
 * `df.write.format('jdbc')`: Spark's save modes (append, overwrite by drop+create or truncate,
 * error, ignore), createTableColumnTypes / createTableOptions, batchsize with multi-row INSERTs,
 * isolationLevel, and the statements each sends.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../src/index.js';
import {
  adminClient,
  CREDENTIALS,
  JDBC_URL,
  jdbcOptions,
  recordStatements,
  uniqueTable,
} from './jdbc-test-helpers.js';

let admin: pg.Client;
let spark: Session;
const tables: string[] = [];
const table = (p: string) => {
  const t = uniqueTable(p);
  tables.push(t);
  return t;
};

beforeAll(async () => {
  admin = await adminClient();
  spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
});
afterAll(async () => {
  for (const t of tables) await admin.query(`DROP TABLE IF EXISTS ${t}`);
  await admin.end();
});

const rows = async (t: string) => (await admin.query(`SELECT * FROM ${t} ORDER BY 1`)).rows;
const people = () =>
  spark.createDataFrame(
    [
      [1, 'ann'],
      [2, 'bob'],
    ],
    'id INT, name STRING',
  );

describe('save modes', () => {
  it('error (the default) creates a missing table and fails on an existing one', async () => {
    const t = table('mode_error');
    const { statements } = await recordStatements(() =>
      people().write.format('jdbc').options(jdbcOptions(t)).save(),
    );
    expect(statements).toEqual([
      "SET TIME ZONE 'UTC'",
      `SELECT * FROM ${t} WHERE 1=0`,
      'BEGIN ISOLATION LEVEL READ UNCOMMITTED',
      `CREATE TABLE ${t} ("id" INTEGER, "name" TEXT)`,
      `COPY ${t} ("id","name") FROM STDIN`,
      'COMMIT',
    ]);
    expect(await rows(t)).toEqual([
      { id: 1, name: 'ann' },
      { id: 2, name: 'bob' },
    ]);
    await expect(people().write.format('jdbc').options(jdbcOptions(t)).mode('error').save()).rejects.toThrow(
      `[_LEGACY_ERROR_TEMP_1288] Table or view '${t}' already exists. SaveMode: ErrorIfExists.`,
    );
  });

  it('append adds rows, matching columns by name case-insensitively', async () => {
    const t = table('mode_append');
    await admin.query(`CREATE TABLE ${t} (name text, "ID" integer, extra text DEFAULT 'x')`);
    await people().write.format('jdbc').options(jdbcOptions(t)).mode('append').save();
    await people().select('name', 'id').write.format('jdbc').options(jdbcOptions(t)).mode('append').save();
    expect((await admin.query(`SELECT "ID", name, extra FROM ${t} ORDER BY 1, 2`)).rows).toEqual([
      { ID: 1, name: 'ann', extra: 'x' },
      { ID: 1, name: 'ann', extra: 'x' },
      { ID: 2, name: 'bob', extra: 'x' },
      { ID: 2, name: 'bob', extra: 'x' },
    ]);
    await expect(
      spark.sql('SELECT 1 AS zzz').write.format('jdbc').options(jdbcOptions(t)).mode('append').save(),
    ).rejects.toThrow(
      `[COLUMN_NOT_DEFINED_IN_TABLE] "INT" column \`zzz\` is not defined in table \`${t}\`, defined table columns are: \`name\`, \`ID\`, \`extra\`.`,
    );
  });

  it('overwrite drops and recreates the table; with truncate=true it keeps the definition', async () => {
    const t = table('mode_overwrite');
    await admin.query(`CREATE TABLE ${t} (id bigint PRIMARY KEY, name varchar(10), note text)`);
    await admin.query(`INSERT INTO ${t} VALUES (9, 'old', 'n')`);
    const truncated = await recordStatements(() =>
      people().write.format('jdbc').options(jdbcOptions(t)).option('truncate', true).mode('overwrite').save(),
    );
    expect(truncated.statements).toContain(`TRUNCATE TABLE ONLY ${t}`);
    expect(await rows(t)).toEqual([
      { id: '1', name: 'ann', note: null },
      { id: '2', name: 'bob', note: null },
    ]);
    const types = async () =>
      (
        await admin.query(
          `SELECT format_type(atttypid, atttypmod) t FROM pg_attribute WHERE attrelid = '${t}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        )
      ).rows.map((r) => r.t);
    expect(await types()).toEqual(['bigint', 'character varying(10)', 'text']);

    const dropped = await recordStatements(() =>
      people().where('id = 2').write.format('jdbc').options(jdbcOptions(t)).mode('overwrite').save(),
    );
    expect(dropped.statements).toContain(`DROP TABLE ${t}`);
    expect(await types()).toEqual(['integer', 'text']);
    expect(await rows(t)).toEqual([{ id: 2, name: 'bob' }]);
  });

  it('the overwrite is one transaction: a failing write leaves the old table', async () => {
    const t = table('mode_atomic');
    await people().write.format('jdbc').options(jdbcOptions(t)).save();
    const bad = spark.createDataFrame([[1, 'x'.repeat(5)]], 'id INT, name STRING');
    await expect(
      bad.write
        .format('jdbc')
        .options(jdbcOptions(t))
        .option('createTableColumnTypes', 'name VARCHAR(2)')
        .mode('overwrite')
        .save(),
    ).rejects.toThrow(/value too long for type character varying\(2\)/);
    expect(await rows(t)).toEqual([
      { id: 1, name: 'ann' },
      { id: 2, name: 'bob' },
    ]);
  });

  it('ignore does nothing when the table exists', async () => {
    const t = table('mode_ignore');
    await people().write.format('jdbc').options(jdbcOptions(t)).mode('ignore').save();
    const again = await recordStatements(() =>
      people().write.format('jdbc').options(jdbcOptions(t)).mode('ignore').save(),
    );
    expect(again.statements.filter((s) => /INSERT|COPY|CREATE/.test(s))).toEqual([]);
    expect(await rows(t)).toHaveLength(2);
  });
});

describe('table creation and insert options', () => {
  it('createTableColumnTypes and createTableOptions shape the CREATE TABLE', async () => {
    const t = table('ct_types');
    const df = spark.sql("SELECT 1 AS a, 'xy' AS b, CAST(2.5 AS DOUBLE) AS c");
    const { statements } = await recordStatements(() =>
      df.write
        .format('jdbc')
        .options(jdbcOptions(t))
        .option('createTableColumnTypes', 'B VARCHAR(10), a BIGINT, c DECIMAL(5, 2)')
        .option('createTableOptions', 'WITH (fillfactor = 70)')
        .save(),
    );
    expect(statements).toContain(
      `CREATE TABLE ${t} ("a" BIGINT NOT NULL, "b" VARCHAR(10) NOT NULL, "c" NUMERIC(5,2) NOT NULL) WITH (fillfactor = 70)`,
    );
    expect(await rows(t)).toEqual([{ a: '1', b: 'xy', c: '2.50' }]);
    await expect(
      df.write
        .format('jdbc')
        .options(jdbcOptions(table('ct_bad')))
        .option('createTableColumnTypes', 'zz INT')
        .save(),
    ).rejects.toThrow(
      '[_LEGACY_ERROR_TEMP_1171] createTableColumnTypes option column zz not found in schema',
    );
  });

  it('multi-row INSERTs of batchsize rows, under the isolation level asked for', async () => {
    const t = table('batchsize');
    const df = spark.range(0, 25, 1, 1).selectExpr('id', "concat('r', id) AS tag");
    const { statements } = await recordStatements(() =>
      df.write
        .format('jdbc')
        .options(jdbcOptions(t))
        .option('writeMethod', 'insert')
        .option('batchsize', 10)
        .option('isolationLevel', 'SERIALIZABLE')
        .save(),
    );
    const inserts = statements.filter((s) => s.startsWith('INSERT'));
    expect(inserts).toHaveLength(3);
    expect(inserts[0]).toBe(
      `INSERT INTO ${t} ("id","tag") VALUES ${Array.from({ length: 10 }, (_, i) => `($${2 * i + 1},$${2 * i + 2})`).join(',')}`,
    );
    expect(statements).toContain('BEGIN ISOLATION LEVEL SERIALIZABLE');
    expect((await admin.query(`SELECT count(*)::int n, sum(id)::int s FROM ${t}`)).rows[0]).toEqual({
      n: 25,
      s: 300,
    });
    await expect(
      df.write
        .format('jdbc')
        .options(jdbcOptions(table('iso')))
        .option('isolationLevel', 'FOO')
        .save(),
    ).rejects.toThrow(
      '[_LEGACY_ERROR_TEMP_2081] Invalid value `FOO` for parameter `isolationLevel`. This can be `NONE`, `READ_UNCOMMITTED`, `READ_COMMITTED`, `REPEATABLE_READ` or `SERIALIZABLE`.',
    );
    await expect(
      df.write
        .format('jdbc')
        .options(jdbcOptions(table('bs')))
        .option('batchsize', 0)
        .save(),
    ).rejects.toThrow(
      'requirement failed: Invalid value `0` for parameter `batchsize`. The minimum value is 1.',
    );
  });

  it('isolationLevel NONE writes without a transaction; df.write.jdbc and postgres:// URLs work', async () => {
    const t = table('no_tx');
    const { statements } = await recordStatements(() =>
      people()
        .write.format('jdbc')
        .options(jdbcOptions(t))
        .option('url', `postgres://postgres:postgres@${new URL(JDBC_URL.slice(5)).host}/postgres`)
        .option('isolationLevel', 'NONE')
        .save(),
    );
    expect(statements.some((s) => s.startsWith('BEGIN'))).toBe(false);
    await people().write.jdbc(JDBC_URL, t, 'append', { ...CREDENTIALS });
    expect(await rows(t)).toHaveLength(4);
    expect(() =>
      people().write.format('jdbc').option('url', JDBC_URL).option('query', 'select 1'),
    ).not.toThrow();
    await expect(
      people().write.format('jdbc').options({ url: JDBC_URL, query: 'select 1' }).save(),
    ).rejects.toThrow(
      "requirement failed: Option 'dbtable' is required. Option 'query' is not applicable while writing.",
    );
  });
});
