/**
 * Merges adjacent filters into one conjunction (`Filter(a, Filter(b, x))` → `Filter(b AND a, x)`),
 * so predicates are evaluated in one pass.
 */
import { BooleanType } from '../../types/data-type.js';
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';

export const combineFiltersRule: OptimizerRule = {
  name: 'CombineFilters',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (p.kind !== 'filter' || p.child.kind !== 'filter') return p;
      return {
        kind: 'filter',
        child: p.child.child,
        condition: {
          kind: 'fn',
          name: 'and',
          args: [p.child.condition, p.condition],
          dataType: BooleanType,
          nullable: true,
        },
      };
    }),
};
