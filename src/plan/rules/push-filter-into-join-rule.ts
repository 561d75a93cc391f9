/**
 * Pushes predicates into and through joins (Spark's PushPredicateThroughJoin): a WHERE conjunct
 * over an inner / cross join that uses one side only is filtered on that side before the join; one
 * that uses both sides becomes part of the join condition (so `FROM a, b WHERE a.k = b.k` is an
 * equi-join, not a cross product). For outer joins only the preserved side takes filters, and an
 * inner join's own condition conjuncts that use one side move below it too.
 *
 * Invariants: non-deterministic predicates and predicates holding subqueries never move; the
 * join's output (and so the plan's) is unchanged.
 */
import { anyNode, type Expr } from '../../expr/expression.js';
import { lookupFunction } from '../../expr/function-registry.js';
import { BooleanType } from '../../types/data-type.js';
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { attributesIn } from '../plan-expressions.js';
import { outputOf } from '../plan-output.js';

type Join = Extract<LogicalPlan, { kind: 'join' }>;

function split(e: Expr): Expr[] {
  if (e.kind === 'fn' && e.name === 'and') return e.args.flatMap(split);
  return [e];
}

function and(parts: readonly Expr[]): Expr | undefined {
  return parts.length
    ? parts.reduce((a, b) => ({
        kind: 'fn',
        name: 'and',
        args: [a, b],
        dataType: BooleanType,
        nullable: true,
      }))
    : undefined;
}

function movable(e: Expr): boolean {
  return !anyNode(
    e,
    (n) =>
      n.kind === 'subquery' ||
      (n.kind === 'udf' && !n.deterministic) ||
      ((n.kind === 'fn' || n.kind === 'aggregate') &&
        lookupFunction(n.name)?.kind === 'scalar' &&
        (lookupFunction(n.name) as { deterministic?: boolean }).deterministic === false),
  );
}

type Side = 'left' | 'right' | 'both' | 'none';

function sideOf(e: Expr, left: ReadonlySet<number>, right: ReadonlySet<number>): Side {
  const attrs = attributesIn(e);
  if (attrs.length === 0) return 'none';
  const inLeft = attrs.every((a) => left.has(a.exprId));
  const inRight = attrs.every((a) => right.has(a.exprId));
  if (inLeft) return 'left';
  if (inRight) return 'right';
  return attrs.every((a) => left.has(a.exprId) || right.has(a.exprId)) ? 'both' : 'none';
}

function filtered(p: LogicalPlan, parts: readonly Expr[]): LogicalPlan {
  const c = and(parts);
  return c ? { kind: 'filter', child: p, condition: c } : p;
}

/** Filter(cond, Join) → Filter(rest, Join'(…)); undefined when nothing moves. */
function pushFilter(condition: Expr, j: Join): LogicalPlan | undefined {
  const l = new Set(outputOf(j.left).map((a) => a.exprId));
  const r = new Set(outputOf(j.right).map((a) => a.exprId));
  const toLeft: Expr[] = [];
  const toRight: Expr[] = [];
  const toJoin: Expr[] = [];
  const keep: Expr[] = [];
  const inner = j.joinType === 'inner' || j.joinType === 'cross';
  const leftPreserved =
    inner || j.joinType === 'left' || j.joinType === 'left_semi' || j.joinType === 'left_anti';
  const rightPreserved = inner || j.joinType === 'right';
  for (const c of split(condition)) {
    const side = movable(c) ? sideOf(c, l, r) : 'none';
    if (side === 'left' && leftPreserved) toLeft.push(c);
    else if (side === 'right' && rightPreserved) toRight.push(c);
    else if (side === 'both' && inner) toJoin.push(c);
    else keep.push(c);
  }
  if (!toLeft.length && !toRight.length && !toJoin.length) return undefined;
  const joinCondition = and([...(j.condition ? [j.condition] : []), ...toJoin]);
  const { condition: _c, ...base } = j;
  const join: Join = {
    ...base,
    joinType: j.joinType === 'cross' && toJoin.length ? 'inner' : j.joinType,
    left: filtered(j.left, toLeft),
    right: filtered(j.right, toRight),
    ...(joinCondition ? { condition: joinCondition } : {}),
  };
  return filtered(join, keep);
}

/** An inner join's condition conjuncts that use one side only run below the join. */
function pushJoinCondition(j: Join): LogicalPlan | undefined {
  if (j.joinType !== 'inner' || !j.condition) return undefined;
  const l = new Set(outputOf(j.left).map((a) => a.exprId));
  const r = new Set(outputOf(j.right).map((a) => a.exprId));
  const toLeft: Expr[] = [];
  const toRight: Expr[] = [];
  const keep: Expr[] = [];
  for (const c of split(j.condition)) {
    const side = movable(c) ? sideOf(c, l, r) : 'none';
    if (side === 'left') toLeft.push(c);
    else if (side === 'right') toRight.push(c);
    else keep.push(c);
  }
  if (!toLeft.length && !toRight.length) return undefined;
  const { condition: _c, ...base } = j;
  const rest = and(keep);
  return {
    ...base,
    left: filtered(j.left, toLeft),
    right: filtered(j.right, toRight),
    ...(rest ? { condition: rest } : {}),
  };
}

export const pushFilterIntoJoinRule: OptimizerRule = {
  name: 'PushPredicateThroughJoin',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (p.kind === 'filter' && p.child.kind === 'join') return pushFilter(p.condition, p.child) ?? p;
      if (p.kind === 'join') return pushJoinCondition(p) ?? p;
      return p;
    }),
};
