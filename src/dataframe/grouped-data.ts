/**
 * `GroupedData` (`df.groupBy(...)`): aggregation builders, pivot, and the shorthand aggregates.
 * A pivot becomes a Pivot node, which the analyzer rewrites to aggregates (plan/resolve-pivot.ts).
 */
import type { Expr } from '../expr/expression.js';
import { alias, literal } from '../expr/expression.js';
import { markResolved } from '../plan/analyzer.js';
import { outputOf } from '../plan/plan-output.js';
import { NullType } from '../types/data-type.js';
import { inferLiteralType, toInternalValue } from '../types/literal-value.js';
import { Column, type ColumnOrName, call, col, toColumn } from './column.js';
import type { DataFrame } from './dataframe.js';

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
      return df.derive({
        kind: 'pivot',
        child,
        groupingExprs: this.keys,
        pivotColumn: this.pivotSpec.column,
        ...(values ? { pivotValues: values.map(pivotValueLiteral) } : {}),
        aggregates: aggs,
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
  /**
   * Pivots on `pivotCol`: one output column per value (and aggregate). Without `values` they are
   * the column's distinct values, which only a job can find: the resulting DataFrame's schema is
   * known after `await df.resolvePivot()` (actions resolve it themselves).
   */
  pivot(pivotCol: ColumnOrName, values?: unknown[]): GroupedData {
    return new GroupedData(this.df, this.keys, this.kind, {
      column: toColumn(pivotCol).expr,
      ...(values ? { values } : {}),
    });
  }
}

/** A pivot value given by the user, as a literal of its own type (cast to the column's type at analysis). */
function pivotValueLiteral(v: unknown): Expr {
  if (v instanceof Column) return v.expr;
  if (v === null || v === undefined) return literal(null, NullType);
  const t = inferLiteralType(v);
  return literal(toInternalValue(v, t), t);
}
