/**
 * `Session` (PySpark's SparkSession): configuration, catalog, DataFrame creation, SQL, and the
 * path every action takes through the one engine: analyze → optimize → physical plan → DAG
 * scheduler → rows.
 *
 * Invariants: one Session per `getOrCreate()` until `stop()`; every query gets its own function
 * context (session time zone, ANSI flag, query start time for current_timestamp()).
 */
import { availableParallelism } from 'node:os';
import { planFileScan, readFileScan } from '../connectors/file/index.js';
import { planJdbcScan, readJdbcScan } from '../connectors/jdbc/index.js';
import { planKafkaScan, readKafkaScan } from '../connectors/kafka/index.js';
import { DAGScheduler, InMemoryBlockStore } from '../core/dag-scheduler.js';
import { PhysicalPlanner, type StreamingPlanContext } from '../exec/physical-planner.js';
import { ExpressionCompiler } from '../expr/compiler.js';
import { attributeReference, type Expr, type Row as InternalRow } from '../expr/expression.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { Analyzer, markResolved, setConstantEvaluator } from '../plan/analyzer.js';
import { Catalog } from '../plan/catalog.js';
import { explainPlans } from '../plan/explain.js';
import { anyPlanNode, type LogicalPlan } from '../plan/logical-plan.js';
import { optimize } from '../plan/optimizer.js';
import { outputOf } from '../plan/plan-output.js';
import { parseExpression, parseStatement } from '../sql/parser.js';
import { widerType } from '../types/coercion.js';
import {
  asNullable,
  type DataType,
  LongType,
  NullType,
  type StructType,
  structField,
  structType,
} from '../types/data-type.js';
import { toDataType } from '../types/ddl.js';
import { inferLiteralType, toExternalValue, toInternalValue } from '../types/literal-value.js';
import { Conf } from '../util/conf.js';
import { AnalysisException } from '../util/errors.js';
import { Column } from './column.js';
import { DataFrame } from './dataframe.js';
import { DataFrameReader } from './dataframe-reader.js';
import { Row } from './row.js';
import { runSqlCommand } from './sql-commands.js';
import { isWriteCommand, runWriteCommand, writeStatementError } from './sql-write-commands.js';
import '../expr/functions/all.js';
import '../streaming/register-all.js';
import type { PhysicalPlan } from '../exec/physical-plan.js';
import type { StateStoreProvider } from '../state/state-store.js';
import { StreamingQueryManager } from '../streaming/streaming-query-manager.js';
import { DataStreamReader } from './data-stream-reader.js';

export class RuntimeConfig {
  constructor(private readonly conf: Conf) {}
  get(key: string, defaultValue?: string): string | undefined {
    return this.conf.get(key, defaultValue);
  }
  set(key: string, value: string | number | boolean): void {
    this.conf.set(key, value);
  }
  unset(key: string): void {
    this.conf.unset(key);
  }
  getAll(): Record<string, string> {
    return this.conf.getAll();
  }
  isModifiable(key: string): boolean {
    return this.conf.isModifiable(key);
  }
}

export class SessionBuilder {
  private readonly settings: Record<string, string> = {};
  appName(name: string): this {
    this.settings['spark.app.name'] = name;
    return this;
  }
  master(master: string): this {
    this.settings['spark.master'] = master;
    return this;
  }
  config(key: string, value: string | number | boolean): this {
    this.settings[key] = String(value);
    return this;
  }
  getOrCreate(): Session {
    if (Session.active && !Session.active.stopped) {
      for (const [k, v] of Object.entries(this.settings)) {
        if (k !== 'spark.master' && k !== 'spark.app.name') Session.active.conf.set(k, v);
      }
      return Session.active;
    }
    const envConf = process.env.SLUICE_CONF
      ? (JSON.parse(process.env.SLUICE_CONF) as Record<string, string>)
      : {};
    const s = new Session(new Conf({ ...envConf, ...this.settings }));
    Session.active = s;
    return s;
  }
}

/** Parses `local`, `local[4]`, `local[*]` into a number of executor slots. */
export function parseMaster(master: string): number {
  if (master === 'local') return 1;
  const m = /^local\[(\*|\d+)(?:,\s*\d+)?\]$/.exec(master);
  if (!m) {
    throw new AnalysisException(
      'INVALID_MASTER',
      `Master '${master}' is not supported: use local, local[n] or local[*].`,
    );
  }
  return m[1] === '*' ? Math.max(1, availableParallelism()) : Number(m[1]);
}

export class Session {
  static active: Session | undefined;

  static builder(): SessionBuilder {
    return new SessionBuilder();
  }
  /** The active session, if any (PySpark's SparkSession.getActiveSession()). */
  static getActiveSession(): Session | undefined {
    return Session.active && !Session.active.stopped ? Session.active : undefined;
  }

  readonly conf: RuntimeConfig;
  readonly catalogInternal = new Catalog();
  readonly parallelism: number;
  stopped = false;
  private readonly blocks = new InMemoryBlockStore();
  private readonly scheduler: DAGScheduler;

  constructor(private readonly confStore: Conf) {
    this.conf = new RuntimeConfig(confStore);
    this.parallelism = parseMaster(confStore.get('spark.master') ?? 'local[*]');
    this.scheduler = new DAGScheduler(this.blocks, {
      maxTaskAttempts: 1,
      scanReader: (n, part, ctx) =>
        n.format === 'kafka'
          ? readKafkaScan(n, part, ctx)
          : n.format === 'jdbc'
            ? readJdbcScan(n, part, ctx)
            : readFileScan(n, part, ctx),
    });
    setConstantEvaluator((e) => new ExpressionCompiler([], this.functionContext()).compile(e)([]));
    this.catalogInternal.loadDataSource = (format, path, options, schema) => {
      const reader = this.read.format(format).options(options ?? {});
      return (schema ? reader.schema(schema) : reader).load(path).plan;
    };
  }

  get version(): string {
    return '0.1.0';
  }
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }
  /** Builds streaming DataFrames (`spark.readStream.format('socket')…load()`). */
  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }
  /** The session's streaming queries and listeners. */
  readonly streams = new StreamingQueryManager();
  /** @internal */
  get confStoreInternal(): Conf {
    return this.confStore;
  }
  /**
   * @internal runs a physical plan (with the state of streaming operators) and returns its rows;
   * `currentTimeMicros` fixes what current_timestamp() and friends return (a micro-batch's timestamp).
   */
  async runPhysical(
    plan: PhysicalPlan,
    stateProviders?: ReadonlyMap<number, StateStoreProvider>,
    currentTimeMicros?: number,
  ): Promise<InternalRow[]> {
    const fn = this.functionContext();
    const ctx = currentTimeMicros === undefined ? fn : { ...fn, queryStartMicros: currentTimeMicros };
    const parts = await this.scheduler.runJob(plan, ctx, stateProviders);
    return parts.length === 1 ? parts[0]! : parts.flat();
  }

  // ------------------------------------------------------------------ engine path

  functionContext(): FunctionContext {
    return {
      conf: this.confStore,
      timeZone: this.timeZone(),
      ansi: this.confStore.getBoolean('spark.sql.ansi.enabled', false),
      queryStartMicros: Date.now() * 1000,
    };
  }
  timeZone(): string {
    return this.confStore.get('spark.sql.session.timeZone') ?? 'UTC';
  }
  shufflePartitions(): number {
    return this.confStore.getNumber('spark.sql.shuffle.partitions', 200);
  }
  analyze(plan: LogicalPlan): LogicalPlan {
    const ctx = { ...this.functionContext(), catalog: this.catalogInternal };
    return markResolved(new Analyzer(ctx).analyze(plan));
  }
  /** Optimizes and plans an analyzed plan; `streaming` is set when planning one micro-batch. */
  physicalPlan(plan: LogicalPlan, streaming?: StreamingPlanContext) {
    const planner = new PhysicalPlanner({
      shufflePartitions: this.shufflePartitions(),
      defaultParallelism: this.parallelism,
      ...(streaming ? { streaming } : {}),
      planDataSource: (p) =>
        p.format === 'kafka'
          ? planKafkaScan(p)
          : p.format === 'jdbc'
            ? planJdbcScan(p, { timeZone: this.timeZone() })
            : planFileScan(p, {
                timeZone: this.timeZone(),
                conf: this.confStore,
                parallelism: this.parallelism,
              }),
    });
    return planner.plan(optimize(plan));
  }
  /** Runs an analyzed plan and returns internal rows. */
  async executeInternal(plan: LogicalPlan): Promise<InternalRow[]> {
    const physical = this.physicalPlan(plan);
    const parts = await this.scheduler.runJob(physical, this.functionContext());
    return parts.length === 1 ? parts[0]! : parts.flat();
  }
  /** @internal Runs an analyzed plan and returns its rows partition by partition (file writes). */
  async executePartitions(plan: LogicalPlan): Promise<InternalRow[][]> {
    return this.scheduler.runJob(this.physicalPlan(plan), this.functionContext());
  }
  /** Runs `plan`, streaming each result partition's batches to `consume` (see DAGScheduler.runJobStreaming). */
  async consumePartitions<T>(
    plan: LogicalPlan,
    consume: (
      partition: number,
      batches: AsyncIterable<readonly InternalRow[]>,
      attempt: number,
    ) => Promise<T>,
  ): Promise<T[]> {
    return this.scheduler.runJobStreaming(this.physicalPlan(plan), this.functionContext(), consume);
  }
  async collectRows(plan: LogicalPlan): Promise<Row[]> {
    const rows = await this.executeInternal(plan);
    const out = outputOf(plan);
    const names = out.map((a) => a.name);
    const makeRow = (values: unknown[], t: DataType) =>
      new Row(t.kind === 'struct' ? t.fields.map((f) => f.name) : [], values);
    return rows.map(
      (r) =>
        new Row(
          names,
          out.map((a, i) => toExternalValue(r[i] ?? null, a.dataType, makeRow)),
        ),
    );
  }
  explain(plan: LogicalPlan, extended: boolean): string {
    return explainPlans(plan, optimize(plan), this.physicalPlan(plan), extended);
  }
  isStreamingPlan(plan: LogicalPlan): boolean {
    return anyPlanNode(plan, (p) => p.kind === 'streamingRelation');
  }
  assertBatch(plan: LogicalPlan, _action: string): void {
    if (this.isStreamingPlan(plan)) {
      throw new AnalysisException(
        'UNSUPPORTED_FEATURE',
        // Spark 4.3's text (UnsupportedOperationChecker.checkForBatch)
        'Queries with streaming sources must be executed with writeStream.start(), or from a streaming table or flow definition within a Spark Declarative Pipeline.',
      );
    }
  }
  dropCache(cacheId: number): void {
    this.blocks.drop(cacheId);
  }

  // ------------------------------------------------------------------ DataFrames

  /**
   * Rows as arrays or objects; `schema` as a DDL string, a StructType, or column names (types
   * inferred). Without a schema, types are inferred from the values as PySpark does.
   */
  createDataFrame(
    rows: readonly (readonly unknown[] | Record<string, unknown>)[],
    schema?: string | StructType | string[],
  ): DataFrame {
    const tz = this.timeZone();
    let struct: StructType;
    if (schema === undefined || Array.isArray(schema)) {
      struct = inferSchema(rows, schema as string[] | undefined);
    } else {
      const t = toDataType(schema as string | DataType);
      struct = t.kind === 'struct' ? t : structType([structField('value', t, true)]);
    }
    const internal = rows.map((r) => {
      if (Array.isArray(r)) return struct.fields.map((f, i) => toInternalValue(r[i], f.dataType, tz));
      const o = r as Record<string, unknown>;
      return struct.fields.map((f) => toInternalValue(o[f.name], f.dataType, tz));
    });
    const output = struct.fields.map((f) => attributeReference(f.name, f.dataType, f.nullable));
    const plan: LogicalPlan = {
      kind: 'localRelation',
      output,
      rows: internal,
      numPartitions: Math.min(this.parallelism, Math.max(1, internal.length)),
    };
    return new DataFrame(this, this.analyze(plan));
  }

  range(start: number, end?: number, step = 1, numPartitions?: number): DataFrame {
    const [s, e] = end === undefined ? [0, start] : [start, end];
    const plan: LogicalPlan = {
      kind: 'range',
      start: s,
      end: e,
      step,
      numPartitions: numPartitions ?? this.parallelism,
      output: [attributeReference('id', LongType, false)],
    };
    return new DataFrame(this, this.analyze(plan));
  }

  table(name: string): DataFrame {
    return new DataFrame(this, this.analyze({ kind: 'unresolvedRelation', nameParts: name.split('.') }));
  }

  /** Runs a SQL statement; queries return their DataFrame, commands a DataFrame of their result. */
  sql(text: string): DataFrame {
    const plan = parseStatement(text, this.parseContext());
    if (plan.kind === 'command' && isWriteCommand(plan)) throw writeStatementError(plan);
    if (plan.kind === 'command') return runSqlCommand(this, plan);
    return new DataFrame(this, this.analyze(plan));
  }

  /**
   * Like `sql`, for any statement, including those that write files (INSERT INTO / OVERWRITE,
   * CREATE TABLE … AS SELECT): they run now and the promise resolves, once the files are
   * published, to an empty DataFrame (as Spark's `spark.sql` returns one after running them).
   */
  async sqlAsync(text: string): Promise<DataFrame> {
    const plan = parseStatement(text, this.parseContext());
    if (plan.kind !== 'command' || !isWriteCommand(plan)) return this.sql(text);
    await runWriteCommand(this, plan);
    return new DataFrame(
      this,
      this.analyze({ kind: 'localRelation', output: [], rows: [], numPartitions: 1 }),
    );
  }

  /** Parses a SQL expression string into a Column (`F.expr`, `selectExpr`, string filters). */
  parseColumn(text: string): Column {
    return new Column(parseExpression(text, this.parseContext()) as Expr);
  }

  private parseContext() {
    return {
      timeZone: this.timeZone(),
      defaultParallelism: this.parallelism,
      shufflePartitions: this.shufflePartitions(),
    };
  }

  get catalog() {
    const c = this.catalogInternal;
    return {
      listTables: () => c.list().map((e) => ({ name: e.name, isTemporary: e.isTemporary })),
      dropTempView: (name: string) => c.drop(name),
      tableExists: (name: string) => c.lookup(name) !== undefined,
    };
  }

  stop(): void {
    this.stopped = true;
    if (Session.active === this) Session.active = undefined;
  }
}

function inferSchema(
  rows: readonly (readonly unknown[] | Record<string, unknown>)[],
  names?: string[],
): StructType {
  const first = rows[0];
  if (first === undefined) {
    if (!names)
      throw new AnalysisException('CANNOT_INFER_EMPTY_SCHEMA', 'Can not infer schema from an empty dataset.');
    return structType(names.map((n) => structField(n, NullType, true)));
  }
  const fieldNames = Array.isArray(first) ? (names ?? first.map((_, i) => `_${i + 1}`)) : Object.keys(first);
  const types: DataType[] = fieldNames.map(() => NullType);
  for (const r of rows) {
    fieldNames.forEach((n, i) => {
      const v = Array.isArray(r) ? r[i] : (r as Record<string, unknown>)[n];
      const t = inferLiteralType(v);
      types[i] = widerType(types[i]!, t) ?? types[i]!;
    });
  }
  return structType(
    fieldNames.map((n, i) => {
      if (types[i]!.kind === 'null') {
        throw new AnalysisException(
          'CANNOT_DETERMINE_TYPE',
          `Some of types cannot be determined after inferring: column '${n}' has only nulls.`,
        );
      }
      return structField(n, asNullable(types[i]!), true);
    }),
  );
}
