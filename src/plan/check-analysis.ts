/**
 * Checks on a resolved plan that Spark's CheckAnalysis makes and resolution alone does not:
 * an aggregate inside another aggregate's arguments (NESTED_AGGREGATE_FUNCTION), and a window
 * function used without OVER (WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE). Run when a DataFrame is
 * built, so the error surfaces at the call that caused it, as in PySpark.
 *
 * Invariant: plan nodes are immutable, so a node checked once (remembered by identity) never
 * needs checking again — a derived DataFrame only walks the nodes it added.
 */
import { childrenOf, type Expr } from '../expr/expression.js';
import { lookupFunction } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { AnalysisException } from '../util/errors.js';
import { childrenOfPlan, type LogicalPlan } from './logical-plan.js';
import { expressionsOf } from './plan-expressions.js';

const checked = new WeakSet<LogicalPlan>();

export function checkAnalysis(plan: LogicalPlan): void {
  if (checked.has(plan)) return;
  for (const child of childrenOfPlan(plan)) checkAnalysis(child);
  for (const e of expressionsOf(plan)) checkExpression(e, false);
  checked.add(plan);
}

function checkExpression(e: Expr, insideAggregate: boolean): void {
  switch (e.kind) {
    case 'aggregate':
      if (insideAggregate) {
        throw new AnalysisException(
          'NESTED_AGGREGATE_FUNCTION',
          'It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.',
        );
      }
      for (const c of childrenOf(e)) checkExpression(c, true);
      return;
    case 'windowExpression': {
      // the window's own function is legal here; its arguments and spec are ordinary expressions
      const fn = e.fn;
      for (const c of fn.kind === 'fn' || fn.kind === 'aggregate' ? childrenOf(fn) : []) {
        checkExpression(c, fn.kind === 'aggregate');
      }
      for (const c of [...e.spec.partitionSpec, ...e.spec.orderSpec]) checkExpression(c, insideAggregate);
      return;
    }
    case 'fn':
      if (lookupFunction(e.name)?.kind === 'window') {
        throw new AnalysisException(
          'WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE',
          `Window function "${prettyName(e)}" requires an OVER clause.`,
          { funcName: `"${prettyName(e)}"` },
        );
      }
      break;
    case 'subquery':
      checkAnalysis(e.plan);
      break;
    default:
      break;
  }
  for (const c of childrenOf(e)) checkExpression(c, insideAggregate);
}
