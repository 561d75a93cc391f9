/**
 * Checks, when a streaming query starts, that its plan can be run incrementally in the chosen
 * output mode, with Spark's rules and messages (UnsupportedOperationChecker):
 *  - append mode rejects streaming aggregations (without a watermark);
 *  - complete mode needs a streaming aggregation;
 *  - sorting only on an aggregated stream in complete mode; limits not in update mode;
 *  - one streaming aggregation per query (with Spark 4's global-watermark message in update and
 *    complete mode); distinct aggregates only with Sluice's exact-distinct
 *    extension (on by default; `sluice.streaming.exactDistinct=false` restores Spark's rule).
 */
import { anyNode } from '../expr/expression.js';
import { anyPlanNode, childrenOfPlan, type LogicalPlan } from '../plan/logical-plan.js';
import { expressionsOf } from '../plan/plan-expressions.js';
import type { Conf } from '../util/conf.js';
import { AnalysisException } from '../util/errors.js';
import type { OutputMode } from './sink.js';

export function isStreamingPlan(p: LogicalPlan): boolean {
  return anyPlanNode(p, (n) => n.kind === 'streamingRelation');
}

function fail(message: string): never {
  throw new AnalysisException('UNSUPPORTED_STREAMING_OPERATION', message);
}

function streamingAggregates(p: LogicalPlan): LogicalPlan[] {
  const out: LogicalPlan[] = [];
  const visit = (n: LogicalPlan) => {
    if ((n.kind === 'aggregate' || n.kind === 'distinct') && isStreamingPlan(n)) out.push(n);
    for (const c of childrenOfPlan(n)) visit(c);
  };
  visit(p);
  return out;
}

export function checkStreamingPlan(plan: LogicalPlan, mode: OutputMode, conf: Conf): void {
  const aggs = streamingAggregates(plan);
  const hasAgg = aggs.length > 0;
  if (mode === 'append' && hasAgg) {
    throw new AnalysisException(
      'STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      'Invalid streaming output mode: append. This output mode is not supported for streaming aggregations without watermark on streaming DataFrames/DataSets.',
    );
  }
  if (mode === 'complete' && !hasAgg) {
    throw new AnalysisException(
      'STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION',
      'Invalid streaming output mode: complete. This output mode is not supported for no streaming aggregations on streaming DataFrames/DataSets.',
    );
  }
  if (aggs.length > 1) {
    // Spark 4's global-watermark check: in update/complete mode an aggregation emits rows that a
    // downstream stateful operator would treat as late (append without watermark failed above)
    fail(
      'Detected pattern of possible \'correctness\' issue due to global watermark. The query contains stateful operation which can emit rows older than the current watermark plus allowed late record delay, which are "late rows" in downstream stateful operations and these rows can be discarded. Please refer the programming guide doc for more details. If you understand the possible risk of correctness issue and still need to run the query, you can disable this check by setting the config `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.',
    );
  }
  const exactDistinct = conf.getBoolean('sluice.streaming.exactDistinct', true);
  const check = (n: LogicalPlan): void => {
    if (!isStreamingPlan(n)) return;
    switch (n.kind) {
      case 'sort':
        if (!(mode === 'complete' && streamingAggregates(n).length > 0)) {
          fail(
            'Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode',
          );
        }
        break;
      case 'limit':
        if (mode === 'update')
          fail('Limits are not supported on streaming DataFrames/Datasets in Update output mode');
        break;
      case 'offset':
        fail('Offset is not supported on streaming DataFrames/Datasets');
        break;
      case 'aggregate':
        if (
          !exactDistinct &&
          n.aggregateExprs.some((e) => anyNode(e, (x) => x.kind === 'aggregate' && x.distinct))
        ) {
          fail(
            'Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.',
          );
        }
        break;
      case 'setOperation': {
        // Spark's own refusals first; EXCEPT of a stream and a table, which Spark runs, is not
        // incremental in Sluice
        if (n.op === 'except' && isStreamingPlan(n.right))
          fail('Except on a streaming DataFrame/Dataset on the right is not supported');
        if (n.op === 'intersect') fail('Intersect of streaming DataFrames/Datasets is not supported');
        fail('Except is not supported with streaming DataFrames/Datasets');
        break;
      }
      case 'join':
        checkJoin(n.joinType, isStreamingPlan(n.left), isStreamingPlan(n.right));
        break;
      case 'window':
        fail('Non-time-based windows are not supported on streaming DataFrames/Datasets');
        break;
      case 'deduplicate':
        fail('dropDuplicates on streaming DataFrames is not supported yet');
        break;
      default:
        break;
    }
    for (const c of childrenOfPlan(n)) check(c);
  };
  check(plan);
}

/** Stream-static joins with Spark's rules and messages; stream-stream joins are not supported yet. */
function checkJoin(joinType: string, left: boolean, right: boolean): void {
  if (left && right) fail('Stream-stream joins are not supported yet');
  switch (joinType) {
    case 'full':
      fail(
        `FullOuter joins with streaming DataFrames/Datasets on the ${left ? 'left' : 'right'} and a static DataFrame/Dataset on the ${left ? 'right' : 'left'} is not supported`,
      );
      break;
    case 'left_anti':
      if (right) fail('LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported');
      break;
    case 'left':
    case 'left_semi':
      if (right) {
        fail(
          `${joinType === 'left' ? 'LeftOuter' : 'LeftSemi'} join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported`,
        );
      }
      break;
    case 'right':
      if (left) {
        fail(
          'RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported',
        );
      }
      break;
    default:
      break;
  }
}

/** Spark's names of logical operators, for the continuous-processing message. */
const SPARK_NODE_NAMES: Partial<Record<LogicalPlan['kind'], string>> = {
  aggregate: 'Aggregate',
  groupingSets: 'Aggregate',
  distinct: 'Distinct',
  deduplicate: 'Deduplicate',
  generate: 'Generate',
  // Spark's Limit is GlobalLimit over LocalLimit; the check visits the lower one first
  limit: 'LocalLimit',
  offset: 'Offset',
  sort: 'Sort',
  union: 'Union',
  join: 'Join',
  window: 'Window',
  expand: 'Expand',
  sample: 'Sample',
  repartition: 'Repartition',
  pivot: 'Pivot',
};

const CURRENT_TIME_FUNCTIONS = new Set([
  'current_timestamp',
  'now',
  'current_date',
  'curdate',
  'localtimestamp',
]);

/**
 * The continuous trigger runs only map-like queries (Spark's checkForContinuous): projections and
 * filters over one streaming source, without current-time functions; the streaming checks above
 * apply first. Nodes are checked bottom-up, so the message names the lowest unsupported one.
 */
export function checkContinuousPlan(plan: LogicalPlan, mode: OutputMode, conf: Conf): void {
  checkStreamingPlan(plan, mode, conf);
  const visit = (n: LogicalPlan): void => {
    for (const c of childrenOfPlan(n)) visit(c);
    switch (n.kind) {
      case 'project':
      case 'filter':
      case 'subqueryAlias':
      case 'streamingRelation':
        break;
      case 'setOperation':
        fail(
          `Continuous processing does not support ${n.op === 'intersect' ? 'Intersect' : 'Except'} operations.`,
        );
        break;
      default:
        fail(
          `Continuous processing does not support ${SPARK_NODE_NAMES[n.kind] ?? n.kind[0]!.toUpperCase() + n.kind.slice(1)} operations.`,
        );
    }
    if (
      expressionsOf(n).some((e) =>
        anyNode(e, (x) => x.kind === 'fn' && CURRENT_TIME_FUNCTIONS.has(x.name.toLowerCase())),
      )
    ) {
      fail('Continuous processing does not support current time operations.');
    }
  };
  visit(plan);
}
