/**
 * Catalog statements about tables over folders: CREATE TABLE … USING fmt LOCATION …, DROP TABLE,
 * MSCK REPAIR TABLE, REFRESH TABLE, SHOW PARTITIONS, DESCRIBE (with Spark's partition and
 * "Detailed Table Information" sections).
 *
 * Spark's semantics kept here: a table whose folder is partitioned (`k=v/` directories, declared
 * with PARTITIONED BY or discovered) has its partitions managed by the catalog — it shows no rows
 * until MSCK REPAIR TABLE registers the partitions found on disk (ADD / DROP / SYNC). REFRESH TABLE
 * re-lists the files. DROP TABLE never deletes an external table's files.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_PARTITION_NAME, unescapePathName } from '../connectors/file/path-escaping.js';
import { type Expr, literal } from '../expr/expression.js';
import { type CatalogEntry, DEFAULT_DATABASE, type TableDefinition } from '../plan/catalog.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { BooleanType, StringType, type StructType, simpleString } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import type { Session } from './session.js';

type Args = Record<string, any>;

const qualified = (name: string) => `\`spark_catalog\`.\`${DEFAULT_DATABASE}\`.\`${name}\``;

function lastPart(name: unknown): string {
  return Array.isArray(name) ? String(name[name.length - 1]) : String(name);
}

/** The file relation of a table definition, all files and partitions included. */
function loadRelation(session: Session, t: TableDefinition): LogicalPlan {
  const load = session.catalogInternal.loadDataSource!;
  return load(t.provider, t.location, t.options, t.schema);
}

function partitionColumnsOf(relation: LogicalPlan, declared: readonly string[]): string[] {
  if (declared.length) return [...declared];
  const inner = relation.kind === 'subqueryAlias' ? relation.child : relation;
  if (inner.kind === 'dataSourceRelation' && inner.partitionSchema)
    return inner.partitionSchema.fields.map((f) => f.name);
  return [];
}

/** The partition directories under `location`, as `k=v/j=w` specs (sorted). */
export function listPartitionSpecs(location: string, columns: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number, prefix: string[]) => {
    if (depth === columns.length) {
      out.push(prefix.join('/'));
      return;
    }
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names.sort()) {
      if (n.startsWith('_') || n.startsWith('.')) continue;
      const eq = n.indexOf('=');
      if (eq <= 0 || n.slice(0, eq).toLowerCase() !== columns[depth]!.toLowerCase()) continue;
      const path = join(dir, n);
      if (!statSync(path).isDirectory()) continue;
      walk(path, depth + 1, [...prefix, n]);
    }
  };
  walk(location, 0, []);
  return out.sort();
}

/** The relation restricted to the registered partitions (none registered: no rows). */
function tablePlan(
  session: Session,
  relation: LogicalPlan,
  columns: readonly string[],
  specs: readonly string[],
): LogicalPlan {
  if (!columns.length) return relation;
  const out = outputOf(relation);
  const conds: Expr[] = specs.map((spec) => {
    const parts = spec.split('/').map((seg) => {
      const eq = seg.indexOf('=');
      const col = seg.slice(0, eq);
      const raw = unescapePathName(seg.slice(eq + 1));
      const attr = out.find((a) => a.name.toLowerCase() === col.toLowerCase());
      if (!attr) return literal(true, BooleanType);
      const value: Expr =
        raw === DEFAULT_PARTITION_NAME
          ? literal(null, attr.dataType)
          : { kind: 'cast', child: literal(raw, StringType), dataType: attr.dataType, mode: 'legacy' };
      return {
        kind: 'unresolvedFunction',
        name: 'equal_null_safe',
        args: [attr, value],
        internal: true,
      } as Expr;
    });
    return parts.reduce((a, b) => ({
      kind: 'unresolvedFunction',
      name: 'and',
      args: [a, b],
      internal: true,
    }));
  });
  const condition = conds.length
    ? conds.reduce((a, b) => ({ kind: 'unresolvedFunction', name: 'or', args: [a, b], internal: true }))
    : literal(false, BooleanType);
  return session.analyze({ kind: 'filter', child: relation, condition });
}

export function absoluteLocation(path: string): string {
  const p = path.startsWith('file:') ? path.slice('file:'.length).replace(/^\/\/(?=\/)/, '') : path;
  return isAbsolute(p) ? p : resolve(p);
}

export function createTable(session: Session, a: Args): void {
  const name = lastPart(a.name);
  const catalog = session.catalogInternal;
  if (catalog.lookupEntry([DEFAULT_DATABASE, name])) {
    if (a.ifNotExists) return;
    if (!a.replace) {
      throw new AnalysisException(
        'TABLE_OR_VIEW_ALREADY_EXISTS',
        `Cannot create table or view ${qualified(name)} because it already exists. Choose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.`,
      );
    }
  }
  // CREATE TABLE … AS SELECT writes first (sql-write-commands.ts), then registers the folder here
  const managed = a.location === undefined || a.managedLocation === true;
  const warehouse = session.conf.get('spark.sql.warehouse.dir') ?? 'spark-warehouse';
  const location = absoluteLocation(managed ? join(warehouse, name.toLowerCase()) : String(a.location));
  if (managed && a.managedLocation !== true) {
    if (!a.schema) {
      throw new AnalysisException(
        'UNSUPPORTED_FEATURE',
        'The feature is not supported: CREATE TABLE without LOCATION needs a column list.',
      );
    }
    if (!existsSync(location)) mkdirSync(location, { recursive: true });
  }
  const def: TableDefinition = {
    provider: String(a.provider ?? session.conf.get('spark.sql.sources.default') ?? 'parquet').toLowerCase(),
    location,
    options: a.options ?? {},
    ...(a.schema ? { schema: a.schema as StructType } : {}),
    partitionColumns: a.partitionBy ?? [],
    external: !managed,
    ...(a.comment !== undefined ? { comment: String(a.comment) } : {}),
    properties: a.properties ?? {},
    createdMillis: Date.now(),
  };
  const relation = loadRelation(session, def);
  const columns = partitionColumnsOf(relation, def.partitionColumns);
  const table: TableDefinition = { ...def, partitionColumns: columns };
  catalog.registerTable(name, tablePlan(session, relation, columns, []), table, Boolean(a.replace));
}

/** The catalog entry of a table (not a view) named by `nameParts`, or Spark's error for `command`. */
export function requireTable(
  session: Session,
  nameParts: readonly string[],
  command: string,
): CatalogEntry & { table: TableDefinition } {
  const e = session.catalogInternal.lookupEntry(nameParts);
  const shown = nameParts.map((n) => `\`${n}\``).join('.');
  if (!e) {
    throw new AnalysisException(
      'TABLE_OR_VIEW_NOT_FOUND',
      `The table or view ${shown} cannot be found. Verify the spelling and correctness of the schema and catalog.`,
    );
  }
  if (!e.table) {
    throw new AnalysisException(
      'EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE',
      `'${command}' expects a table but ${shown} is a view.`,
    );
  }
  return e as CatalogEntry & { table: TableDefinition };
}

export function msckRepair(session: Session, a: Args): void {
  const e = requireTable(session, a.name, 'MSCK REPAIR TABLE');
  const columns = e.table.partitionColumns;
  if (!columns.length) {
    throw new AnalysisException(
      'NOT_A_PARTITIONED_TABLE',
      `Operation MSCK REPAIR TABLE is not allowed for ${qualified(e.name)} because it is not a partitioned table.`,
    );
  }
  const found = listPartitionSpecs(e.table.location, columns);
  const have = e.partitions ?? [];
  const mode = String(a.mode ?? 'add');
  const next =
    mode === 'drop'
      ? have.filter((s) => found.includes(s))
      : mode === 'sync'
        ? found
        : [...new Set([...have, ...found])].sort();
  const relation = loadRelation(session, e.table);
  session.catalogInternal.updateTable(e.name, {
    plan: tablePlan(session, relation, columns, next),
    partitions: next,
  });
}

export function refreshTable(session: Session, a: Args): void {
  const e = session.catalogInternal.lookupEntry(a.name);
  if (!e) requireTable(session, a.name, 'REFRESH TABLE');
  if (!e?.table) return;
  const relation = loadRelation(session, e.table);
  session.catalogInternal.updateTable(e.name, {
    plan: tablePlan(session, relation, e.table.partitionColumns, e.partitions ?? []),
  });
}

export function showPartitions(session: Session, a: Args): string[][] {
  const e = requireTable(session, a.name, 'SHOW PARTITIONS');
  if (!e.table.partitionColumns.length) {
    throw new AnalysisException(
      'INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY',
      `The partition command is invalid. Table ${qualified(e.name)} is not partitioned.`,
    );
  }
  return (e.partitions ?? []).map((s) => [s]);
}

/** Java's `Date.toString()` in UTC: `Sat Nov 21 16:33:08 UTC 2026`. */
function javaDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function comment(meta: Readonly<Record<string, unknown>> | undefined): string | null {
  const c = meta?.comment;
  return typeof c === 'string' ? c : null;
}

/** DESCRIBE [EXTENDED] t [col] / DESCRIBE QUERY …: rows of (col_name, data_type, comment) or (info_name, info_value). */
export function describe(session: Session, a: Args): { columns: string[]; rows: (string | null)[][] } {
  if (a.query) {
    const plan = session.analyze(a.query as LogicalPlan);
    return {
      columns: ['col_name', 'data_type', 'comment'],
      rows: outputOf(plan).map((x) => [x.name, simpleString(x.dataType), comment(x.metadata)]),
    };
  }
  const nameParts: string[] = a.name;
  const entry = session.catalogInternal.lookupEntry(nameParts);
  const plan = entry?.plan ?? session.table(nameParts.join('.')).plan;
  const out = outputOf(plan);
  if (a.column) {
    const colName = (a.column as string[]).join('.');
    const attr = out.find((x) => x.name.toLowerCase() === colName.toLowerCase());
    if (!attr) {
      throw new AnalysisException(
        'UNRESOLVED_COLUMN.WITH_SUGGESTION',
        `A column, variable, or function parameter with name \`${colName}\` cannot be resolved. Did you mean one of the following? [${out.map((x) => `\`${x.name}\``).join(', ')}].`,
      );
    }
    const rows: (string | null)[][] = [
      ['col_name', attr.name],
      ['data_type', simpleString(attr.dataType)],
      // Spark prints a missing comment / statistic of a column as the text NULL
      ['comment', comment(attr.metadata) ?? 'NULL'],
    ];
    if (a.extended) {
      for (const k of [
        'min',
        'max',
        'num_nulls',
        'distinct_count',
        'avg_col_len',
        'max_col_len',
        'histogram',
      ])
        rows.push([k, 'NULL']);
    }
    return { columns: ['info_name', 'info_value'], rows };
  }
  const rows: (string | null)[][] = out.map((x) => [x.name, simpleString(x.dataType), comment(x.metadata)]);
  const t = entry?.table;
  if (t?.partitionColumns.length) {
    rows.push(['# Partition Information', '', ''], ['# col_name', 'data_type', 'comment']);
    for (const c of t.partitionColumns) {
      const attr = out.find((x) => x.name.toLowerCase() === c.toLowerCase());
      if (attr) rows.push([attr.name, simpleString(attr.dataType), comment(attr.metadata)]);
    }
  }
  if (t && (a.extended || a.formatted)) {
    rows.push(
      ['', '', ''],
      ['# Detailed Table Information', '', ''],
      ['Catalog', 'spark_catalog', ''],
      ['Database', DEFAULT_DATABASE, ''],
      ['Table', entry!.name, ''],
      ['Created Time', javaDate(t.createdMillis), ''],
      ['Last Access', 'UNKNOWN', ''],
      ['Created By', 'Spark 4.3.0', ''],
      ['Type', t.external ? 'EXTERNAL' : 'MANAGED', ''],
      ['Provider', t.provider, ''],
    );
    if (t.comment !== undefined) rows.push(['Comment', t.comment, '']);
    rows.push(['Location', `file:${t.location}`, '']);
    if (t.partitionColumns.length) rows.push(['Partition Provider', 'Catalog', '']);
  }
  return { columns: ['col_name', 'data_type', 'comment'], rows };
}

/** SHOW CREATE TABLE for a table over a folder (Spark refuses it for temporary views). */
export function showCreateTable(session: Session, a: Args): string {
  const e = session.catalogInternal.lookupEntry(a.name);
  if (e && !e.table) {
    throw new AnalysisException(
      'EXPECT_PERMANENT_VIEW_NOT_TEMP',
      `'SHOW CREATE TABLE' expects a permanent view but ${(a.name as string[]).map((n) => `\`${n}\``).join('.')} is a temp view.`,
    );
  }
  const t = requireTable(session, a.name, 'SHOW CREATE TABLE');
  const cols = outputOf(t.plan).map((x) => {
    const type = simpleString(x.dataType).toUpperCase();
    return `  ${x.name} ${type}${type === 'STRING' ? ' COLLATE UTF8_BINARY' : ''}`;
  });
  const lines = [
    `CREATE TABLE spark_catalog.${DEFAULT_DATABASE}.${t.name} (`,
    `${cols.join(',\n')})`,
    `USING ${t.table.provider}`,
  ];
  const opts = Object.entries(t.table.options);
  if (opts.length) lines.push(`OPTIONS (\n${opts.map(([k, v]) => `  '${k}' = '${v}'`).join(',\n')})`);
  if (t.table.partitionColumns.length) lines.push(`PARTITIONED BY (${t.table.partitionColumns.join(', ')})`);
  if (t.table.comment !== undefined) lines.push(`COMMENT '${t.table.comment}'`);
  lines.push(`LOCATION 'file:${t.table.location}'`);
  return `${lines.join('\n')}\n`;
}
