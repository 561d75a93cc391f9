/**
 * `DataFrame`: an immutable handle on an analyzed logical plan, with PySpark's API. Transformations
 * build a new plan node over this one and analyze it at once (errors surface at the call, as in
 * PySpark); actions (`collect`, `count`, `show`, …) are async and run the plan on the engine.
 *
 * Invariant: a DataFrame holds only (session, plan); it never holds data or execution state —
 * except `cache()`, which marks the plan so the engine keeps its partitions.
 */
import type { Expr, NamedExpr, SortOrder } from '../expr/expression.js';
import { alias as aliasExpr, literal, sortOrder } from '../expr/expression.js';
import { dataTypeOf } from '../expr/expression-type.js';
import { prettyName } from '../expr/pretty-name.js';
import { markResolved } from '../plan/analyzer.js';
import { checkAnalysis } from '../plan/check-analysis.js';
import type { JoinType, LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { pivotValuesNotCollected } from '../plan/resolve-pivot.js';
import { type StructType, simpleString, structField, structType } from '../types/data-type.js';
import { treeString } from '../types/schema-tree.js';
import { AnalysisException } from '../util/errors.js';
import { Column, type ColumnOrName, col, toColumn } from './column.js';
import { DataStreamWriter } from './data-stream-writer.js';
import { DataFrameWriter } from './dataframe-writer.js';
import { GroupedData } from './grouped-data.js';
import { collectPivotValues, findPendingPivot } from './pending-pivot.js';
import type { Row } from './row.js';
import type { Session } from './session.js';
import { showString } from './show-string.js';

let nextPlanId = 1;
let nextCacheId = 1;

type Cols = (ColumnOrName | ColumnOrName[])[];

const JOIN_TYPES: Record<string, JoinType> = {
  inner: 'inner',
  cross: 'cross',
  outer: 'full',
  full: 'full',
  fullouter: 'full',
  full_outer: 'full',
  left: 'left',
  leftouter: 'left',
  left_outer: 'left',
  right: 'right',
  rightouter: 'right',
  right_outer: 'right',
  semi: 'left_semi',
  leftsemi: 'left_semi',
  left_semi: 'left_semi',
  anti: 'left_anti',
  leftanti: 'left_anti',
  left_anti: 'left_anti',
};

export class DataFrame {
  readonly planId: number;
  readonly #plan: LogicalPlan;
  /** Set while the plan holds a pivot whose values a job must collect (see pending-pivot.ts). */
  readonly #pendingPivot: Extract<LogicalPlan, { kind: 'pivot' }> | undefined;

  constructor(
    readonly session: Session,
    plan: LogicalPlan,
  ) {
    this.#pendingPivot = findPendingPivot(plan);
    if (!this.#pendingPivot) checkAnalysis(plan);
    this.#plan = plan;
    this.planId = plan.planId ?? nextPlanId++;
  }

  /**
   * The analyzed plan. A DataFrame over a pivot without values has none until its values are
   * collected: asking raises PIVOT_VALUES_NOT_COLLECTED (use `await df.resolvePivot()`).
   */
  get plan(): LogicalPlan {
    if (this.#pendingPivot) throw pivotValuesNotCollected(this.#pendingPivot.pivotColumn);
    return this.#plan;
  }

  /** Wraps a new node over this plan, analyzes it and returns the new DataFrame. */
  private derive(node: LogicalPlan): DataFrame {
    const planId = nextPlanId++;
    const full = { ...node, planId } as LogicalPlan;
    const pending = findPendingPivot(full);
    if (!pending) return new DataFrame(this.session, this.session.analyze(full));
    // Names and types are checked now, as Spark does at the call; the values wait for a job.
    if (pending === full) this.session.analyze({ ...pending, pivotValues: [] });
    return new DataFrame(this.session, full);
  }

  private get ownPlan(): LogicalPlan {
    if (this.#pendingPivot) return this.#plan;
    return this.plan.planId === undefined ? markResolved({ ...this.plan, planId: this.planId }) : this.plan;
  }

  /**
   * This DataFrame with the values of its pivots collected (one job per pivot without explicit
   * values); the result has a schema. Actions do this themselves; other DataFrames return as is.
   */
  async resolvePivot(): Promise<DataFrame> {
    if (!this.#pendingPivot) return this;
    const plan = await collectPivotValues(this.session, this.#plan);
    return new DataFrame(this.session, this.session.analyze(plan));
  }

  // ------------------------------------------------------------------ schema

  get schema(): StructType {
    return structType(
      outputOf(this.plan).map((a) => structField(a.name, a.dataType, a.nullable, a.metadata)),
    );
  }
  get columns(): string[] {
    return outputOf(this.plan).map((a) => a.name);
  }
  get dtypes(): [string, string][] {
    return outputOf(this.plan).map((a) => [a.name, simpleString(a.dataType)]);
  }
  get isStreaming(): boolean {
    return this.session.isStreamingPlan(this.plan);
  }
  printSchema(level?: number): void {
    process.stdout.write(treeString(this.schema, level));
  }

  /** A column of this DataFrame, resolvable unambiguously after joins (`df.col('id')`). */
  col(name: string): Column {
    if (name === '*') return col('*');
    const c = col(name);
    const e = c.expr;
    return e.kind === 'unresolvedAttribute' ? new Column({ ...e, planId: this.planId }) : c;
  }

  // ------------------------------------------------------------------ projections

  select(...cols: Cols): DataFrame {
    const exprs = cols.flat().map((c) => toColumn(c).expr);
    return this.derive({ kind: 'project', child: this.ownPlan, projectList: exprs });
  }
  selectExpr(...exprs: (string | string[])[]): DataFrame {
    return this.select(...exprs.flat().map((s) => this.session.parseColumn(s)));
  }
  filter(condition: Column | string): DataFrame {
    const c = typeof condition === 'string' ? this.session.parseColumn(condition) : condition;
    return this.derive({ kind: 'filter', child: this.ownPlan, condition: c.expr });
  }
  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }
  withColumn(name: string, column: Column): DataFrame {
    return this.withColumns({ [name]: column });
  }
  withColumns(cols: Record<string, Column>): DataFrame {
    const out = outputOf(this.plan);
    const caseSensitive = this.session.conf.get('spark.sql.caseSensitive') === 'true';
    const same = (a: string, b: string) => (caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase());
    const names = Object.keys(cols);
    const list: Expr[] = out.map((a) => {
      const n = names.find((x) => same(x, a.name));
      return n ? aliasExpr(cols[n]!.expr, n) : a;
    });
    for (const n of names) if (!out.some((a) => same(a.name, n))) list.push(aliasExpr(cols[n]!.expr, n));
    return this.derive({ kind: 'project', child: this.ownPlan, projectList: list });
  }
  withColumnRenamed(existing: string, renamed: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: renamed });
  }
  withColumnsRenamed(map: Record<string, string>): DataFrame {
    const out = outputOf(this.plan);
    const lower = new Map(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
    if (!out.some((a) => lower.has(a.name.toLowerCase()))) return this;
    return this.derive({
      kind: 'project',
      child: this.ownPlan,
      projectList: out.map((a) => {
        const r = lower.get(a.name.toLowerCase());
        return r === undefined ? a : aliasExpr(a, r);
      }),
    });
  }
  toDF(...names: string[]): DataFrame {
    const out = outputOf(this.plan);
    if (names.length !== out.length) {
      throw new AnalysisException(
        'COUNT_MISMATCH',
        `The number of columns doesn't match. Old column names (${out.length}): ${out.map((a) => a.name).join(', ')}. New column names (${names.length}): ${names.join(', ')}.`,
      );
    }
    return this.derive({
      kind: 'project',
      child: this.ownPlan,
      projectList: out.map((a, i) => aliasExpr(a, names[i]!)),
    });
  }
  drop(...cols: ColumnOrName[]): DataFrame {
    const out = outputOf(this.plan);
    const dropIds = new Set<number>();
    for (const c of cols) {
      if (typeof c === 'string') {
        for (const a of out) if (a.name.toLowerCase() === c.toLowerCase()) dropIds.add(a.exprId);
      } else {
        const resolved = this.select(c).plan;
        const e = resolved.kind === 'project' ? resolved.projectList[0] : undefined;
        if (e?.kind === 'attributeReference') dropIds.add(e.exprId);
      }
    }
    if (dropIds.size === 0) return this;
    return this.derive({
      kind: 'project',
      child: this.ownPlan,
      projectList: out.filter((a) => !dropIds.has(a.exprId)),
    });
  }
  alias(name: string): DataFrame {
    return this.derive({ kind: 'subqueryAlias', child: this.ownPlan, alias: name });
  }

  // ------------------------------------------------------------------ relational

  distinct(): DataFrame {
    return this.derive({ kind: 'distinct', child: this.ownPlan });
  }
  dropDuplicates(subset?: string[]): DataFrame {
    const out = outputOf(this.plan);
    const keys = subset
      ? subset.map((n) => {
          const a = out.find((x) => x.name.toLowerCase() === n.toLowerCase());
          if (!a) {
            throw new AnalysisException(
              'UNRESOLVED_COLUMN_AMONG_FIELD_NAMES',
              `Cannot resolve column name "${n}" among (${out.map((x) => x.name).join(', ')}).`,
            );
          }
          return a;
        })
      : out;
    return this.derive({ kind: 'deduplicate', child: this.ownPlan, keys });
  }
  drop_duplicates(subset?: string[]): DataFrame {
    return this.dropDuplicates(subset);
  }
  groupBy(...cols: Cols): GroupedData {
    return new GroupedData(
      this,
      cols.flat().map((c) => toColumn(c).expr),
    );
  }
  groupby(...cols: Cols): GroupedData {
    return this.groupBy(...cols);
  }
  rollup(...cols: Cols): GroupedData {
    return new GroupedData(
      this,
      cols.flat().map((c) => toColumn(c).expr),
      'rollup',
    );
  }
  cube(...cols: Cols): GroupedData {
    return new GroupedData(
      this,
      cols.flat().map((c) => toColumn(c).expr),
      'cube',
    );
  }
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }
  join(other: DataFrame, on?: string | string[] | Column | Column[], how = 'inner'): DataFrame {
    const joinType = JOIN_TYPES[how.toLowerCase()];
    if (!joinType) {
      throw new AnalysisException(
        'UNSUPPORTED_JOIN_TYPE',
        `Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`,
      );
    }
    const right =
      other === this
        ? other.derive({
            kind: 'project',
            child: other.ownPlan,
            projectList: outputOf(other.plan).map((a) => aliasExpr(a, a.name)),
          })
        : other;
    const base = { kind: 'join' as const, left: this.ownPlan, right: right.ownPlan, joinType };
    if (on === undefined) return this.derive(joinType === 'inner' ? { ...base, joinType: 'cross' } : base);
    if (typeof on === 'string') return this.derive({ ...base, usingColumns: [on] });
    if (Array.isArray(on) && on.every((x) => typeof x === 'string'))
      return this.derive({ ...base, usingColumns: on as string[] });
    const conds = (Array.isArray(on) ? on : [on]) as Column[];
    const condition = conds.reduce((a, b) => a.and(b));
    return this.derive({ ...base, condition: condition.expr });
  }
  crossJoin(other: DataFrame): DataFrame {
    return this.join(other, undefined, 'cross');
  }
  union(other: DataFrame): DataFrame {
    return this.derive({
      kind: 'union',
      children: [this.ownPlan, other.ownPlan],
      byName: false,
      allowMissingColumns: false,
    });
  }
  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }
  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.derive({
      kind: 'union',
      children: [this.ownPlan, other.ownPlan],
      byName: true,
      allowMissingColumns,
    });
  }
  intersect(other: DataFrame): DataFrame {
    return this.derive({
      kind: 'setOperation',
      op: 'intersect',
      all: false,
      left: this.ownPlan,
      right: other.ownPlan,
    });
  }
  intersectAll(other: DataFrame): DataFrame {
    return this.derive({
      kind: 'setOperation',
      op: 'intersect',
      all: true,
      left: this.ownPlan,
      right: other.ownPlan,
    });
  }
  subtract(other: DataFrame): DataFrame {
    return this.derive({
      kind: 'setOperation',
      op: 'except',
      all: false,
      left: this.ownPlan,
      right: other.ownPlan,
    });
  }
  exceptAll(other: DataFrame): DataFrame {
    return this.derive({
      kind: 'setOperation',
      op: 'except',
      all: true,
      left: this.ownPlan,
      right: other.ownPlan,
    });
  }
  orderBy(...cols: (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[]): DataFrame {
    return this.derive({ kind: 'sort', child: this.ownPlan, order: sortOrders(cols), global: true });
  }
  sort(...cols: (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[]): DataFrame {
    return this.orderBy(...cols);
  }
  sortWithinPartitions(
    ...cols: (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[]
  ): DataFrame {
    return this.derive({ kind: 'sort', child: this.ownPlan, order: sortOrders(cols), global: false });
  }
  limit(n: number): DataFrame {
    return this.derive({ kind: 'limit', child: this.ownPlan, limit: n });
  }
  offset(n: number): DataFrame {
    return this.derive({ kind: 'offset', child: this.ownPlan, offset: n });
  }
  /** `sample(fraction, seed?)` or `sample(withReplacement, fraction, seed?)`, as PySpark. */
  sample(a: number | boolean, b?: number, c?: number): DataFrame {
    const withReplacement = typeof a === 'boolean' ? a : false;
    const fraction = typeof a === 'boolean' ? (b ?? 0) : a;
    const seed = (typeof a === 'boolean' ? c : b) ?? Math.floor(Math.random() * 2 ** 31);
    return this.derive({ kind: 'sample', child: this.ownPlan, fraction, withReplacement, seed });
  }
  repartition(numPartitions: number | ColumnOrName, ...cols: ColumnOrName[]): DataFrame {
    const n = typeof numPartitions === 'number' ? numPartitions : this.session.shufflePartitions();
    const keys = (typeof numPartitions === 'number' ? cols : [numPartitions, ...cols]).map(
      (c) => toColumn(c).expr,
    );
    return this.derive({
      kind: 'repartition',
      child: this.ownPlan,
      numPartitions: n,
      partitionExprs: keys,
      shuffle: true,
    });
  }
  coalesce(numPartitions: number): DataFrame {
    return this.derive({
      kind: 'repartition',
      child: this.ownPlan,
      numPartitions,
      partitionExprs: [],
      shuffle: false,
    });
  }
  cache(): DataFrame {
    return this.derive({ kind: 'cached', child: this.ownPlan, cacheId: nextCacheId++ });
  }
  persist(): DataFrame {
    return this.cache();
  }
  unpersist(): DataFrame {
    if (this.plan.kind === 'cached') this.session.dropCache(this.plan.cacheId);
    return this;
  }

  // ------------------------------------------------------------------ actions

  /** All rows as `Row` objects. */
  async collect(): Promise<Row[]> {
    if (this.#pendingPivot) return (await this.resolvePivot()).collect();
    this.session.assertBatch(this.plan, 'collect');
    return this.session.collectRows(this.plan);
  }
  async take(n: number): Promise<Row[]> {
    return this.limit(n).collect();
  }
  async head(n?: number): Promise<Row | Row[] | undefined> {
    if (n === undefined) return (await this.take(1))[0];
    return this.take(n);
  }
  async first(): Promise<Row | undefined> {
    return (await this.take(1))[0];
  }
  async count(): Promise<number> {
    if (this.#pendingPivot) return (await this.resolvePivot()).count();
    this.session.assertBatch(this.plan, 'count');
    const rows = await this.session.executeInternal(
      this.session.analyze({
        kind: 'aggregate',
        child: this.plan,
        groupingExprs: [],
        aggregateExprs: [
          aliasExpr(
            { kind: 'unresolvedFunction', name: 'count', args: [literal(1, { kind: 'integer' })] },
            'count',
          ),
        ],
      }),
    );
    return Number(rows[0]?.[0] ?? 0);
  }
  async isEmpty(): Promise<boolean> {
    return (await this.take(1)).length === 0;
  }
  /** Each row as a JSON string (Spark's toJSON). */
  async toJSON(): Promise<string[]> {
    if (this.#pendingPivot) return (await this.resolvePivot()).toJSON();
    const df = this.select(
      new Column({
        kind: 'unresolvedFunction',
        name: 'to_json',
        args: [{ kind: 'unresolvedFunction', name: 'struct', args: [{ kind: 'unresolvedStar' }] }],
      }).alias('value'),
    );
    const rows = await this.session.executeInternal(df.plan);
    return rows.map((r) => r[0] as string);
  }
  /** The text `show()` prints. */
  async showString(n = 20, truncate: boolean | number = true, vertical = false): Promise<string> {
    if (this.#pendingPivot) return (await this.resolvePivot()).showString(n, truncate, vertical);
    this.session.assertBatch(this.plan, 'show');
    const t = truncate === true ? 20 : truncate === false ? 0 : truncate;
    const rows = await this.session.executeInternal(this.limit(n + 1).plan);
    return showString(this.schema, rows, n, t, vertical, this.session.timeZone());
  }
  /** Prints the first `n` rows as Spark's table. */
  async show(n = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    process.stdout.write(`${await this.showString(n, truncate, vertical)}\n`);
  }
  /** The plan text (`extended` adds the analyzed and optimized logical plans). */
  explainString(extended = false): string {
    return this.session.explain(this.plan, extended);
  }
  explain(extended = false): void {
    process.stdout.write(this.explainString(extended));
  }

  /** Writes this DataFrame as files (`df.write.mode('overwrite').parquet(path)`). */
  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }
  /** The builder that starts a streaming query over this (streaming) DataFrame. */
  get writeStream(): DataStreamWriter {
    return new DataStreamWriter(this);
  }

  // ------------------------------------------------------------------ catalog

  createOrReplaceTempView(name: string): void {
    this.session.catalogInternal.register(name, this.plan, true);
  }
  createTempView(name: string): void {
    this.session.catalogInternal.register(name, this.plan, false);
  }

  toString(): string {
    if (this.#pendingPivot) return 'DataFrame[pivot values not collected yet]';
    return `DataFrame[${this.dtypes.map(([n, t]) => `${n}: ${t}`).join(', ')}]`;
  }
}

function sortOrders(
  cols: readonly (ColumnOrName | ColumnOrName[] | { ascending: boolean | boolean[] })[],
): SortOrder[] {
  let ascending: boolean | boolean[] = true;
  const list: ColumnOrName[] = [];
  for (const c of cols) {
    if (Array.isArray(c)) list.push(...c);
    else if (typeof c === 'object' && !(c instanceof Column)) ascending = c.ascending;
    else list.push(c);
  }
  return list.map((c, i) => {
    const e = toColumn(c).expr;
    if (e.kind === 'sortOrder') return e;
    const asc = Array.isArray(ascending) ? (ascending[i] ?? true) : ascending;
    return sortOrder(e, asc, asc);
  });
}

export type { NamedExpr };

void dataTypeOf;
void prettyName;
