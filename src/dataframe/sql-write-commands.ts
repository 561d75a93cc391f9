/**
 * SQL statements that write files: CREATE TABLE … [USING fmt] [PARTITIONED BY (…)] [LOCATION …]
 * AS SELECT … (CTAS) and INSERT INTO / INSERT OVERWRITE [TABLE] t [PARTITION (…)] [(cols) | BY NAME]
 * query, over tables registered in the catalog (CREATE TABLE … USING … LOCATION).
 *
 * Spark runs them when `spark.sql` is called and returns an empty DataFrame. Writing is
 * asynchronous here, so they run through `await spark.sqlAsync(text)` (which resolves once the
 * files are published); `spark.sql` refuses them with a message naming sqlAsync rather than
 * returning a DataFrame that has not written anything.
 *
 * Semantics kept from Spark: the query's columns go to the table's columns by position (or by
 * name with BY NAME / a column list, missing columns NULL), cast to the table's types; static
 * partition values (`PARTITION (year = 2024)`) fill their columns; INSERT OVERWRITE with every
 * partition value static replaces only that partition; partitions written become visible (the
 * catalog registers them, as Spark's metastore does on insert); a CTAS without LOCATION writes a
 * managed table under spark.sql.warehouse.dir and fails if that folder is not empty.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { alias, type Expr, type FunctionCall, literal, type NamedExpr } from '../expr/expression.js';
import { dataTypeOf } from '../expr/expression-type.js';
import { DEFAULT_DATABASE } from '../plan/catalog.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { castIfNeeded } from '../types/coercion.js';
import { type DataType, StringType, sameType } from '../types/data-type.js';
import { canAnsiStoreAssign, cannotSafelyCast, storeAssignmentPolicy } from '../types/store-assignment.js';
import { AnalysisException } from '../util/errors.js';
import { DataFrame } from './dataframe.js';
import type { Session } from './session.js';
import { absoluteLocation, createTable, listPartitionSpecs, requireTable } from './sql-table-commands.js';

type Args = Record<string, any>;
type Command = Extract<LogicalPlan, { kind: 'command' }>;

/** Whether a parsed statement writes files (and so must run through sqlAsync). */
export function isWriteCommand(plan: LogicalPlan): boolean {
  if (plan.kind !== 'command') return false;
  const a = plan.args as Args;
  return plan.name === 'insertInto' || (plan.name === 'createTable' && a.query !== undefined);
}

export function writeStatementError(plan: Command): AnalysisException {
  const what = plan.name === 'insertInto' ? 'INSERT' : 'CREATE TABLE … AS SELECT';
  return new AnalysisException(
    'UNSUPPORTED_FEATURE',
    `The feature is not supported: ${what} writes files, which spark.sql cannot do synchronously; run it with \`await spark.sqlAsync(text)\`.`,
  );
}

export async function runWriteCommand(session: Session, cmd: Command): Promise<void> {
  if (cmd.name === 'insertInto') return insertInto(session, cmd.args as Args);
  return createTableAsSelect(session, cmd.args as Args);
}

function lastPart(name: unknown): string {
  return Array.isArray(name) ? String(name[name.length - 1]) : String(name);
}

async function createTableAsSelect(session: Session, a: Args): Promise<void> {
  const name = lastPart(a.name);
  const catalog = session.catalogInternal;
  const exists = catalog.lookupEntry([DEFAULT_DATABASE, name]) !== undefined;
  if (exists && a.ifNotExists) return;
  if (exists && !a.replace) {
    throw new AnalysisException(
      'TABLE_OR_VIEW_ALREADY_EXISTS',
      `Cannot create table or view \`spark_catalog\`.\`${DEFAULT_DATABASE}\`.\`${name}\` because it already exists. Choose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.`,
    );
  }
  const managed = a.location === undefined;
  const warehouse = session.conf.get('spark.sql.warehouse.dir') ?? 'spark-warehouse';
  const location = absoluteLocation(managed ? join(warehouse, name.toLowerCase()) : String(a.location));
  if (managed && !a.replace && existsSync(location) && readdirSync(location).length > 0) {
    throw new AnalysisException(
      'LOCATION_ALREADY_EXISTS',
      `Cannot name the managed table as \`spark_catalog\`.\`${DEFAULT_DATABASE}\`.\`${name}\`, as its associated location '${location}' already exists. Please pick a different table name, or remove the existing location first.`,
    );
  }
  const df = new DataFrame(session, session.analyze(a.query as LogicalPlan));
  const provider = String(a.provider ?? session.conf.get('spark.sql.sources.default') ?? 'parquet');
  await df.write
    .format(provider)
    .options(a.options ?? {})
    .partitionBy(...((a.partitionBy as string[] | undefined) ?? []))
    .mode(a.replace || !managed ? 'overwrite' : 'errorifexists')
    .save(location);
  const { query: _q, ...rest } = a;
  createTable(session, { ...rest, location, managedLocation: managed, replace: exists || a.replace });
  // the partitions just written are the table's partitions
  const partitionColumns = catalog.lookupEntry([DEFAULT_DATABASE, name])?.table?.partitionColumns ?? [];
  if (partitionColumns.length)
    registerPartitions(session, name, listPartitionSpecs(location, partitionColumns));
}

function registerPartitions(session: Session, name: string, specs: readonly string[]): void {
  const e = session.catalogInternal.lookupEntry([DEFAULT_DATABASE, name]);
  if (!e?.table) return;
  const partitions = [...new Set([...(e.partitions ?? []), ...specs])].sort();
  session.catalogInternal.updateTable(e.name, { partitions });
  refreshTableNamed(session, e.name);
}

function refreshTableNamed(session: Session, name: string): void {
  session.sql(`REFRESH TABLE \`${name.replace(/`/g, '``')}\``);
}

async function insertInto(session: Session, a: Args): Promise<void> {
  const nameParts: string[] = a.name;
  const entry = requireTable(session, nameParts, 'INSERT');
  const shown = nameParts.map((n) => `\`${n}\``).join('.');
  const table = entry.table;
  const tableColumns = outputOf(entry.plan);
  const partitionColumns = table.partitionColumns.map((c) => c.toLowerCase());
  const staticValues = new Map<string, string | null>();
  // PARTITION (year = 2024, month): year static, month dynamic (taken from the query)
  for (const { name, value } of (a.partition ?? []) as { name: string; value: string | null }[]) {
    const key = name.toLowerCase();
    if (!partitionColumns.includes(key)) {
      throw new AnalysisException(
        'PARTITIONS_NOT_FOUND',
        `The partition(s) PARTITION (\`${name}\`) cannot be found in table ${shown}. Verify the partition specification and table name.`,
      );
    }
    if (value !== null) staticValues.set(key, value);
  }
  const query = session.analyze(a.query as LogicalPlan);
  const queryOut = outputOf(query);
  // the table columns the query supplies, in the order it supplies them
  const targets = a.columns
    ? (a.columns as string[]).map((c) => {
        const t = tableColumns.find((x) => x.name.toLowerCase() === c.toLowerCase());
        if (!t)
          throw unresolvedColumn(
            c,
            tableColumns.map((x) => x.name),
          );
        return t;
      })
    : a.byName
      ? queryOut.map((q) => {
          const t = tableColumns.find((x) => x.name.toLowerCase() === q.name.toLowerCase());
          if (!t)
            throw unresolvedColumn(
              q.name,
              tableColumns.map((x) => x.name),
            );
          return t;
        })
      : tableColumns.filter((c) => !staticValues.has(c.name.toLowerCase()));
  if (targets.length !== queryOut.length) {
    const reason = targets.length > queryOut.length ? 'not enough' : 'too many';
    throw new AnalysisException(
      `INSERT_COLUMN_ARITY_MISMATCH.${reason === 'too many' ? 'TOO_MANY' : 'NOT_ENOUGH'}_DATA_COLUMNS`,
      `Cannot write to \`spark_catalog\`.\`${DEFAULT_DATABASE}\`.\`${entry.name}\`, the reason is ${reason} data columns:\nTable columns: ${targets.map((c) => `\`${c.name}\``).join(', ')}.\nData columns: ${queryOut.map((c) => `\`${c.name}\``).join(', ')}.`,
    );
  }
  const policy = storeAssignmentPolicy(session.conf.get('spark.sql.storeAssignmentPolicy') ?? undefined);
  const projectList: NamedExpr[] = tableColumns.map((col) => {
    const key = col.name.toLowerCase();
    if (staticValues.has(key)) {
      const v = staticValues.get(key)!;
      return alias(castIfNeeded(literal(v, StringType), col.dataType), col.name);
    }
    const i = targets.findIndex((t) => t.exprId === col.exprId);
    const value: Expr = i >= 0 ? queryOut[i]! : literal(null, col.dataType);
    return alias(
      policy === 'ANSI'
        ? ansiStoreAssign(value, col, `\`spark_catalog\`.\`${DEFAULT_DATABASE}\`.\`${entry.name}\``)
        : castIfNeeded(value, col.dataType),
      col.name,
    );
  });
  const df = new DataFrame(session, session.analyze({ kind: 'project', child: query, projectList }));
  const before = new Set(partitionColumns.length ? listPartitionSpecs(table.location, partitionColumns) : []);
  const allStatic = partitionColumns.length > 0 && partitionColumns.every((c) => staticValues.has(c));
  const writer = df.write
    .format(table.provider)
    .options(table.options)
    .partitionBy(...table.partitionColumns)
    .mode(a.overwrite ? 'overwrite' : 'append');
  if (a.overwrite && allStatic) writer.option('partitionOverwriteMode', 'dynamic');
  await writer.save(table.location);
  if (partitionColumns.length) {
    const written = listPartitionSpecs(table.location, partitionColumns).filter((s) => !before.has(s));
    registerPartitions(session, entry.name, written);
  } else refreshTableNamed(session, entry.name);
}

/**
 * A query column converted to a table column under the ANSI store assignment policy: refused at
 * analysis when Spark cannot safely store the type, else an ANSI cast whose overflow names the column.
 */
function ansiStoreAssign(value: Expr, column: NamedExpr & { dataType: DataType }, table: string): Expr {
  const from = dataTypeOf(value);
  const to = column.dataType;
  if (sameType(from, to, true)) return value;
  if (!canAnsiStoreAssign(from, to)) throw cannotSafelyCast(table, column.name, from, to);
  if (value.kind === 'literal' && value.value === null) return literal(null, to);
  const cast: Expr = { kind: 'cast', child: value, dataType: to, mode: 'ansi', implicit: true };
  const check: FunctionCall = {
    kind: 'fn',
    name: '__check_overflow_in_table_insert',
    args: [cast],
    dataType: to,
    nullable: true,
    params: { column: column.name, from },
  };
  return check;
}

function unresolvedColumn(name: string, candidates: readonly string[]): AnalysisException {
  return new AnalysisException(
    'UNRESOLVED_COLUMN.WITH_SUGGESTION',
    `A column, variable, or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${candidates.map((c) => `\`${c}\``).join(', ')}].`,
  );
}
