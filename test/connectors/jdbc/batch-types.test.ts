/**
 * Spark's PostgreSQL type mapping both ways, against the real server: a table PostgreSQL created
 * reads with Spark's types and exact values (checked against pyspark 4.3 + the PostgreSQL JDBC
 * driver), and every Spark type written by Sluice creates Spark's column types and reads back
 * unchanged.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../src/index.js';
import { simpleString } from '../../../src/types/data-type.js';
import { daysFromCivil, MICROS_PER_DAY } from '../../../src/types/datetime/calendar.js';
import { adminClient, jdbcOptions, uniqueTable } from './jdbc-test-helpers.js';

let admin: pg.Client;
let spark: Session;
const tables: string[] = [];

beforeAll(async () => {
  admin = await adminClient();
  spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
});
afterAll(async () => {
  for (const t of tables) await admin.query(`DROP TABLE IF EXISTS ${t}`);
  await admin.end();
});

const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);
const micros = (y: number, m: number, d: number, h: number, mi: number, s: number, us = 0) =>
  day(y, m, d) * MICROS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1e6 + us;

describe('reading PostgreSQL types', () => {
  let table: string;
  beforeAll(async () => {
    table = uniqueTable('types_read');
    tables.push(table);
    await admin.query(`CREATE TABLE ${table} (
      c_smallint smallint, c_int integer NOT NULL, c_bigint bigint, c_real real, c_double double precision,
      c_numeric numeric(10,3), c_numeric_nop numeric, c_numeric_big numeric(50,2), c_numeric_neg numeric(5,-2),
      c_text text, c_varchar varchar(20), c_char char(5), c_bool boolean, c_date date, c_date_bc date,
      c_ts timestamp, c_tstz timestamptz, c_time time, c_bytea bytea,
      c_int_arr integer[], c_text_arr text[], c_int2d integer[][], c_num_arr numeric(6,2)[], c_float8_arr float8[],
      c_ts_arr timestamptz[], c_date_arr date[], c_bytea_arr bytea[],
      c_uuid uuid, c_json jsonb, c_serial serial, c_bit bit(1), c_bits bit(4), c_oid oid, c_interval interval)`);
    await admin.query(`INSERT INTO ${table} VALUES (1, 2, 9007199254740993, 1.5, 2.25, 1234567.125, 3.14159, 123.45, 12300,
      E'h\\u00e9llo\\ttab\\n"q"\\\\', 'vc', 'ab', true, '2024-02-29', '0044-03-15 BC',
      '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123456+02', '12:34:56.789', '\\x00ff10',
      '{1,NULL,3}', '{"a","b,c",NULL,"d\\"e"}', '{{1,2},{3,4}}', '{1.5,2.25}', '{1.5,NaN,-Infinity}',
      '{"2024-01-01 00:00:00+00"}', '{2024-01-01,NULL}', '{"\\\\x0102"}',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"k": [1, 2]}', default, B'1', B'1010', 42, '1 day 02:03:04')`);
    await admin.query(`INSERT INTO ${table} (c_int) VALUES (3)`);
  });

  it('maps every type as Spark does', () => {
    const df = spark.read.format('jdbc').options(jdbcOptions(table)).load();
    const types = Object.fromEntries(df.schema.fields.map((f) => [f.name, simpleString(f.dataType)]));
    expect(types).toEqual({
      c_smallint: 'smallint',
      c_int: 'int',
      c_bigint: 'bigint',
      c_real: 'float',
      c_double: 'double',
      c_numeric: 'decimal(10,3)',
      c_numeric_nop: 'decimal(38,18)',
      c_numeric_big: 'decimal(38,0)',
      c_numeric_neg: 'decimal(7,0)',
      c_text: 'string',
      c_varchar: 'string',
      c_char: 'string',
      c_bool: 'boolean',
      c_date: 'date',
      c_date_bc: 'date',
      c_ts: 'timestamp',
      c_tstz: 'timestamp',
      c_time: 'timestamp',
      c_bytea: 'binary',
      c_int_arr: 'array<int>',
      c_text_arr: 'array<string>',
      c_int2d: 'array<array<int>>',
      c_num_arr: 'array<decimal(6,2)>',
      c_float8_arr: 'array<double>',
      c_ts_arr: 'array<timestamp>',
      c_date_arr: 'array<date>',
      c_bytea_arr: 'array<binary>',
      c_uuid: 'string',
      c_json: 'string',
      c_serial: 'int',
      c_bit: 'boolean',
      c_bits: 'binary',
      c_oid: 'decimal(20,0)',
      c_interval: 'string',
    });
    // Spark's JDBC relation makes every column nullable, NOT NULL included
    expect(df.schema.fields.every((f) => f.nullable)).toBe(true);
  });

  it('reads exact values', async () => {
    const df = spark.read.format('jdbc').options(jdbcOptions(table)).load().orderBy('c_int');
    const [row, nulls] = await spark.executeInternal(df.plan);
    const names = df.schema.fields.map((f) => f.name);
    const got = Object.fromEntries(names.map((n, i) => [n, row![i]]));
    expect(got).toEqual({
      c_smallint: 1,
      c_int: 2,
      c_bigint: 9007199254740993n,
      c_real: 1.5,
      c_double: 2.25,
      c_numeric: 1234567125n,
      c_numeric_nop: 3141590000000000000n,
      c_numeric_big: 123n,
      c_numeric_neg: 12300n,
      c_text: 'héllo\ttab\n"q"\\',
      c_varchar: 'vc',
      c_char: 'ab   ',
      c_bool: true,
      c_date: day(2024, 2, 29),
      c_date_bc: day(-43, 3, 15),
      c_ts: micros(2024, 1, 2, 3, 4, 5, 123456),
      c_tstz: micros(2024, 1, 2, 1, 4, 5, 123456),
      c_time: micros(1970, 1, 1, 12, 34, 56, 789000),
      c_bytea: Uint8Array.from([0, 255, 16]),
      c_int_arr: [1, null, 3],
      c_text_arr: ['a', 'b,c', null, 'd"e'],
      c_int2d: [
        [1, 2],
        [3, 4],
      ],
      c_num_arr: [150n, 225n],
      c_float8_arr: [1.5, Number.NaN, Number.NEGATIVE_INFINITY],
      c_ts_arr: [micros(2024, 1, 1, 0, 0, 0)],
      c_date_arr: [day(2024, 1, 1), null],
      c_bytea_arr: [Uint8Array.from([1, 2])],
      c_uuid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      c_json: '{"k": [1, 2]}',
      c_serial: 1,
      c_bit: true,
      c_bits: new TextEncoder().encode('1010'),
      c_oid: 42n,
      c_interval: '1 day 02:03:04',
    });
    expect(nulls!.filter((v, i) => names[i] !== 'c_int' && names[i] !== 'c_serial' && v !== null)).toEqual(
      [],
    );
  });

  it('reads timestamp without time zone as wall-clock time of the session time zone', async () => {
    const s = Session.builder().getOrCreate();
    s.conf.set('spark.sql.session.timeZone', 'America/New_York');
    try {
      const df = s.read
        .format('jdbc')
        .options(jdbcOptions(table))
        .load()
        .where('c_int = 2')
        .select('c_ts', 'c_tstz');
      const [[ts, tstz]] = (await s.executeInternal(df.plan)) as [[number, number]];
      expect(ts).toBe(micros(2024, 1, 2, 8, 4, 5, 123456)); // 03:04 in New York is 08:04 UTC
      expect(tstz).toBe(micros(2024, 1, 2, 1, 4, 5, 123456));
    } finally {
      s.conf.set('spark.sql.session.timeZone', 'UTC');
    }
  });

  it('reads a query with the types of its expressions', () => {
    const q = spark.read
      .format('jdbc')
      .option('url', jdbcOptions(table).url)
      .option('user', 'postgres')
      .option('password', 'postgres')
      .option('query', `SELECT c_int AS x, c_numeric * 2 AS y, c_numeric::numeric(12,1) AS z FROM ${table}`)
      .load();
    expect(q.schema.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`)).toEqual([
      'x:int',
      'y:decimal(38,18)',
      'z:decimal(12,1)',
    ]);
  });

  it('customSchema overrides the types of the columns it names', async () => {
    const df = spark.read
      .format('jdbc')
      .options(jdbcOptions(table))
      .option('customSchema', 'C_INT STRING, c_numeric DECIMAL(20, 1)')
      .load()
      .where('c_int = 2')
      .select('c_int', 'c_numeric', 'c_bigint');
    expect(df.schema.fields.map((f) => simpleString(f.dataType))).toEqual([
      'string',
      'decimal(20,1)',
      'bigint',
    ]);
    expect(await spark.executeInternal(df.plan)).toEqual([['2', 12345671n, 9007199254740993n]]);
  });
});

describe('writing Spark types', () => {
  it("creates Spark's column types and reads every value back unchanged", async () => {
    const table = uniqueTable('types_write');
    tables.push(table);
    const df =
      spark.sql(`SELECT CAST(1 AS TINYINT) b, CAST(-2 AS SMALLINT) s, 3 i, CAST(9007199254740993 AS BIGINT) l,
      CAST(1.5 AS FLOAT) f, CAST('NaN' AS DOUBLE) d, CAST(-0.05 AS DECIMAL(10,2)) dec, 'tab\\there "q" \\\\ é' str, true bo,
      DATE'2024-02-29' dt, TIMESTAMP'2024-01-01 01:02:03.456789' ts, TIMESTAMP_NTZ'2024-01-01 01:02:03.5' tsntz,
      CAST('ab' AS BINARY) bin, array(1, NULL, 3) ai, array('a', 'b,c', NULL, 'd"e', 'NULL') astr, array(array(1, 2), array(3, 4)) aai,
      array(CAST(1.5 AS DECIMAL(4,2))) adec, array(TIMESTAMP'2024-01-01 00:00:00') ats, array(DATE'2024-01-01') adate,
      array(CAST('a' AS BINARY)) abin, CAST(NULL AS STRING) nul`);
    await df.write.format('jdbc').options(jdbcOptions(table)).save();
    const cols = await admin.query(
      `SELECT attname, format_type(atttypid, atttypmod) AS t, attnotnull FROM pg_attribute WHERE attrelid = '${table}'::regclass AND attnum > 0 ORDER BY attnum`,
    );
    expect(cols.rows.map((r) => `${r.attname} ${r.t}${r.attnotnull ? ' not null' : ''}`)).toEqual([
      'b smallint not null',
      's smallint not null',
      'i integer not null',
      'l bigint not null',
      'f real not null',
      'd double precision', // a cast from string may be null
      'dec numeric(10,2) not null',
      'str text not null',
      'bo boolean not null',
      'dt date not null',
      'ts timestamp with time zone not null',
      'tsntz timestamp without time zone not null',
      'bin bytea not null',
      'ai integer[] not null',
      'astr text[] not null',
      'aai integer[] not null',
      'adec numeric(4,2)[] not null',
      'ats timestamp with time zone[] not null',
      'adate date[] not null',
      'abin bytea[] not null',
      'nul text',
    ]);
    const text = await admin.query(
      `SELECT ts::text, tsntz::text, astr::text, aai::text, d::text FROM ${table}`,
    );
    expect(text.rows[0]).toEqual({
      ts: '2024-01-01 01:02:03.456789+00',
      tsntz: '2024-01-01 01:02:03.5',
      astr: '{a,"b,c",NULL,"d\\"e","NULL"}',
      aai: '{{1,2},{3,4}}',
      d: 'NaN',
    });
    const back = spark.read.format('jdbc').options(jdbcOptions(table)).load();
    const expected = await spark.executeInternal(df.plan);
    const got = await spark.executeInternal(back.plan);
    // byte comes back as short, as in Spark (SMALLINT); everything else is the same value
    expect(got).toEqual(expected);
    expect(simpleString(back.schema.fields[0]!.dataType)).toBe('smallint');
  });

  it('writes a timestamp into a timestamp column as session-local wall-clock time', async () => {
    const table = uniqueTable('ts_wall');
    tables.push(table);
    await admin.query(`CREATE TABLE ${table} (ts timestamp, tstz timestamptz)`);
    const s = Session.builder().getOrCreate();
    s.conf.set('spark.sql.session.timeZone', 'Asia/Tokyo');
    try {
      const df = s.sql("SELECT TIMESTAMP'2024-06-01 09:00:00' ts, TIMESTAMP'2024-06-01 09:00:00' tstz");
      await df.write.format('jdbc').options(jdbcOptions(table)).mode('append').save();
      const r = await admin.query(`SELECT ts::text, (tstz AT TIME ZONE 'UTC')::text AS utc FROM ${table}`);
      expect(r.rows[0]).toEqual({ ts: '2024-06-01 09:00:00', utc: '2024-06-01 00:00:00' });
      const back = await s.executeInternal(s.read.format('jdbc').options(jdbcOptions(table)).load().plan);
      expect(back).toEqual(await s.executeInternal(df.plan));
    } finally {
      s.conf.set('spark.sql.session.timeZone', 'UTC');
    }
  });

  it('rejects types PostgreSQL cannot hold, as Spark does', async () => {
    const df = spark.sql('SELECT map(1, 2) m');
    await expect(
      df.write
        .format('jdbc')
        .options(jdbcOptions(uniqueTable('nope')))
        .save(),
    ).rejects.toThrow(/UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE.*column `m` of the type "MAP<INT, INT>"/);
  });
});
