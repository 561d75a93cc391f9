/**
 * Physical plan nodes: plain data describing operators over partitions of rows. The planner
 * builds them from an optimized logical plan; the scheduler cuts them into stages at exchanges.
 *
 * Invariants: every node knows its `output` attributes and its partition count; expressions in a
 * node refer only to its children's outputs; nodes are data (structured-clone safe apart from
 * local rows), so a task — (stage, partition, attempt) — can be shipped to a worker thread.
 */
import type {
  AggregateCall,
  AttributeReference,
  Expr,
  NamedExpr,
  Row,
  SortOrder,
} from '../expr/expression.js';
import type { JoinType } from '../plan/logical-plan.js';

export type Partitioning =
  | { readonly type: 'hash'; readonly exprs: readonly Expr[]; readonly numPartitions: number }
  | { readonly type: 'single' }
  | { readonly type: 'roundRobin'; readonly numPartitions: number };

interface Base {
  readonly output: readonly AttributeReference[];
}

export interface LocalTableScanExec extends Base {
  readonly kind: 'localTableScan';
  readonly rows: readonly Row[];
  readonly numPartitions: number;
}
export interface RangeExec extends Base {
  readonly kind: 'rangeExec';
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly numPartitions: number;
}
export interface ProjectExec extends Base {
  readonly kind: 'projectExec';
  readonly child: PhysicalPlan;
  readonly projectList: readonly NamedExpr[];
}
export interface FilterExec extends Base {
  readonly kind: 'filterExec';
  readonly child: PhysicalPlan;
  readonly condition: Expr;
}
/**
 * Hash aggregation. `partial` folds input rows into buffers per key and emits
 * [keys…, buffers…]; `final` merges such rows and emits the result expressions; `complete` does
 * both in one pass (input already co-partitioned by key).
 */
export interface HashAggregateExec extends Base {
  readonly kind: 'hashAggregateExec';
  readonly child: PhysicalPlan;
  readonly mode: 'partial' | 'final' | 'complete';
  readonly groupingExprs: readonly Expr[];
  /** Attributes standing for the grouping keys in the result expressions. */
  readonly groupingAttrs: readonly AttributeReference[];
  readonly aggregates: readonly AggregateCall[];
  /** Attributes standing for the aggregate results in the result expressions. */
  readonly aggregateAttrs: readonly AttributeReference[];
  readonly resultExprs: readonly NamedExpr[];
}
export interface ExchangeExec extends Base {
  readonly kind: 'exchangeExec';
  readonly child: PhysicalPlan;
  readonly partitioning: Partitioning;
}
/** Reads the output of a finished shuffle map stage (made by the scheduler from an exchange). */
export interface ShuffleReadExec extends Base {
  readonly kind: 'shuffleReadExec';
  readonly shuffleId: number;
  /** Reduce partitions this node's partition i reads (after adaptive coalescing). */
  readonly partitionGroups: readonly (readonly number[])[];
}
export interface SortExec extends Base {
  readonly kind: 'sortExec';
  readonly child: PhysicalPlan;
  readonly order: readonly SortOrder[];
}
export interface LimitExec extends Base {
  readonly kind: 'limitExec';
  readonly child: PhysicalPlan;
  readonly limit: number;
  readonly offset: number;
}
export interface UnionExec extends Base {
  readonly kind: 'unionExec';
  readonly children: readonly PhysicalPlan[];
}
export interface HashJoinExec extends Base {
  readonly kind: 'hashJoinExec';
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
  readonly joinType: JoinType;
  readonly leftKeys: readonly Expr[];
  readonly rightKeys: readonly Expr[];
  /** Non-equi part of the join condition, over left ++ right. */
  readonly condition?: Expr;
}
export interface NestedLoopJoinExec extends Base {
  readonly kind: 'nestedLoopJoinExec';
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
  readonly joinType: JoinType;
  readonly condition?: Expr;
}
/**
 * explode & co. joined back to their input row. Output = requiredChildOutput ++ the generator's
 * columns: the input columns nothing above reads are not copied into every generated row (Spark's
 * `Generate.requiredChildOutput`); with none required the generated tuples are the output rows.
 */
export interface GenerateExec extends Base {
  readonly kind: 'generateExec';
  readonly child: PhysicalPlan;
  readonly generator: Expr;
  readonly outer: boolean;
  /** The child's columns kept in each output row, in child order (a subset of child.output). */
  readonly requiredChildOutput: readonly AttributeReference[];
}
export interface WindowExec extends Base {
  readonly kind: 'windowExec';
  readonly child: PhysicalPlan;
  readonly windowExprs: readonly NamedExpr[];
  readonly partitionSpec: readonly Expr[];
  readonly orderSpec: readonly SortOrder[];
}
export interface ExpandExec extends Base {
  readonly kind: 'expandExec';
  readonly child: PhysicalPlan;
  readonly projections: readonly (readonly Expr[])[];
}
export interface SampleExec extends Base {
  readonly kind: 'sampleExec';
  readonly child: PhysicalPlan;
  readonly fraction: number;
  readonly withReplacement: boolean;
  readonly seed: number;
}
export interface CoalesceExec extends Base {
  readonly kind: 'coalesceExec';
  readonly child: PhysicalPlan;
  readonly numPartitions: number;
}
/** Results kept by `cache()`: computed once, then served from the block store. */
export interface CachedExec extends Base {
  readonly kind: 'cachedExec';
  readonly child: PhysicalPlan;
  readonly cacheId: number;
}
/** Rows from a connector (files, JDBC, Kafka batch): the connector named by `format` reads `sourceRef`. */
export interface DataSourceScanExec extends Base {
  readonly kind: 'dataSourceScanExec';
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly paths: readonly string[];
  readonly sourceRef?: unknown;
  readonly pushedFilters: readonly Expr[];
  readonly numPartitions: number;
  /** The connector's full schema attributes (output is a subset after pruning). */
  readonly dataAttrs: readonly AttributeReference[];
}
export interface DeduplicateExec extends Base {
  readonly kind: 'deduplicateExec';
  readonly child: PhysicalPlan;
  readonly keys: readonly Expr[];
}
export interface SetOperationExec extends Base {
  readonly kind: 'setOperationExec';
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
  readonly op: 'intersect' | 'except';
  readonly all: boolean;
}

/**
 * The stateful (streaming) half of an aggregation: merges this batch's partial buffers into the
 * operator's state store, partition by partition, and emits rows per output mode (complete: every
 * group; update: groups changed in this batch).
 */
export interface StatefulAggregateExec extends Base {
  readonly kind: 'statefulAggregateExec';
  readonly child: PhysicalPlan;
  readonly operatorId: number;
  readonly numStatePartitions: number;
  readonly outputMode: 'append' | 'update' | 'complete';
  readonly groupingExprs: readonly Expr[];
  readonly groupingAttrs: readonly AttributeReference[];
  readonly aggregates: readonly AggregateCall[];
  readonly aggregateAttrs: readonly AttributeReference[];
  readonly resultExprs: readonly NamedExpr[];
}

/**
 * A limit over a stream in append mode (Spark's StreamingGlobalLimitExec): the number of rows
 * emitted so far is kept in the operator's state store, so the limit holds across batches and
 * restarts. Its input is one partition.
 */
export interface StreamingGlobalLimitExec extends Base {
  readonly kind: 'streamingGlobalLimitExec';
  readonly child: PhysicalPlan;
  readonly operatorId: number;
  readonly limit: number;
}

export type PhysicalPlan =
  | StatefulAggregateExec
  | StreamingGlobalLimitExec
  | LocalTableScanExec
  | RangeExec
  | ProjectExec
  | FilterExec
  | HashAggregateExec
  | ExchangeExec
  | ShuffleReadExec
  | SortExec
  | LimitExec
  | UnionExec
  | HashJoinExec
  | NestedLoopJoinExec
  | GenerateExec
  | WindowExec
  | ExpandExec
  | SampleExec
  | CoalesceExec
  | CachedExec
  | DataSourceScanExec
  | DeduplicateExec
  | SetOperationExec;

export type PhysicalKind = PhysicalPlan['kind'];

export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  switch (p.kind) {
    case 'hashJoinExec':
    case 'nestedLoopJoinExec':
    case 'setOperationExec':
      return [p.left, p.right];
    case 'unionExec':
      return p.children;
    case 'localTableScan':
    case 'rangeExec':
    case 'shuffleReadExec':
    case 'dataSourceScanExec':
      return [];
    default:
      return [p.child];
  }
}

export function withPhysicalChildren(p: PhysicalPlan, c: readonly PhysicalPlan[]): PhysicalPlan {
  switch (p.kind) {
    case 'hashJoinExec':
    case 'nestedLoopJoinExec':
    case 'setOperationExec':
      return { ...p, left: c[0]!, right: c[1]! };
    case 'unionExec':
      return { ...p, children: c };
    case 'localTableScan':
    case 'rangeExec':
    case 'shuffleReadExec':
    case 'dataSourceScanExec':
      return p;
    default:
      return { ...p, child: c[0]! } as PhysicalPlan;
  }
}

/** Number of partitions a node produces. */
export function numPartitionsOf(p: PhysicalPlan): number {
  switch (p.kind) {
    case 'localTableScan':
    case 'rangeExec':
    case 'dataSourceScanExec':
    case 'coalesceExec':
      return p.numPartitions;
    case 'exchangeExec':
      return p.partitioning.type === 'single' ? 1 : p.partitioning.numPartitions;
    case 'shuffleReadExec':
      return p.partitionGroups.length;
    case 'unionExec':
      return p.children.reduce((s, c) => s + numPartitionsOf(c), 0);
    case 'hashJoinExec':
    case 'setOperationExec':
      return numPartitionsOf(p.left);
    case 'nestedLoopJoinExec':
      return numPartitionsOf(p.left);
    default:
      return numPartitionsOf(p.child);
  }
}
