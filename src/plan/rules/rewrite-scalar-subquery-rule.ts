/**
 * Rewrites scalar subqueries `(SELECT agg(…) FROM … [WHERE correlated])` into LEFT OUTER joins, as
 * Spark's RewriteCorrelatedScalarSubquery does:
 *
 * - uncorrelated: the subquery is joined without a condition; one that is not a global aggregate
 *   is wrapped in `__scalar_subquery_value`, which fails with SCALAR_SUBQUERY_TOO_MANY_ROWS on a
 *   second row (Spark's runtime check) and yields NULL for none.
 * - correlated by equalities `inner = outer`: the aggregate is grouped by the inner keys and joined
 *   on them; other correlations go through a domain join (the distinct outer values are joined into
 *   the subquery, which is grouped by them and joined back with `<=>`).
 * - the "count bug": an outer row without a matching group gets the aggregate's value on empty
 *   input (count → 0), not NULL — the subquery output carries a `__present` marker to tell.
 *
 * Scalar subqueries outside aggregate calls of an Aggregate are first moved into a Project above
 * it, so every rewrite happens in a Project, Filter or Sort whose input is the outer query.
 *
 * Invariant: each node keeps its output (a Project restores it where the join adds columns).
 */
import {
  type AttributeReference,
  alias,
  anyNode,
  childrenOf,
  type Expr,
  literal,
  type NamedExpr,
  transformDown,
  withChildren,
} from '../../expr/expression.js';
import { dataTypeOf } from '../../expr/expression-type.js';
import { prettyName } from '../../expr/pretty-name.js';
import { type LogicalPlan, transformPlanUp } from '../logical-plan.js';
import type { OptimizerRule } from '../optimizer.js';
import { attributesIn, expressionsOf, mapExpressions, outerReferences } from '../plan-expressions.js';
import { outputOf, toAttribute } from '../plan-output.js';
import { call, conjunction, decorrelate, presentMarker, unsupported } from '../subquery-decorrelation.js';

type Subquery = Extract<Expr, { kind: 'subquery' }>;
type Aggregate = Extract<LogicalPlan, { kind: 'aggregate' }>;

const isScalar = (e: Expr): e is Subquery => e.kind === 'subquery' && e.subqueryType === 'scalar';
const hasScalar = (e: Expr) => anyNode(e, isScalar);

const COUNT_LIKE = new Set(['count', 'count_if', 'approx_count_distinct', 'regr_count']);
const EMPTY_ARRAY = new Set(['collect_list', 'collect_set', 'array_agg']);

/** The value an aggregate expression has over no rows (Spark's `defaultResult`). */
function emptyValue(e: Expr): Expr {
  return transformDown(e, (n) => {
    if (n.kind !== 'aggregate') return undefined;
    if (COUNT_LIKE.has(n.name)) return literal(0, n.dataType);
    if (EMPTY_ARRAY.has(n.name)) return literal([], n.dataType);
    return literal(null, n.dataType);
  });
}

/** Projects, aliases and sorts above the subquery's aggregate (none when it does not aggregate). */
function findAggregate(p: LogicalPlan): { chain: LogicalPlan[]; agg: Aggregate } | undefined {
  const chain: LogicalPlan[] = [];
  let cur = p;
  while (cur.kind === 'project' || cur.kind === 'subqueryAlias' || cur.kind === 'sort') {
    chain.push(cur);
    cur = cur.child;
  }
  return cur.kind === 'aggregate' ? { chain, agg: cur } : undefined;
}

/** Rebuilds the chain above a widened aggregate, passing `extra` columns through its projections. */
function rebuild(
  chain: readonly LogicalPlan[],
  agg: LogicalPlan,
  extra: readonly AttributeReference[],
): LogicalPlan {
  let plan = agg;
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i]!;
    plan =
      n.kind === 'project'
        ? { ...n, child: plan, projectList: [...n.projectList, ...extra] }
        : ({ ...n, child: plan } as LogicalPlan);
  }
  return plan;
}

interface Rewritten {
  /** The input joined with the subquery's result. */
  readonly plan: LogicalPlan;
  /** What replaces the subquery expression (over `plan`'s output). */
  readonly value: Expr;
}

/** Joins `input` with the result of scalar subquery `sub` (correlated to `input` or not). */
function joinScalar(input: LogicalPlan, sub: Subquery): Rewritten {
  const inputOut = outputOf(input);
  const outerIds = new Set(inputOut.map((a) => a.exprId));
  const outer = outerReferences(sub.plan).filter((a) => outerIds.has(a.exprId));
  let found = findAggregate(sub.plan);
  if (!outer.length) {
    let right = sub.plan;
    if (!found || found.agg.groupingExprs.length) {
      right = singleValueAggregate(sub.plan);
    }
    const value = outputOf(right)[0]!;
    return {
      plan: { kind: 'join', left: input, right, joinType: 'left' },
      value: { ...value, nullable: true },
    };
  }
  if (!found) {
    found = { chain: [], agg: singleValueAggregate(sub.plan) };
  }
  const { chain, agg } = found;
  if (agg.aggregateExprs.some((e) => attributesIn(e).some((a) => outerIds.has(a.exprId))))
    throw unsupported('an outer reference in the aggregate of a correlated scalar subquery');
  const d = decorrelate(agg.child, outerIds);
  const innerIds = new Set(outputOf(d.plan).map((a) => a.exprId));
  const only = (e: Expr, ids: ReadonlySet<number>) => {
    const attrs = attributesIn(e);
    return attrs.length > 0 && attrs.every((a) => ids.has(a.exprId));
  };
  const equi = d.predicates.map((pr) => {
    if (pr.kind !== 'fn' || pr.name !== 'equal_to') return undefined;
    const [l, r] = pr.args as [Expr, Expr];
    if (only(l, innerIds) && only(r, outerIds)) return { inner: l, outer: r };
    if (only(r, innerIds) && only(l, outerIds)) return { inner: r, outer: l };
    return undefined;
  });
  const marker = presentMarker();
  let grouped: LogicalPlan;
  let joinCond: Expr;
  let hidden: NamedExpr[];
  if (equi.every((x) => x !== undefined)) {
    const keys = equi.map((k, i) => alias(k!.inner, `__key${i}`));
    hidden = [...keys, marker];
    grouped = {
      ...agg,
      child: d.plan,
      groupingExprs: [...agg.groupingExprs, ...equi.map((k) => k!.inner)],
      aggregateExprs: [...agg.aggregateExprs, ...hidden],
    };
    joinCond = conjunction(equi.map((k, i) => call('equal_to', [k!.outer, toAttribute(keys[i]!)])))!;
  } else {
    // domain join: evaluate the subquery once per distinct combination of the outer values
    const domainCols = outer.map((a) => alias(a, `__outer_${a.name}`));
    const domainAttrs = domainCols.map(toAttribute);
    const domain: LogicalPlan = {
      kind: 'distinct',
      child: { kind: 'project', child: input, projectList: domainCols },
    };
    const swap = (e: Expr) =>
      transformDown(e, (n) => {
        if (n.kind !== 'attributeReference') return undefined;
        const i = outer.findIndex((a) => a.exprId === n.exprId);
        return i >= 0 ? domainAttrs[i]! : undefined;
      });
    const joined: LogicalPlan = {
      kind: 'join',
      left: domain,
      right: d.plan,
      joinType: 'inner',
      ...(d.predicates.length ? { condition: conjunction(d.predicates.map(swap))! } : {}),
    };
    hidden = [...domainAttrs, marker];
    grouped = {
      ...agg,
      child: joined,
      groupingExprs: [...agg.groupingExprs, ...domainAttrs],
      aggregateExprs: [...agg.aggregateExprs, ...domainAttrs, marker],
    };
    joinCond = conjunction(outer.map((a, i) => call('equal_null_safe', [a, domainAttrs[i]!])))!;
  }
  const extra = hidden.map(toAttribute);
  const right = rebuild(chain, grouped, extra);
  const value = { ...outputOf(right)[0]!, nullable: true };
  const present = extra[extra.length - 1]!;
  // the count bug: no group for this outer row means the aggregate over no rows, not NULL
  const topExpr = agg.aggregateExprs[0]!;
  const chainValue = chain.length
    ? undefined
    : emptyValue(topExpr.kind === 'alias' ? topExpr.child : topExpr);
  const fallback =
    chainValue && !(chainValue.kind === 'literal' && chainValue.value === null) ? chainValue : undefined;
  const result: Expr = fallback
    ? call('if', [call('isnull', [present]), castTo(fallback, dataTypeOf(value)), value])
    : value;
  return { plan: { kind: 'join', left: input, right, joinType: 'left', condition: joinCond }, value: result };
}

function castTo(e: Expr, t: ReturnType<typeof dataTypeOf>): Expr {
  return JSON.stringify(dataTypeOf(e)) === JSON.stringify(t)
    ? e
    : { kind: 'cast', child: e, dataType: t, mode: 'legacy', implicit: true };
}

/** Replaces every scalar subquery in `p`'s expressions by a join under it. */
function rewriteNode(p: LogicalPlan & { child: LogicalPlan }): LogicalPlan {
  let input = p.child;
  const replace = (e: Expr): Expr =>
    transformDown(e, (n) => {
      if (!isScalar(n)) return undefined;
      const r = joinScalar(input, n);
      input = r.plan;
      return r.value;
    });
  const rewritten = { ...mapExpressions(p, replace), child: input } as LogicalPlan;
  const before = outputOf(p);
  const after = outputOf(rewritten);
  if (after.length === before.length && after.every((a, i) => a.exprId === before[i]!.exprId))
    return rewritten;
  return { kind: 'project', child: rewritten, projectList: before };
}

/**
 * An Aggregate whose output uses a scalar subquery outside aggregate calls: compute the aggregates
 * and grouping values first, then the expressions in a Project above (rewritten next).
 */
function splitAggregate(p: Aggregate): LogicalPlan {
  const hidden: NamedExpr[] = [];
  const keyOf = (e: Expr) => JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  const seen = new Map<string, AttributeReference>();
  const groupKeys = new Set(p.groupingExprs.map(keyOf));
  const keep = (e: Expr): AttributeReference => {
    const k = keyOf(e);
    let a = seen.get(k);
    if (!a) {
      const named = e.kind === 'attributeReference' ? e : alias(e, prettyName(e));
      a = toAttribute(named);
      seen.set(k, a);
      hidden.push(named);
    }
    return a;
  };
  const pull = (e: Expr): Expr => {
    if (e.kind === 'aggregate') return keep(e);
    if (e.kind !== 'alias' && e.kind !== 'subquery' && groupKeys.has(keyOf(e))) return keep(e);
    if (e.kind === 'subquery') return e;
    const kids = childrenOf(e);
    if (!kids.length) return e;
    const next = kids.map(pull);
    return next.some((c, i) => c !== kids[i]) ? withChildren(e, next) : e;
  };
  const projectList = p.aggregateExprs.map((e) => pull(e) as NamedExpr);
  return { kind: 'project', child: { ...p, aggregateExprs: hidden }, projectList };
}

function outsideAggregates(e: Expr): boolean {
  if (e.kind === 'aggregate') return false;
  if (isScalar(e)) return true;
  return childrenOf(e).some(outsideAggregates);
}

export const rewriteScalarSubqueryRule: OptimizerRule = {
  name: 'RewriteCorrelatedScalarSubquery',
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan => {
      if (!expressionsOf(p).some(hasScalar)) return p;
      switch (p.kind) {
        case 'aggregate':
          if (p.aggregateExprs.some(outsideAggregates)) {
            const split = splitAggregate(p) as Extract<LogicalPlan, { kind: 'project' }>;
            return rewriteNode({ ...split, child: rewriteAggregateInputs(split.child as Aggregate) });
          }
          return rewriteAggregateInputs(p);
        case 'project':
        case 'filter':
        case 'sort':
          return rewriteNode(p);
        default:
          throw unsupported(`a scalar subquery in ${p.kind}`);
      }
    }),
};

/** Scalar subqueries inside aggregate arguments or grouping: joined below the aggregate. */
function rewriteAggregateInputs(p: Aggregate): LogicalPlan {
  if (!expressionsOf(p).some(hasScalar)) return p;
  return rewriteNode(p);
}

/** The subquery's only column through `__scalar_subquery_value`, which fails on a second row as Spark does. */
function singleValueAggregate(plan: LogicalPlan): Aggregate {
  const col = outputOf(plan)[0]!;
  return {
    kind: 'aggregate',
    child: plan,
    groupingExprs: [],
    aggregateExprs: [
      alias(
        {
          kind: 'aggregate',
          name: '__scalar_subquery_value',
          args: [col],
          distinct: false,
          ignoreNulls: false,
          dataType: col.dataType,
          nullable: true,
        },
        col.name,
      ),
    ],
  };
}
