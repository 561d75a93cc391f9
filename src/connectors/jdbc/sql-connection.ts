/**
 * The connector's view of one database session, whatever the client behind it (node-postgres
 * for a PostgreSQL server, PGlite in process): text-format queries, COPY FROM STDIN where the
 * server has it, explicit transactions. No client library type crosses this interface.
 *
 * Invariants: values travel in PostgreSQL's text format (pg-values.ts converts); every statement
 * goes through `logStatement` first; a connection is opened with the session's time zone and
 * the user's sessionInitStatement / queryTimeout already applied.
 */
import type { JdbcConnectionOptions } from './jdbc-options.js';
import type { RawResult } from './pg-wire.js';

export type { FieldInfo, RawResult } from './pg-wire.js';

export type TransactionIsolation = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface SqlConnection {
  readonly target: 'postgres' | 'pglite';
  /** Runs one statement; `params` are text values ($1, $2, …) or null. */
  query(sql: string, params?: readonly (string | null)[]): Promise<RawResult>;
  /** Whether `copyFrom` is available (PostgreSQL servers; not PGlite). */
  readonly supportsCopy: boolean;
  /** `COPY … FROM STDIN` fed with text-format lines; resolves with the number of rows copied. */
  copyFrom(sql: string, lines: Iterable<string>): Promise<number>;
  /**
   * Runs statements (no parameters) in one round trip — one simple-query message — and resolves
   * with one result per statement; a failing statement rejects and skips the rest. Optional:
   * where it is missing (PGlite, in process) callers send the statements one by one.
   */
  script?(statements: readonly string[]): Promise<RawResult[]>;
  begin(isolation?: TransactionIsolation): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

/** The statement that sets the server session's time zone to Spark's session time zone. */
export function timeZoneStatement(timeZone: string): string | undefined {
  const tz = timeZone.trim();
  if (/^(UTC|Z|GMT|UT)$/i.test(tz)) return "SET TIME ZONE 'UTC'";
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(tz);
  if (m) {
    const hh = m[2]!.padStart(2, '0');
    return `SET TIME ZONE INTERVAL '${m[1]}${hh}:${m[3] ?? '00'}' HOUR TO MINUTE`;
  }
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return `SET TIME ZONE '${tz}'`;
  return undefined;
}

/** Statements run on every new connection. */
export function sessionSetup(opts: JdbcConnectionOptions, timeZone: string): string[] {
  const out: string[] = [];
  const tz = timeZoneStatement(timeZone);
  if (tz) out.push(tz);
  if (opts.queryTimeout > 0) out.push(`SET statement_timeout = ${opts.queryTimeout * 1000}`);
  if (opts.target.kind === 'postgres' && opts.target.searchPath) {
    out.push(`SET search_path TO ${opts.target.searchPath}`);
  }
  if (opts.sessionInitStatement) out.push(opts.sessionInitStatement);
  return out;
}

/** Opens a connection to the URL's database (a PostgreSQL server or an in-process PGlite). */
export async function openConnection(opts: JdbcConnectionOptions, timeZone: string): Promise<SqlConnection> {
  if (opts.target.kind === 'pglite') {
    const { openPgliteConnection } = await import('./pglite-connection.js');
    return openPgliteConnection(opts, timeZone);
  }
  const { openPostgresConnection } = await import('./pg-connection.js');
  return openPostgresConnection(opts, timeZone);
}

/** Runs `fn` in one transaction on `conn`: commit when it returns, roll back when it throws. */
export async function inTransaction<T>(
  conn: SqlConnection,
  isolation: TransactionIsolation | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  await conn.begin(isolation);
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await conn.rollback().catch(() => undefined);
    throw e;
  }
  await conn.commit();
  return result;
}
