/**
 * The aggregation a pivot stands for, as Spark's `ResolvePivot` plans it. Two shapes:
 *
 * - every aggregate yields a numeric or boolean value (the types Spark's `PivotFirst` handles):
 *   aggregate once per (grouping keys, pivot value), then per grouping key pick each pivot value's
 *   result with `first(if(pivot <=> value, result, NULL), true)`. A pivot value absent from a group
 *   is NULL for every aggregate — `count` too, as in Spark;
 * - otherwise one aggregate per (pivot value, aggregate) over `if(pivot <=> value, arg, NULL)`, so it
 *   only sees rows of that value (`first`/`last` then skip nulls, as Spark rewrites them).
 *
 * Output columns are named `value` when there is one aggregate and `value_aggname` otherwise.
 *
 * Invariant: the aggregates come in unresolved (the caller resolves the plans built here); only the
 * arguments of aggregate functions are wrapped (constants after the first stay as they are), so
 * `sum(x) + 1` pivots as `sum(if(…)) + 1` and `percentile_approx(x, 0.5)` keeps its percentage.
 */
import {
  type AttributeReference,
  alias,
  type Expr,
  literal,
  transformDown,
  unresolvedFunction,
} from '../expr/expression.js';
import { lookupFunction } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { BooleanType, type DataType, IntegerType, isNumeric, NullType } from '../types/data-type.js';
import type { LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';

/** A pivot value in the pivot column's type, with the text its output columns are named by. */
export interface PivotValue {
  readonly value: unknown;
  readonly name: string;
}

export interface PivotSpec {
  readonly child: LogicalPlan;
  readonly groupingExprs: readonly Expr[];
  /** The pivot column, resolved against the child. */
  readonly pivotColumn: Expr;
  readonly pivotType: DataType;
  readonly values: readonly PivotValue[];
  /** The aggregates as the user wrote them (unresolved). */
  readonly aggregates: readonly Expr[];
  /** Result types of the aggregates (they choose the plan shape). */
  readonly aggregateTypes: readonly DataType[];
}

const internal = (name: string, args: readonly Expr[]) => unresolvedFunction(name, args, { internal: true });

const IGNORE_NULLS_AGGREGATES = new Set(['first', 'last', 'first_value', 'last_value', 'any_value']);

/** Spark's `PivotFirst.supportsDataType`. */
function pivotFirstSupports(t: DataType): boolean {
  return isNumeric(t) || t.kind === 'boolean';
}

function outputNameOf(value: PivotValue, aggregate: Expr, single: boolean): string {
  if (single) return value.name;
  const aggName = aggregate.kind === 'alias' ? aggregate.name : prettyName(aggregate);
  return `${value.name}_${aggName}`;
}

/**
 * The plan of a pivot (unresolved nodes over the resolved child); `resolve` resolves an
 * intermediate node so the next one can refer to its output.
 */
export function pivotAggregatePlan(spec: PivotSpec, resolve: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  return spec.aggregateTypes.every(pivotFirstSupports) ? twoPhasePlan(spec, resolve) : conditionalPlan(spec);
}

function matches(spec: PivotSpec, pivot: Expr, v: PivotValue): Expr {
  return internal('equal_null_safe', [pivot, literal(v.value, spec.pivotType)]);
}

/** Aggregate per (keys, pivot value), then pick each value's result per key. */
function twoPhasePlan(spec: PivotSpec, resolve: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const pivotNamed =
    spec.pivotColumn.kind === 'attributeReference'
      ? spec.pivotColumn
      : alias(spec.pivotColumn, '__pivot_col');
  const keys = spec.groupingExprs.length;
  const inner = resolve({
    kind: 'aggregate',
    child: spec.child,
    groupingExprs: [...spec.groupingExprs, spec.pivotColumn],
    aggregateExprs: [
      ...spec.groupingExprs,
      pivotNamed,
      ...spec.aggregates.map((a, i) => alias(a.kind === 'alias' ? a.child : a, `__pivot_agg_${i}`)),
    ],
  });
  const out: readonly AttributeReference[] = outputOf(inner);
  const groupAttrs = out.slice(0, keys);
  const pivotAttr = out[keys]!;
  const single = spec.aggregates.length === 1;
  const picks: Expr[] = [];
  for (const v of spec.values) {
    const cond = matches(spec, pivotAttr, v);
    spec.aggregates.forEach((a, i) => {
      const result = out[keys + 1 + i]!;
      const pick = unresolvedFunction('first', [
        internal('if', [cond, result, literal(null, NullType)]),
        literal(true, BooleanType),
      ]);
      picks.push(alias(pick, outputNameOf(v, a, single)));
    });
  }
  return {
    kind: 'aggregate',
    child: inner,
    groupingExprs: groupAttrs,
    aggregateExprs: [...groupAttrs, ...picks],
  };
}

/** One aggregate per (value, aggregate), each over the rows of its value only. */
function conditionalPlan(spec: PivotSpec): LogicalPlan {
  const single = spec.aggregates.length === 1;
  const list: Expr[] = [];
  for (const v of spec.values) {
    const cond = matches(spec, spec.pivotColumn, v);
    const onlyValue = (x: Expr): Expr => internal('if', [cond, x, literal(null, NullType)]);
    for (const a of spec.aggregates) {
      const inner = a.kind === 'alias' ? a.child : a;
      const rewritten = transformDown(inner, (n) => {
        if (n.kind !== 'unresolvedFunction' || lookupFunction(n.name)?.kind !== 'aggregate') return undefined;
        const first = n.args[0];
        if (IGNORE_NULLS_AGGREGATES.has(n.name.toLowerCase()) && first) {
          return { ...n, args: [onlyValue(first), literal(true, BooleanType)] };
        }
        const args = n.args.map((x, i) =>
          x.kind === 'unresolvedStar'
            ? onlyValue(literal(1, IntegerType))
            : i > 0 && x.kind === 'literal'
              ? x
              : onlyValue(x),
        );
        return { ...n, args };
      });
      list.push(alias(rewritten, outputNameOf(v, a, single)));
    }
  }
  return {
    kind: 'aggregate',
    child: spec.child,
    groupingExprs: spec.groupingExprs,
    aggregateExprs: [...spec.groupingExprs, ...list],
  };
}
