/**
 * Builds a case's pipeline with Sluice's DataFrame API: the TypeScript twin of `Builder` in
 * generate.py. Every step maps to the same PySpark call there, so both engines see the same
 * query (SQL-expression strings through selectExpr / filter / F.expr, or column specs through the
 * functions module and Column methods).
 *
 * Invariant: analysis errors surface from the DataFrame method, as PySpark raises at the call;
 * only showString runs the query.
 */
import {
  type Arg,
  BASE_CONF,
  type ColumnSpec,
  type ConformanceCase,
  type ExprOrColumn,
  isColumnSpec,
  type OtherRef,
  parseSortSpec,
  type Step,
} from './case-model.js';
import type { ApiColumn, ApiDataFrame, SluiceApi } from './sluice-api.js';

export class PipelineBuilder {
  private readonly inputs = new Map<string, ApiDataFrame>();

  constructor(
    private readonly api: SluiceApi,
    private readonly c: ConformanceCase,
  ) {}

  build(): ApiDataFrame {
    const from = this.c.from ?? Object.keys(this.c.inputs)[0];
    if (from === undefined) throw new Error(`case ${this.c.name} has no inputs`);
    return this.pipeline(from, this.c.steps ?? []);
  }

  private input(name: string): ApiDataFrame {
    let df = this.inputs.get(name);
    if (!df) {
      const spec = this.c.inputs[name];
      if (!spec) throw new Error(`case ${this.c.name}: no input named '${name}'`);
      df = this.api.session.createDataFrame(
        spec.rows.map((r) => [...r]),
        spec.schema,
      );
      this.inputs.set(name, df);
    }
    return df;
  }

  private pipeline(from: string, steps: readonly Step[]): ApiDataFrame {
    return steps.reduce((df, s) => this.step(df, s), this.input(from));
  }

  private other(ref: OtherRef): ApiDataFrame {
    return typeof ref === 'string' ? this.input(ref) : this.pipeline(ref.from, ref.steps ?? []);
  }

  private fn(name: string): (...args: unknown[]) => ApiColumn {
    const F = this.api.functions;
    const camel = name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    const f = F[name] ?? F[camel];
    if (typeof f !== 'function')
      throw new Error(`the functions module exports neither '${name}' nor '${camel}'`);
    return f as (...args: unknown[]) => ApiColumn;
  }

  private column(spec: ColumnSpec): ApiColumn {
    let c: ApiColumn;
    if ('col' in spec) c = this.fn('col')(spec.col);
    else if ('lit' in spec) c = this.fn('lit')(spec.lit);
    else if ('expr' in spec) c = this.api.functions.expr(spec.expr);
    else c = this.fn(spec.fn)(...(spec.args ?? []).map((a) => this.argument(a)));
    for (const call of spec.chain ?? []) {
      const method = c[call.m];
      if (typeof method !== 'function') throw new Error(`Column has no method '${call.m}'`);
      c = (method as (...args: unknown[]) => ApiColumn).apply(
        c,
        (call.args ?? []).map((a) => this.argument(a)),
      );
    }
    return c;
  }

  /** Objects are columns; anything else is passed as the plain value (as generate.py does). */
  private argument(a: Arg): unknown {
    return isColumnSpec(a) ? this.column(a) : a;
  }

  private exprOrColumn(x: ExprOrColumn): ApiColumn {
    return typeof x === 'string' ? this.api.functions.expr(x) : this.column(x);
  }

  private sortColumn(x: ExprOrColumn): ApiColumn {
    if (typeof x !== 'string') return this.column(x);
    const s = parseSortSpec(x);
    const c = this.api.functions.expr(s.expr);
    if (s.ascending) return s.nullsFirst ? c.asc_nulls_first() : c.asc_nulls_last();
    return s.nullsFirst ? c.desc_nulls_first() : c.desc_nulls_last();
  }

  private step(df: ApiDataFrame, s: Step): ApiDataFrame {
    switch (s.op) {
      case 'select':
        return df.select(...s.args.map((a) => this.argument(a) as string | ApiColumn));
      case 'selectExpr':
        return df.selectExpr(...s.args);
      case 'filter':
        return df.filter(this.argument(s.args[0]) as string | ApiColumn);
      case 'where':
        return df.where(this.argument(s.args[0]) as string | ApiColumn);
      case 'withColumn':
        return df.withColumn(
          s.name,
          s.column ? this.column(s.column) : this.api.functions.expr(s.expr ?? ''),
        );
      case 'withColumnRenamed':
        return df.withColumnRenamed(s.from, s.to);
      case 'drop':
        return df.drop(...s.args);
      case 'groupBy':
      case 'rollup':
      case 'cube': {
        let grouped = df[s.op](...(s.keys ?? []).map((k) => this.exprOrColumn(k)));
        if (s.pivot) {
          grouped = s.pivot.values
            ? grouped.pivot(s.pivot.column, [...s.pivot.values])
            : grouped.pivot(s.pivot.column);
        }
        return s.agg ? grouped.agg(...s.agg.map((a) => this.exprOrColumn(a))) : grouped.count();
      }
      case 'agg':
        return df.agg(...s.args.map((a) => this.exprOrColumn(a)));
      case 'join': {
        const on =
          s.on === undefined
            ? undefined
            : Array.isArray(s.on)
              ? [...s.on]
              : this.exprOrColumn(s.on as ExprOrColumn);
        return df.join(this.other(s.right), on, s.how ?? 'inner');
      }
      case 'crossJoin':
        return df.crossJoin(this.other(s.right));
      case 'union':
        return df.union(this.other(s.right));
      case 'unionByName':
        return df.unionByName(this.other(s.right), s.allowMissingColumns ?? false);
      case 'alias':
        return df.alias(s.name);
      case 'orderBy':
        return df.orderBy(...s.args.map((a) => this.sortColumn(a)));
      case 'distinct':
        return df.distinct();
      case 'dropDuplicates':
        return s.args ? df.dropDuplicates([...s.args]) : df.dropDuplicates();
      case 'limit':
        return df.limit(s.n);
      default: {
        const unknown: never = s;
        throw new Error(`unknown step ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/** Sets the case's session conf over the base conf; returns how to undo it. */
export function applyConf(api: SluiceApi, c: ConformanceCase): () => void {
  const conf = { ...BASE_CONF, ...c.conf };
  for (const [k, v] of Object.entries(conf)) api.session.conf.set(k, v);
  return () => {
    for (const k of Object.keys(c.conf ?? {})) {
      if (!(k in BASE_CONF)) api.session.conf.unset?.(k);
    }
    for (const [k, v] of Object.entries(BASE_CONF)) api.session.conf.set(k, v);
  };
}
