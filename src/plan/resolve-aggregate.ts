/**
 * Resolution of Aggregate nodes: grouping expressions (names, select-list aliases, ordinals),
 * aggregate expressions, and Spark's check that every non-aggregated column is grouped
 * (`MISSING_AGGREGATION`).
 */

import type { AttributeReference } from '../expr/expression.js';
import { alias, anyNode, childrenOf, type Expr, transformUp } from '../expr/expression.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { AnalysisException } from '../util/errors.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { LogicalPlan } from './logical-plan.js';

type Aggregate = Extract<LogicalPlan, { kind: 'aggregate' }>;

export function resolveAggregate(
  p: Aggregate,
  r: ExpressionResolver,
  ctx: FunctionContext,
  _visibleOutput?: readonly AttributeReference[],
): LogicalPlan {
  const aggExprs = r
    .resolveList(p.aggregateExprs)
    .map((e) =>
      e.kind === 'attributeReference' || e.kind === 'alias' ? e : alias(e, prettyName(e, ctx.timeZone)),
    );
  const grouping = p.groupingExprs.map((g) => {
    if (g.kind === 'unresolvedOrdinal') {
      const target = aggExprs[g.ordinal - 1];
      if (!target) {
        throw new AnalysisException(
          'GROUP_BY_POS_OUT_OF_RANGE',
          `GROUP BY position ${g.ordinal} is not in select list (valid range is [1, ${aggExprs.length}]).`,
        );
      }
      if (anyNode(target, (n) => n.kind === 'aggregate')) {
        throw new AnalysisException(
          'GROUP_BY_POS_AGGREGATE',
          `GROUP BY ${g.ordinal} refers to an expression that contains an aggregate function.`,
        );
      }
      return target.kind === 'alias' ? target.child : target;
    }
    try {
      return r.resolve(g);
    } catch (err) {
      // GROUP BY a select-list alias (Spark's spark.sql.groupByAliases)
      if (g.kind === 'unresolvedAttribute' && g.nameParts.length === 1) {
        const a = aggExprs.find(
          (x) => x.kind === 'alias' && x.name.toLowerCase() === g.nameParts[0]!.toLowerCase(),
        );
        if (a && a.kind === 'alias' && !anyNode(a.child, (n) => n.kind === 'aggregate')) return a.child;
      }
      throw err;
    }
  });
  const strippedGrouping = grouping.map(stripAliases);
  for (const g of strippedGrouping) {
    if (anyNode(g, (n) => n.kind === 'aggregate')) {
      throw new AnalysisException(
        'GROUP_BY_AGGREGATE',
        `Aggregate functions are not allowed in GROUP BY, but found ${prettyName(g)}.`,
      );
    }
  }
  const groupKeys = strippedGrouping.map((g) => JSON.stringify(g));
  for (const e of aggExprs) checkAggregated(e, groupKeys);
  return { ...p, groupingExprs: strippedGrouping, aggregateExprs: aggExprs };
}

/** Removes aliases anywhere inside an expression (they only name top-level outputs). */
function stripAliases(e: Expr): Expr {
  return transformUp(e, (n) => (n.kind === 'alias' ? n.child : n));
}

function checkAggregated(e: Expr, groupKeys: readonly string[]): void {
  const visit = (n: Expr): void => {
    if (n.kind === 'aggregate' || n.kind === 'windowExpression') return; // inside aggregates anything goes
    if (n.kind !== 'alias' && groupKeys.includes(JSON.stringify(stripAliases(n)))) return;
    if (n.kind === 'attributeReference') {
      throw new AnalysisException(
        'MISSING_AGGREGATION',
        `The non-aggregating expression "${n.name}" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(${n.name})" if you do not care which of the values within a group is returned.`,
      );
    }
    for (const c of childrenOf(n)) visit(c);
  };
  visit(e);
}
