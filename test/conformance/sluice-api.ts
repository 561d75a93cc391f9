/**
 * The slice of Sluice's public API the conformance runner drives, written down structurally and
 * loaded with a dynamic import, so a missing or half-built engine fails each case with a readable
 * reason instead of failing to load the test file.
 *
 * Invariant: only public API (what `src/index.ts` exports) is used: Session, functions, types.
 */
export interface ApiColumn {
  /** Column methods used by column specs (`isNull`, `plus`, `otherwise` …), looked up by name. */
  readonly [method: string]: unknown;
  asc_nulls_first(): ApiColumn;
  asc_nulls_last(): ApiColumn;
  desc_nulls_first(): ApiColumn;
  desc_nulls_last(): ApiColumn;
}

export interface ApiGroupedData {
  agg(...cols: ApiColumn[]): ApiDataFrame;
  count(): ApiDataFrame;
  pivot(column: string, values?: unknown[]): ApiGroupedData;
}

export interface ApiDataFrame {
  select(...cols: (string | ApiColumn)[]): ApiDataFrame;
  selectExpr(...exprs: string[]): ApiDataFrame;
  filter(condition: string | ApiColumn): ApiDataFrame;
  where(condition: string | ApiColumn): ApiDataFrame;
  withColumn(name: string, col: ApiColumn): ApiDataFrame;
  withColumnRenamed(existing: string, renamed: string): ApiDataFrame;
  drop(...cols: string[]): ApiDataFrame;
  groupBy(...cols: ApiColumn[]): ApiGroupedData;
  rollup(...cols: ApiColumn[]): ApiGroupedData;
  cube(...cols: ApiColumn[]): ApiGroupedData;
  agg(...cols: ApiColumn[]): ApiDataFrame;
  join(other: ApiDataFrame, on?: string | string[] | ApiColumn, how?: string): ApiDataFrame;
  crossJoin(other: ApiDataFrame): ApiDataFrame;
  union(other: ApiDataFrame): ApiDataFrame;
  unionByName(other: ApiDataFrame, allowMissingColumns?: boolean): ApiDataFrame;
  alias(name: string): ApiDataFrame;
  orderBy(...cols: ApiColumn[]): ApiDataFrame;
  distinct(): ApiDataFrame;
  dropDuplicates(subset?: string[]): ApiDataFrame;
  limit(n: number): ApiDataFrame;
  showString(n: number, truncate: boolean | number, vertical: boolean): string | Promise<string>;
  /** PySpark's `df.schema` is a property; a method is accepted too. */
  readonly schema: unknown;
  /** Collects the values of pivots without explicit values (PySpark does it when pivot() is called). */
  resolvePivot?(): Promise<ApiDataFrame>;
}

export interface ApiSession {
  readonly conf: { set(key: string, value: string): void; unset?(key: string): void };
  createDataFrame(rows: unknown[][], schema: string): ApiDataFrame;
}

interface ApiBuilder {
  master(m: string): ApiBuilder;
  config(key: string, value: string): ApiBuilder;
  getOrCreate(): ApiSession | Promise<ApiSession>;
}

export type ApiFunctions = { expr(sql: string): ApiColumn } & Readonly<Record<string, unknown>>;

export interface SluiceApi {
  readonly session: ApiSession;
  /** The public functions module (`F`): `expr`, `col`, `lit`, `create_map` / `createMap` … */
  readonly functions: ApiFunctions;
  treeString(schema: unknown): string;
}

interface SluiceModule {
  Session: { builder: (() => ApiBuilder) | ApiBuilder };
  functions: ApiFunctions;
  types: { treeString(schema: unknown): string };
}

/** Kept in a variable so the type checker does not require the module while it is being written. */
const ENTRY = '../../src/index.js';

export async function loadSluice(): Promise<SluiceApi> {
  const mod = (await import(/* @vite-ignore */ ENTRY)) as Partial<SluiceModule>;
  const missing = (['Session', 'functions', 'types'] as const).filter((k) => mod[k] === undefined);
  if (missing.length) throw new Error(`src/index.ts does not export ${missing.join(', ')}`);
  const m = mod as SluiceModule;
  const builder = typeof m.Session.builder === 'function' ? m.Session.builder() : m.Session.builder;
  const session = await builder
    .master('local')
    .config('spark.sql.session.timeZone', BASE_TIME_ZONE)
    .config('spark.sql.ansi.enabled', 'false')
    .getOrCreate();
  return {
    session,
    functions: m.functions,
    treeString: (schema) => m.types.treeString(schema),
  };
}

const BASE_TIME_ZONE = 'UTC';

export async function schemaOf(df: ApiDataFrame): Promise<unknown> {
  const s = df.schema;
  return typeof s === 'function' ? await (s as () => unknown).call(df) : s;
}
