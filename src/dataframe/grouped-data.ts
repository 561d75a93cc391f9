/**
 * `GroupedData` (`df.groupBy(...)`): aggregation builders, pivot, and the shorthand aggregates.
 *
 * A pivot with values is built here as the aggregate Spark plans for it: per value and aggregate,
 * the aggregate over `if(pivot <=> value, arg, NULL)`, named `value` (one aggregate) or
 * `value_aggname`.
 */
import type { Expr } from '../expr/expression.js';
import { alias, literal, transformDown } from '../expr/expression.js';
import { lookupFunction } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { markResolved } from '../plan/analyzer.js';
import { outputOf } from '../plan/plan-output.js';
import { NullType } from '../types/data-type.js';
import { Column, call, col, lit } from './column.js';
import type { DataFrame } from './dataframe.js';

/** Each aggregate once per pivot value, its arguments kept only on rows of that value. */
function pivotAggregates(pivotCol: Expr, values: readonly unknown[], aggs: readonly Expr[]): Expr[] {
  const list: Expr[] = [];
  for (const v of values) {
    const cond = call('equal_null_safe', [new Column(pivotCol), lit(v)]).expr;
    for (const a of aggs) {
      const inner = a.kind === 'alias' ? a.child : a;
      const rewritten = transformDown(inner, (n) => {
        if (n.kind !== 'unresolvedFunction' || lookupFunction(n.name)?.kind !== 'aggregate') return undefined;
        const args = n.args.map((x) => {
          const arg = x.kind === 'unresolvedStar' ? literal(1, { kind: 'integer' }) : x;
          return call('if', [new Column(cond), new Column(arg), new Column(literal(null, NullType))]).expr;
        });
        return { ...n, args };
      });
      const valueName = v === null || v === undefined ? 'null' : String(v);
      const aggName = a.kind === 'alias' ? a.name : prettyName(inner);
      list.push(alias(rewritten, aggs.length === 1 ? valueName : `${valueName}_${aggName}`));
    }
  }
  return list;
}

export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly Expr[],
    private readonly kind: 'groupBy' | 'rollup' | 'cube' = 'groupBy',
    private readonly pivotSpec?: { column: Expr; values?: readonly unknown[] },
  ) {}

  /** `agg(F.sum('x'), …)` or `agg({ x: 'sum', y: 'max' })`. */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    const list: Expr[] = [];
    for (const e of exprs) {
      if (e instanceof Column) list.push(e.expr);
      else
        for (const [c, fn] of Object.entries(e))
          list.push(call(fn === 'mean' ? 'avg' : fn, [c === '*' ? col('*') : col(c)]).expr);
    }
    return this.build(list);
  }

  private build(aggs: readonly Expr[]): DataFrame {
    const df = this.df as unknown as {
      derive(n: unknown): DataFrame;
      plan: DataFrame['plan'];
      planId: number;
    };
    const child = df.plan.planId === undefined ? markResolved({ ...df.plan, planId: df.planId }) : df.plan;
    if (this.pivotSpec) {
      const values = this.pivotSpec.values;
      if (!values)
        throw new Error(
          'pivot() without values needs a first pass over the data: pass the values explicitly',
        );
      return df.derive({
        kind: 'aggregate',
        child,
        groupingExprs: this.keys,
        aggregateExprs: [...this.keys, ...pivotAggregates(this.pivotSpec.column, values, aggs)],
      });
    }
    if (this.kind !== 'groupBy') {
      const n = this.keys.length;
      const sets: number[][] =
        this.kind === 'rollup'
          ? Array.from({ length: n + 1 }, (_, i) => Array.from({ length: n - i }, (_, j) => j))
          : Array.from({ length: 2 ** n }, (_, mask) =>
              Array.from({ length: n }, (_, j) => j).filter((j) => !(mask & (1 << (n - 1 - j)))),
            );
      return df.derive({
        kind: 'groupingSets',
        child,
        groupingExprs: this.keys,
        sets,
        aggregateExprs: [...this.keys, ...aggs],
      });
    }
    return df.derive({
      kind: 'aggregate',
      child,
      groupingExprs: this.keys,
      aggregateExprs: [...this.keys, ...aggs],
    });
  }

  count(): DataFrame {
    return this.build([
      alias({ kind: 'unresolvedFunction', name: 'count', args: [literal(1, { kind: 'integer' })] }, 'count'),
    ]);
  }
  private numeric(fn: string, cols: string[]): DataFrame {
    const names = cols.length
      ? cols
      : outputOf(this.df.plan)
          .filter((a) =>
            ['byte', 'short', 'integer', 'long', 'float', 'double', 'decimal'].includes(a.dataType.kind),
          )
          .map((a) => a.name);
    return this.build(names.map((n) => call(fn, [col(n)]).expr));
  }
  sum(...cols: string[]): DataFrame {
    return this.numeric('sum', cols);
  }
  avg(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  mean(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  min(...cols: string[]): DataFrame {
    return this.numeric('min', cols);
  }
  max(...cols: string[]): DataFrame {
    return this.numeric('max', cols);
  }
  pivot(pivotCol: string, values?: unknown[]): GroupedData {
    return new GroupedData(this.df, this.keys, this.kind, {
      column: col(pivotCol).expr,
      ...(values ? { values } : {}),
    });
  }
}
