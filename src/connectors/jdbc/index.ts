/**
 * The jdbc connector (PostgreSQL, and PGlite in process): batch reads with partitioning and
 * pushdown, batch writes with Spark's save modes, and an exactly-once streaming sink. Importing
 * this module registers the streaming sink format `jdbc`; the session routes `dataSourceRelation`
 * nodes of format `jdbc` to `planJdbcScan` / `readJdbcScan`.
 */
import './jdbc-sink.js';

export { buildJdbcRelation } from './jdbc-relation.js';
export { planJdbcScan, readJdbcScan } from './jdbc-scan.js';
export {
  type JdbcSinkEvent,
  type JdbcSinkPhase,
  onJdbcSinkEvent,
  setJdbcSinkPhaseHook,
} from './jdbc-sink-events.js';
export { type JdbcStatement, onJdbcStatement } from './jdbc-statement-log.js';
export { type JdbcSaveMode, saveJdbc } from './jdbc-writer.js';
export { closePglite, openPglite, registerPglite } from './pglite-connection.js';

/** The connector's format name. */
export const JDBC_FORMAT = 'jdbc';
