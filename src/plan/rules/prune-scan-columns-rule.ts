/**
 * Column pruning for connector relations: under a Project or an Aggregate (through filters,
 * subquery aliases and renaming projections such as a view's), a relation outputs only the columns something above it uses, so a columnar format
 * (parquet) decodes only those columns and text formats convert only those fields.
 *
 * Invariant: only attributes nothing above references are removed, and only below nodes that
 * list their output explicitly (Project, Aggregate), so every other node's output is unchanged.
 */
import {
  type AggregateCall,
  type AttributeReference,
  anyNode,
  collectNodes,
  type Expr,
} from '../../expr/expression.js';
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';

/** The attributes `exprs` use; undefined when a subquery might use any (correlated references). */
function addRefs(exprs: readonly Expr[], into: Set<number> | undefined): Set<number> | undefined {
  if (!into) return undefined;
  for (const e of exprs) {
    if (anyNode(e, (x) => x.kind === 'subquery')) return undefined;
    for (const a of collectNodes(e, (x): x is AttributeReference => x.kind === 'attributeReference')) {
      into.add(a.exprId);
    }
    // an aggregate's FILTER clause (pivot, count(…) FILTER (WHERE …)) is not among its children
    for (const agg of collectNodes(e, (x): x is AggregateCall => x.kind === 'aggregate')) {
      if (agg.filter && !addRefs([agg.filter], into)) return undefined;
    }
  }
  return into;
}

function pruneBelow(p: LogicalPlan, required: Set<number> | undefined): LogicalPlan {
  if (!required) return p;
  switch (p.kind) {
    case 'filter': {
      const child = pruneBelow(p.child, addRefs([p.condition], new Set(required)));
      return child === p.child ? p : { ...p, child };
    }
    case 'subqueryAlias': {
      if (p.columnAliases?.length) return p;
      const child = pruneBelow(p.child, required);
      return child === p.child ? p : { ...p, child };
    }
    case 'project': {
      // a renaming projection (a view's columns) over a scan: drop the entries nothing above uses
      if (!readsScan(p.child)) return p;
      if (
        !p.projectList.every(
          (e) =>
            e.kind === 'attributeReference' || (e.kind === 'alias' && e.child.kind === 'attributeReference'),
        )
      ) {
        return p;
      }
      const kept = p.projectList.filter((e) => required.has((e as { exprId: number }).exprId));
      const child = pruneBelow(p.child, addRefs(kept, new Set()));
      if (kept.length === p.projectList.length && child === p.child) return p;
      return { ...p, projectList: kept, child };
    }
    case 'dataSourceRelation': {
      if (p.isStreaming) return p;
      const output = p.output.filter((a) => required.has(a.exprId));
      return output.length === p.output.length ? p : { ...p, output };
    }
    default:
      return p;
  }
}

function readsScan(p: LogicalPlan): boolean {
  if (p.kind === 'dataSourceRelation') return !p.isStreaming;
  return (p.kind === 'filter' || p.kind === 'subqueryAlias' || p.kind === 'project') && readsScan(p.child);
}

export const pruneScanColumnsRule: OptimizerRule = {
  name: 'PruneScanColumns',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (p.kind === 'project') {
        const child = pruneBelow(p.child, addRefs(p.projectList, new Set()));
        return child === p.child ? p : { ...p, child };
      }
      if (p.kind === 'aggregate') {
        const child = pruneBelow(p.child, addRefs([...p.groupingExprs, ...p.aggregateExprs], new Set()));
        return child === p.child ? p : { ...p, child };
      }
      return p;
    }),
};
