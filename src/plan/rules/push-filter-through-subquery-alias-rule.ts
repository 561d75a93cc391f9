/**
 * Moves a filter below a subquery alias (`Filter(SubqueryAlias(x))` → `SubqueryAlias(Filter(x))`):
 * an alias only renames the qualifier of its child's columns (same exprIds), so the filter means
 * the same below it, and can then travel on towards the scan (SQL over temp views).
 */
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';

export const pushFilterThroughSubqueryAliasRule: OptimizerRule = {
  name: 'PushDownPredicateThroughSubqueryAlias',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (p.kind !== 'filter' || p.child.kind !== 'subqueryAlias' || p.child.columnAliases?.length) return p;
      const alias = p.child;
      return { ...alias, child: { kind: 'filter', child: alias.child, condition: p.condition } };
    }),
};
