/**
 * The optimizer: applies rewrite rules (one per file in rules/) to a fixed point, checking after
 * each rule that the plan's output schema is unchanged.
 *
 * Invariant: rules are semantics-preserving and return the same object when they change nothing.
 */
import type { LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';
import { combineFiltersRule } from './rules/combine-filters-rule.js';
import { pruneScanColumnsRule } from './rules/prune-scan-columns-rule.js';
import { pushFilterIntoJoinRule } from './rules/push-filter-into-join-rule.js';
import { pushFilterThroughProjectRule } from './rules/push-filter-through-project-rule.js';
import { pushFilterThroughSubqueryAliasRule } from './rules/push-filter-through-subquery-alias-rule.js';
import { pushFiltersIntoScanRule } from './rules/push-filters-into-scan-rule.js';
import { rewritePredicateSubqueryRule } from './rules/rewrite-predicate-subquery-rule.js';
import { rewriteScalarSubqueryRule } from './rules/rewrite-scalar-subquery-rule.js';
import { timeWindowRule } from './rules/time-window-rule.js';

export interface OptimizerRule {
  readonly name: string;
  apply(plan: LogicalPlan): LogicalPlan;
}

// subqueries are rewritten into joins first: the other rules do not look inside subquery plans
const RULES: readonly OptimizerRule[] = [
  timeWindowRule,
  rewritePredicateSubqueryRule,
  rewriteScalarSubqueryRule,
  combineFiltersRule,
  pushFilterThroughProjectRule,
  pushFilterThroughSubqueryAliasRule,
  pushFilterIntoJoinRule,
  pushFiltersIntoScanRule,
  pruneScanColumnsRule,
];
const MAX_ITERATIONS = 100;

export function optimize(plan: LogicalPlan): LogicalPlan {
  const schema = JSON.stringify(outputOf(plan).map((a) => [a.exprId, a.dataType]));
  let current = plan;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    let changed = false;
    for (const rule of RULES) {
      const next = rule.apply(current);
      if (next !== current) {
        const after = JSON.stringify(outputOf(next).map((a) => [a.exprId, a.dataType]));
        if (after !== schema)
          throw new Error(`internal error: optimizer rule ${rule.name} changed the plan's output`);
        current = next;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return current;
}
