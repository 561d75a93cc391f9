/**
 * A hook that sees every SQL statement the connector sends (tests check pushdown and the
 * statements of a write with it; users can log them). Listeners run synchronously and must not
 * throw.
 */
export interface JdbcStatement {
  readonly sql: string;
  /** 'postgres' or 'pglite'. */
  readonly target: string;
}

type Listener = (s: JdbcStatement) => void;
const listeners = new Set<Listener>();

/** Registers a listener; returns a function that removes it. */
export function onJdbcStatement(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function logStatement(sql: string, target: string): void {
  if (!listeners.size) return;
  for (const l of listeners) l({ sql, target });
}
