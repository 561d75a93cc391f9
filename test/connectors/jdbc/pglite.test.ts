/**
 * The embedded default of the demo: the same jdbc sink, reader and writer on an in-process
 * PostgreSQL (PGlite) through `pglite://memory/<name>` — the house-statistics table in complete
 * mode, read back with spark.read (its schema resolved synchronously in process), and a batch
 * round trip.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closePglite, onJdbcSinkEvent, openPglite } from '../../../src/connectors/jdbc/index.js';
import * as F from '../../../src/functions.js';
import { MemoryStream, Session } from '../../../src/index.js';
import { simpleString } from '../../../src/types/data-type.js';

const URL = `pglite://memory/test-${process.pid}`;
let spark: Session;

beforeAll(async () => {
  spark = Session.builder().master('local[2]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
  await openPglite(URL); // PGlite takes seconds to start; do it once, up front
}, 120_000);
afterAll(async () => {
  await closePglite(URL);
});

it('keeps housestats up to date in complete mode, exactly once', async () => {
  const input = new MemoryStream(spark, 'value STRING');
  const stats = input
    .toDF()
    .select(F.fromJson(F.col('value'), 'house STRING, character STRING, score STRING').alias('e'))
    .select('e.*')
    .groupBy('house')
    .agg(
      F.count('*').alias('how_many'),
      F.sum(F.col('score').cast('int')).cast('int').alias('sum_score'),
      F.countDistinct('character').alias('no_characters'),
    );
  const events: string[] = [];
  const off = onJdbcSinkEvent((e) => events.push(`${e.kind} ${e.batchId}`));
  const q = stats.writeStream
    .format('jdbc')
    .outputMode('complete')
    .option('url', URL)
    .option('dbtable', 'housestats')
    .option('upsertKeys', 'house')
    .option(
      'createTableColumnTypes',
      'house CHAR(30), how_many INTEGER, sum_score INTEGER, no_characters INTEGER',
    )
    .option('checkpointLocation', mkdtempSync(join(tmpdir(), 'sluice-pglite-')))
    .start();
  const ev = (house: string, character: string, score: number) =>
    JSON.stringify({ house, character, score: String(score) });
  input.addData([ev('Gryffindor', 'Harry', 7), ev('Gryffindor', 'Ron', 3), ev('Slytherin', 'Draco', 4)]);
  await q.processAllAvailable();
  input.addData([ev('Gryffindor', 'Harry', 10), ev('Ravenclaw', 'Luna', 9)]);
  await q.processAllAvailable();
  await q.stop();
  off();
  expect(events).toEqual(['committed 0', 'committed 1']);

  const table = spark.read
    .format('jdbc')
    .option('url', URL)
    .option('query', 'SELECT rtrim(house) AS house, how_many, sum_score, no_characters FROM housestats')
    .load()
    .orderBy('house');
  expect(table.schema.fields.map((f) => simpleString(f.dataType))).toEqual(['string', 'int', 'int', 'int']);
  expect((await table.collect()).map((r) => r.toArray())).toEqual([
    ['Gryffindor', 3, 20, 2],
    ['Ravenclaw', 1, 9, 1],
    ['Slytherin', 1, 4, 1],
  ]);
  const db = await openPglite(URL);
  const def = await db.query<{ t: string }>(
    "SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'housestats'::regclass AND attnum > 0 ORDER BY attnum",
  );
  expect(def.rows.map((r) => r.t)).toEqual(['character(30)', 'integer', 'integer', 'integer']);
}, 120_000);

it('round-trips a batch write and a partitioned, filtered read', async () => {
  const df = spark.sql(`SELECT id, CAST(id * 1.5 AS DECIMAL(10,2)) AS amount, concat('n', id) AS name,
      timestamp_seconds(1704067200 + id * 3600) AS at, array(id, NULL) AS arr,
      CAST(concat('b', id) AS BINARY) AS bin FROM range(1, 21)`);
  await df.write.format('jdbc').option('url', URL).option('dbtable', 'roundtrip').mode('overwrite').save();
  const back = spark.read
    .format('jdbc')
    .option('url', URL)
    .option('dbtable', 'roundtrip')
    .option('partitionColumn', 'id')
    .option('lowerBound', 1)
    .option('upperBound', 20)
    .option('numPartitions', 3)
    .load();
  expect(await spark.executeInternal(back.orderBy('id').plan)).toEqual(await spark.executeInternal(df.plan));
  expect(await back.where("name LIKE 'n1%' AND amount > 15").count()).toBe(9);
}, 120_000);
