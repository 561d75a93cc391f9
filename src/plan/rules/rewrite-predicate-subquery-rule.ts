/**
 * Rewrites `EXISTS (…)` and `x IN (SELECT …)` into joins, as Spark's RewritePredicateSubquery:
 *
 * - a WHERE conjunct `EXISTS (q)` / `x IN (q)` → LEFT SEMI JOIN q ON (x = q.col AND correlated
 *   predicates); `NOT EXISTS` → LEFT ANTI JOIN; `x NOT IN (q)` → null-aware LEFT ANTI JOIN ON
 *   ((x = q.col) OR isnull(x = q.col)) AND …, so a NULL on either side removes the row, as SQL's
 *   three-valued NOT IN does.
 * - anywhere else (select list, OR, CASE …) → an existence join: the input rows that have a match
 *   (semi join) tagged true, UNION ALL the rows that have none (anti join) tagged false; the
 *   predicate becomes that boolean column (never null, which is what Spark returns there too).
 *
 * Invariants: each node keeps its output (a Project restores it where joins add columns); a
 * subquery's correlated predicates only reference the node's input and the subquery's output.
 */
import { alias, type Expr, literal, transformDown } from '../../expr/expression.js';
import { BooleanType } from '../../types/data-type.js';
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { expressionsOf, mapExpressions } from '../plan-expressions.js';
import { outputOf, toAttribute } from '../plan-output.js';
import { call, conjunction, decorrelate, splitConjuncts } from '../subquery-decorrelation.js';

type Subquery = Extract<Expr, { kind: 'subquery' }>;
type Predicate = Subquery & { subqueryType: 'exists' | 'in' };

const isPredicate = (e: Expr): e is Predicate =>
  e.kind === 'subquery' && (e.subqueryType === 'exists' || e.subqueryType === 'in');

const hasPredicate = (e: Expr): boolean => {
  let found = false;
  transformDown(e, (n) => {
    if (isPredicate(n)) found = true;
    return undefined;
  });
  return found;
};

/** The join that tests `sub` for each row of `input`; `nullAware` for NOT IN. */
function existenceJoin(
  input: LogicalPlan,
  sub: Predicate,
  joinType: 'left_semi' | 'left_anti',
  nullAware: boolean,
): LogicalPlan {
  const outerIds = new Set(outputOf(input).map((a) => a.exprId));
  const d = decorrelate(sub.plan, outerIds);
  const conds: Expr[] = [];
  if (sub.subqueryType === 'in') {
    const cols = outputOf(d.plan);
    (sub.values ?? []).forEach((v, i) => {
      const eq = call('equal_to', [v, cols[i]!]);
      conds.push(nullAware ? call('or', [eq, call('isnull', [eq])]) : eq);
    });
  }
  conds.push(...d.predicates);
  const condition = conjunction(conds);
  return { kind: 'join', left: input, right: d.plan, joinType, ...(condition ? { condition } : {}) };
}

/** Semi/anti joins for the subquery conjuncts of a WHERE; other conjuncts stay in a Filter. */
function rewriteFilter(p: Extract<LogicalPlan, { kind: 'filter' }>): LogicalPlan {
  let child = p.child;
  const rest: Expr[] = [];
  for (const c of splitConjuncts(p.condition)) {
    const negated = c.kind === 'fn' && c.name === 'not' && isPredicate(c.args[0]!);
    const sub = negated ? (c as Extract<Expr, { kind: 'fn' }>).args[0]! : c;
    if (isPredicate(sub)) {
      child = existenceJoin(
        child,
        sub,
        negated ? 'left_anti' : 'left_semi',
        negated && sub.subqueryType === 'in',
      );
    } else rest.push(c);
  }
  const condition = conjunction(rest);
  return condition ? { ...p, child, condition } : child;
}

/** Existence joins under any node: the predicate becomes a boolean column of the node's input. */
function rewriteElsewhere(p: LogicalPlan): LogicalPlan {
  const child = (p as { child?: LogicalPlan }).child;
  if (!child) return p;
  let input = child;
  const replace = (e: Expr): Expr =>
    transformDown(e, (n) => {
      const negated = n.kind === 'fn' && n.name === 'not' && isPredicate(n.args[0]!);
      const sub = negated ? (n as Extract<Expr, { kind: 'fn' }>).args[0]! : n;
      if (!isPredicate(sub)) return undefined;
      const nullAware = negated && sub.subqueryType === 'in';
      const out = outputOf(input);
      const tagged = (joinType: 'left_semi' | 'left_anti', value: boolean): LogicalPlan => ({
        kind: 'project',
        child: existenceJoin(input, sub, joinType, nullAware),
        projectList: [...out, alias(literal(value, BooleanType), 'exists')],
      });
      const matched = tagged('left_semi', true);
      input = {
        kind: 'union',
        children: [matched, tagged('left_anti', false)],
        byName: false,
        allowMissingColumns: false,
      };
      const flag = toAttribute((matched as Extract<LogicalPlan, { kind: 'project' }>).projectList.at(-1)!);
      return negated ? call('not', [flag]) : flag;
    });
  const rewritten = mapExpressions({ ...p, child: input } as LogicalPlan, replace);
  const withInput = { ...rewritten, child: input } as LogicalPlan;
  const before = outputOf(p);
  const after = outputOf(withInput);
  if (after.length === before.length) return withInput;
  return { kind: 'project', child: withInput, projectList: before };
}

export const rewritePredicateSubqueryRule: OptimizerRule = {
  name: 'RewritePredicateSubquery',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (!expressionsOf(p).some(hasPredicate)) return p;
      if (p.kind === 'filter') {
        const direct = rewriteFilter(p);
        return direct.kind === 'filter' && expressionsOf(direct).some(hasPredicate)
          ? restoreOutput(p, rewriteElsewhere(direct))
          : restoreOutput(p, direct);
      }
      return rewriteElsewhere(p);
    }),
};

function restoreOutput(original: LogicalPlan, p: LogicalPlan): LogicalPlan {
  const before = outputOf(original);
  const after = outputOf(p);
  if (after.length === before.length && after.every((a, i) => a.exprId === before[i]!.exprId)) return p;
  return { kind: 'project', child: p, projectList: before };
}
