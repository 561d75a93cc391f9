/**
 * Timestamps at the edges of Spark's range (0001-01-01 00:00:00 … 9999-12-31 23:59:59.999999),
 * where µs since the epoch pass 2^53 and the engine holds them as bigints: exact values through
 * the public API, files (JSON, CSV, parquet), PostgreSQL and collect(). Spark's own answers for
 * the SQL functions at these edges are in the conformance corpus (datetime/timestamp-range-edges-*).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';
import { adminClient, jdbcOptions, uniqueTable } from '../connectors/jdbc/jdbc-test-helpers.js';

const spark = Session.builder().master('local[1]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
const dir = mkdtempSync(join(tmpdir(), 'sluice-ts-range-'));
afterAll(() => {
  spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

const EDGES = [
  '0001-01-01 00:00:00',
  '9999-12-31 23:59:59.999999',
  '2024-06-01 12:00:00',
  '2300-01-01 00:00:00.000001',
];
/** The same instants as exact µs since the epoch (UTC). */
const EDGE_MICROS = [-62135596800000000n, 253402300799999999n, 1717243200000000n, 10413792000000001n];

const edges = () =>
  spark.createDataFrame(
    EDGES.map((s) => [s]),
    's STRING',
  );
const texts = async (df: { collect(): Promise<{ get(i: number): unknown }[]> }) =>
  (await df.collect()).map((r) => r.get(0));

function inZone<T>(tz: string, f: () => Promise<T>): Promise<T> {
  spark.conf.set('spark.sql.session.timeZone', tz);
  return f().finally(() => spark.conf.set('spark.sql.session.timeZone', 'UTC'));
}

describe('timestamps at the range edges', () => {
  for (const tz of ['UTC', 'America/Los_Angeles']) {
    it(`round-trip through CAST and to_timestamp exactly in ${tz}`, async () => {
      await inZone(tz, async () => {
        const df = edges().selectExpr(
          'cast(cast(s AS timestamp) AS string) AS c',
          "cast(to_timestamp(s, 'yyyy-MM-dd HH:mm:ss[.SSSSSS]') AS string) AS p",
          "date_format(cast(s AS timestamp), 'yyyy-MM-dd HH:mm:ss.SSSSSS') AS f",
        );
        const rows = (await df.collect()).map((r) => r.toArray());
        expect(rows).toEqual(EDGES.map((s) => [s, s, s.length === 19 ? `${s}.000000` : s]));
      });
    });
  }

  it('keeps exact µs (bigint beyond ±2^53, number inside)', async () => {
    const um = await texts(edges().selectExpr('unix_micros(cast(s AS timestamp))'));
    expect(um).toEqual(EDGE_MICROS.map((m) => (m > -(2n ** 53n) && m < 2n ** 53n ? Number(m) : m)));
    const back = await texts(
      edges().selectExpr('cast(timestamp_micros(unix_micros(cast(s AS timestamp))) AS string)'),
    );
    expect(back).toEqual(EDGES);
  });

  it('orders, compares and groups mixed number/bigint timestamps', async () => {
    const df = edges()
      .selectExpr('cast(s AS timestamp) AS ts')
      .union(edges().selectExpr('cast(s AS timestamp) AS ts'));
    expect(await texts(df.groupBy('ts').count().orderBy('ts').selectExpr('cast(ts AS string)'))).toEqual([
      '0001-01-01 00:00:00',
      '2024-06-01 12:00:00',
      '2300-01-01 00:00:00.000001',
      '9999-12-31 23:59:59.999999',
    ]);
    const last = edges().where("cast(s AS timestamp) = timestamp'9999-12-31 23:59:59.999999'");
    expect(await last.count()).toBe(1);
    const minMax = await edges()
      .selectExpr('cast(s AS timestamp) AS ts')
      .selectExpr('cast(min(ts) AS string)', 'cast(max(ts) AS string)')
      .collect();
    expect(minMax[0]?.toArray()).toEqual(['0001-01-01 00:00:00', '9999-12-31 23:59:59.999999']);
  });

  it('shows them as Spark does', async () => {
    const text = await edges().selectExpr('cast(s AS timestamp) AS ts').showString(20, false);
    expect(text).toBe(
      [
        '+--------------------------+',
        '|ts                        |',
        '+--------------------------+',
        '|0001-01-01 00:00:00       |',
        '|9999-12-31 23:59:59.999999|',
        '|2024-06-01 12:00:00       |',
        '|2300-01-01 00:00:00.000001|',
        '+--------------------------+',
        '',
      ].join('\n'),
    );
  });

  it('collects them as Date and accepts Date and bigint input', async () => {
    const rows = await edges().selectExpr('cast(s AS timestamp) AS ts').collect();
    expect(rows.map((r) => (r.get(0) as Date).toISOString())).toEqual([
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2024-06-01T12:00:00.000Z',
      '2300-01-01T00:00:00.000Z',
    ]);
    const fromDates = spark.createDataFrame(
      [[new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999))]],
      'ts TIMESTAMP',
    );
    expect(await texts(fromDates.selectExpr('cast(ts AS string)'))).toEqual(['9999-12-31 23:59:59.999']);
    const fromStrings = spark.createDataFrame([['0001-01-01 00:00:00.000001']], 'ts TIMESTAMP');
    expect(await texts(fromStrings.selectExpr('unix_micros(ts)'))).toEqual([-62135596799999999n]);
  });

  for (const format of ['json', 'csv', 'parquet'] as const) {
    it(`writes and reads them back through ${format} files`, async () => {
      const path = join(dir, format);
      const df = edges().selectExpr('cast(s AS timestamp) AS ts');
      await df.write.mode('overwrite').format(format).save(path);
      const back = spark.read.format(format).schema('ts TIMESTAMP').load(path);
      const got = (await texts(back.selectExpr('cast(ts AS string)'))).sort();
      // JSON and CSV write milliseconds by default (Spark's timestampFormat), parquet keeps µs
      const want =
        format === 'parquet'
          ? EDGES
          : ['0001-01-01 00:00:00', '9999-12-31 23:59:59.999', '2024-06-01 12:00:00', '2300-01-01 00:00:00'];
      expect(got).toEqual([...want].sort());
    });
  }

  it('writes and reads them back through PostgreSQL', async () => {
    const table = uniqueTable('ts_range');
    const admin = await adminClient();
    try {
      await edges()
        .selectExpr('cast(s AS timestamp) AS ts')
        .write.format('jdbc')
        .options(jdbcOptions(table))
        .save();
      const back = spark.read.format('jdbc').options(jdbcOptions(table)).load();
      expect((await texts(back.selectExpr('cast(ts AS string)'))).sort()).toEqual([...EDGES].sort());
    } finally {
      await admin.query(`DROP TABLE IF EXISTS ${table}`);
      await admin.end();
    }
  });
});
