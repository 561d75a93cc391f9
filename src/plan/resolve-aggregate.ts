/**
 * Resolution of Aggregate nodes: grouping expressions (names, select-list aliases, ordinals,
 * `GROUP BY ALL`), aggregate expressions, and Spark's check that every non-aggregated column is
 * grouped (`MISSING_AGGREGATION`).
 *
 * Invariants: grouping expressions carry no aliases; attributes from an enclosing query (outer
 * references of a correlated subquery) count as constants for the grouping check.
 */

import type { AttributeReference, NamedExpr } from '../expr/expression.js';
import { alias, anyNode, childrenOf, type Expr, transformUp } from '../expr/expression.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { AnalysisException } from '../util/errors.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { LogicalPlan } from './logical-plan.js';
import { outputName } from './output-name.js';
import { exprKey } from './plan-expressions.js';
import { outputOf } from './plan-output.js';

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
      e.kind === 'attributeReference' || e.kind === 'alias' ? e : alias(e, outputName(e, ctx.timeZone)),
    );
  const childIds = new Set(outputOf(p.child).map((a) => a.exprId));
  const grouping = isGroupByAll(p, r)
    ? aggExprs
        .filter((e) => !anyNode(e, (n) => n.kind === 'aggregate'))
        .map((e) => (e.kind === 'alias' ? e.child : e))
    : p.groupingExprs.map((g) => resolveGroupingExpr(g, r, aggExprs));
  const strippedGrouping = grouping.map(stripAliases);
  for (const g of strippedGrouping) {
    if (anyNode(g, (n) => n.kind === 'aggregate')) {
      throw new AnalysisException(
        'GROUP_BY_AGGREGATE',
        `Aggregate functions are not allowed in GROUP BY, but found ${prettyName(g)}.`,
      );
    }
  }
  const isExpanded = p.child.kind === 'expand';
  for (const e of aggExprs) {
    if (
      !isExpanded &&
      anyNode(e, (n) => n.kind === 'fn' && (n.name === 'grouping' || n.name === 'grouping_id'))
    ) {
      throw new AnalysisException(
        'UNSUPPORTED_GROUPING_EXPRESSION',
        'grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.',
      );
    }
  }
  const groupKeys = strippedGrouping.map((g) => exprKey(g));
  for (const e of aggExprs)
    checkAggregated(e, groupKeys, childIds, strippedGrouping.length === 0 && !isExpanded);
  return { ...p, groupingExprs: strippedGrouping, aggregateExprs: aggExprs };
}

/** `GROUP BY ALL`, unless the input has a column named `all`. */
function isGroupByAll(p: Aggregate, r: ExpressionResolver): boolean {
  const [g, ...rest] = p.groupingExprs;
  if (!g || rest.length || g.kind !== 'unresolvedAttribute') return false;
  if (g.nameParts.length !== 1 || g.nameParts[0]!.toLowerCase() !== 'all') return false;
  try {
    r.resolve(g);
    return false;
  } catch {
    return true;
  }
}

/** One GROUP BY item: an ordinal of the select list, an input column / expression, or a select alias. */
export function resolveGroupingExpr(g: Expr, r: ExpressionResolver, aggExprs: readonly NamedExpr[]): Expr {
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
        `GROUP BY ${g.ordinal} refers to an expression ${prettyName(target)} that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.`,
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
}

/** Removes aliases anywhere inside an expression (they only name top-level outputs). */
function stripAliases(e: Expr): Expr {
  return transformUp(e, (n) => (n.kind === 'alias' ? n.child : n));
}

function checkAggregated(
  e: Expr,
  groupKeys: readonly string[],
  childIds: ReadonlySet<number>,
  global: boolean,
): void {
  const visit = (n: Expr): void => {
    if (n.kind === 'aggregate' || n.kind === 'windowExpression') return; // inside aggregates anything goes
    if (n.kind !== 'alias' && groupKeys.includes(exprKey(stripAliases(n)))) return;
    if (n.kind === 'attributeReference') {
      if (!childIds.has(n.exprId)) return; // an outer reference: constant for this query
      if (global) {
        throw new AnalysisException(
          'MISSING_GROUP_BY',
          'The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.',
        );
      }
      throw new AnalysisException(
        'MISSING_AGGREGATION',
        `The non-aggregating expression "${n.name}" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(${n.name})" if you do not care which of the values within a group is returned.`,
      );
    }
    for (const c of childrenOf(n)) visit(c);
  };
  visit(e);
}
