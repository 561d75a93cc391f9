/**
 * The aggregate a pivot stands for, as Spark plans it: for each pivot value and each aggregate,
 * the aggregate over `if(pivot <=> value, arg, NULL)` (so it only sees rows of that value),
 * named `value` when there is one aggregate and `value_aggname` otherwise.
 *
 * Invariant: works on unresolved expressions (the analyzer resolves the result); only the
 * arguments of aggregate functions are wrapped, so `sum(x) + 1` pivots as `sum(if(…)) + 1`.
 */
import { alias, type Expr, literal, transformDown, unresolvedFunction } from '../expr/expression.js';
import { lookupFunction } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { IntegerType, NullType } from '../types/data-type.js';
import { inferLiteralType, toInternalValue } from '../types/literal-value.js';

const internal = (name: string, args: readonly Expr[]) => unresolvedFunction(name, args, { internal: true });

function valueLiteral(v: unknown): Expr {
  if (v === null || v === undefined) return literal(null, NullType);
  const t = inferLiteralType(v);
  return literal(toInternalValue(v, t), t);
}

export function pivotAggregates(pivotCol: Expr, values: readonly unknown[], aggs: readonly Expr[]): Expr[] {
  const list: Expr[] = [];
  for (const v of values) {
    const cond = internal('equal_null_safe', [pivotCol, valueLiteral(v)]);
    for (const a of aggs) {
      const inner = a.kind === 'alias' ? a.child : a;
      const rewritten = transformDown(inner, (n) => {
        if (n.kind !== 'unresolvedFunction' || lookupFunction(n.name)?.kind !== 'aggregate') return undefined;
        const args = n.args.map((x) =>
          internal('if', [
            cond,
            x.kind === 'unresolvedStar' ? literal(1, IntegerType) : x,
            literal(null, NullType),
          ]),
        );
        return { ...n, args };
      });
      const valueName = v === null || v === undefined ? 'null' : String(v);
      const aggName = a.kind === 'alias' ? a.name : prettyName(inner);
      list.push(alias(rewritten, aggs.length === 1 ? valueName : `${valueName}_${aggName}`));
    }
  }
  return list;
}
