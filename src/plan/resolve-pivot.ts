/**
 * Resolution of Pivot nodes (Spark's `ResolvePivot`): each pivot value must be a constant castable
 * to the pivot column's type; it is cast to that type and named by its text (`CAST(value AS
 * STRING)` of the value as given, `null` for NULL); the node becomes the aggregation built by
 * plan/pivot-aggregates.ts.
 *
 * Invariant: a pivot without values cannot be resolved here — its values are data. The DataFrame
 * layer collects them with a job first (dataframe/pending-pivot.ts); reaching this point without
 * them raises PIVOT_VALUES_NOT_COLLECTED, which says how to proceed.
 */
import type { Expr } from '../expr/expression.js';
import { dataTypeOf } from '../expr/expression-type.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { buildCast, canCast } from '../types/cast.js';
import { sqlTypeName } from '../types/data-type.js';
import { castToString, sqlLiteral } from '../types/value-format.js';
import { AnalysisException } from '../util/errors.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { LogicalPlan } from './logical-plan.js';
import { type PivotValue, pivotAggregatePlan } from './pivot-aggregates.js';

type Pivot = Extract<LogicalPlan, { kind: 'pivot' }>;

/** The error for a schema asked of a pivot whose values have not been collected yet. */
export function pivotValuesNotCollected(pivotColumn: Expr): AnalysisException {
  const name = prettyName(pivotColumn);
  return new AnalysisException(
    'PIVOT_VALUES_NOT_COLLECTED',
    `The columns of a pivot on \`${name}\` without explicit values depend on the data: they are known ` +
      `once a job has collected the distinct values of \`${name}\`. Pass the values ` +
      `(groupBy(..).pivot('${name}', [v1, v2, ...])), or use \`await df.resolvePivot()\` (or any action) ` +
      `before asking for the schema or columns.`,
  );
}

export function resolvePivot(
  p: Pivot,
  r: ExpressionResolver,
  resolve: (p: LogicalPlan) => LogicalPlan,
  ctx: FunctionContext,
): LogicalPlan {
  if (!p.pivotValues) throw pivotValuesNotCollected(p.pivotColumn);
  const pivotColumn = r.resolve(p.pivotColumn);
  const pivotType = dataTypeOf(pivotColumn);
  const values = p.pivotValues.map((v): PivotValue => {
    const e = r.resolve(v);
    if (e.kind !== 'literal') {
      throw new AnalysisException(
        'NON_LITERAL_PIVOT_VALUES',
        `Literal expressions required for pivot values, found "${prettyName(e)}".`,
      );
    }
    if (e.value === null) return { value: null, name: 'null' };
    if (!canCast(e.dataType, pivotType)) {
      throw new AnalysisException(
        'PIVOT_VALUE_DATA_TYPE_MISMATCH',
        `Invalid pivot value '${sqlLiteral(e.value, e.dataType, ctx.timeZone)}': value data type ${sqlTypeName(e.dataType)} does not match pivot column data type ${sqlTypeName(pivotType)}.`,
      );
    }
    const cast = buildCast(e.dataType, pivotType, ctx.ansi ? 'ansi' : 'legacy', ctx.timeZone);
    return { value: cast(e.value), name: castToString(e.value, e.dataType, ctx.timeZone) };
  });
  const aggregateTypes = p.aggregates.map((a) => dataTypeOf(r.resolve(a)));
  return resolve(
    pivotAggregatePlan(
      {
        child: p.child,
        groupingExprs: p.groupingExprs,
        pivotColumn,
        pivotType,
        values,
        aggregates: p.aggregates,
        aggregateTypes,
      },
      resolve,
    ),
  );
}
