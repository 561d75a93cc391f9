/**
 * Planning and running jdbc scans. `planJdbcScan` (the planner's `planDataSource` hook for
 * format 'jdbc') turns the relation's required columns and pushed filters into one SELECT per
 * partition, Spark's shape:
 *
 *   SELECT "a","b" FROM t WHERE (<pushed filter> AND <pushed filter>) AND (<partition clause>)
 *
 * (`SELECT 1` when no column is needed, e.g. count()). `readJdbcScan` runs one partition's
 * statement on its own connection — through a cursor, `fetchsize` rows per round trip, when
 * fetchsize > 0 — and converts rows batch by batch.
 *
 * Invariants: a scan never reads outside its partition's clause; rows are produced in batches of
 * at most BATCH_SIZE; every connection is closed, also when the consumer stops early.
 */
import type { DataSourceScanExec } from '../../exec/physical-plan.js';
import type { ScanReader } from '../../exec/task-context.js';
import { BATCH_SIZE } from '../../exec/task-context.js';
import type { Row } from '../../expr/expression.js';
import type { DataSourceRelation } from '../../plan/logical-plan.js';
import { jdbcFailure } from './jdbc-errors.js';
import { JdbcFilterCompiler, quoteIdentifier, type SqlColumn } from './jdbc-filters.js';
import { parseReadOptions } from './jdbc-options.js';
import { isJdbcRelationRef, type JdbcRelationColumn } from './jdbc-relation.js';
import type { PgType } from './pg-types.js';
import { compileParser } from './pg-values.js';
import { openConnection } from './sql-connection.js';

/** What a jdbc scan's `sourceRef` holds. */
export interface JdbcScanRef {
  readonly kind: 'jdbcScan';
  /** The statement of each partition. */
  readonly statements: readonly string[];
  /** PostgreSQL type of each output column (parsers are compiled from it and the Spark type). */
  readonly columnTypes: readonly PgType[];
  readonly fetchSize: number;
}

export interface JdbcScanPlanningContext {
  readonly timeZone: string;
}

function findColumn(
  columns: readonly JdbcRelationColumn[],
  exprId: number,
  name: string,
): JdbcRelationColumn | undefined {
  return columns.find((c) => c.exprId === exprId) ?? columns.find((c) => c.name === name);
}

/** The SELECT of each partition; exported for tests and explain. */
export function planJdbcScan(rel: DataSourceRelation, ctx: JdbcScanPlanningContext): DataSourceScanExec {
  const ref = rel.sourceRef;
  if (!isJdbcRelationRef(ref)) throw new Error('internal error: a jdbc relation without its reference');
  const o = parseReadOptions(rel.options);
  const cols = rel.output.map((a) => {
    const c = findColumn(ref.columns, a.exprId, a.name);
    if (!c) throw new Error(`internal error: column ${a.name} is not in the jdbc relation`);
    return c;
  });
  const byId = new Map<number, SqlColumn>();
  for (const c of ref.columns) byId.set(c.exprId, { sql: quoteIdentifier(c.name), pg: c.pg });
  const filters: string[] = [];
  if (o.pushDownPredicate) {
    const compiler = new JdbcFilterCompiler((id) => byId.get(id), ctx.timeZone);
    for (const f of rel.pushedFilters ?? []) {
      const sql = compiler.compile(f);
      if (sql !== undefined) filters.push(sql);
    }
  }
  const select = cols.length ? cols.map((c) => quoteIdentifier(c.name)).join(',') : '1';
  const filterClause = filters.join(' AND ');
  const statements = ref.partitionWheres.map((part) => {
    const where =
      part !== null && filterClause
        ? ` WHERE (${filterClause}) AND (${part})`
        : part !== null
          ? ` WHERE ${part}`
          : filterClause
            ? ` WHERE ${filterClause}`
            : '';
    return `${o.prepareQuery}SELECT ${select} FROM ${ref.tableExpression}${where}`;
  });
  const scanRef: JdbcScanRef = {
    kind: 'jdbcScan',
    statements,
    columnTypes: cols.map((c) => c.pg),
    fetchSize: o.fetchSize,
  };
  return {
    kind: 'dataSourceScanExec',
    output: rel.output,
    format: 'jdbc',
    options: rel.options,
    paths: [],
    sourceRef: scanRef,
    pushedFilters: rel.pushedFilters ?? [],
    numPartitions: statements.length,
    dataAttrs: rel.output,
  };
}

/** The ScanReader for jdbc scans: one partition's rows, batch by batch. */
export const readJdbcScan: ScanReader = async function* (node, partition, ctx) {
  const ref = node.sourceRef as JdbcScanRef;
  const sql = ref.statements[partition];
  if (sql === undefined) return;
  const o = parseReadOptions(node.options);
  const tz = ctx.fn.timeZone;
  const parsers = node.output.map((a, i) => compileParser(ref.columnTypes[i]!, a.dataType, tz));
  const n = parsers.length;
  const convert = (rows: readonly (readonly (string | null)[])[]): Row[] =>
    rows.map((r) => {
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        const v = r[i];
        out[i] = v === null || v === undefined ? null : parsers[i]!(v);
      }
      return out;
    });
  const conn = await openConnection(o, tz);
  try {
    if (ref.fetchSize > 0) {
      await conn.begin('READ COMMITTED');
      await conn.query(`DECLARE sluice_scan NO SCROLL CURSOR FOR ${sql}`);
      for (;;) {
        const r = await conn.query(`FETCH FORWARD ${ref.fetchSize} FROM sluice_scan`);
        for (let i = 0; i < r.rows.length; i += BATCH_SIZE) yield convert(r.rows.slice(i, i + BATCH_SIZE));
        if (r.rows.length < ref.fetchSize) break;
      }
      await conn.query('CLOSE sluice_scan');
      await conn.commit();
    } else {
      const r = await conn.query(sql);
      for (let i = 0; i < r.rows.length; i += BATCH_SIZE) yield convert(r.rows.slice(i, i + BATCH_SIZE));
    }
  } catch (e) {
    throw jdbcFailure(o.url, `read partition ${partition} (${sql.slice(0, 300)})`, e);
  } finally {
    await conn.close();
  }
};
