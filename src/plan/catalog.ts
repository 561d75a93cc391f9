/**
 * The session catalog: temporary views (per session), global temporary views (shared by the
 * sessions of a process, under the `global_temp` database), and tables in the `default` database —
 * each a named, analyzed logical plan. A table over a folder (CREATE TABLE … USING fmt LOCATION
 * …) keeps its definition so it can be re-read (REFRESH TABLE, MSCK REPAIR TABLE); its plan is a
 * file relation built by the session's data source loader.
 *
 * Names are case-insensitive, like Spark's default. Lookup order for a one-part name: temporary
 * view, then table; `default.t` / `spark_catalog.default.t` name tables; `global_temp.v` global
 * temporary views; `fmt.\`path\`` a direct file query when `fmt` is a file format.
 */
import type { StructType } from '../types/data-type.js';
import { AnalysisException, suggest } from '../util/errors.js';
import type { LogicalPlan } from './logical-plan.js';

export const GLOBAL_TEMP_DATABASE = 'global_temp';
export const DEFAULT_DATABASE = 'default';

/** What CREATE TABLE … USING … LOCATION … defined: enough to build (and rebuild) the table's plan. */
export interface TableDefinition {
  readonly provider: string;
  readonly location: string;
  readonly options: Readonly<Record<string, string>>;
  /** The declared schema (data and partition columns), when CREATE TABLE gave one. */
  readonly schema?: StructType;
  readonly partitionColumns: readonly string[];
  readonly external: boolean;
  readonly comment?: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly createdMillis: number;
}

export interface CatalogEntry {
  readonly name: string;
  readonly plan: LogicalPlan;
  readonly isTemporary: boolean;
  /** `global_temp` for global temporary views, `default` for tables, '' for temporary views. */
  readonly database: string;
  readonly description?: Readonly<Record<string, unknown>>;
  readonly table?: TableDefinition;
  /** Partition values registered for a partitioned table (MSCK REPAIR TABLE), as `k=v` path parts. */
  readonly partitions?: readonly string[];
  /** The SQL text of a view defined in SQL. */
  readonly viewText?: string;
}

/** Builds the plan of a file-based relation (installed by the session). */
export type DataSourceLoader = (
  format: string,
  path: string,
  options?: Readonly<Record<string, string>>,
  schema?: StructType,
) => LogicalPlan;

const FILE_FORMATS = new Set(['parquet', 'json', 'csv', 'text', 'orc', 'avro', 'binaryfile']);
const globalTempViews = new Map<string, CatalogEntry>();

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();
  private readonly tables = new Map<string, CatalogEntry>();
  /** Set by the session: how `fmt.\`path\`` queries and tables over folders are read. */
  loadDataSource?: DataSourceLoader;

  register(
    name: string,
    plan: LogicalPlan,
    replace: boolean,
    isTemporary = true,
    description?: Record<string, unknown>,
  ): void {
    const key = name.toLowerCase();
    if (!replace && this.entries.has(key)) {
      throw new AnalysisException(
        'TEMP_TABLE_OR_VIEW_ALREADY_EXISTS',
        `Cannot create the temporary view \`${name}\` because it already exists.`,
      );
    }
    const entry: CatalogEntry = {
      name,
      plan,
      isTemporary,
      database: '',
      ...(description ? { description } : {}),
    };
    this.entries.set(key, entry);
  }

  /** A temporary view with its SQL text (CREATE TEMP VIEW … AS …). */
  registerView(name: string, plan: LogicalPlan, replace: boolean, global: boolean, viewText?: string): void {
    const key = name.toLowerCase();
    const target = global ? globalTempViews : this.entries;
    if (!replace && target.has(key)) {
      const shown = global ? `\`${GLOBAL_TEMP_DATABASE}\`.\`${name}\`` : `\`${name}\``;
      throw new AnalysisException(
        'TEMP_TABLE_OR_VIEW_ALREADY_EXISTS',
        `Cannot create the temporary view ${shown} because it already exists. Choose a different name, drop or replace the existing view, or add the IF NOT EXISTS clause to tolerate pre-existing views.`,
      );
    }
    target.set(key, {
      name,
      plan,
      isTemporary: true,
      database: global ? GLOBAL_TEMP_DATABASE : '',
      ...(viewText !== undefined ? { viewText } : {}),
    });
  }

  registerTable(name: string, plan: LogicalPlan, table: TableDefinition, replace = false): void {
    const key = name.toLowerCase();
    if (!replace && this.tables.has(key)) {
      throw new AnalysisException(
        'TABLE_OR_VIEW_ALREADY_EXISTS',
        `Cannot create table or view \`spark_catalog\`.\`${DEFAULT_DATABASE}\`.\`${name}\` because it already exists. Choose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.`,
      );
    }
    const old = this.tables.get(key);
    this.tables.set(key, {
      name,
      plan,
      isTemporary: false,
      database: DEFAULT_DATABASE,
      table,
      ...(old?.partitions && replace ? { partitions: old.partitions } : { partitions: [] }),
    });
  }

  /** Replaces a table's plan and registered partitions (REFRESH TABLE, MSCK REPAIR TABLE). */
  updateTable(name: string, update: { plan?: LogicalPlan; partitions?: readonly string[] }): void {
    const key = name.toLowerCase();
    const e = this.tables.get(key);
    if (!e) return;
    this.tables.set(key, { ...e, ...update });
  }

  /** The entry a multipart name denotes, if any. */
  lookupEntry(nameParts: readonly string[]): CatalogEntry | undefined {
    const name = nameParts[nameParts.length - 1]!.toLowerCase();
    if (nameParts.length === 1) return this.entries.get(name) ?? this.tables.get(name);
    const db = nameParts[nameParts.length - 2]!.toLowerCase();
    if (db === GLOBAL_TEMP_DATABASE) return globalTempViews.get(name);
    if (
      db === DEFAULT_DATABASE &&
      (nameParts.length === 2 || nameParts[0]!.toLowerCase() === 'spark_catalog')
    )
      return this.tables.get(name);
    return undefined;
  }

  lookup(name: string): CatalogEntry | undefined {
    return this.lookupEntry(name.split('.'));
  }

  /** Whether a name is a direct file query (`parquet.\`/data/x\``) rather than a catalog object. */
  isFileQuery(nameParts: readonly string[]): boolean {
    return (
      nameParts.length === 2 &&
      FILE_FORMATS.has(nameParts[0]!.toLowerCase()) &&
      this.lookupEntry(nameParts) === undefined &&
      this.loadDataSource !== undefined
    );
  }

  resolve(nameParts: readonly string[]): LogicalPlan {
    const e = this.lookupEntry(nameParts);
    if (e) return e.plan;
    if (this.isFileQuery(nameParts)) {
      const [format, path] = nameParts as [string, string];
      return this.loadDataSource!(format.toLowerCase(), path);
    }
    const shown = nameParts.map((n) => `\`${n}\``).join('.');
    const near = suggest(
      nameParts[nameParts.length - 1]!,
      this.list().map((x) => x.name),
    );
    throw new AnalysisException(
      'TABLE_OR_VIEW_NOT_FOUND',
      `The table or view ${shown} cannot be found. Verify the spelling and correctness of the schema and catalog.${
        near.length ? ` Did you mean one of the following? [${near.map((n) => `\`${n}\``).join(', ')}]` : ''
      }`,
      { objectName: shown },
    );
  }

  /** Drops a temporary view (or a global one with `global_temp.v`); true if it existed. */
  drop(name: string): boolean {
    const parts = name.split('.');
    if (parts.length === 2 && parts[0]!.toLowerCase() === GLOBAL_TEMP_DATABASE)
      return globalTempViews.delete(parts[1]!.toLowerCase());
    return this.entries.delete(parts[parts.length - 1]!.toLowerCase());
  }

  /** Drops a view or table by multipart name; true if something was dropped. */
  dropEntry(nameParts: readonly string[], kind: 'view' | 'table'): boolean {
    const name = nameParts[nameParts.length - 1]!.toLowerCase();
    if (nameParts.length === 1) {
      if (kind === 'view' || this.entries.has(name)) {
        if (this.entries.delete(name)) return true;
        if (kind === 'view') return false;
      }
      return this.tables.delete(name);
    }
    const db = nameParts[nameParts.length - 2]!.toLowerCase();
    if (db === GLOBAL_TEMP_DATABASE) return globalTempViews.delete(name);
    if (db === DEFAULT_DATABASE) return this.tables.delete(name);
    return false;
  }

  /**
   * Tables of `database` (default: the current one) followed by the session's temporary views, each
   * group sorted by name, as SHOW TABLES lists them.
   */
  list(database?: string): CatalogEntry[] {
    const byName = (a: CatalogEntry, b: CatalogEntry) =>
      a.name.toLowerCase().localeCompare(b.name.toLowerCase());
    const db = (database ?? DEFAULT_DATABASE).toLowerCase();
    const first =
      db === GLOBAL_TEMP_DATABASE
        ? [...globalTempViews.values()]
        : db === DEFAULT_DATABASE
          ? [...this.tables.values()]
          : [];
    return [...first.sort(byName), ...[...this.entries.values()].sort(byName)];
  }
}
