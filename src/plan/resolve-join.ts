/**
 * Resolution of Join nodes: ON conditions, `USING (cols)` and NATURAL joins (USING over the
 * columns both sides share). A USING join becomes a Join with the equi-condition under a Project
 * that keeps each key once — coalesced for FULL joins, the right side's for RIGHT joins — followed
 * by the remaining left then right columns, as Spark orders them.
 *
 * Invariant: the two sides of a join never share exprIds (the analyzer gives every relation
 * reference fresh ids), so conditions can name either side unambiguously.
 */
import { type AttributeReference, alias, type Expr, type NamedExpr } from '../expr/expression.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { AnalysisException } from '../util/errors.js';
import { ExpressionResolver } from './expression-resolver.js';
import type { LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';
import { freshCopy } from './resolve-relation.js';

type Join = Extract<LogicalPlan, { kind: 'join' }>;

export interface JoinResolution {
  readonly ctx: FunctionContext;
  /** A resolver over the given attributes with the analyzer's options (subqueries, outer scope). */
  resolver(input: readonly AttributeReference[]): ExpressionResolver;
  requireBoolean(e: Expr, clause: string): Expr;
}

export function resolveJoin(join: Join, r: JoinResolution): LogicalPlan {
  const p = deduplicateRight(join);
  const lo = outputOf(p.left);
  const ro = outputOf(p.right);
  const natural = (p as Join & { natural?: boolean }).natural === true;
  if (natural) {
    const { natural: _n, ...rest } = p as Join & { natural?: boolean };
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    const common = lo.filter((a) => ro.some((b) => same(a.name, b.name))).map((a) => a.name);
    return resolveJoin({ ...rest, usingColumns: common }, r);
  }
  if (p.usingColumns) return resolveUsing(p, p.usingColumns, lo, ro, r);
  if (!p.condition) return p;
  const condition = r.requireBoolean(r.resolver([...lo, ...ro]).resolve(p.condition), 'JOIN');
  return { ...p, condition };
}

/**
 * Both sides built from one plan (`df.alias('a').join(df.alias('b'), …)`) share exprIds: the right
 * side gets fresh ones under its alias / plan id, so each side's columns stay distinct.
 */
function deduplicateRight(p: Join): Join {
  const left = new Set(outputOf(p.left).map((a) => a.exprId));
  if (!outputOf(p.right).some((a) => left.has(a.exprId))) return p;
  const r = p.right;
  const right: LogicalPlan =
    r.kind === 'subqueryAlias'
      ? { ...r, child: freshCopy(r.child) }
      : { ...freshCopy(r), ...(r.planId !== undefined ? { planId: r.planId } : {}) };
  return { ...p, right };
}

function resolveUsing(
  p: Join,
  usingColumns: readonly string[],
  lo: readonly AttributeReference[],
  ro: readonly AttributeReference[],
  r: JoinResolution,
): LogicalPlan {
  const lr = new ExpressionResolver(lo, r.ctx);
  const rr = new ExpressionResolver(ro, r.ctx);
  const pairs = usingColumns.map((c) => {
    const resolveSide = (res: ExpressionResolver, side: 'left' | 'right') => {
      try {
        return res.resolve({ kind: 'unresolvedAttribute', nameParts: [c] }) as AttributeReference;
      } catch {
        throw new AnalysisException(
          'UNRESOLVED_USING_COLUMN_FOR_JOIN',
          `USING column \`${c}\` cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${(side === 'left' ? lo : ro).map((a) => `\`${a.name}\``).join(', ')}].`,
        );
      }
    };
    return [resolveSide(lr, 'left'), resolveSide(rr, 'right')] as const;
  });
  const both = r.resolver([...lo, ...ro]);
  const conds = pairs.map(([l, x]) =>
    both.resolve({ kind: 'unresolvedFunction', name: 'equal_to', args: [l, x], internal: true }),
  );
  const joinType = p.joinType === 'cross' ? 'inner' : p.joinType;
  const join: LogicalPlan = {
    kind: 'join',
    left: p.left,
    right: p.right,
    joinType,
    ...(conds.length
      ? {
          condition: conds.reduce(
            (a, b) =>
              ({
                kind: 'fn',
                name: 'and',
                args: [a, b],
                dataType: { kind: 'boolean' },
                nullable: true,
              }) as Expr,
          ),
        }
      : {}),
  };
  const leftKeys = new Set(pairs.map(([l]) => l.exprId));
  const rightKeys = new Set(pairs.map(([, x]) => x.exprId));
  const joinOut = outputOf(join);
  const byId = new Map(joinOut.map((a) => [a.exprId, a]));
  const keyCols: NamedExpr[] = pairs.map(([l, x]) => {
    if (joinType === 'right') return byId.get(x.exprId)!;
    if (joinType === 'full') {
      const lt = byId.get(l.exprId)!;
      const rt = byId.get(x.exprId)!;
      // the key of a FULL join is either side's: coalesce widens them to a common type
      return alias(
        both.resolve({ kind: 'unresolvedFunction', name: 'coalesce', args: [lt, rt], internal: true }),
        l.name,
      );
    }
    return byId.get(l.exprId)!;
  });
  const semi = joinType === 'left_semi' || joinType === 'left_anti';
  const leftIds = new Set(lo.map((a) => a.exprId));
  const rightIds = new Set(ro.map((a) => a.exprId));
  const rest = [
    ...joinOut.filter((a) => leftIds.has(a.exprId) && !leftKeys.has(a.exprId)),
    ...(semi ? [] : joinOut.filter((a) => rightIds.has(a.exprId) && !rightKeys.has(a.exprId))),
  ];
  return { kind: 'project', child: join, projectList: [...keyCols, ...rest] };
}
