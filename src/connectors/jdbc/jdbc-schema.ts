/**
 * Resolves the schema of what a jdbc read names — a table or `(query) SPARK_GEN_SUBQ_n` — the way
 * Spark does (`SELECT * FROM … WHERE 1=0`, then the type of each result column), plus what
 * Spark's driver looks up in the catalog: type names of non-built-in oids (domains resolve to
 * their base type, enums read as strings) and the declared dimensions of array columns.
 *
 * Invariants: every column is nullable (as in Spark's JDBC relation); `customSchema` overrides
 * the types of the columns it names (case-insensitively) and leaves the others alone.
 */
import type { DataType, StructField, StructType } from '../../types/data-type.js';
import { parseSchema } from '../../types/ddl.js';
import { errorCode, jdbcFailure, tableNotFound } from './jdbc-errors.js';
import type { JdbcReadOptions } from './jdbc-options.js';
import { builtinPgType, type PgType, toSparkType } from './pg-types.js';
import type { FieldInfo } from './pg-wire.js';
import type { SyncQueryRunner } from './sync-query-runner.js';

export interface JdbcColumn {
  readonly name: string;
  readonly pg: PgType;
  readonly dataType: DataType;
}

interface CatalogType {
  readonly typname: string;
  readonly typtype: string;
  readonly elem: number;
  readonly base: number;
  readonly baseTypmod: number;
  readonly category: string;
}

function lookupTypes(runner: SyncQueryRunner, oids: Iterable<number>): Map<number, CatalogType> {
  const out = new Map<number, CatalogType>();
  let pending = [...new Set(oids)];
  // domains and arrays point at further types: resolve a few levels deep
  for (let round = 0; round < 4 && pending.length; round++) {
    const r = runner.query(
      `SELECT oid::int8, typname, typtype, typelem::int8, typbasetype::int8, typtypmod, typcategory FROM pg_catalog.pg_type WHERE oid IN (${pending.join(', ')})`,
    );
    const next: number[] = [];
    for (const row of r.rows) {
      const t: CatalogType = {
        typname: row[1]!,
        typtype: row[2]!,
        elem: Number(row[3]),
        base: Number(row[4]),
        baseTypmod: Number(row[5]),
        category: row[6]!,
      };
      out.set(Number(row[0]), t);
      for (const o of [t.elem, t.base]) if (o && !out.has(o) && !builtinPgType(o)) next.push(o);
    }
    pending = next;
  }
  return out;
}

function pgTypeOf(oid: number, typmod: number, dims: number, catalog: Map<number, CatalogType>): PgType {
  const builtin = builtinPgType(oid, typmod);
  if (builtin) return builtin.element ? { ...builtin, dims } : builtin;
  const t = catalog.get(oid);
  if (!t) return { typname: 'unknown', typmod };
  if (t.typtype === 'd') return pgTypeOf(t.base, t.baseTypmod >= 0 ? t.baseTypmod : typmod, dims, catalog);
  if (t.category === 'A' && t.elem) {
    const element = pgTypeOf(t.elem, typmod, 1, catalog);
    return { typname: `_${element.typname}`, typmod, element, dims };
  }
  return { typname: t.typtype === 'e' ? 'enum' : t.typname, typmod };
}

/** Declared dimensions of array columns that come straight from a table. */
function arrayDimensions(runner: SyncQueryRunner, fields: readonly FieldInfo[]): Map<string, number> {
  const keys = fields
    .filter((f) => f.tableOid !== 0 && f.columnAttnum > 0)
    .map((f) => `(${f.tableOid}, ${f.columnAttnum})`);
  const out = new Map<string, number>();
  if (!keys.length) return out;
  const r = runner.query(
    `SELECT attrelid::int8, attnum, attndims FROM pg_catalog.pg_attribute WHERE (attrelid::int8, attnum) IN (${keys.join(', ')})`,
  );
  for (const row of r.rows) out.set(`${row[0]}:${row[1]}`, Math.max(1, Number(row[2])));
  return out;
}

function isArrayType(oid: number, catalog: Map<number, CatalogType>): boolean {
  const b = builtinPgType(oid);
  if (b) return b.element !== undefined;
  const t = catalog.get(oid);
  return t !== undefined && (t.category === 'A' || (t.typtype === 'd' && isArrayType(t.base, catalog)));
}

/** The columns of the relation the options name, with Spark's types. */
export function describeRelation(runner: SyncQueryRunner, o: JdbcReadOptions): JdbcColumn[] {
  let fields: readonly FieldInfo[];
  try {
    fields = runner.query(`SELECT * FROM ${o.tableExpression} WHERE 1=0`).fields;
  } catch (e) {
    if (errorCode(e) === '42P01' && !o.isQuery) throw tableNotFound(o.tableExpression, e);
    throw jdbcFailure(o.url, `resolve the schema of ${o.isQuery ? 'the query' : o.tableExpression}`, e);
  }
  const catalog = lookupTypes(
    runner,
    fields.map((f) => f.typeOid).filter((oid) => !builtinPgType(oid)),
  );
  const dims = fields.some((f) => isArrayType(f.typeOid, catalog))
    ? arrayDimensions(runner, fields)
    : new Map();
  const columns = fields.map((f) => {
    const pg = pgTypeOf(f.typeOid, f.typmod, dims.get(`${f.tableOid}:${f.columnAttnum}`) ?? 1, catalog);
    return { name: f.name, pg, dataType: toSparkType(pg, o.preferTimestampNTZ) };
  });
  return o.customSchema ? applyCustomSchema(columns, parseSchema(o.customSchema)) : columns;
}

function applyCustomSchema(columns: JdbcColumn[], custom: StructType): JdbcColumn[] {
  const byName = new Map<string, StructField>(custom.fields.map((f) => [f.name.toLowerCase(), f]));
  return columns.map((c) => {
    const f = byName.get(c.name.toLowerCase());
    return f ? { ...c, dataType: f.dataType } : c;
  });
}
