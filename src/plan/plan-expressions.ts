/**
 * The expressions a logical plan node holds, and the exprIds it defines — what rules need to find
 * subqueries, outer references and attribute uses without a switch per node kind in every rule.
 *
 * Invariant: `expressionsOf` and `mapExpressions` agree on which fields hold expressions; a node
 * kind missing here holds none (leaves, Distinct, Limit, …).
 */
import type { AttributeReference, Expr, SortOrder } from '../expr/expression.js';
import { anyNode, childrenOf } from '../expr/expression.js';
import { childrenOfPlan, type LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';

export function expressionsOf(p: LogicalPlan): readonly Expr[] {
  switch (p.kind) {
    case 'project':
      return p.projectList;
    case 'filter':
      return [p.condition];
    case 'aggregate':
      return [...p.groupingExprs, ...p.aggregateExprs];
    case 'groupingSets':
      return [...p.groupingExprs, ...p.aggregateExprs];
    case 'expand':
      return p.projections.flat();
    case 'join':
      return p.condition ? [p.condition] : [];
    case 'sort':
      return p.order;
    case 'deduplicate':
      return p.keys;
    case 'generate':
      return [p.generator];
    case 'window':
      return [...p.windowExprs, ...p.partitionSpec, ...p.orderSpec];
    case 'repartition':
      return p.partitionExprs;
    default:
      return [];
  }
}

/** Rewrites every expression a node holds (children plans untouched). */
export function mapExpressions(p: LogicalPlan, fn: (e: Expr) => Expr): LogicalPlan {
  const m = <T extends Expr>(xs: readonly T[]) => xs.map((x) => fn(x) as T);
  switch (p.kind) {
    case 'project':
      return { ...p, projectList: m(p.projectList) };
    case 'filter':
      return { ...p, condition: fn(p.condition) };
    case 'aggregate':
      return { ...p, groupingExprs: m(p.groupingExprs), aggregateExprs: m(p.aggregateExprs) };
    case 'join':
      return p.condition ? { ...p, condition: fn(p.condition) } : p;
    case 'sort':
      return { ...p, order: m(p.order) as SortOrder[] };
    case 'deduplicate':
      return { ...p, keys: m(p.keys) };
    case 'generate':
      return { ...p, generator: fn(p.generator) };
    case 'window':
      return {
        ...p,
        windowExprs: m(p.windowExprs),
        partitionSpec: m(p.partitionSpec),
        orderSpec: m(p.orderSpec),
      };
    case 'repartition':
      return { ...p, partitionExprs: m(p.partitionExprs) };
    case 'expand':
      return { ...p, projections: p.projections.map((row) => m(row)) };
    default:
      return p;
  }
}

/** Every plan node, pre-order. */
export function planNodes(p: LogicalPlan, out: LogicalPlan[] = []): LogicalPlan[] {
  out.push(p);
  for (const c of childrenOfPlan(p)) planNodes(c, out);
  return out;
}

/** The exprIds produced somewhere inside `p` (leaf outputs, aliases, generator and window outputs). */
export function definedIds(p: LogicalPlan): Set<number> {
  const ids = new Set<number>();
  for (const n of planNodes(p)) {
    try {
      for (const a of outputOf(n)) ids.add(a.exprId);
    } catch {
      // unresolved node: defines nothing yet
    }
  }
  return ids;
}

/** Attribute references inside an expression, subquery plans included (their outer references). */
export function attributesIn(e: Expr, out: AttributeReference[] = []): AttributeReference[] {
  if (e.kind === 'attributeReference') out.push(e);
  if (e.kind === 'subquery') {
    for (const v of e.values ?? []) attributesIn(v, out);
    out.push(...outerReferences(e.plan));
  }
  for (const c of childrenOf(e)) attributesIn(c, out);
  return out;
}

/**
 * The attributes a (sub)query plan refers to without defining them: references to the enclosing
 * query (correlation). Deduplicated by exprId, in order of first use.
 */
export function outerReferences(p: LogicalPlan): AttributeReference[] {
  const defined = definedIds(p);
  const seen = new Set<number>();
  const out: AttributeReference[] = [];
  for (const n of planNodes(p)) {
    for (const e of expressionsOf(n)) {
      for (const a of attributesIn(e)) {
        if (!defined.has(a.exprId) && !seen.has(a.exprId)) {
          seen.add(a.exprId);
          out.push(a);
        }
      }
    }
  }
  return out;
}

export function containsSubquery(e: Expr): boolean {
  return anyNode(e, (n) => n.kind === 'subquery');
}

export function planHasSubquery(p: LogicalPlan): boolean {
  return planNodes(p).some((n) => expressionsOf(n).some(containsSubquery));
}

/** A structural key of an expression (bigint literals included) for matching equal expressions. */
export function exprKey(e: unknown): string {
  return JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
