/**
 * `GroupedData` (`df.groupBy(...)`): aggregation builders, pivot, and the shorthand aggregates.
 * A pivot with values becomes the aggregate Spark plans for it (plan/pivot-aggregates.ts).
 */
import type { Expr } from '../expr/expression.js';
import { alias, literal } from '../expr/expression.js';
import { markResolved } from '../plan/analyzer.js';
import { pivotAggregates } from '../plan/pivot-aggregates.js';
import { outputOf } from '../plan/plan-output.js';
import { Column, call, col } from './column.js';
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
