/**
 * Resolution of relation names: CTEs in scope, the session catalog (temp views, global temp views
 * under `global_temp`, tables over folders), and direct file queries (`parquet.\`/path\``).
 *
 * Invariant: every reference to a stored plan gets fresh exprIds (a Project aliasing each column
 * under its own name), as Spark's DeduplicateRelations ensures: `t JOIN t`, or a correlated
 * subquery over the same table as its outer query, must see two distinct sets of attributes.
 */
import { alias } from '../expr/expression.js';
import type { Catalog } from './catalog.js';
import type { LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';

/** A stored plan under fresh exprIds (the columns keep their names, types and metadata). */
export function freshCopy(p: LogicalPlan): LogicalPlan {
  const out = outputOf(p);
  return {
    kind: 'project',
    child: p,
    projectList: out.map((a) =>
      a.metadata ? { ...alias(a, a.name), metadata: a.metadata } : alias(a, a.name),
    ),
  };
}

export function resolveRelation(
  nameParts: readonly string[],
  ctes: ReadonlyMap<string, LogicalPlan>,
  catalog: Catalog,
): LogicalPlan {
  const name = nameParts[nameParts.length - 1]!;
  const cte = nameParts.length === 1 ? ctes.get(name.toLowerCase()) : undefined;
  if (cte) return { kind: 'subqueryAlias', child: freshCopy(cte), alias: name };
  const resolved = catalog.resolve(nameParts);
  // a file query's relation is built for this reference only: its ids are already fresh
  const child = catalog.isFileQuery(nameParts) ? resolved : freshCopy(resolved);
  return { kind: 'subqueryAlias', child, alias: name };
}
