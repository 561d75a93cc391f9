/**
 * Shared pieces of the subquery rewrites: building resolved predicates after analysis, splitting
 * conjunctions, and decorrelation — pulling the predicates of a subquery that mention the outer
 * query up out of its plan, so the subquery becomes an ordinary (uncorrelated) plan and those
 * predicates become a join condition, as Spark's `PullupCorrelatedPredicates` does.
 *
 * Invariant: `decorrelate` returns a plan with no outer references whose output includes every
 * inner attribute the pulled-up predicates use; the predicates reference only that output and the
 * outer attributes. Shapes it cannot decorrelate raise UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.
 */
import { type AttributeReference, alias, anyNode, type Expr, type NamedExpr } from '../expr/expression.js';
import { lookupFunction, type ScalarFunctionDef } from '../expr/function-registry.js';
import { BooleanType } from '../types/data-type.js';
import { Conf } from '../util/conf.js';
import { AnalysisException } from '../util/errors.js';
import type { LogicalPlan } from './logical-plan.js';
import { attributesIn, outerReferences } from './plan-expressions.js';
import { outputOf } from './plan-output.js';

const REWRITE_CONTEXT = { conf: new Conf(), timeZone: 'UTC', ansi: false, queryStartMicros: 0 };

/** A resolved call of a scalar registry function on resolved arguments (types already agree). */
export function call(name: string, args: readonly Expr[]): Expr {
  const def = lookupFunction(name) as ScalarFunctionDef;
  const r = def.resolve(args, REWRITE_CONTEXT);
  return { kind: 'fn', name: def.name, args: r.args, dataType: r.dataType, nullable: r.nullable };
}

export function conjunction(parts: readonly Expr[]): Expr | undefined {
  return parts.length ? parts.reduce((a, b) => call('and', [a, b])) : undefined;
}

export function splitConjuncts(e: Expr): Expr[] {
  if (e.kind === 'fn' && e.name === 'and') return e.args.flatMap(splitConjuncts);
  return [e];
}

export function unsupported(what: string): AnalysisException {
  return new AnalysisException(
    'UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_REFERENCE_DATA_TYPE',
    `Unsupported subquery expression: ${what}.`,
  );
}

function refersTo(e: Expr, ids: ReadonlySet<number>): boolean {
  return attributesIn(e).some((a) => ids.has(a.exprId));
}

export interface Decorrelated {
  readonly plan: LogicalPlan;
  /** Correlated predicates pulled out of the plan (over its output and outer attributes). */
  readonly predicates: readonly Expr[];
}

/** Pulls every predicate that mentions one of `outerIds` out of `p`. */
export function decorrelate(p: LogicalPlan, outerIds: ReadonlySet<number>): Decorrelated {
  if (!outerReferences(p).some((a) => outerIds.has(a.exprId))) return { plan: p, predicates: [] };
  switch (p.kind) {
    case 'filter': {
      const inner = decorrelate(p.child, outerIds);
      const parts = splitConjuncts(p.condition);
      const correlated = parts.filter((c) => refersTo(c, outerIds));
      const rest = conjunction(parts.filter((c) => !refersTo(c, outerIds)));
      if (correlated.some((c) => anyNode(c, (n) => n.kind === 'subquery')))
        throw unsupported('a correlated predicate that contains a subquery');
      const plan: LogicalPlan = rest ? { ...p, child: inner.plan, condition: rest } : inner.plan;
      return { plan, predicates: [...inner.predicates, ...correlated] };
    }
    case 'project': {
      if (p.projectList.some((e) => refersTo(e, outerIds)))
        throw unsupported('an outer reference in the select list of a subquery that filters on it');
      const inner = decorrelate(p.child, outerIds);
      return {
        plan: { ...p, child: inner.plan, projectList: withNeeded(p.projectList, inner) },
        predicates: inner.predicates,
      };
    }
    case 'subqueryAlias':
    case 'distinct': {
      const inner = decorrelate(p.child, outerIds);
      return { plan: { ...p, child: inner.plan }, predicates: inner.predicates };
    }
    case 'sort': {
      // row order means nothing to the enclosing predicate
      return decorrelate(p.child, outerIds);
    }
    case 'join': {
      const left = decorrelate(p.left, outerIds);
      const right = decorrelate(p.right, outerIds);
      const parts = p.condition ? splitConjuncts(p.condition) : [];
      const correlated = parts.filter((c) => refersTo(c, outerIds));
      const nullSide =
        (p.joinType === 'left' && right.predicates.length) ||
        (p.joinType === 'right' && left.predicates.length) ||
        (p.joinType === 'full' && (left.predicates.length || right.predicates.length)) ||
        (correlated.length && p.joinType !== 'inner' && p.joinType !== 'cross');
      if (nullSide) throw unsupported('a correlated predicate on the null-supplying side of an outer join');
      const rest = conjunction(parts.filter((c) => !refersTo(c, outerIds)));
      const { condition: _c, ...base } = p;
      const plan: LogicalPlan = {
        ...base,
        left: left.plan,
        right: right.plan,
        ...(rest ? { condition: rest } : {}),
      };
      return { plan, predicates: [...left.predicates, ...right.predicates, ...correlated] };
    }
    default:
      throw unsupported(`a correlated reference below ${p.kind}`);
  }
}

/** A projection that also passes up the inner attributes the pulled-up predicates need. */
function withNeeded(list: readonly NamedExpr[] | readonly Expr[], inner: Decorrelated): Expr[] {
  const have = new Set(
    list.map((e) => (e.kind === 'alias' || e.kind === 'attributeReference' ? e.exprId : -1)),
  );
  const available = new Map(outputOf(inner.plan).map((a) => [a.exprId, a]));
  const extra: AttributeReference[] = [];
  for (const pred of inner.predicates) {
    for (const a of attributesIn(pred)) {
      if (available.has(a.exprId) && !have.has(a.exprId)) {
        have.add(a.exprId);
        extra.push(available.get(a.exprId)!);
      }
    }
  }
  return [...list, ...extra];
}

/** `true AS __present`: marks rows that came from the subquery side of an outer join. */
export function presentMarker(): NamedExpr {
  return alias({ kind: 'literal', value: true, dataType: BooleanType }, '__present');
}
