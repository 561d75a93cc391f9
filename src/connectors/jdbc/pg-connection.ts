/**
 * SqlConnection over node-postgres (`pg`) to a PostgreSQL server, with `pg-copy-streams` for
 * COPY FROM STDIN. Every type is read as raw text (no client-side parsing).
 *
 * Invariant: a connection that saw a connection-level error is unusable; callers close it and
 * open a new one (the sink's retry loop does).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client, QueryArrayResult } from 'pg';
import { connectionFailed } from './jdbc-errors.js';
import type { JdbcConnectionOptions } from './jdbc-options.js';
import { logStatement } from './jdbc-statement-log.js';
import type { FieldInfo, RawResult } from './pg-wire.js';
import { type SqlConnection, sessionSetup, type TransactionIsolation } from './sql-connection.js';

const RAW_TEXT = { getTypeParser: () => (v: string) => v } as never;

function rawResult(r: QueryArrayResult): RawResult {
  const fields: FieldInfo[] = (r.fields ?? []).map((f) => ({
    name: f.name,
    typeOid: f.dataTypeID,
    typmod: f.dataTypeModifier,
    tableOid: f.tableID,
    columnAttnum: f.columnID,
  }));
  return {
    fields,
    rows: (r.rows ?? []) as (string | null)[][],
    command: r.command ?? '',
    rowCount: r.rowCount ?? 0,
  };
}

class PostgresConnection implements SqlConnection {
  readonly target = 'postgres' as const;
  readonly supportsCopy = true;
  private broken = false;

  constructor(private readonly client: Client) {
    // an idle connection that loses its server emits 'error'; without a listener Node would crash
    client.on('error', () => {
      this.broken = true;
    });
  }

  async query(sql: string, params?: readonly (string | null)[]): Promise<RawResult> {
    logStatement(sql, this.target);
    const r: QueryArrayResult = await this.client.query({
      text: sql,
      values: params ? [...params] : undefined,
      rowMode: 'array',
      types: RAW_TEXT,
    });
    return rawResult(r);
  }

  async script(statements: readonly string[]): Promise<RawResult[]> {
    for (const sql of statements) logStatement(sql, this.target);
    // no parameters: node-postgres sends one simple-query message, the server answers each statement
    const r = (await this.client.query({
      text: statements.join(';\n'),
      rowMode: 'array',
      types: RAW_TEXT,
    })) as QueryArrayResult | QueryArrayResult[];
    return (Array.isArray(r) ? r : [r]).map(rawResult);
  }

  async copyFrom(sql: string, lines: Iterable<string>): Promise<number> {
    logStatement(sql, this.target);
    const { from } = await import('pg-copy-streams');
    const stream = this.client.query(from(sql));
    // batch lines into chunks of ~64 KiB so the stream is not flooded with tiny writes
    function* chunks(): Generator<string> {
      let buf = '';
      for (const line of lines) {
        buf += line;
        if (buf.length >= 65536) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    }
    await pipeline(Readable.from(chunks()), stream);
    return stream.rowCount;
  }

  async begin(isolation?: TransactionIsolation): Promise<void> {
    await this.query(isolation ? `BEGIN ISOLATION LEVEL ${isolation}` : 'BEGIN');
  }
  async commit(): Promise<void> {
    const r = await this.query('COMMIT');
    // COMMIT of a transaction that failed earlier answers ROLLBACK without an error
    if (r.command === 'ROLLBACK') throw new Error('the transaction was rolled back by the server');
  }
  async rollback(): Promise<void> {
    if (this.broken) return;
    await this.query('ROLLBACK');
  }
  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

export async function openPostgresConnection(
  opts: JdbcConnectionOptions,
  timeZone: string,
): Promise<SqlConnection> {
  const t = opts.target;
  if (t.kind !== 'postgres') throw new Error('internal error: not a PostgreSQL target');
  const pg = (await import('pg')).default;
  const client = new pg.Client({
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    password: t.password ?? '',
    ssl: t.ssl ? { rejectUnauthorized: false } : undefined,
    application_name: t.applicationName,
    connectionTimeoutMillis: 30_000,
    types: RAW_TEXT,
  });
  const conn = new PostgresConnection(client);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw connectionFailed(opts.url, e);
  }
  try {
    for (const s of sessionSetup(opts, timeZone)) await conn.query(s);
  } catch (e) {
    await conn.close();
    throw e;
  }
  return conn;
}
