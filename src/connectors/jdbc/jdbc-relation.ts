/**
 * `spark.read.format('jdbc')…load()`: builds the DataSourceRelation of a table or query — its
 * schema resolved now (synchronously, as Spark's load() does), its partitions (stride WHERE
 * clauses or user predicates) fixed now, its rows read only when an action runs (jdbc-scan.ts).
 *
 * Invariant: the relation's `sourceRef` holds everything the scan needs besides the options
 * (columns with their PostgreSQL types by exprId, the FROM expression, partition clauses), so
 * planning never goes back to the database.
 */
import { attributeReference } from '../../expr/expression.js';
import type { DataSourceRelation } from '../../plan/logical-plan.js';
import { type StructType, structField, structType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { quoteIdentifier } from './jdbc-filters.js';
import { parseReadOptions } from './jdbc-options.js';
import { columnPartitionWheres } from './jdbc-partitioning.js';
import { describeRelation } from './jdbc-schema.js';
import type { PgType } from './pg-types.js';
import { withSyncRunner } from './sync-query-runner.js';

export interface JdbcRelationColumn {
  readonly name: string;
  readonly exprId: number;
  readonly pg: PgType;
}

/** What a jdbc relation's `sourceRef` holds. */
export interface JdbcRelationRef {
  readonly kind: 'jdbcRelation';
  readonly tableExpression: string;
  readonly columns: readonly JdbcRelationColumn[];
  /** One entry per partition: its WHERE clause, or null for none. */
  readonly partitionWheres: readonly (string | null)[];
}

export function isJdbcRelationRef(x: unknown): x is JdbcRelationRef {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'jdbcRelation';
}

export interface JdbcRelationContext {
  readonly timeZone: string;
  readonly caseSensitive: boolean;
}

export function buildJdbcRelation(
  options: Readonly<Record<string, string>>,
  userSchema: StructType | undefined,
  ctx: JdbcRelationContext,
  predicates?: readonly string[],
): DataSourceRelation {
  if (userSchema) {
    throw new AnalysisException('_LEGACY_ERROR_TEMP_1133', 'jdbc does not allow user-specified schemas.');
  }
  const o = parseReadOptions(options);
  const columns = withSyncRunner(o, ctx.timeZone, (r) => describeRelation(r, o));
  const output = columns.map((c) => attributeReference(c.name, c.dataType, true));
  let partitionWheres: (string | null)[] = [null];
  if (predicates?.length) partitionWheres = [...predicates];
  else if (o.partitioning) {
    const p = o.partitioning;
    const norm = (s: string) => (ctx.caseSensitive ? s : s.toLowerCase());
    const unquoted = /^".*"$/.test(p.column) ? p.column.slice(1, -1).replace(/""/g, '"') : p.column;
    const i = columns.findIndex((c) => norm(c.name) === norm(unquoted));
    if (i < 0) {
      const schema = `struct<${columns.map((c) => `${c.name}: ${c.dataType.kind}`).join(', ')}>`;
      throw new AnalysisException(
        '_LEGACY_ERROR_TEMP_1286',
        `User-defined partition column ${p.column} not found in the JDBC relation: ${schema}`,
      );
    }
    const col = columns[i]!;
    partitionWheres = columnPartitionWheres(
      quoteIdentifier(col.name),
      col.dataType,
      p.lowerBound,
      p.upperBound,
      p.numPartitions,
      ctx.timeZone,
    );
  }
  const ref: JdbcRelationRef = {
    kind: 'jdbcRelation',
    tableExpression: o.tableExpression,
    columns: columns.map((c, i) => ({ name: c.name, exprId: output[i]!.exprId, pg: c.pg })),
    partitionWheres,
  };
  return {
    kind: 'dataSourceRelation',
    format: 'jdbc',
    options: { ...options },
    paths: [],
    output,
    dataSchema: structType(columns.map((c) => structField(c.name, c.dataType, true))),
    sourceRef: ref,
  };
}
