/**
 * LATERAL subqueries in FROM (`FROM t, LATERAL (SELECT t.x + 1 AS y)`, `JOIN LATERAL (…) ON …`):
 * the subquery sees the columns of the relations to its left and is evaluated once per left row.
 *
 * The analyzer resolves the subquery with the left side's columns visible as outer references,
 * then removes the correlation: a subquery without outer references is an ordinary join; one
 * whose correlated operators are projections and filters (any depth, over an uncorrelated base)
 * is rebuilt over `left ⨝ base`, each projection also passing the left columns up, and each
 * filter applied to the joined rows; a correlated global aggregate (`LATERAL (SELECT sum(v) FROM u
 * WHERE u.k = t.k)`) becomes one correlated scalar subquery per column (rewritten into joins by the
 * optimizer). Grouped aggregates, joins, limits… that hold outer references are not rewritten (UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY), nor correlation under an outer join.
 *
 * Invariant: the result outputs the left columns, then the subquery's columns (qualified by its
 * alias), like the inner join it stands for; attributes keep their exprIds.
 */
import { alias, type Expr } from '../expr/expression.js';
import type { Join, LogicalPlan } from './logical-plan.js';
import { outerReferences } from './plan-expressions.js';
import { outputOf } from './plan-output.js';
import { unsupported } from './subquery-decorrelation.js';

/** A Join whose right side is a LATERAL subquery (the SQL parser sets `lateral`). */
export type LateralJoin = Join & { readonly lateral?: boolean };

function correlated(p: LogicalPlan, leftIds: ReadonlySet<number>): boolean {
  return outerReferences(p).some((a) => leftIds.has(a.exprId));
}

/**
 * `right` rebuilt over `left ⨝ base`: its output is the left columns then right's own columns
 * (`renamed` maps a column of right to the one standing for it, when that has another id).
 */
function lift(
  left: LogicalPlan,
  right: LogicalPlan,
  leftIds: ReadonlySet<number>,
  renamed: Map<number, number>,
): LogicalPlan {
  if (!correlated(right, leftIds)) return { kind: 'join', left, right, joinType: 'inner' };
  switch (right.kind) {
    case 'aggregate': {
      if (right.groupingExprs.length) break;
      // a global aggregate yields one row per left row: one correlated scalar subquery per column
      const columns = outputOf(right).map((a, i) => {
        const value: Expr = {
          kind: 'subquery',
          subqueryType: 'scalar',
          plan: { ...right, aggregateExprs: [right.aggregateExprs[i]!] },
          dataType: a.dataType,
        };
        const column = alias(value, a.name);
        renamed.set(a.exprId, column.exprId);
        return column;
      });
      return { kind: 'project', child: left, projectList: [...outputOf(left), ...columns] };
    }
    case 'project': {
      const child = lift(left, right.child, leftIds, renamed);
      // a left column selected as is is already passed up with the left's columns
      const list = right.projectList.filter(
        (e) => !(e.kind === 'attributeReference' && leftIds.has(e.exprId)),
      );
      return { kind: 'project', child, projectList: [...outputOf(left), ...list] };
    }
    case 'filter':
      return { ...right, child: lift(left, right.child, leftIds, renamed) };
    case 'subqueryAlias':
      return lift(left, right.child, leftIds, renamed);
  }
  throw unsupported(`an outer reference below ${right.kind} in a LATERAL subquery`);
}

/**
 * A left column the subquery selects as is (`LATERAL (SELECT t.a …)`) becomes a column of its own
 * (a new id), so the join's output holds it twice, as Spark's does.
 */
function distinctFromLeft(right: LogicalPlan, leftIds: ReadonlySet<number>): LogicalPlan {
  const inner = right.kind === 'subqueryAlias' ? right.child : right;
  const out = outputOf(inner);
  if (!out.some((a) => leftIds.has(a.exprId))) return right;
  const projectList = out.map((a) => (leftIds.has(a.exprId) ? alias(a, a.name) : a));
  const project: LogicalPlan = { kind: 'project', child: inner, projectList };
  return right.kind === 'subqueryAlias' ? { ...right, child: project } : project;
}

/**
 * `join` has resolved children; `right` may refer to the columns of `left`. Returns a plain Join
 * (still to resolve as one) when nothing is correlated, else the rewrite, under a Filter holding
 * the unresolved ON condition if there is one.
 */
export function resolveLateralJoin(join: LateralJoin): LogicalPlan {
  const { left, right } = join;
  const leftOut = outputOf(left);
  const leftIds = new Set(leftOut.map((a) => a.exprId));
  const { lateral: _l, ...plain } = join;
  if (!correlated(right, leftIds)) return plain;
  if (join.joinType !== 'inner' && join.joinType !== 'cross')
    throw unsupported(`a correlated LATERAL subquery in a ${join.joinType} join`);
  const subquery = distinctFromLeft(right, leftIds);
  const renamed = new Map<number, number>();
  const lifted = lift(left, subquery, leftIds, renamed);
  const liftedOut = outputOf(lifted);
  // the subquery's columns as the join would show them (qualified by its alias), after the left's
  const rightOut = outputOf(subquery).map((a) => {
    const id = renamed.get(a.exprId) ?? a.exprId;
    const col = liftedOut.find((x) => x.exprId === id) ?? a;
    return { ...col, qualifier: a.qualifier };
  });
  let plan: LogicalPlan = { kind: 'project', child: lifted, projectList: [...leftOut, ...rightOut] };
  // `JOIN LATERAL (…) ON c`: the condition (still unresolved) filters the joined rows
  if (join.condition) plan = { kind: 'filter', child: plan, condition: join.condition };
  return plan;
}
