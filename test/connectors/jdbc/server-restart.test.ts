/**
 * PostgreSQL restarted mid-stream: the sink's batch fails while the server is down, is retried
 * with backoff, and commits once the server is back — the table ends exact. Runs against a
 * private cluster (scratch-postgres.ts) so the shared server is never stopped.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onJdbcSinkEvent } from '../../../src/connectors/jdbc/index.js';
import { MemoryStream, Session } from '../../../src/index.js';
import { ScratchPostgres } from './scratch-postgres.js';

let server: ScratchPostgres;

beforeAll(async () => {
  server = await ScratchPostgres.create();
}, 120_000);
afterAll(async () => {
  await server?.destroy();
});

it('retries a batch while the server restarts and catches up without duplicates', async () => {
  const spark = Session.builder()
    .master('local[1]')
    .config('spark.sql.session.timeZone', 'UTC')
    .getOrCreate();
  const input = new MemoryStream(spark, 'id INT');
  const opts = { url: server.url, dbtable: 'restarted', user: 'postgres', password: 'postgres' };
  const q = input
    .toDF()
    .writeStream.format('jdbc')
    .options(opts)
    .option('checkpointLocation', mkdtempSync(join(tmpdir(), 'sluice-jdbc-restart-')))
    .start();
  input.addData([1, 2]);
  await q.processAllAvailable();

  await server.stop();
  const retried = new Promise<number>((resolve) => {
    const off = onJdbcSinkEvent((e) => {
      if (e.kind === 'retry' && e.table === 'restarted') {
        off();
        resolve(e.batchId);
      }
    });
  });
  input.addData([3, 4]);
  expect(await retried).toBe(1); // batch 1 met the stopped server
  await server.start();
  await q.processAllAvailable();
  input.addData([5]);
  await q.processAllAvailable();
  await q.stop();
  expect(q.exception()).toBeNull();

  const c = new pg.Client({
    host: '127.0.0.1',
    port: server.port,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
  });
  await c.connect();
  try {
    expect((await c.query('SELECT id FROM restarted ORDER BY id')).rows.map((r) => r.id)).toEqual([
      1, 2, 3, 4, 5,
    ]);
  } finally {
    await c.end();
  }
}, 120_000);
