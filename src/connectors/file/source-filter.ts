/**
 * Filters a file format can use to skip data (Spark's `sources.Filter`): predicates on a column
 * by name against a constant, translated from the engine's resolved expressions. Anything that
 * does not translate is simply not pushed (the engine evaluates every filter after the scan).
 *
 * Invariant: a translated filter is implied by the original predicate, so skipping data that
 * cannot satisfy it never drops a row the predicate would keep.
 */
import type { Expr } from '../../expr/expression.js';
import { buildCast } from '../../types/cast.js';

export type SourceFilter =
  | { readonly op: 'eq' | 'lt' | 'le' | 'gt' | 'ge'; readonly column: string; readonly value: unknown }
  | { readonly op: 'in'; readonly column: string; readonly values: readonly unknown[] }
  | { readonly op: 'isNull' | 'isNotNull'; readonly column: string }
  | { readonly op: 'and' | 'or'; readonly left: SourceFilter; readonly right: SourceFilter };

const FLIP: Record<string, 'lt' | 'le' | 'gt' | 'ge'> = { lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };
const OPS: Record<string, 'eq' | 'lt' | 'le' | 'gt' | 'ge'> = {
  equal_to: 'eq',
  less_than: 'lt',
  less_than_or_equal: 'le',
  greater_than: 'gt',
  greater_than_or_equal: 'ge',
};

/** Translates a predicate over top-level columns; `columnOf` maps an attribute's exprId to its name. */
export function translateFilter(
  e: Expr,
  columnOf: (exprId: number) => string | undefined,
  timeZone = 'UTC',
): SourceFilter | undefined {
  if (e.kind !== 'fn') return undefined;
  const col = (x: Expr | undefined) => (x?.kind === 'attributeReference' ? columnOf(x.exprId) : undefined);
  const lit = (x: Expr | undefined): { value: unknown } | undefined => {
    if (x?.kind === 'literal') return x.value === null ? undefined : x;
    // the analyzer's implicit casts of constants (`long_col >= 1990` compares with CAST(1990 AS BIGINT))
    if (x?.kind === 'cast' && x.child.kind === 'literal' && x.child.value !== null) {
      try {
        const v = buildCast(x.child.dataType, x.dataType, 'legacy', timeZone)(x.child.value);
        return v === null ? undefined : { value: v };
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  const [a, b] = e.args;
  const op = OPS[e.name];
  if (op) {
    const ca = col(a);
    const lb = lit(b);
    if (ca !== undefined && lb) return { op, column: ca, value: lb.value };
    const cb = col(b);
    const la = lit(a);
    if (cb !== undefined && la) return { op: op === 'eq' ? 'eq' : FLIP[op]!, column: cb, value: la.value };
    return undefined;
  }
  switch (e.name) {
    case 'isnull':
    case 'isnotnull': {
      const c = col(a);
      return c === undefined ? undefined : { op: e.name === 'isnull' ? 'isNull' : 'isNotNull', column: c };
    }
    case 'in': {
      const c = col(a);
      const rest = e.args.slice(1);
      const values = rest.map(lit);
      if (c === undefined || !values.every((x) => x)) return undefined;
      return { op: 'in', column: c, values: values.map((x) => x!.value) };
    }
    case 'and': {
      const l = a && translateFilter(a, columnOf, timeZone);
      const r = b && translateFilter(b, columnOf, timeZone);
      // one side of an AND is still implied by the whole
      if (l && r) return { op: 'and', left: l, right: r };
      return l ?? r;
    }
    case 'or': {
      const l = a && translateFilter(a, columnOf, timeZone);
      const r = b && translateFilter(b, columnOf, timeZone);
      return l && r ? { op: 'or', left: l, right: r } : undefined;
    }
    default:
      return undefined;
  }
}
