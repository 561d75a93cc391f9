/**
 * The bulk paths rows take into a table, shared by the batch writer and the streaming sink:
 * `COPY t (…) FROM STDIN` on a PostgreSQL server, multi-row `INSERT … VALUES (…), (…)` elsewhere
 * (PGlite) and for upserts (`ON CONFLICT (keys) DO UPDATE`). Plus what both need to know about
 * an existing table: its columns and their types.
 *
 * Invariants: values are serialized for the target column's type (timestamp vs timestamptz);
 * a statement never carries more than 65535 parameters (the protocol's limit); nothing here
 * opens or ends a transaction — callers decide.
 */
import type { Row } from '../../expr/expression.js';
import type { StructType } from '../../types/data-type.js';
import { sqlTypeName } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { errorCode } from './jdbc-errors.js';
import { quoteIdentifier } from './jdbc-filters.js';
import { builtinPgType, type PgType } from './pg-types.js';
import { compileSerializer, copyField, type TextSerializer } from './pg-values.js';
import type { SqlConnection } from './sql-connection.js';

const MAX_PARAMS = 65535;

export interface TableColumn {
  readonly name: string;
  readonly pg: PgType | undefined;
}

/** The table's columns, or undefined when it does not exist (`SELECT * FROM t WHERE 1=0`). */
export async function tableColumns(conn: SqlConnection, table: string): Promise<TableColumn[] | undefined> {
  try {
    const r = await conn.query(`SELECT * FROM ${table} WHERE 1=0`);
    return r.fields.map((f) => ({ name: f.name, pg: builtinPgType(f.typeOid, f.typmod) }));
  } catch (e) {
    if (errorCode(e) === '42P01' || errorCode(e) === '3F000') return undefined;
    throw e;
  }
}

/** One column of the data to insert: where it goes and how its values become text. */
export interface InsertColumn {
  readonly target: string;
  readonly serialize: TextSerializer;
}

/**
 * Maps the data's fields to the table's columns by name (case-insensitively unless
 * `caseSensitive`), as Spark's writer does; a field the table lacks is an error.
 */
export function insertColumns(
  schema: StructType,
  table: string,
  existing: readonly TableColumn[] | undefined,
  caseSensitive: boolean,
  timeZone: string,
): InsertColumn[] {
  return schema.fields.map((f) => {
    if (!existing) return { target: f.name, serialize: compileSerializer(f.dataType, undefined, timeZone) };
    const c =
      existing.find((x) => x.name === f.name) ??
      (caseSensitive ? undefined : existing.find((x) => x.name.toLowerCase() === f.name.toLowerCase()));
    if (!c) {
      throw new AnalysisException(
        'COLUMN_NOT_DEFINED_IN_TABLE',
        `"${sqlTypeName(f.dataType)}" column \`${f.name}\` is not defined in table \`${table}\`, defined table columns are: ${existing.map((x) => `\`${x.name}\``).join(', ')}.`,
      );
    }
    return { target: c.name, serialize: compileSerializer(f.dataType, c.pg, timeZone) };
  });
}

function textRow(row: Row, columns: readonly InsertColumn[]): (string | null)[] {
  return columns.map((c, i) => {
    const v = row[i];
    return v === null || v === undefined ? null : c.serialize(v);
  });
}

/** COPY FROM STDIN (text format). */
export async function copyRows(
  conn: SqlConnection,
  table: string,
  columns: readonly InsertColumn[],
  rows: Iterable<Row>,
): Promise<number> {
  const cols = columns.map((c) => quoteIdentifier(c.target)).join(',');
  function* lines(): Generator<string> {
    for (const r of rows) yield `${textRow(r, columns).map(copyField).join('\t')}\n`;
  }
  return conn.copyFrom(`COPY ${table} (${cols}) FROM STDIN`, lines());
}

export interface InsertOptions {
  readonly batchSize: number;
  /** Upsert: `ON CONFLICT (keys) DO UPDATE SET` every other column. */
  readonly conflictKeys?: readonly string[];
}

/** Multi-row INSERTs of at most batchSize rows (and 65535 parameters) each. */
export async function insertRows(
  conn: SqlConnection,
  table: string,
  columns: readonly InsertColumn[],
  rows: readonly Row[],
  o: InsertOptions,
): Promise<number> {
  if (!columns.length) return 0;
  const perStatement = Math.max(1, Math.min(o.batchSize, Math.floor(MAX_PARAMS / columns.length)));
  const cols = columns.map((c) => quoteIdentifier(c.target));
  const suffix = conflictClause(columns, o.conflictKeys);
  let written = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: (string | null)[] = [];
    const tuples = chunk.map((r) => {
      const base = params.length;
      params.push(...textRow(r, columns));
      return `(${columns.map((_, i) => `$${base + i + 1}`).join(',')})`;
    });
    await conn.query(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${tuples.join(',')}${suffix}`, params);
    written += chunk.length;
  }
  return written;
}

/** ` ON CONFLICT (keys) DO UPDATE SET` every other column (DO NOTHING if none), or '' without keys. */
function conflictClause(
  columns: readonly InsertColumn[],
  conflictKeys: readonly string[] | undefined,
): string {
  if (!conflictKeys) return '';
  const keys = new Set(conflictKeys);
  const updates = columns.filter((c) => !keys.has(c.target)).map((c) => quoteIdentifier(c.target));
  return ` ON CONFLICT (${conflictKeys.map(quoteIdentifier).join(', ')}) ${
    updates.length ? `DO UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'DO NOTHING'
  }`;
}

/**
 * A text value as a string constant whatever standard_conforming_strings is (E'…' escapes
 * backslashes); the server coerces it to the target column's type as it does a text parameter.
 */
export function textConstant(text: string): string {
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * One multi-row INSERT (upsert with conflictKeys) with the values inline as constants, for a
 * script sent in one round trip; undefined when there is nothing to insert. Callers keep it to
 * small batches (the statement text grows with the rows).
 */
export function inlineInsertStatement(
  table: string,
  columns: readonly InsertColumn[],
  rows: readonly Row[],
  conflictKeys?: readonly string[],
): string | undefined {
  if (!columns.length || !rows.length) return undefined;
  const tuples = rows.map(
    (r) =>
      `(${textRow(r, columns)
        .map((v) => (v === null ? 'NULL' : textConstant(v)))
        .join(',')})`,
  );
  const cols = columns.map((c) => quoteIdentifier(c.target)).join(',');
  return `INSERT INTO ${table} (${cols}) VALUES ${tuples.join(',')}${conflictClause(columns, conflictKeys)}`;
}
