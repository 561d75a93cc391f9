/**
 * ORDER BY and HAVING (and DataFrame filters) that refer to what the select list does not output:
 *
 * - `SELECT a FROM t ORDER BY b` / `df.select('a').filter('b > 1')`: the column is added to the
 *   projection, the Sort/Filter applied, and a Project on top restores the visible columns.
 * - `… GROUP BY k ORDER BY sum(v)` / `HAVING max(v) > 1` / `HAVING alias > 1`: the expression is
 *   resolved against the aggregate's input (select-list aliases substitute for their
 *   expressions), added to the Aggregate as a hidden column, and projected away above.
 *
 * Invariant: the result has exactly the output (same exprIds) the unresolved node would have had.
 */
import {
  type AttributeReference,
  alias,
  type Expr,
  type NamedExpr,
  type SortOrder,
  transformDown,
  transformUp,
} from '../expr/expression.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { AnalysisException } from '../util/errors.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';
import { resolveAggregate } from './resolve-aggregate.js';
import { groupingSetsInput } from './resolve-grouping-sets.js';

type Aggregate = Extract<LogicalPlan, { kind: 'aggregate' }>;
type Sort = Extract<LogicalPlan, { kind: 'sort' }>;
type Filter = Extract<LogicalPlan, { kind: 'filter' }>;

export interface MissingReferenceContext {
  readonly ctx: FunctionContext;
  resolverOver(input: readonly AttributeReference[]): ExpressionResolver;
  requireBoolean(e: Expr, clause: string): Expr;
  containsAggregate(e: Expr): boolean;
}

function toSortOrder(e: Expr): SortOrder {
  return e.kind === 'sortOrder' ? e : { kind: 'sortOrder', child: e, ascending: true, nullsFirst: true };
}

function ordinalRef(i: number, out: readonly AttributeReference[]): Expr {
  const a = out[i - 1];
  if (!a) {
    throw new AnalysisException(
      'ORDER_BY_POS_OUT_OF_RANGE',
      `ORDER BY position ${i} is not in select list (valid range is [1, ${out.length}]).`,
    );
  }
  return a;
}

/** Replaces ORDER BY ordinals by the output column they point at. */
function withOrdinals(order: readonly SortOrder[], out: readonly AttributeReference[]): SortOrder[] {
  return order.map((o) => {
    const s = toSortOrder(o);
    return s.child.kind === 'unresolvedOrdinal' ? { ...s, child: ordinalRef(s.child.ordinal, out) } : s;
  });
}

/** The aggregate below a chain of HAVING filters and plain projections, if any. */
function aggregateBelow(p: LogicalPlan): Aggregate | undefined {
  if (p.kind === 'aggregate') return p;
  if (p.kind === 'filter') return aggregateBelow(p.child);
  if (p.kind === 'project' && p.projectList.every((e) => e.kind === 'attributeReference'))
    return aggregateBelow(p.child);
  return undefined;
}

/** Rebuilds the HAVING chain over a widened aggregate, projections passing the hidden columns up. */
function rebuildChain(p: LogicalPlan, agg: Aggregate, hidden: readonly AttributeReference[]): LogicalPlan {
  if (p.kind === 'aggregate') return agg;
  if (p.kind === 'filter') return { ...p, child: rebuildChain(p.child, agg, hidden) };
  if (p.kind === 'project')
    return { ...p, child: rebuildChain(p.child, agg, hidden), projectList: [...p.projectList, ...hidden] };
  return p;
}

/**
 * Resolves `e` for use over an aggregate: select-list aliases the input cannot resolve stand for
 * their expressions, then the result is computed by the aggregate as a hidden column.
 */
function substituteAliases(e: Expr, agg: Aggregate, input: ExpressionResolver): Expr {
  return transformDown(e, (n) => {
    if (n.kind !== 'unresolvedAttribute' || n.nameParts.length !== 1) return undefined;
    try {
      input.resolve(n);
      return undefined;
    } catch {
      const name = n.nameParts[0]!.toLowerCase();
      const a = agg.aggregateExprs.find((x) => x.kind === 'alias' && x.name.toLowerCase() === name);
      return a && a.kind === 'alias' ? a.child : undefined;
    }
  });
}

/** Adds hidden aggregate expressions; returns the widened aggregate and the new columns. */
function widenAggregate(
  agg: Aggregate,
  extra: readonly Expr[],
  m: MissingReferenceContext,
): { agg: Aggregate; hidden: AttributeReference[] } {
  const inputAttrs = groupingSetsInput(agg);
  const input = m.resolverOver(inputAttrs);
  const named = extra.map((e, i) => alias(substituteAliases(e, agg, input), `__hidden_${i}`));
  const widened = resolveAggregate(
    { ...agg, aggregateExprs: [...agg.aggregateExprs, ...named] },
    input,
    m.ctx,
  ) as Aggregate;
  const out = outputOf(widened);
  return { agg: widened, hidden: out.slice(agg.aggregateExprs.length) as AttributeReference[] };
}

export function resolveSort(p: Sort, m: MissingReferenceContext): LogicalPlan {
  const childOut = outputOf(p.child);
  const order = withOrdinals(p.order, childOut);
  const direct = m.resolverOver(childOut);
  const resolved: (SortOrder | undefined)[] = order.map((o) => {
    try {
      const r = toSortOrder(direct.resolve(o));
      return m.containsAggregate(r.child) ? undefined : r;
    } catch (err) {
      if (err instanceof AnalysisException) return undefined;
      throw err;
    }
  });
  if (resolved.every((o) => o !== undefined)) return { ...p, order: resolved as SortOrder[] };

  const agg = aggregateBelow(p.child);
  if (agg) {
    const missing = order.filter((_, i) => !resolved[i]);
    const { agg: widened, hidden } = widenAggregate(
      agg,
      missing.map((o) => o.child),
      m,
    );
    let k = 0;
    const final = order.map((o, i) => resolved[i] ?? { ...o, child: hidden[k++]! });
    const child = rebuildChain(p.child, widened, hidden);
    return { kind: 'project', child: { ...p, child, order: final }, projectList: childOut };
  }
  if (p.child.kind === 'project') {
    const proj = p.child;
    const inner = m.resolverOver([...childOut, ...outputOf(proj.child)]);
    const final = order.map((o, i) => resolved[i] ?? toSortOrder(inner.resolve(o)));
    const extra = missingAttributes(final, childOut, outputOf(proj.child));
    const widened: LogicalPlan = { ...proj, projectList: [...proj.projectList, ...extra] };
    return { kind: 'project', child: { ...p, child: widened, order: final }, projectList: childOut };
  }
  // nothing to borrow from: report the first unresolvable item as it is
  order.forEach((o, i) => {
    if (!resolved[i]) toSortOrder(direct.resolve(o));
  });
  throw new AnalysisException(
    'MISSING_AGGREGATION',
    'ORDER BY refers to an aggregate over a query that does not aggregate.',
  );
}

export function resolveFilter(p: Filter, m: MissingReferenceContext): LogicalPlan {
  const childOut = outputOf(p.child);
  const agg = p.child.kind === 'aggregate' ? p.child : undefined;
  let condition: Expr | undefined;
  let failure: unknown;
  try {
    condition = m.resolverOver(childOut).resolve(p.condition);
  } catch (err) {
    if (!(err instanceof AnalysisException)) throw err;
    failure = err;
  }
  if (condition && !agg && m.containsAggregate(condition)) {
    throw new AnalysisException(
      'INVALID_WHERE_CONDITION',
      `The WHERE condition "${prettyName(condition)}" contains invalid expressions: aggregate functions are not allowed in WHERE. Rewrite the query to use HAVING or a subquery.`,
    );
  }
  if (condition && !(agg && m.containsAggregate(condition))) {
    return { ...p, condition: m.requireBoolean(condition, agg ? 'HAVING' : 'WHERE') };
  }
  if (agg) {
    const { agg: widened, hidden } = widenAggregate(agg, [p.condition], m);
    const cond = m.requireBoolean(hidden[0]!, 'HAVING');
    return {
      kind: 'project',
      child: { kind: 'filter', child: widened, condition: cond },
      projectList: childOut,
    };
  }
  if (p.child.kind === 'project') {
    const proj = p.child;
    const inner = m.resolverOver([...childOut, ...outputOf(proj.child)]);
    const cond = m.requireBoolean(inner.resolve(p.condition), 'WHERE');
    const extra = missingAttributes([cond], childOut, outputOf(proj.child));
    const widened: LogicalPlan = { ...proj, projectList: [...proj.projectList, ...extra] };
    return { kind: 'project', child: { ...p, child: widened, condition: cond }, projectList: childOut };
  }
  throw failure;
}

/** Attributes of `available` that `exprs` use and `have` lacks (outer references are left alone). */
export function missingAttributes(
  exprs: readonly Expr[],
  have: readonly AttributeReference[],
  available: readonly AttributeReference[],
): NamedExpr[] {
  const ids = new Set(have.map((a) => a.exprId));
  const avail = new Set(available.map((a) => a.exprId));
  const extra = new Map<number, AttributeReference>();
  for (const e of exprs) {
    transformUp(e, (x) => {
      if (x.kind === 'attributeReference' && !ids.has(x.exprId) && avail.has(x.exprId))
        extra.set(x.exprId, x);
      return x;
    });
  }
  return [...extra.values()];
}
