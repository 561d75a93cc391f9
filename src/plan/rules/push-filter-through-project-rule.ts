/**
 * Pushes a filter below a projection when the projection only renames or passes through columns
 * (no computation is duplicated and nothing non-deterministic moves): filters run before
 * projections, closer to the scan.
 */
import { type Expr, transformUp } from '../../expr/expression.js';
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';

export const pushFilterThroughProjectRule: OptimizerRule = {
  name: 'PushDownPredicateThroughProject',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (p.kind !== 'filter' || p.child.kind !== 'project') return p;
      const proj = p.child;
      const aliases = new Map<number, Expr>();
      for (const e of proj.projectList) {
        if (e.kind === 'alias' && e.child.kind === 'attributeReference') aliases.set(e.exprId, e.child);
        else if (e.kind !== 'attributeReference') return p;
      }
      const condition = transformUp(p.condition, (e) =>
        e.kind === 'attributeReference' && aliases.has(e.exprId) ? aliases.get(e.exprId)! : e,
      );
      return { ...proj, child: { kind: 'filter', child: proj.child, condition } };
    }),
};
