/**
 * In-process PostgreSQL (PGlite, PostgreSQL compiled to WASM) behind the same SqlConnection as a
 * server, so the jdbc reader, writer and streaming sink run unchanged on `pglite://memory` (the
 * demo's embedded default) or `pglite:///folder`.
 *
 * One PGlite instance per URL per process (`openPglite`), shared by every connection to it;
 * applications may hand in their own instance with `registerPglite`. PGlite has a single
 * session, so a transaction holds PGlite's own transaction lock from BEGIN to COMMIT: other
 * queries (Sluice's or the application's) wait rather than interleave with it.
 *
 * Invariant: values are exchanged as raw text in both directions (identity parsers and
 * serializers for every type), exactly as with a server.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { SluiceError } from '../../util/errors.js';
import { connectionFailed } from './jdbc-errors.js';
import type { JdbcConnectionOptions } from './jdbc-options.js';
import { logStatement } from './jdbc-statement-log.js';
import { parseConnectionUrl } from './jdbc-url.js';
import { decodeQueryResponse, encodeQuery, type FieldInfo, type RawResult } from './pg-wire.js';
import { type SqlConnection, sessionSetup, type TransactionIsolation } from './sql-connection.js';

interface Entry {
  readonly db: PGlite;
  /** Identity parsers/serializers keyed by type oid (values stay text). */
  readonly parsers: Record<number, (v: string) => string>;
}

const instances = new Map<string, Promise<Entry>>();
const ready = new Map<string, Entry>();

function keyOf(url: string): string {
  const t = parseConnectionUrl(url);
  if (t.kind !== 'pglite') {
    throw new SluiceError(
      'INVALID_JDBC_URL',
      `Not a PGlite URL: ${url} (expected pglite://memory or pglite:///path).`,
    );
  }
  return t.dataDir;
}

async function prepare(db: PGlite): Promise<Entry> {
  await db.waitReady;
  const r = await db.query<[number]>('SELECT oid::int4 FROM pg_catalog.pg_type', [], { rowMode: 'array' });
  const parsers: Record<number, (v: string) => string> = {};
  for (const [oid] of r.rows) parsers[oid] = (v) => v;
  return { db, parsers };
}

function entryFor(dataDir: string): Promise<Entry> {
  let p = instances.get(dataDir);
  if (!p) {
    p = (async () => {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = dataDir.startsWith('memory://') ? new PGlite() : new PGlite(dataDir);
      const e = await prepare(db);
      ready.set(dataDir, e);
      return e;
    })();
    instances.set(dataDir, p);
    p.catch(() => instances.delete(dataDir));
  }
  return p;
}

/**
 * The PGlite instance behind a `pglite://` URL, created on first use (an application reads the
 * demo's live table with it, or closes it at the end).
 */
export async function openPglite(url: string): Promise<PGlite> {
  return (await entryFor(keyOf(url))).db;
}

/** Makes `pglite://…` URL refer to an instance the application created itself. */
export async function registerPglite(url: string, db: PGlite): Promise<void> {
  const key = keyOf(url);
  const p = prepare(db);
  instances.set(key, p);
  ready.set(key, await p);
}

/** Closes the instance behind the URL and forgets it. */
export async function closePglite(url: string): Promise<void> {
  const key = keyOf(url);
  const p = instances.get(key);
  instances.delete(key);
  ready.delete(key);
  if (p) await (await p).db.close();
}

/** Whether the instance behind `dataDir` is open and free for a synchronous query now. */
export function pgliteReadyForSync(dataDir: string): boolean {
  const e = ready.get(dataDir);
  return e !== undefined && !e.db.isInTransaction();
}

/**
 * A synchronous simple query on an instance that is already open (schema resolution in load()).
 * Returns undefined when the instance is not open yet; refuses while a transaction is open on
 * it, which a synchronous call could otherwise run inside of.
 */
export function pgliteQuerySync(dataDir: string, sql: string): RawResult | undefined {
  const e = ready.get(dataDir);
  if (!e) return undefined;
  if (e.db.isInTransaction()) {
    throw new SluiceError(
      'JDBC_PGLITE_BUSY',
      `The PGlite database pglite:${dataDir.replace(/^memory:\/\//, '//memory/')} is inside a transaction; read its schema after the transaction ends.`,
    );
  }
  logStatement(sql, 'pglite');
  return decodeQueryResponse(e.db.execProtocolRawSync(encodeQuery(sql)));
}

const ROLLBACK = Symbol('rollback');

class PgliteConnection implements SqlConnection {
  readonly target = 'pglite' as const;
  readonly supportsCopy = false;
  private tx: Transaction | undefined;
  private finish: ((commit: boolean) => void) | undefined;
  private txDone: Promise<unknown> | undefined;

  constructor(private readonly e: Entry) {}

  async query(sql: string, params?: readonly (string | null)[]): Promise<RawResult> {
    logStatement(sql, this.target);
    const options = { rowMode: 'array' as const, parsers: this.e.parsers, serializers: this.e.parsers };
    const runner = this.tx ?? this.e.db;
    const r = await runner.query<(string | null)[]>(sql, params ? [...params] : [], options);
    const fields: FieldInfo[] = r.fields.map((f) => ({
      name: f.name,
      typeOid: f.dataTypeID,
      typmod: -1,
      tableOid: 0,
      columnAttnum: 0,
    }));
    return { fields, rows: r.rows, command: '', rowCount: r.affectedRows ?? r.rows.length };
  }

  copyFrom(): Promise<number> {
    return Promise.reject(new Error('internal error: PGlite connections have no COPY FROM STDIN'));
  }

  async begin(isolation?: TransactionIsolation): Promise<void> {
    if (this.tx) throw new Error('internal error: transaction already open');
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    const decided = new Promise<boolean>((r) => (this.finish = r));
    this.txDone = this.e.db
      .transaction(async (tx) => {
        this.tx = tx;
        if (isolation) {
          logStatement(`SET TRANSACTION ISOLATION LEVEL ${isolation}`, this.target);
          await tx.query(`SET TRANSACTION ISOLATION LEVEL ${isolation}`);
        }
        started();
        if (!(await decided)) throw ROLLBACK;
      })
      .finally(() => {
        this.tx = undefined;
      });
    // BEGIN itself may fail: surface that instead of waiting for ever
    await Promise.race([startedP, this.txDone]);
    logStatement('BEGIN', this.target);
  }

  async commit(): Promise<void> {
    const done = this.txDone;
    this.finish?.(true);
    this.finish = undefined;
    this.txDone = undefined;
    logStatement('COMMIT', this.target);
    await done;
  }

  async rollback(): Promise<void> {
    const done = this.txDone;
    this.finish?.(false);
    this.finish = undefined;
    this.txDone = undefined;
    logStatement('ROLLBACK', this.target);
    await done?.catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  }

  async close(): Promise<void> {
    if (this.finish) await this.rollback().catch(() => undefined);
  }
}

export async function openPgliteConnection(
  opts: JdbcConnectionOptions,
  timeZone: string,
): Promise<SqlConnection> {
  if (opts.target.kind !== 'pglite') throw new Error('internal error: not a PGlite target');
  let entry: Entry;
  try {
    entry = await entryFor(opts.target.dataDir);
  } catch (e) {
    throw connectionFailed(opts.url, e);
  }
  const conn = new PgliteConnection(entry);
  // PGlite has one session: SET statements apply to everyone using the instance
  for (const s of sessionSetup(opts, timeZone)) await conn.query(s);
  return conn;
}
