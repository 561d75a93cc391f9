/**
 * `writeStream.format('jdbc')` against the real server: append / update (upsert) / complete,
 * exactly-once when the engine re-runs a batch the database already committed, errors at start(),
 * and the workshop's foreachBatch + batch jdbc writer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JdbcSinkEvent, onJdbcSinkEvent } from '../../../src/connectors/jdbc/index.js';
import * as F from '../../../src/functions.js';
import { MemoryStream, Session } from '../../../src/index.js';
import { adminClient, jdbcOptions, recordStatements, uniqueTable } from './jdbc-test-helpers.js';

let admin: pg.Client;
let spark: Session;
const tables: string[] = [];
const table = (p: string) => {
  const t = uniqueTable(p);
  tables.push(t);
  return t;
};
const checkpoint = () => mkdtempSync(join(tmpdir(), 'sluice-jdbc-sink-'));

beforeAll(async () => {
  admin = await adminClient();
  spark = Session.builder()
    .master('local[2]')
    .config('spark.sql.session.timeZone', 'UTC')
    .config('spark.sql.shuffle.partitions', 2)
    .getOrCreate();
});
afterAll(async () => {
  for (const t of tables) await admin.query(`DROP TABLE IF EXISTS ${t}`);
  await admin.end();
});

const rows = async (sql: string) => (await admin.query(sql)).rows;

function recordEvents(): { events: JdbcSinkEvent[]; stop: () => void } {
  const events: JdbcSinkEvent[] = [];
  const stop = onJdbcSinkEvent((e) => events.push(e));
  return { events, stop };
}

describe('output modes', () => {
  it('append inserts each batch once', async () => {
    const t = table('sink_append');
    const input = new MemoryStream(spark, 'id INT, word STRING, at TIMESTAMP');
    const q = input
      .toDF()
      .writeStream.format('jdbc')
      .options(jdbcOptions(t))
      .option('checkpointLocation', checkpoint())
      .start();
    input.addData([
      [1, 'a', new Date('2024-01-01T00:00:00Z')],
      [2, 'b', null],
    ]);
    await q.processAllAvailable();
    input.addData([[3, 'c\td', new Date('2024-01-01T00:00:01.5Z')]]);
    await q.processAllAvailable();
    await q.stop();
    expect(await rows(`SELECT id, word, at::text FROM ${t} ORDER BY id`)).toEqual([
      { id: 1, word: 'a', at: '2024-01-01 00:00:00+00' },
      { id: 2, word: 'b', at: null },
      { id: 3, word: 'c\td', at: '2024-01-01 00:00:01.5+00' },
    ]);
    const commits = await rows(`SELECT batch_id FROM _sluice_sink_commits WHERE query_id = '${q.id}'`);
    expect(commits).toEqual([{ batch_id: '1' }]);
  });

  it('writes a small batch in two round trips, values inline, and a large one statement by statement', async () => {
    const t = table('sink_inline');
    const input = new MemoryStream(spark, 'id INT, word STRING, bytes BINARY, tags ARRAY<STRING>');
    const q = input
      .toDF()
      .writeStream.format('jdbc')
      .options(jdbcOptions(t))
      .option('checkpointLocation', checkpoint())
      .start();
    const awkward = [
      [1, "it's", new Uint8Array([0, 92, 39]), ['a,b', '"q"']],
      [2, 'back\\slash \\x00 and \\n', null, null],
      [3, null, new Uint8Array([]), []],
    ];
    const small = await recordStatements(async () => {
      input.addData(awkward);
      await q.processAllAvailable();
    });
    const begin = small.statements.findIndex((x) => x.startsWith('BEGIN'));
    expect(small.statements.slice(begin).map((x) => x.split(' ')[0])).toEqual([
      'BEGIN',
      'INSERT',
      'INSERT',
      'COMMIT',
    ]);
    const large = Array.from({ length: 1500 }, (_, i) => [100 + i, `w${i}`, null, null]);
    const big = await recordStatements(async () => {
      input.addData(large);
      await q.processAllAvailable();
    });
    expect(big.statements.some((x) => x.startsWith('COPY'))).toBe(true);
    await q.stop();
    expect(
      await rows(`SELECT id, word, encode(bytes, 'hex') AS hex, tags FROM ${t} WHERE id < 100 ORDER BY id`),
    ).toEqual([
      { id: 1, word: "it's", hex: '005c27', tags: ['a,b', '"q"'] },
      { id: 2, word: 'back\\slash \\x00 and \\n', hex: null, tags: null },
      { id: 3, word: null, hex: '', tags: [] },
    ]);
    expect(await rows(`SELECT count(*)::int AS n FROM ${t} WHERE id >= 100`)).toEqual([{ n: 1500 }]);
  });

  it('update upserts on upsertKeys (the created table gets them as primary key)', async () => {
    const t = table('sink_update');
    const input = new MemoryStream(spark, 'house STRING, score INT');
    const counts = input
      .toDF()
      .groupBy('house')
      .agg(F.count('*').alias('how_many'), F.sum('score').cast('int').alias('sum_score'));
    const q = counts.writeStream
      .format('jdbc')
      .outputMode('update')
      .options(jdbcOptions(t))
      .option('upsertKeys', 'house')
      .option('checkpointLocation', checkpoint())
      .start();
    input.addData([
      ['Gryffindor', 5],
      ['Slytherin', 3],
    ]);
    await q.processAllAvailable();
    input.addData([
      ['Gryffindor', 2],
      ['Ravenclaw', 1],
    ]);
    await q.processAllAvailable();
    await q.stop();
    expect(await rows(`SELECT house, how_many::int, sum_score FROM ${t} ORDER BY house`)).toEqual([
      { house: 'Gryffindor', how_many: 2, sum_score: 7 },
      { house: 'Ravenclaw', how_many: 1, sum_score: 1 },
      { house: 'Slytherin', how_many: 1, sum_score: 3 },
    ]);
    const pk = await rows(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '${t}'::regclass AND i.indisprimary`,
    );
    expect(pk).toEqual([{ attname: 'house' }]);
  });

  it('update uses the primary key of an existing table when no upsertKeys is given', async () => {
    const t = table('sink_update_pk');
    await admin.query(`CREATE TABLE ${t} (k text PRIMARY KEY, n bigint, note text DEFAULT 'kept')`);
    await admin.query(`INSERT INTO ${t} VALUES ('z', 100, 'untouched')`);
    const input = new MemoryStream(spark, 'k STRING');
    const q = input
      .toDF()
      .groupBy('k')
      .agg(F.count('*').alias('n'))
      .writeStream.format('jdbc')
      .outputMode('update')
      .options(jdbcOptions(t))
      .option('checkpointLocation', checkpoint())
      .start();
    input.addData(['a', 'a', 'b']);
    await q.processAllAvailable();
    input.addData(['a']);
    await q.processAllAvailable();
    await q.stop();
    expect(await rows(`SELECT k, n::int, note FROM ${t} ORDER BY k`)).toEqual([
      { k: 'a', n: 3, note: 'kept' },
      { k: 'b', n: 1, note: 'kept' },
      { k: 'z', n: 100, note: 'untouched' },
    ]);
  });

  it('complete replaces the table with each batch', async () => {
    const t = table('sink_complete');
    const input = new MemoryStream(spark, 'word STRING');
    const counts = input.toDF().groupBy('word').count();
    const { events, stop } = recordEvents();
    const q = counts.writeStream
      .format('jdbc')
      .outputMode('complete')
      .options(jdbcOptions(t))
      .option('checkpointLocation', checkpoint())
      .start();
    input.addData(['x', 'y', 'x']);
    await q.processAllAvailable();
    expect(await rows(`SELECT word, count::int FROM ${t} ORDER BY word`)).toEqual([
      { word: 'x', count: 2 },
      { word: 'y', count: 1 },
    ]);
    input.addData(['y', 'z']);
    await q.processAllAvailable();
    await q.stop();
    stop();
    expect(await rows(`SELECT word, count::int FROM ${t} ORDER BY word`)).toEqual([
      { word: 'x', count: 2 },
      { word: 'y', count: 2 },
      { word: 'z', count: 1 },
    ]);
    expect(events.filter((e) => e.table === t).map((e) => `${e.kind} ${e.batchId}`)).toEqual([
      'committed 0',
      'committed 1',
    ]);
  });
});

describe('exactly-once', () => {
  it('a re-run of a batch the database committed writes nothing', async () => {
    const t = table('sink_rerun');
    const dir = checkpoint();
    const input = new MemoryStream(spark, 'id INT');
    const start = () =>
      input
        .toDF()
        .writeStream.format('jdbc')
        .options(jdbcOptions(t))
        .option('checkpointLocation', dir)
        .start();
    let q = start();
    input.addData([1, 2]);
    await q.processAllAvailable();
    input.addData([3]);
    await q.processAllAvailable();
    await q.stop();
    // as if the process died after the database commit of batch 1 but before commits/1
    rmSync(join(dir, 'commits', '1'));
    const { events, stop } = recordEvents();
    q = start();
    await q.processAllAvailable();
    input.addData([4]);
    await q.processAllAvailable();
    await q.stop();
    stop();
    expect(events.filter((e) => e.table === t).map((e) => `${e.kind} ${e.batchId}`)).toEqual([
      'skipped 1',
      'committed 2',
    ]);
    expect((await rows(`SELECT id FROM ${t} ORDER BY id`)).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('isolationLevel', () => {
  it("runs each batch's transaction at the level asked for; NONE fails at start()", async () => {
    const t = table('sink_serializable');
    const input = new MemoryStream(spark, 'id INT');
    const start = (level: string) =>
      input
        .toDF()
        .writeStream.format('jdbc')
        .options(jdbcOptions(t, { isolationLevel: level }))
        .option('checkpointLocation', checkpoint())
        .start();
    const { statements } = await recordStatements(async () => {
      const q = start('SERIALIZABLE');
      input.addData([1, 2]);
      await q.processAllAvailable();
      await q.stop();
    });
    expect(statements).toContain('BEGIN ISOLATION LEVEL SERIALIZABLE');
    expect(statements.filter((s) => s.startsWith('BEGIN'))).toEqual(['BEGIN ISOLATION LEVEL SERIALIZABLE']);
    expect((await rows(`SELECT id FROM ${t} ORDER BY id`)).map((r) => r.id)).toEqual([1, 2]);
    expect(() => start('NONE')).toThrow(/`isolationLevel` `NONE` is not supported/);
  });
});

describe('start() checks', () => {
  const stream = () => new MemoryStream(spark, 'k STRING').toDF();

  it('fails at start() on wrong credentials, without the password', () => {
    const t = table('sink_badpw');
    let err: Error | undefined;
    try {
      stream()
        .writeStream.format('jdbc')
        .options(jdbcOptions(t, { password: 'not-the-password' }))
        .option('checkpointLocation', checkpoint())
        .start();
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(
      /^\[FAILED_JDBC\.CONNECTION\] .*password authentication failed for user "postgres"/,
    );
    expect(err?.message).not.toContain('not-the-password');
  });

  it('fails at start() on a missing table when told not to create it', () => {
    expect(() =>
      stream()
        .writeStream.format('jdbc')
        .options(jdbcOptions('sink_no_such_table', { createTable: false }))
        .option('checkpointLocation', checkpoint())
        .start(),
    ).toThrow('[TABLE_OR_VIEW_NOT_FOUND] The table or view `sink_no_such_table` cannot be found.');
  });

  it('fails at start() in update mode without a key', async () => {
    const t = table('sink_nokey');
    await admin.query(`CREATE TABLE ${t} (k text, count bigint)`);
    const counts = stream().groupBy('k').count();
    expect(() =>
      counts.writeStream
        .format('jdbc')
        .outputMode('update')
        .options(jdbcOptions(t))
        .option('checkpointLocation', checkpoint())
        .start(),
    ).toThrow(
      /\[JDBC_SINK_UPSERT_KEY_REQUIRED\] Update mode upserts rows on a key: set the option upsertKeys/,
    );
    expect(() =>
      counts.writeStream
        .format('jdbc')
        .outputMode('update')
        .options(jdbcOptions(t, { upsertKeys: 'nope' }))
        .option('checkpointLocation', checkpoint())
        .start(),
    ).toThrow(/\[JDBC_SINK_UPSERT_KEY_NOT_FOUND\] The upsert key column `nope`/);
  });

  it('needs a checkpoint location and a dbtable', () => {
    expect(() =>
      stream()
        .writeStream.format('jdbc')
        .options(jdbcOptions(table('sink_nock')))
        .start(),
    ).toThrow(/CHECKPOINT_LOCATION_REQUIRED/);
    expect(() =>
      stream()
        .writeStream.format('jdbc')
        .option('url', jdbcOptions('x').url)
        .option('checkpointLocation', checkpoint())
        .start(),
    ).toThrow("requirement failed: Option 'dbtable' is required.");
  });
});

describe("foreachBatch with the batch writer (the workshop's way)", () => {
  it('writes each micro-batch with df.write.format("jdbc")', async () => {
    const t = table('sink_foreach');
    const input = new MemoryStream(spark, 'house STRING, score INT');
    const q = input
      .toDF()
      .groupBy('house')
      .agg(F.sum('score').cast('int').alias('total'))
      .writeStream.outputMode('complete')
      .foreachBatch(async (df, batchId) => {
        await df
          .withColumn('batch', F.lit(batchId))
          .write.format('jdbc')
          .options(jdbcOptions(t))
          .option('truncate', true)
          .mode('overwrite')
          .save();
      })
      .start();
    input.addData([
      ['a', 1],
      ['b', 2],
    ]);
    await q.processAllAvailable();
    input.addData([['a', 10]]);
    await q.processAllAvailable();
    await q.stop();
    expect(await rows(`SELECT house, total, batch FROM ${t} ORDER BY house`)).toEqual([
      { house: 'a', total: 11, batch: 1 },
      { house: 'b', total: 2, batch: 1 },
    ]);
  });
});
