/**
 * Builds a case's pipeline with Sluice's DataFrame API: the TypeScript twin of `Builder` in
 * generate.py. Every step maps to the same PySpark call there, so both engines see the same
 * query (SQL-expression strings through selectExpr / filter / F.expr).
 *
 * Invariant: building is synchronous in spirit: analysis errors surface from the DataFrame
 * method, as PySpark raises at the call; only showString runs the query.
 */
import { BASE_CONF, type ConformanceCase, type OtherRef, parseSortSpec, type Step } from './case-model.js';
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

  private exprs(list: readonly string[] | undefined): ApiColumn[] {
    return (list ?? []).map((e) => this.api.expr(e));
  }

  private sortColumn(text: string): ApiColumn {
    const s = parseSortSpec(text);
    const c = this.api.expr(s.expr);
    if (s.ascending) return s.nullsFirst ? c.asc_nulls_first() : c.asc_nulls_last();
    return s.nullsFirst ? c.desc_nulls_first() : c.desc_nulls_last();
  }

  private step(df: ApiDataFrame, s: Step): ApiDataFrame {
    switch (s.op) {
      case 'select':
        return df.select(...s.args);
      case 'selectExpr':
        return df.selectExpr(...s.args);
      case 'filter':
        return df.filter(s.args[0] ?? '');
      case 'where':
        return df.where(s.args[0] ?? '');
      case 'withColumn':
        return df.withColumn(s.name, this.api.expr(s.expr));
      case 'withColumnRenamed':
        return df.withColumnRenamed(s.from, s.to);
      case 'drop':
        return df.drop(...s.args);
      case 'groupBy':
      case 'rollup':
      case 'cube': {
        let grouped = df[s.op](...this.exprs(s.keys));
        if (s.pivot) {
          grouped = s.pivot.values
            ? grouped.pivot(s.pivot.column, [...s.pivot.values])
            : grouped.pivot(s.pivot.column);
        }
        return s.agg ? grouped.agg(...this.exprs(s.agg)) : grouped.count();
      }
      case 'agg':
        return df.agg(...this.exprs(s.args));
      case 'join': {
        const on = typeof s.on === 'string' ? this.api.expr(s.on) : s.on ? [...s.on] : undefined;
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
