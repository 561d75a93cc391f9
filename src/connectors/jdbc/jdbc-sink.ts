/**
 * `writeStream.format('jdbc')` — an exactly-once streaming sink into a PostgreSQL (or PGlite)
 * table; a Sluice extension (Spark has no streaming JDBC sink). Output modes:
 *   append    the batch's rows are inserted (COPY on a server)
 *   update    the batch's rows are upserted on the key: `upsertKeys` (comma-separated) or the
 *             table's primary key (INSERT … ON CONFLICT (key) DO UPDATE)
 *   complete  the table's rows are replaced by the batch (DELETE + insert)
 *
 * Exactly-once: each batch is ONE transaction that also advances the query's row in the commit
 * table (`_sluice_sink_commits`: query id, sink table, last batch id). The first statement of the
 * transaction claims the batch id; when the table already records it (the engine re-runs a batch
 * whose database commit happened but whose checkpoint commit did not), the transaction writes
 * nothing. Transient failures (server restart, network, serialization conflicts) roll back and
 * retry with exponential backoff for up to `retryTimeoutMs`. On a server, a small batch (at most
 * batchsize and 1000 rows) costs two round trips: BEGIN, the claim and the writes (values inline)
 * go as one script, then COMMIT — or ROLLBACK, which undoes the writes, when the claim finds the
 * batch committed before.
 *
 * Options: url, dbtable, user, password (as the batch writer), upsertKeys, createTable (default
 * true: a missing table is created with Spark's types, with a primary key on upsertKeys),
 * batchsize, writeMethod, commitTable, retryTimeoutMs (default 120000), isolationLevel (the batch
 * transaction's: READ_COMMITTED by default, REPEATABLE_READ or SERIALIZABLE; NONE is rejected,
 * since the transaction is what makes the sink exactly-once).
 * Checked at start(): the options, the credentials, the table (or createTable), the key.
 */
import { readFileSync } from 'node:fs';
import type { Row } from '../../expr/expression.js';
import { CheckpointPaths } from '../../streaming/checkpoint/checkpoint-paths.js';
import { type OutputMode, registerSinkProvider, type Sink, type SinkContext } from '../../streaming/sink.js';
import type { StructType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { errorCode, isTransientError, jdbcFailure, tableNotFound } from './jdbc-errors.js';
import { quoteIdentifier } from './jdbc-filters.js';
import {
  copyRows,
  type InsertColumn,
  inlineInsertStatement,
  insertColumns,
  insertRows,
  tableColumns,
  textConstant,
} from './jdbc-insert.js';
import { illegalArgument, JdbcOptionMap, type JdbcWriteOptions, parseWriteOptions } from './jdbc-options.js';
import { emitSinkEvent, runPhaseHook } from './jdbc-sink-events.js';
import { createTableStatement, toTransactionIsolation } from './jdbc-writer.js';
import { toPgDdl } from './pg-types.js';
import { quoteLiteral } from './pg-values.js';
import { openConnection, type SqlConnection, type TransactionIsolation } from './sql-connection.js';
import { canQuerySync, type SyncQueryRunner, withSyncRunner } from './sync-query-runner.js';

/** Batches up to this many rows (and batchsize) are written in one script with their values inline. */
const INLINE_MAX_ROWS = 1000;

interface SinkOptions {
  readonly write: JdbcWriteOptions;
  readonly upsertKeys: readonly string[] | undefined;
  readonly createTable: boolean;
  readonly commitTable: string;
  readonly retryTimeoutMs: number;
  readonly isolation: TransactionIsolation;
}

function parseSinkOptions(raw: Readonly<Record<string, string>>): SinkOptions {
  const write = parseWriteOptions(raw);
  const o = new JdbcOptionMap(raw);
  const keys = o.get('upsertKeys');
  const create = (o.get('createTable') ?? 'true').toLowerCase();
  if (create !== 'true' && create !== 'false') {
    throw illegalArgument(
      `Invalid value \`${o.get('createTable')}\` for parameter \`createTable\`: expected true or false.`,
    );
  }
  const retry = Number(o.get('retryTimeoutMs') ?? '120000');
  if (!Number.isFinite(retry) || retry < 0) {
    throw illegalArgument(`Invalid value \`${o.get('retryTimeoutMs')}\` for parameter \`retryTimeoutMs\`.`);
  }
  // the batch writer defaults to READ_UNCOMMITTED, which PostgreSQL runs as READ COMMITTED
  const isolation = o.has('isolationLevel') ? toTransactionIsolation(write.isolationLevel) : 'READ COMMITTED';
  if (!isolation) {
    throw illegalArgument(
      'The jdbc streaming sink writes each batch in one transaction, which is what makes it exactly-once: `isolationLevel` `NONE` is not supported (use READ_COMMITTED, the default, REPEATABLE_READ or SERIALIZABLE).',
    );
  }
  return {
    write,
    isolation,
    upsertKeys: keys
      ?.split(',')
      .map((k) => k.trim())
      .filter((k) => k),
    createTable: create === 'true',
    commitTable: o.get('commitTable') ?? '_sluice_sink_commits',
    retryTimeoutMs: retry,
  };
}

function primaryKeySql(table: string): string {
  return `SELECT a.attname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ${quoteLiteral(table)}::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`;
}

function missingKey(table: string): AnalysisException {
  return new AnalysisException(
    'JDBC_SINK_UPSERT_KEY_REQUIRED',
    `Update mode upserts rows on a key: set the option upsertKeys (e.g. .option('upsertKeys', 'house')) or give table ${table} a primary key.`,
  );
}

/** The key the sink upserts on, validated against the data's columns. */
function resolveKeys(
  o: SinkOptions,
  schema: StructType,
  tableKey: readonly string[] | undefined,
): string[] | undefined {
  const keys = o.upsertKeys?.length ? o.upsertKeys : tableKey?.length ? tableKey : undefined;
  if (!keys) return undefined;
  for (const k of keys) {
    if (!schema.fields.some((f) => f.name.toLowerCase() === k.toLowerCase())) {
      throw new AnalysisException(
        'JDBC_SINK_UPSERT_KEY_NOT_FOUND',
        `The upsert key column \`${k}\` is not a column of the streaming query's output (${schema.fields.map((f) => `\`${f.name}\``).join(', ')}).`,
      );
    }
  }
  return [...keys];
}

/** start()-time checks through a synchronous connection: credentials, table, key. */
function checkAtStart(r: SyncQueryRunner, o: SinkOptions, ctx: SinkContext): void {
  let exists = true;
  try {
    r.query(`SELECT * FROM ${o.write.table} WHERE 1=0`);
  } catch (e) {
    if (errorCode(e) !== '42P01' && errorCode(e) !== '3F000')
      throw jdbcFailure(o.write.url, `check ${o.write.table}`, e);
    exists = false;
  }
  if (!exists && !o.createTable) throw tableNotFound(o.write.table);
  if (ctx.outputMode !== 'update') return;
  const tableKey = exists ? r.query(primaryKeySql(o.write.table)).rows.map((x) => x[0]!) : undefined;
  if (!resolveKeys(o, ctx.schema, tableKey)) throw missingKey(o.write.table);
}

class JdbcSink implements Sink {
  private conn: SqlConnection | undefined;
  private prepared: { columns: InsertColumn[]; keys: string[] | undefined } | undefined;
  private queryId: string | undefined;

  constructor(
    private readonly ctx: SinkContext,
    private readonly o: SinkOptions,
  ) {}

  description(): string {
    return `JdbcSink[${this.o.write.table}]`;
  }

  private async connection(): Promise<SqlConnection> {
    this.conn ??= await openConnection(this.o.write, this.ctx.session.timeZone());
    return this.conn;
  }

  private async dropConnection(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    this.prepared = undefined;
    await c?.close().catch(() => undefined);
  }

  /** The streaming query's id, from its checkpoint (stable across restarts). */
  private id(): string {
    if (!this.queryId) {
      const meta = new CheckpointPaths(this.ctx.checkpointLocation).metadata;
      this.queryId = (JSON.parse(readFileSync(meta, 'utf8')) as { id: string }).id;
    }
    return this.queryId;
  }

  /** Commit table and target table exist; columns and key known (once per connection). */
  private async prepare(conn: SqlConnection, mode: OutputMode) {
    if (this.prepared) return this.prepared;
    const o = this.o;
    try {
      await conn.query(
        `CREATE TABLE IF NOT EXISTS ${o.commitTable} (query_id TEXT NOT NULL, sink_table TEXT NOT NULL, batch_id BIGINT NOT NULL, committed_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (query_id, sink_table))`,
      );
    } catch (e) {
      // two sinks creating it at once: one wins, the other sees a duplicate
      if (errorCode(e) !== '23505' && errorCode(e) !== '42P07') throw e;
    }
    let existing = await tableColumns(conn, o.write.table);
    if (!existing) {
      if (!o.createTable) throw tableNotFound(o.write.table);
      const pk = o.upsertKeys?.length
        ? [`PRIMARY KEY (${o.upsertKeys.map(quoteIdentifier).join(', ')})`]
        : [];
      const ddl = createTableStatement(this.ctx.schema, o.write, false, pk);
      try {
        await conn.query(ddl);
      } catch (e) {
        if (errorCode(e) !== '42P07') throw e;
      }
      existing = await tableColumns(conn, o.write.table);
    }
    const tableKey =
      mode === 'update' ? (await conn.query(primaryKeySql(o.write.table))).rows.map((x) => x[0]!) : undefined;
    const keys = mode === 'update' ? resolveKeys(o, this.ctx.schema, tableKey) : undefined;
    if (mode === 'update' && !keys) throw missingKey(o.write.table);
    const columns = insertColumns(
      this.ctx.schema,
      o.write.table,
      existing,
      false,
      this.ctx.session.timeZone(),
    );
    // keys name the table's columns as the table spells them
    const targetKeys = keys?.map((k) => {
      const i = this.ctx.schema.fields.findIndex((f) => f.name.toLowerCase() === k.toLowerCase());
      return columns[i]!.target;
    });
    this.prepared = { columns, keys: targetKeys };
    return this.prepared;
  }

  /** Claims the batch in the commit table; false when it was committed before. */
  private async claim(conn: SqlConnection, batchId: number): Promise<boolean> {
    const t = this.o.commitTable;
    const r = await conn.query(
      `INSERT INTO ${t} (query_id, sink_table, batch_id, committed_at) VALUES ($1, $2, $3, now()) ON CONFLICT (query_id, sink_table) DO UPDATE SET batch_id = EXCLUDED.batch_id, committed_at = EXCLUDED.committed_at WHERE ${t}.batch_id < EXCLUDED.batch_id RETURNING batch_id`,
      [this.id(), this.o.write.table, String(batchId)],
    );
    return r.rows.length > 0;
  }

  /** The claim as a statement with its values inline (for a script). */
  private claimStatement(batchId: number): string {
    const t = this.o.commitTable;
    return `INSERT INTO ${t} (query_id, sink_table, batch_id, committed_at) VALUES (${textConstant(this.id())}, ${textConstant(this.o.write.table)}, ${batchId}, now()) ON CONFLICT (query_id, sink_table) DO UPDATE SET batch_id = EXCLUDED.batch_id, committed_at = EXCLUDED.committed_at WHERE ${t}.batch_id < EXCLUDED.batch_id RETURNING batch_id`;
  }

  /**
   * A small batch in two round trips instead of five: BEGIN, the claim, the writes in one script;
   * then COMMIT — or ROLLBACK, undoing the writes, when the claim finds the batch committed
   * before (a re-run, rare). Undefined when the batch is not small or the connection has no
   * scripts; the caller then takes the statement-by-statement path.
   */
  private async writeSmallBatch(
    conn: SqlConnection,
    batchId: number,
    rows: readonly Row[],
    mode: OutputMode,
    columns: readonly InsertColumn[],
    keys: readonly string[] | undefined,
  ): Promise<boolean | undefined> {
    if (!conn.script || rows.length > Math.min(this.o.write.batchSize, INLINE_MAX_ROWS)) return undefined;
    const table = this.o.write.table;
    const statements = [`BEGIN ISOLATION LEVEL ${this.o.isolation}`, this.claimStatement(batchId)];
    if (mode === 'complete') statements.push(`DELETE FROM ${table}`);
    const insert =
      mode === 'update'
        ? inlineInsertStatement(table, columns, dedupeByKey(rows, columns, keys!), keys!)
        : inlineInsertStatement(table, columns, rows);
    if (insert) statements.push(insert);
    try {
      const results = await conn.script(statements);
      if (results[1]!.rows.length === 0) {
        await conn.rollback();
        emitSinkEvent({ kind: 'skipped', batchId, table });
        return false;
      }
      await runPhaseHook('beforeCommit', batchId);
      await conn.commit();
    } catch (e) {
      await conn.rollback().catch(() => undefined);
      throw e;
    }
    emitSinkEvent({ kind: 'committed', batchId, table, rows: rows.length });
    return true;
  }

  private async writeBatch(batchId: number, rows: readonly Row[], mode: OutputMode): Promise<boolean> {
    const conn = await this.connection();
    const { columns, keys } = await this.prepare(conn, mode);
    const small = await this.writeSmallBatch(conn, batchId, rows, mode, columns, keys);
    if (small !== undefined) return small;
    const table = this.o.write.table;
    await conn.begin(this.o.isolation);
    try {
      if (!(await this.claim(conn, batchId))) {
        await conn.rollback();
        emitSinkEvent({ kind: 'skipped', batchId, table });
        return false;
      }
      if (mode === 'complete') await conn.query(`DELETE FROM ${table}`);
      if (mode === 'update') {
        await insertRows(conn, table, columns, dedupeByKey(rows, columns, keys!), {
          batchSize: this.o.write.batchSize,
          conflictKeys: keys!,
        });
      } else if (this.o.write.writeMethod === 'copy' && conn.supportsCopy && rows.length) {
        await copyRows(conn, table, columns, rows);
      } else {
        await insertRows(conn, table, columns, rows, { batchSize: this.o.write.batchSize });
      }
      await runPhaseHook('beforeCommit', batchId);
      await conn.commit();
    } catch (e) {
      await conn.rollback().catch(() => undefined);
      throw e;
    }
    emitSinkEvent({ kind: 'committed', batchId, table, rows: rows.length });
    return true;
  }

  async addBatch(batchId: number, data: import('../../dataframe/dataframe.js').DataFrame, mode: OutputMode) {
    const rows = await this.ctx.session.executeInternal(data.plan);
    const started = Date.now();
    let delay = 100;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeBatch(batchId, rows, mode);
        break;
      } catch (e) {
        // whatever failed, the next attempt starts from a fresh connection
        await this.dropConnection();
        const transient = isTransientError(e) || isTransientError((e as { cause?: unknown }).cause);
        if (!transient || Date.now() - started + delay > this.o.retryTimeoutMs) {
          throw jdbcFailure(this.o.write.url, `write batch ${batchId} to ${this.o.write.table}`, e);
        }
        emitSinkEvent({
          kind: 'retry',
          batchId,
          table: this.o.write.table,
          attempt,
          delayMs: delay,
          error: e,
        });
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
    await runPhaseHook('afterCommit', batchId);
  }

  async stop(): Promise<void> {
    await this.dropConnection();
  }
}

/** Update mode: one row per key (the last), since one INSERT … ON CONFLICT cannot touch a row twice. */
function dedupeByKey(rows: readonly Row[], columns: readonly InsertColumn[], keys: readonly string[]): Row[] {
  const idx = keys.map((k) => columns.findIndex((c) => c.target === k));
  const byKey = new Map<string, Row>();
  for (const r of rows) {
    byKey.set(
      JSON.stringify(
        idx.map((i) => r[i]),
        (_k, v) => (typeof v === 'bigint' ? `${v}n` : v),
      ),
      r,
    );
  }
  return byKey.size === rows.length ? [...rows] : [...byKey.values()];
}

registerSinkProvider({
  format: 'jdbc',
  createSink: (ctx): Sink => {
    const o = parseSinkOptions(ctx.options);
    for (const f of ctx.schema.fields) toPgDdl(f.dataType, f.name);
    if (o.upsertKeys?.length) resolveKeys(o, ctx.schema, undefined);
    if (canQuerySync(o.write))
      withSyncRunner(o.write, ctx.session.timeZone(), (r) => checkAtStart(r, o, ctx));
    return new JdbcSink(ctx, o);
  },
});
