/**
 * Window functions over an aggregation (`SELECT k, sum(v), rank() OVER (ORDER BY sum(v)) … GROUP
 * BY k`, `sum(sum(v)) OVER (…)`): the Aggregate computes the grouping columns and every aggregate
 * call that is not itself the window function, and the windows run over its output, as Spark
 * plans them (Window over Aggregate).
 *
 * Invariant: the rewritten plan outputs the same named columns (same exprIds) as the select list.
 */
import {
  type AttributeReference,
  alias,
  anyNode,
  childrenOf,
  type Expr,
  type NamedExpr,
  withChildren,
} from '../expr/expression.js';
import { prettyName } from '../expr/pretty-name.js';
import type { LogicalPlan } from './logical-plan.js';
import { toAttribute } from './plan-output.js';

type Aggregate = Extract<LogicalPlan, { kind: 'aggregate' }>;

const keyOf = (e: Expr) => JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

export function resolveAggregateWindows(
  agg: Aggregate,
  extractWindows: (child: LogicalPlan, exprs: readonly NamedExpr[]) => LogicalPlan,
): LogicalPlan {
  if (!agg.aggregateExprs.some((e) => anyNode(e, (n) => n.kind === 'windowExpression'))) return agg;
  const outputs: NamedExpr[] = [];
  const byKey = new Map<string, AttributeReference>();
  const groupKeys = new Set<string>();
  for (const g of agg.groupingExprs) {
    const named = g.kind === 'attributeReference' ? g : alias(g, prettyName(g));
    const attr = toAttribute(named);
    byKey.set(keyOf(g), attr);
    groupKeys.add(keyOf(g));
    outputs.push(named);
  }
  const hidden = (e: Expr): AttributeReference => {
    const k = keyOf(e);
    let a = byKey.get(k);
    if (!a) {
      const named = alias(e, prettyName(e));
      a = toAttribute(named);
      byKey.set(k, a);
      outputs.push(named);
    }
    return a;
  };
  const rewrite = (e: Expr): Expr => {
    if (e.kind === 'windowExpression') {
      const fn = withChildren(e.fn, childrenOf(e.fn).map(rewrite));
      return {
        ...e,
        fn,
        spec: {
          ...e.spec,
          partitionSpec: e.spec.partitionSpec.map(rewrite),
          orderSpec: e.spec.orderSpec.map((o) => ({ ...o, child: rewrite(o.child) })),
        },
      };
    }
    if (e.kind === 'aggregate') return hidden(e);
    if (e.kind !== 'alias' && groupKeys.has(keyOf(e))) return byKey.get(keyOf(e))!;
    const kids = childrenOf(e);
    if (!kids.length) return e;
    const next = kids.map(rewrite);
    return next.some((c, i) => c !== kids[i]) ? withChildren(e, next) : e;
  };
  const exprs = agg.aggregateExprs.map((e) => rewrite(e) as NamedExpr);
  return extractWindows({ ...agg, aggregateExprs: outputs }, exprs);
}
