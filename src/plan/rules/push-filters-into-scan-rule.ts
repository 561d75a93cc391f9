/**
 * Pushes the deterministic conjuncts of a filter directly above a connector relation into the
 * relation's `pushedFilters`, so the scan can skip what cannot match: file partitions whose
 * folder values fail a partition filter are never listed into the scan nor opened, and parquet
 * row groups whose statistics rule a filter out are not read.
 *
 * Invariant: the Filter stays in place (the scan treats pushed filters as hints, and partition
 * pruning only drops files every row of which would fail), so results never depend on pushdown.
 */
import { type AttributeReference, anyNode, collectNodes, type Expr } from '../../expr/expression.js';
import { lookupFunction } from '../../expr/function-registry.js';
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';

function conjuncts(e: Expr): Expr[] {
  return e.kind === 'fn' && e.name === 'and' ? e.args.flatMap(conjuncts) : [e];
}

function pushable(e: Expr): boolean {
  return !anyNode(e, (x) => {
    if (x.kind === 'udf' || x.kind === 'subquery' || x.kind === 'aggregate' || x.kind === 'windowExpression')
      return true;
    if (x.kind === 'fn') {
      const def = lookupFunction(x.name);
      return def?.kind === 'scalar' && def.deterministic === false;
    }
    return false;
  });
}

const key = (e: Expr) => JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

export const pushFiltersIntoScanRule: OptimizerRule = {
  name: 'PushFiltersIntoScan',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (p.kind !== 'filter') return p;
      // SQL over a view reads the relation through an alias (same attributes)
      const alias = p.child.kind === 'subqueryAlias' ? p.child : undefined;
      const rel = alias ? alias.child : p.child;
      if (rel.kind !== 'dataSourceRelation' || rel.isStreaming) return p;
      const ids = new Set(rel.output.map((a) => a.exprId));
      const existing = rel.pushedFilters ?? [];
      const seen = new Set(existing.map(key));
      const fresh = conjuncts(p.condition).filter((c) => {
        if (!pushable(c) || seen.has(key(c))) return false;
        const refs = collectNodes(c, (x): x is AttributeReference => x.kind === 'attributeReference');
        return refs.every((a) => ids.has(a.exprId));
      });
      if (!fresh.length) return p;
      const pushed: LogicalPlan = { ...rel, pushedFilters: [...existing, ...fresh] };
      return { ...p, child: alias ? { ...alias, child: pushed } : pushed };
    }),
};
