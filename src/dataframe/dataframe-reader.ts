/**
 * `spark.read`: the batch reader builder (PySpark's DataFrameReader). `format(f).schema(s)
 * .option(k, v).load(...paths)` and the shorthands `text/json/csv/parquet(...paths)` build a
 * file relation: the files are listed and the schema known when the DataFrame is created; rows
 * are read (streamed, partition by partition) only when an action runs.
 */
import { buildFileRelation } from '../connectors/file/index.js';
import { buildJdbcRelation } from '../connectors/jdbc/index.js';
import { kafkaBatchRelation } from '../connectors/kafka/index.js';
import { nexmarkBatchRelation } from '../streaming/sources/nexmark-source.js';
import type { StructType } from '../types/data-type.js';
import { toDataType } from '../types/ddl.js';
import { AnalysisException } from '../util/errors.js';
import { DataFrame } from './dataframe.js';
import type { Session } from './session.js';

export class DataFrameReader {
  private fmt: string;
  private readonly opts: Record<string, string> = {};
  private userSchema?: StructType;

  constructor(private readonly session: Session) {
    this.fmt = session.conf.get('spark.sql.sources.default') ?? 'parquet';
  }

  format(source: string): this {
    this.fmt = source.toLowerCase();
    return this;
  }
  /** A StructType or a DDL string (`'a INT, b STRING'`). */
  schema(schema: StructType | string): this {
    const t = toDataType(schema);
    if (t.kind !== 'struct') {
      throw new AnalysisException(
        'INVALID_SCHEMA.NON_STRUCT_TYPE',
        `The input schema ${String(schema)} is not a struct type.`,
      );
    }
    this.userSchema = t;
    return this;
  }
  option(key: string, value: string | number | boolean): this {
    this.opts[key] = String(value);
    return this;
  }
  options(opts: Record<string, string | number | boolean>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }
  load(...paths: string[]): DataFrame {
    if (this.fmt === 'jdbc') {
      return new DataFrame(
        this.session,
        this.session.analyze(buildJdbcRelation(this.opts, this.userSchema, this.jdbcContext())),
      );
    }
    if (this.fmt === 'nexmark') {
      const plan = nexmarkBatchRelation(this.opts, this.userSchema, this.session.parallelism);
      return new DataFrame(this.session, this.session.analyze(plan));
    }
    if (this.fmt === 'kafka') {
      return new DataFrame(
        this.session,
        this.session.analyze(kafkaBatchRelation(this.opts, this.userSchema)),
      );
    }
    const all = paths.length ? paths : this.opts.path !== undefined ? [this.opts.path] : [];
    if (!all.length) {
      throw new AnalysisException(
        'UNABLE_TO_INFER_SCHEMA',
        `Unable to infer schema for ${this.fmt}. It must be specified manually.`,
      );
    }
    const { path: _path, ...options } = this.opts;
    const plan = buildFileRelation(this.fmt, all, options, this.userSchema, {
      timeZone: this.session.timeZone(),
      conf: this.session.confStoreInternal,
    });
    return new DataFrame(this.session, this.session.analyze(plan));
  }
  /** One row per line in a `value` string column (`wholetext`: one row per file). */
  text(...paths: string[]): DataFrame {
    return this.format('text').load(...paths);
  }
  json(...paths: string[]): DataFrame {
    return this.format('json').load(...paths);
  }
  csv(...paths: string[]): DataFrame {
    return this.format('csv').load(...paths);
  }
  parquet(...paths: string[]): DataFrame {
    return this.format('parquet').load(...paths);
  }
  /**
   * PySpark's `spark.read.jdbc(url, table, column, lowerBound, upperBound, numPartitions,
   * predicates, properties)`: `predicates` gives one partition per WHERE clause.
   */
  jdbc(
    url: string,
    table: string,
    opts: {
      column?: string;
      lowerBound?: string | number;
      upperBound?: string | number;
      numPartitions?: number;
      predicates?: readonly string[];
      properties?: Record<string, string>;
    } = {},
  ): DataFrame {
    this.format('jdbc').options({ ...(opts.properties ?? {}), url, dbtable: table });
    if (opts.column !== undefined) this.option('partitionColumn', opts.column);
    if (opts.lowerBound !== undefined) this.option('lowerBound', opts.lowerBound);
    if (opts.upperBound !== undefined) this.option('upperBound', opts.upperBound);
    if (opts.numPartitions !== undefined) this.option('numPartitions', opts.numPartitions);
    if (!opts.predicates) return this.load();
    const plan = buildJdbcRelation(this.opts, this.userSchema, this.jdbcContext(), opts.predicates);
    return new DataFrame(this.session, this.session.analyze(plan));
  }
  private jdbcContext() {
    return {
      timeZone: this.session.timeZone(),
      caseSensitive: this.session.confStoreInternal.getBoolean('spark.sql.caseSensitive', false),
    };
  }
}
