/**
 * The name Spark gives an unaliased select-list expression: its pretty SQL, except that a top-level
 * `CAST(col AS t)` of a column (through nested casts) keeps the column's name (`SELECT CAST(id AS STRING)` outputs `id`),
 * and subqueries print as Spark prints them — `scalarsubquery(outer refs)`, `exists(outer refs)`,
 * `(x IN (listquery(outer refs)))`.
 */
import { attributeReference, type Expr, transformDown } from '../expr/expression.js';
import { prettyName } from '../expr/pretty-name.js';
import { NullType } from '../types/data-type.js';
import { outerReferences } from './plan-expressions.js';

export function outputName(e: Expr, timeZone: string): string {
  // CAST(CAST(i AS DOUBLE) AS BOOLEAN) is still named `i`
  let inner: Expr = e;
  while (inner.kind === 'cast' && !inner.implicit) inner = inner.child;
  if (inner !== e && inner.kind === 'attributeReference') return inner.name;
  return prettyName(withSubqueryNames(e, timeZone), timeZone);
}

/** Replaces each subquery by a placeholder attribute named as Spark prints the subquery. */
function withSubqueryNames(e: Expr, timeZone: string): Expr {
  return transformDown(e, (n) => {
    if (n.kind !== 'subquery') return undefined;
    let outer: string;
    try {
      outer = outerReferences(n.plan)
        .map((a) => a.name)
        .join(', ');
    } catch {
      outer = '';
    }
    const text =
      n.subqueryType === 'scalar'
        ? `scalarsubquery(${outer})`
        : n.subqueryType === 'exists'
          ? `exists(${outer})`
          : `(${(n.values ?? []).map((v) => prettyName(withSubqueryNames(v, timeZone), timeZone)).join(', ')} IN (listquery(${outer})))`;
    return attributeReference(text, NullType, true, -1);
  });
}
