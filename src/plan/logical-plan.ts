/**
 * Logical plan nodes: immutable, `kind`-tagged plain objects, built by the DataFrame API and the
 * SQL parser, resolved by the analyzer, rewritten by the optimizer, and turned into physical
 * operators by the physical planner.
 *
 * Invariants:
 * - Plans are plain data (structured-clone safe) apart from `sourceRef`/`rows` payloads.
 * - A resolved node's output is a list of AttributeReferences identified by exprId
 *   (`outputOf`); parents refer to child columns only through those ids.
 * - Rewrites return new trees; nodes are never mutated after construction.
 */
import type { AttributeReference, Expr, NamedExpr, Row, SortOrder } from '../expr/expression.js';
import type { StructType } from '../types/data-type.js';

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti' | 'cross';

interface Base {
  /** Set on nodes that a DataFrame owns, so `df.col('x')` resolves against the right side of a self-join. */
  readonly planId?: number;
}

/** A table or view by name (`spark.table('t')`, `FROM t`), replaced by the analyzer. */
export interface UnresolvedRelation extends Base {
  readonly kind: 'unresolvedRelation';
  readonly nameParts: readonly string[];
}

/** In-memory rows (`createDataFrame`, `VALUES`, memory sources). */
export interface LocalRelation extends Base {
  readonly kind: 'localRelation';
  readonly output: readonly AttributeReference[];
  readonly rows: readonly Row[];
  /** How many partitions the rows are spread over. */
  readonly numPartitions: number;
  readonly isStreaming?: boolean;
}

/** `VALUES (1, 'a'), (2, 'b') AS t(x, y)` before its expressions are evaluated. */
export interface InlineTable extends Base {
  readonly kind: 'inlineTable';
  readonly names: readonly string[];
  readonly rows: readonly (readonly Expr[])[];
}

export interface Range extends Base {
  readonly kind: 'range';
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly numPartitions: number;
  readonly output: readonly AttributeReference[];
}

/**
 * A relation read by a connector (files, JDBC, Kafka batch). The connector is named by
 * `format`; `options` and `paths` are what the reader was given. Filters and the columns
 * required are pushed into `pushedFilters` / `requiredColumns` by the optimizer.
 */
export interface DataSourceRelation extends Base {
  readonly kind: 'dataSourceRelation';
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly paths: readonly string[];
  readonly output: readonly AttributeReference[];
  readonly dataSchema: StructType;
  readonly partitionSchema?: StructType;
  readonly pushedFilters?: readonly Expr[];
  readonly isStreaming?: boolean;
  /** Connector-owned description of the exact input (file list, offsets) for this scan. */
  readonly sourceRef?: unknown;
}

/**
 * An unbounded input (`spark.readStream…load()`): a streaming source named by `format`. Each
 * micro-batch replaces it with the rows of the batch (output attributes keep their exprIds).
 */
export interface StreamingRelation extends Base {
  readonly kind: 'streamingRelation';
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly paths: readonly string[];
  readonly output: readonly AttributeReference[];
  /** Identifies in-process sources (memory streams) in their registry. */
  readonly sourceRef?: unknown;
}

export interface Project extends Base {
  readonly kind: 'project';
  readonly child: LogicalPlan;
  readonly projectList: readonly Expr[];
}

export interface Filter extends Base {
  readonly kind: 'filter';
  readonly child: LogicalPlan;
  readonly condition: Expr;
}

export interface Aggregate extends Base {
  readonly kind: 'aggregate';
  readonly child: LogicalPlan;
  readonly groupingExprs: readonly Expr[];
  /** Output expressions: grouping expressions and aggregate calls, aliased. */
  readonly aggregateExprs: readonly Expr[];
}

/** ROLLUP / CUBE / GROUPING SETS before expansion. */
export interface GroupingSets extends Base {
  readonly kind: 'groupingSets';
  readonly child: LogicalPlan;
  readonly groupingExprs: readonly Expr[];
  /** Each set lists indices into groupingExprs. */
  readonly sets: readonly (readonly number[])[];
  readonly aggregateExprs: readonly Expr[];
}

/** Produces several copies of each row, one per projection (used for grouping sets). */
export interface Expand extends Base {
  readonly kind: 'expand';
  readonly child: LogicalPlan;
  readonly projections: readonly (readonly Expr[])[];
  readonly output: readonly AttributeReference[];
}

/**
 * `groupBy(..).pivot(col, values).agg(..)`: the analyzer rewrites it to aggregates
 * (plan/resolve-pivot.ts). Without `pivotValues` the values are data (the distinct values of the
 * pivot column) and must be collected by a job before the node can be analyzed.
 */
export interface Pivot extends Base {
  readonly kind: 'pivot';
  readonly child: LogicalPlan;
  readonly groupingExprs: readonly Expr[];
  readonly pivotColumn: Expr;
  /** Constant expressions (literals); cast to the pivot column's type at analysis. */
  readonly pivotValues?: readonly Expr[];
  readonly aggregates: readonly Expr[];
}

export interface Join extends Base {
  readonly kind: 'join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: JoinType;
  readonly condition?: Expr;
  /** `join(other, ['a', 'b'])`: equi-join on same-named columns, which appear once in the output. */
  readonly usingColumns?: readonly string[];
}

export interface Sort extends Base {
  readonly kind: 'sort';
  readonly child: LogicalPlan;
  readonly order: readonly SortOrder[];
  /** true for orderBy (total order), false for sortWithinPartitions. */
  readonly global: boolean;
}

export interface Limit extends Base {
  readonly kind: 'limit';
  readonly child: LogicalPlan;
  readonly limit: number;
}

export interface Offset extends Base {
  readonly kind: 'offset';
  readonly child: LogicalPlan;
  readonly offset: number;
}

export interface Union extends Base {
  readonly kind: 'union';
  readonly children: readonly LogicalPlan[];
  readonly byName: boolean;
  readonly allowMissingColumns: boolean;
}

/** INTERSECT / EXCEPT [ALL]. */
export interface SetOperation extends Base {
  readonly kind: 'setOperation';
  readonly op: 'intersect' | 'except';
  readonly all: boolean;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
}

export interface Distinct extends Base {
  readonly kind: 'distinct';
  readonly child: LogicalPlan;
}

/** dropDuplicates(subset): keeps the first row per key. */
export interface Deduplicate extends Base {
  readonly kind: 'deduplicate';
  readonly child: LogicalPlan;
  readonly keys: readonly Expr[];
}

/** explode & co. joined back to their input row (`LATERAL VIEW`, `select(explode(...))`). */
export interface Generate extends Base {
  readonly kind: 'generate';
  readonly child: LogicalPlan;
  readonly generator: Expr;
  readonly outer: boolean;
  /** Names for the generated columns (from aliases / LATERAL VIEW); empty = the generator's defaults. */
  readonly generatorNames: readonly string[];
  /** Filled by the analyzer. */
  readonly generatorOutput: readonly AttributeReference[];
  /** Whether the input columns are kept in the output (always true here; projection happens above). */
  readonly join: boolean;
}

/** Window functions over one (partition, order) spec, appended as new columns. */
export interface WindowNode extends Base {
  readonly kind: 'window';
  readonly child: LogicalPlan;
  readonly windowExprs: readonly NamedExpr[];
  readonly partitionSpec: readonly Expr[];
  readonly orderSpec: readonly SortOrder[];
}

export interface SubqueryAlias extends Base {
  readonly kind: 'subqueryAlias';
  readonly child: LogicalPlan;
  readonly alias: string;
  /** Column aliases `AS t(a, b)`. */
  readonly columnAliases?: readonly string[];
}

/** `WITH name AS (…) …`. */
export interface With extends Base {
  readonly kind: 'with';
  readonly child: LogicalPlan;
  readonly ctes: readonly {
    readonly name: string;
    readonly plan: LogicalPlan;
    readonly columnAliases?: readonly string[];
  }[];
}

export interface Sample extends Base {
  readonly kind: 'sample';
  readonly child: LogicalPlan;
  readonly fraction: number;
  readonly withReplacement: boolean;
  readonly seed: number;
}

export interface Repartition extends Base {
  readonly kind: 'repartition';
  readonly child: LogicalPlan;
  readonly numPartitions: number;
  /** Hash keys; empty = round-robin. */
  readonly partitionExprs: readonly Expr[];
  /** false for coalesce(): merge partitions without a shuffle. */
  readonly shuffle: boolean;
}

/** Marks a subtree whose results are cached (`df.cache()`); the cache id keys the block store. */
export interface Cached extends Base {
  readonly kind: 'cached';
  readonly child: LogicalPlan;
  readonly cacheId: number;
}

/**
 * A SQL statement that is not a query (CREATE VIEW, DROP, SHOW TABLES, DESCRIBE, EXPLAIN, ...).
 * `name` selects the command; `args` are its parsed parts.
 */
export interface Command extends Base {
  readonly kind: 'command';
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export type LogicalPlan =
  | UnresolvedRelation
  | LocalRelation
  | InlineTable
  | Range
  | DataSourceRelation
  | StreamingRelation
  | Project
  | Filter
  | Aggregate
  | GroupingSets
  | Expand
  | Pivot
  | Join
  | Sort
  | Limit
  | Offset
  | Union
  | SetOperation
  | Distinct
  | Deduplicate
  | Generate
  | WindowNode
  | SubqueryAlias
  | With
  | Sample
  | Repartition
  | Cached
  | Command;

export type PlanKind = LogicalPlan['kind'];

export function childrenOfPlan(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'join':
    case 'setOperation':
      return [p.left, p.right];
    case 'union':
      return p.children;
    case 'with':
      return [p.child];
    case 'unresolvedRelation':
    case 'localRelation':
    case 'inlineTable':
    case 'range':
    case 'dataSourceRelation':
    case 'streamingRelation':
    case 'command':
      return [];
    default:
      return [p.child];
  }
}

export function withPlanChildren(p: LogicalPlan, c: readonly LogicalPlan[]): LogicalPlan {
  switch (p.kind) {
    case 'join':
    case 'setOperation':
      return { ...p, left: c[0]!, right: c[1]! };
    case 'union':
      return { ...p, children: c };
    case 'unresolvedRelation':
    case 'localRelation':
    case 'inlineTable':
    case 'range':
    case 'dataSourceRelation':
    case 'streamingRelation':
    case 'command':
      return p;
    default:
      return { ...p, child: c[0]! } as LogicalPlan;
  }
}

/** Bottom-up plan rewrite. */
export function transformPlanUp(p: LogicalPlan, fn: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const kids = childrenOfPlan(p);
  let node = p;
  if (kids.length) {
    let changed = false;
    const next = kids.map((k) => {
      const r = transformPlanUp(k, fn);
      if (r !== k) changed = true;
      return r;
    });
    if (changed) node = withPlanChildren(p, next);
  }
  return fn(node);
}

export function anyPlanNode(p: LogicalPlan, pred: (p: LogicalPlan) => boolean): boolean {
  return pred(p) || childrenOfPlan(p).some((c) => anyPlanNode(c, pred));
}
