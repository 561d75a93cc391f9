/**
 * `df.write.format('jdbc')…save()`: Spark's JDBC writer with its save modes —
 *   append     insert into the table (created when missing)
 *   overwrite  DROP TABLE + CREATE TABLE, or with `truncate=true` TRUNCATE TABLE ONLY (keeping
 *              the table's definition, `cascadeTruncate=true` adds CASCADE)
 *   error      (default) fail when the table exists; ignore: do nothing when it exists
 * CREATE TABLE uses Spark's type mapping (pg-types.ts), `createTableColumnTypes` for the columns
 * it names and `createTableOptions` appended. Rows go in with COPY (or multi-row INSERTs of
 * `batchsize` rows), under `isolationLevel` (default READ_UNCOMMITTED, which PostgreSQL runs as
 * READ COMMITTED; NONE = no transaction).
 *
 * Unlike Spark, which commits each partition on its own, the whole write — DDL included — is one
 * transaction (PostgreSQL has transactional DDL): readers see the old table or the new one.
 */
import type { DataFrame } from '../../dataframe/dataframe.js';
import type { Row } from '../../expr/expression.js';
import type { DataType, StructType } from '../../types/data-type.js';
import { parseDataType } from '../../types/ddl.js';
import { AnalysisException } from '../../util/errors.js';
import { jdbcFailure } from './jdbc-errors.js';
import { quoteIdentifier } from './jdbc-filters.js';
import { copyRows, insertColumns, insertRows, tableColumns } from './jdbc-insert.js';
import { type IsolationLevel, type JdbcWriteOptions, parseWriteOptions } from './jdbc-options.js';
import { toPgDdl } from './pg-types.js';
import { openConnection, type SqlConnection, type TransactionIsolation } from './sql-connection.js';

export type JdbcSaveMode = 'append' | 'overwrite' | 'errorifexists' | 'ignore';

export interface JdbcWriteContext {
  readonly timeZone: string;
  readonly caseSensitive: boolean;
}

export function toTransactionIsolation(level: IsolationLevel): TransactionIsolation | undefined {
  return level === 'NONE' ? undefined : (level.replace('_', ' ') as TransactionIsolation);
}

/** Splits `a VARCHAR(10), b DECIMAL(5, 2)` at top-level commas into (name, type) pairs. */
function parseColumnTypes(text: string): [string, string][] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => {
    const m = /^\s*(`[^`]+`|"[^"]+"|\S+)\s+(.+?)\s*$/s.exec(p);
    if (!m)
      throw new AnalysisException(
        'PARSE_SYNTAX_ERROR',
        `Syntax error in createTableColumnTypes: '${p.trim()}'.`,
      );
    return [m[1]!.replace(/^[`"]|[`"]$/g, ''), m[2]!];
  });
}

/** A user's createTableColumnTypes type as PostgreSQL DDL (CHAR/VARCHAR kept, Spark types mapped). */
function userColumnType(typeText: string, column: string): string {
  const t = typeText.trim().toUpperCase();
  if (/^(VAR)?CHAR\s*\(\s*\d+\s*\)$/.test(t)) return t.replace(/\s+/g, '');
  let dt: DataType;
  try {
    dt = parseDataType(typeText);
  } catch {
    return typeText.trim();
  }
  return toPgDdl(dt, column);
}

/** CREATE TABLE statement for the schema (Spark's schemaString + createTableOptions). */
export function createTableStatement(
  schema: StructType,
  o: JdbcWriteOptions,
  caseSensitive: boolean,
  constraints: readonly string[] = [],
): string {
  const user = new Map<string, string>();
  if (o.createTableColumnTypes) {
    const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
    const names = new Set(schema.fields.map((f) => norm(f.name)));
    for (const [name, type] of parseColumnTypes(o.createTableColumnTypes)) {
      if (!names.has(norm(name))) {
        throw new AnalysisException(
          '_LEGACY_ERROR_TEMP_1171',
          `createTableColumnTypes option column ${name} not found in schema struct<${schema.fields.map((f) => `${f.name}:${f.dataType.kind === 'integer' ? 'int' : f.dataType.kind}`).join(',')}>.`,
        );
      }
      user.set(norm(name), userColumnType(type, name));
    }
  }
  const cols = schema.fields.map((f) => {
    const type = user.get(caseSensitive ? f.name : f.name.toLowerCase()) ?? toPgDdl(f.dataType, f.name);
    return `${quoteIdentifier(f.name)} ${type}${f.nullable ? '' : ' NOT NULL'}`;
  });
  return `CREATE TABLE ${o.table} (${[...cols, ...constraints].join(', ')}) ${o.createTableOptions}`.trimEnd();
}

/** Inserts rows with the options' method (COPY or multi-row INSERT). */
async function writeRows(
  conn: SqlConnection,
  o: JdbcWriteOptions,
  schema: StructType,
  partitions: readonly (readonly Row[])[],
  existing: Awaited<ReturnType<typeof tableColumns>>,
  ctx: JdbcWriteContext,
): Promise<number> {
  const columns = insertColumns(schema, o.table, existing, ctx.caseSensitive, ctx.timeZone);
  let n = 0;
  if (o.writeMethod === 'copy' && conn.supportsCopy && columns.length) {
    n += await copyRows(conn, o.table, columns, partitions.flat());
  } else {
    for (const rows of partitions)
      n += await insertRows(conn, o.table, columns, rows, { batchSize: o.batchSize });
  }
  return n;
}

export async function saveJdbc(
  df: DataFrame,
  mode: JdbcSaveMode,
  options: Readonly<Record<string, string>>,
  ctx: JdbcWriteContext,
): Promise<void> {
  const o = parseWriteOptions(options);
  const schema = df.schema;
  for (const f of schema.fields) toPgDdl(f.dataType, f.name);
  const conn = await openConnection(o, ctx.timeZone);
  try {
    let existing: Awaited<ReturnType<typeof tableColumns>>;
    try {
      existing = await tableColumns(conn, o.table);
    } catch (e) {
      throw jdbcFailure(o.url, `check whether ${o.table} exists`, e);
    }
    if (existing && mode === 'errorifexists') {
      throw new AnalysisException(
        '_LEGACY_ERROR_TEMP_1288',
        `Table or view '${o.table}' already exists. SaveMode: ErrorIfExists.`,
      );
    }
    if (existing && mode === 'ignore') return;
    const partitions = await df.session.executePartitions(df.plan);
    const isolation = toTransactionIsolation(o.isolationLevel);
    if (isolation) await conn.begin(isolation);
    try {
      if (existing && mode === 'overwrite') {
        if (o.truncate) {
          await conn.query(`TRUNCATE TABLE ONLY ${o.table}${o.cascadeTruncate ? ' CASCADE' : ''}`);
        } else {
          await conn.query(`DROP TABLE ${o.table}`);
          existing = undefined;
        }
      }
      if (!existing) await conn.query(createTableStatement(schema, o, ctx.caseSensitive));
      await writeRows(conn, o, schema, partitions, existing, ctx);
      if (isolation) await conn.commit();
    } catch (e) {
      if (isolation) await conn.rollback().catch(() => undefined);
      throw e;
    }
  } catch (e) {
    throw jdbcFailure(o.url, `write to ${o.table}`, e);
  } finally {
    await conn.close();
  }
}
