/**
 * QUALIFY: a filter on window functions, evaluated after the select list's window functions and
 * before DISTINCT (`SELECT name FROM emp QUALIFY row_number() OVER (PARTITION BY d ORDER BY s) = 1`).
 *
 * The condition may name the select list's columns and aliases, and the columns of the relation
 * below the select list (which are carried up as hidden columns). Its window functions are
 * computed as one more hidden column over the (widened) projection, the rows filtered on it, and a
 * Project on top restores the visible columns.
 *
 * Invariant: the result has exactly the output (same exprIds) of the select list below it.
 */
import { type AttributeReference, alias, anyNode, type Expr, type NamedExpr } from '../expr/expression.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { LogicalPlan } from './logical-plan.js';
import { outputOf, toAttribute } from './plan-output.js';
import { missingAttributes } from './resolve-missing-references.js';

/** The Filter of a QUALIFY clause (the SQL parser sets `qualify`). */
export type QualifyFilter = Extract<LogicalPlan, { kind: 'filter' }> & { readonly qualify?: boolean };

export interface QualifyContext {
  resolverOver(input: readonly AttributeReference[]): ExpressionResolver;
  requireBoolean(e: Expr, clause: string): Expr;
  /** Window nodes for the window functions of `exprs` over `child`, under a Project of `exprs`. */
  extractWindows(child: LogicalPlan, exprs: readonly NamedExpr[]): LogicalPlan;
}

export function resolveQualify(p: QualifyFilter, m: QualifyContext): LogicalPlan {
  const child = p.child;
  const childOut = outputOf(child);
  const below = child.kind === 'project' ? outputOf(child.child) : [];
  const cond = m.requireBoolean(m.resolverOver([...childOut, ...below]).resolve(p.condition), 'QUALIFY');
  let widened = child;
  if (child.kind === 'project') {
    const extra = missingAttributes([cond], childOut, below);
    if (extra.length) widened = { ...child, projectList: [...child.projectList, ...extra] };
  }
  const { qualify: _q, ...filter } = p;
  if (!anyNode(cond, (n) => n.kind === 'windowExpression')) {
    const plain: LogicalPlan = { ...filter, child: widened, condition: cond };
    return widened === child ? plain : { kind: 'project', child: plain, projectList: childOut };
  }
  const flag = alias(cond, '__qualify');
  const withFlag = m.extractWindows(widened, [...outputOf(widened), flag]);
  return {
    kind: 'project',
    child: { ...filter, child: withFlag, condition: toAttribute(flag) },
    projectList: childOut,
  };
}
