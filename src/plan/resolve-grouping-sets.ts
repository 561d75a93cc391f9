/**
 * ROLLUP / CUBE / GROUPING SETS: a GroupingSets node becomes Aggregate(Expand(child)). The Expand
 * emits one copy of each input row per grouping set, with the grouping columns not in that set
 * nulled and a `spark_grouping_id` bit mask (bit i, counted from the last grouping column, set when
 * column i is aggregated away); the Aggregate groups by the expanded columns and the id.
 *
 * `grouping(c)` becomes `CAST((spark_grouping_id >> (n - 1 - i)) & 1 AS TINYINT)` and
 * `grouping_id(…)` the id itself, after the output columns were named from the original
 * expressions (so they keep Spark's names, `grouping(k)`, `grouping_id()`).
 *
 * Invariant: expressions inside aggregate calls keep referring to the original (un-nulled) input
 * columns: `count(k)` under ROLLUP(k) counts every row's k in the grand-total row too.
 */
import {
  type AttributeReference,
  alias,
  childrenOf,
  type Expr,
  literal,
  type NamedExpr,
  newExprId,
  withChildren,
} from '../expr/expression.js';
import { dataTypeOf } from '../expr/expression-type.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { ByteType, IntegerType, LongType } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';
import { resolveAggregate, resolveGroupingExpr } from './resolve-aggregate.js';

type GroupingSets = Extract<LogicalPlan, { kind: 'groupingSets' }>;

export const GROUPING_ID_NAME = 'spark_grouping_id';

export function resolveGroupingSets(
  p: GroupingSets,
  resolverOver: (input: readonly AttributeReference[]) => ExpressionResolver,
  name: (e: Expr) => NamedExpr,
  ctx: FunctionContext,
): LogicalPlan {
  const childOut = outputOf(p.child);
  const r = resolverOver(childOut);
  const aggExprs = r.resolveList(p.aggregateExprs).map(name);
  const groupExprs = p.groupingExprs.map((g) => stripAliases(resolveGroupingExpr(g, r, aggExprs)));
  const keys = groupExprs.map(key);
  const gAttrs: AttributeReference[] = groupExprs.map((e) => ({
    kind: 'attributeReference',
    name: e.kind === 'attributeReference' ? e.name : prettyName(e, ctx.timeZone),
    exprId: newExprId(),
    dataType: dataTypeOf(e),
    nullable: true,
    qualifier: e.kind === 'attributeReference' ? e.qualifier : [],
  }));
  const gid: AttributeReference = {
    kind: 'attributeReference',
    name: GROUPING_ID_NAME,
    exprId: newExprId(),
    dataType: LongType,
    nullable: false,
    qualifier: [],
  };
  const n = groupExprs.length;
  const projections = p.sets.map((set) => {
    let mask = 0;
    for (let i = 0; i < n; i++) if (!set.includes(i)) mask |= 1 << (n - 1 - i);
    return [
      ...childOut,
      ...groupExprs.map((e, i) => (set.includes(i) ? e : literal(null, dataTypeOf(e)))),
      literal(mask, LongType),
    ];
  });
  const expand: LogicalPlan = {
    kind: 'expand',
    child: p.child,
    projections,
    output: [...childOut, ...gAttrs, gid],
  };

  const rewrite = (e: Expr): Expr => {
    if (e.kind === 'aggregate' || e.kind === 'windowExpression') return e;
    if (e.kind === 'fn' && e.name === 'grouping') {
      const i = keys.indexOf(key(e.args[0]!));
      if (i < 0) throw groupingMismatch('grouping', e.args, groupExprs);
      return groupingBit(gid, n - 1 - i);
    }
    if (e.kind === 'fn' && e.name === 'grouping_id') {
      if (e.args.length && e.args.map(key).join('|') !== keys.join('|'))
        throw groupingMismatch('grouping_id', e.args, groupExprs);
      return gid;
    }
    if (e.kind !== 'alias') {
      const i = keys.indexOf(key(e));
      if (i >= 0) return gAttrs[i]!;
    }
    const kids = childrenOf(e);
    if (!kids.length) return e;
    const next = kids.map(rewrite);
    return next.some((c, i) => c !== kids[i]) ? withChildren(e, next) : e;
  };
  const mapped = aggExprs.map((e) => rewrite(e) as NamedExpr);
  return resolveAggregate(
    { kind: 'aggregate', child: expand, groupingExprs: [...gAttrs, gid], aggregateExprs: mapped },
    resolverOver(outputOf(expand)),
    ctx,
  );
}

/**
 * The attributes HAVING / ORDER BY see over an aggregate of grouping sets: the expanded (nullable)
 * grouping columns shadow the input columns of the same name.
 */
export function groupingSetsInput(
  agg: Extract<LogicalPlan, { kind: 'aggregate' }>,
): readonly AttributeReference[] {
  const out = outputOf(agg.child);
  if (agg.child.kind !== 'expand') return out;
  const grouping = agg.groupingExprs.filter((g): g is AttributeReference => g.kind === 'attributeReference');
  const names = new Set(grouping.map((g) => g.name.toLowerCase()));
  const ids = new Set(grouping.map((g) => g.exprId));
  return [...grouping, ...out.filter((a) => !ids.has(a.exprId) && !names.has(a.name.toLowerCase()))];
}

function groupingBit(gid: AttributeReference, shift: number): Expr {
  const shifted: Expr = {
    kind: 'fn',
    name: 'shiftright',
    args: [gid, literal(shift, IntegerType)],
    dataType: LongType,
    nullable: false,
  };
  const bit: Expr = {
    kind: 'fn',
    name: 'bitwise_and',
    args: [shifted, literal(1, LongType)],
    dataType: LongType,
    nullable: false,
  };
  return { kind: 'cast', child: bit, dataType: ByteType, mode: 'legacy', implicit: true };
}

function groupingMismatch(fn: string, args: readonly Expr[], groupExprs: readonly Expr[]): AnalysisException {
  const list = (xs: readonly Expr[]) => xs.map((x) => prettyName(x)).join(',');
  return fn === 'grouping'
    ? new AnalysisException(
        'GROUPING_COLUMN_MISMATCH',
        `Column of grouping (${list(args)}) can't be found in grouping columns ${list(groupExprs)}.`,
      )
    : new AnalysisException(
        'GROUPING_ID_COLUMN_MISMATCH',
        `Columns of grouping_id (${list(args)}) does not match grouping columns (${list(groupExprs)}).`,
      );
}

function stripAliases(e: Expr): Expr {
  if (e.kind === 'alias') return stripAliases(e.child);
  const kids = childrenOf(e);
  if (!kids.length) return e;
  return withChildren(e, kids.map(stripAliases));
}

function key(e: Expr): string {
  return JSON.stringify(stripAliases(e), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

export { alias };
