/**
 * Shared set-up of the jdbc tests: the PostgreSQL that `scripts/services.sh up` starts
 * (127.0.0.1:5432, postgres/postgres; SLUICE_PG_HOST / SLUICE_PG_PORT override), an admin client
 * for preparing and inspecting tables, unique table names per test, and a recorder of the SQL
 * the connector sends.
 */
import pg from 'pg';
import { onJdbcStatement } from '../../../src/connectors/jdbc/index.js';

export const PG_HOST = process.env.SLUICE_PG_HOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.SLUICE_PG_PORT ?? 5432);
export const JDBC_URL = `jdbc:postgresql://${PG_HOST}:${PG_PORT}/postgres`;
export const CREDENTIALS = { user: 'postgres', password: 'postgres' } as const;

/** Options for reader/writer/sink: Spark's URL plus credentials. */
export function jdbcOptions(dbtable: string, extra: Record<string, string | number | boolean> = {}) {
  return { url: JDBC_URL, dbtable, ...CREDENTIALS, ...extra };
}

/** A client for set-up and checks; fails with the remedy when the server is not running. */
export async function adminClient(): Promise<pg.Client> {
  const c = new pg.Client({ host: PG_HOST, port: PG_PORT, database: 'postgres', ...CREDENTIALS });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_HOST}:${PG_PORT} with user postgres/postgres (${(e as Error).message}). ` +
        'Start it with `scripts/services.sh up` before running test/connectors/jdbc.',
    );
  }
  return c;
}

let counter = 0;
/** A table name no other test (or concurrent test file) uses. */
export function uniqueTable(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

/** Records the statements sent while `fn` runs. */
export async function recordStatements<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const off = onJdbcStatement((s) => statements.push(s.sql));
  try {
    return { result: await fn(), statements };
  } finally {
    off();
  }
}
