/**
 * TimeWindowRule: materialises `window(t, …)` calls below the node that uses them, as Spark's
 * TimeWindowing does. The node's window call is replaced by a `window` attribute computed in:
 *   tumbling — Project(child.*, window(t) AS window) over Filter(t IS NOT NULL);
 *   sliding  — Filter(t IS NOT NULL AND start <= t < end) over an Expand with one projection per
 *              candidate window (`ceil(window / slide)` of them, `params.index` 0, 1, …).
 * So a row with a NULL time is dropped, and a sliding window aggregates each row once per window
 * containing it.
 *
 * Invariants: a materialised call carries `params.index` and is never rewritten again; a node
 * may use one distinct window (Spark rejects several — they would multiply rows).
 */
import {
  alias,
  attributeReference,
  type Expr,
  type FunctionCall,
  transformUp,
} from '../../expr/expression.js';
import { isTimeWindow, timeWindowParams } from '../../expr/functions/time-window.js';
import { BooleanType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { childrenOfPlan, type LogicalPlan, transformPlanUp, withPlanChildren } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { expressionsOf, mapExpressions } from '../plan-expressions.js';
import { outputOf } from '../plan-output.js';

const keyOf = (e: Expr) => JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

function unexpandedWindows(p: LogicalPlan): FunctionCall[] {
  const found = new Map<string, FunctionCall>();
  const visit = (e: Expr): Expr => {
    if (isTimeWindow(e) && timeWindowParams(e).index === undefined) found.set(keyOf(e), e);
    return e;
  };
  for (const e of expressionsOf(p)) transformUp(e, visit);
  return [...found.values()];
}

function materialise(p: LogicalPlan): LogicalPlan {
  const kids = childrenOfPlan(p);
  if (kids.length !== 1) return p;
  const windows = unexpandedWindows(p);
  if (windows.length === 0) return p;
  if (windows.length > 1) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1089',
      'Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported.',
    );
  }
  const w = windows[0]!;
  const child = kids[0]!;
  const time = w.args[0]!;
  const params = timeWindowParams(w);
  const at = (index: number): FunctionCall => ({ ...w, params: { ...w.params, index } });
  const windowAttr = attributeReference('window', w.dataType, w.nullable);
  const contains = (win: Expr): Expr => ({
    kind: 'fn',
    name: '__window_contains',
    args: [time, win],
    dataType: BooleanType,
    nullable: false,
  });
  const childOut = outputOf(child);
  let newChild: LogicalPlan;
  if (params.slideMicros === params.windowMicros) {
    newChild = {
      kind: 'project',
      child: { kind: 'filter', child, condition: contains(at(0)) },
      projectList: [...childOut, alias(at(0), windowAttr.name, windowAttr.exprId)],
    };
  } else {
    const n = Math.ceil(params.windowMicros / params.slideMicros);
    newChild = {
      kind: 'filter',
      child: {
        kind: 'expand',
        child,
        projections: Array.from({ length: n }, (_, i) => [...childOut, at(i)]),
        output: [...childOut, windowAttr],
      },
      condition: contains(windowAttr),
    };
  }
  const target = keyOf(w);
  const replaced = mapExpressions(p, (e) =>
    transformUp(e, (x) => (isTimeWindow(x) && keyOf(x) === target ? windowAttr : x)),
  );
  return withPlanChildren(replaced, [newChild]);
}

export const timeWindowRule: OptimizerRule = {
  name: 'TimeWindow',
  apply: (plan) => transformPlanUp(plan, materialise),
};
