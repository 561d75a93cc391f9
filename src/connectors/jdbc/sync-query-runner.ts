/**
 * Synchronous queries, for the few places Spark's API is synchronous but needs the database:
 * `spark.read.format('jdbc')…load()` resolves the table's schema, and `writeStream…start()`
 * checks credentials and the target table before the query runs.
 *
 * For a PostgreSQL server a short-lived worker thread runs node-postgres while this thread
 * blocks on `Atomics.wait` for each answer; for PGlite (in process) the query runs through
 * PGlite's synchronous protocol entry point.
 *
 * Invariant: the worker is always terminated (`close()`), and a hung server cannot block the
 * caller for longer than the timeout.
 */
import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { SluiceError } from '../../util/errors.js';
import { connectionFailed } from './jdbc-errors.js';
import type { JdbcConnectionOptions } from './jdbc-options.js';
import { logStatement } from './jdbc-statement-log.js';
import { PgServerError, type RawResult } from './pg-wire.js';
import { pgliteQuerySync, pgliteReadyForSync } from './pglite-connection.js';
import { sessionSetup } from './sql-connection.js';

export interface SyncQueryRunner {
  query(sql: string): RawResult;
  close(): void;
}

const TIMEOUT_MS = 60_000;

/** The worker: one pg client; answers each {sql} with {result} or {error}, then flags the slot. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, flag, config, setup } = workerData;
const slot = new Int32Array(flag);
const raw = { getTypeParser: () => (v) => v };
const client = new pg.Client({ ...config, types: raw });
client.on('error', () => {});
function reply(msg) { port.postMessage(msg); Atomics.store(slot, 0, 1); Atomics.notify(slot, 0); }
function fail(e, connect) { reply({ error: { message: e && e.message ? e.message : String(e), code: e && e.code, connect } }); }
let ready = client.connect().then(async () => { for (const s of setup) await client.query(s); });
port.on('message', async (sql) => {
  try { await ready; } catch (e) { fail(e, true); return; }
  try {
    const r = await client.query({ text: sql, rowMode: 'array', types: raw });
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    reply({ result: {
      fields: last.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID, typmod: f.dataTypeModifier, tableOid: f.tableID, columnAttnum: f.columnID })),
      rows: last.rows, command: last.command || '', rowCount: last.rowCount || 0 } });
  } catch (e) { fail(e, false); }
});
port.on('close', () => { client.end().catch(() => {}); });
`;

interface WorkerReply {
  readonly result?: RawResult;
  readonly error?: { message: string; code?: string; connect: boolean };
}

class WorkerRunner implements SyncQueryRunner {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly slot: Int32Array;

  constructor(
    private readonly opts: JdbcConnectionOptions,
    timeZone: string,
  ) {
    const t = opts.target;
    if (t.kind !== 'postgres') throw new Error('internal error: not a PostgreSQL target');
    const flag = new SharedArrayBuffer(4);
    this.slot = new Int32Array(flag);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve('pg');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        pgPath,
        port: port2,
        flag,
        setup: sessionSetup(opts, timeZone),
        config: {
          host: t.host,
          port: t.port,
          database: t.database,
          user: t.user,
          password: t.password ?? '',
          ssl: t.ssl ? { rejectUnauthorized: false } : undefined,
          application_name: t.applicationName,
          connectionTimeoutMillis: 30_000,
        },
      },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
  }

  query(sql: string): RawResult {
    logStatement(sql, 'postgres');
    Atomics.store(this.slot, 0, 0);
    this.port.postMessage(sql);
    const outcome = Atomics.wait(this.slot, 0, 0, TIMEOUT_MS);
    const msg = receiveMessageOnPort(this.port);
    if (outcome === 'timed-out' || !msg) {
      throw new SluiceError(
        'FAILED_JDBC.UNCLASSIFIED',
        `The database did not answer within ${TIMEOUT_MS / 1000} s: ${sql.slice(0, 200)}`,
      );
    }
    const reply = msg.message as WorkerReply;
    if (reply.error) {
      const err = new PgServerError(reply.error.message, reply.error.code, undefined);
      if (reply.error.connect) throw connectionFailed(this.opts.url, err);
      throw err;
    }
    return reply.result!;
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

class PgliteRunner implements SyncQueryRunner {
  constructor(
    private readonly opts: JdbcConnectionOptions,
    private readonly dataDir: string,
    timeZone: string,
  ) {
    for (const s of sessionSetup(opts, timeZone)) this.query(s);
  }
  query(sql: string): RawResult {
    const r = pgliteQuerySync(this.dataDir, sql);
    if (!r) {
      throw new SluiceError(
        'JDBC_PGLITE_NOT_OPEN',
        `The PGlite database ${this.opts.url} is not open yet, so its schema cannot be read synchronously: call \`await openPglite('${this.opts.url}')\` (or write to it) before load().`,
      );
    }
    return r;
  }
  close(): void {}
}

/** Whether a synchronous runner can be opened now (a PGlite instance must already be open). */
export function canQuerySync(opts: JdbcConnectionOptions): boolean {
  return opts.target.kind === 'postgres' || pgliteReadyForSync(opts.target.dataDir);
}

export function openSyncRunner(opts: JdbcConnectionOptions, timeZone: string): SyncQueryRunner {
  return opts.target.kind === 'postgres'
    ? new WorkerRunner(opts, timeZone)
    : new PgliteRunner(opts, opts.target.dataDir, timeZone);
}

/** Runs `fn` with a runner that is closed afterwards. */
export function withSyncRunner<T>(
  opts: JdbcConnectionOptions,
  timeZone: string,
  fn: (r: SyncQueryRunner) => T,
): T {
  const r = openSyncRunner(opts, timeZone);
  try {
    return fn(r);
  } finally {
    r.close();
  }
}
