/**
 * `df.write`: the batch writer builder (PySpark's DataFrameWriter). `format(f).mode(m)
 * .partitionBy(...cols).option(k, v).save(path)` and the shorthands `json/csv/parquet/text(path)`
 * run the DataFrame and publish its rows as files with Spark's layout and save modes (see
 * connectors/file/file-commit.ts for the staging/commit protocol).
 */
import { parseSaveMode, type SaveMode, saveToPath } from '../connectors/file/file-commit.js';
import { requireFileFormat } from '../connectors/file/file-relation.js';
import { dataFramePartitions } from '../connectors/file/file-writer.js';
import { saveJdbc } from '../connectors/jdbc/index.js';
import { saveToKafka } from '../connectors/kafka/index.js';
import { AnalysisException } from '../util/errors.js';
import type { DataFrame } from './dataframe.js';

type OptionValue = string | number | boolean;

export class DataFrameWriter {
  private fmt: string;
  private saveMode: SaveMode = 'errorifexists';
  private readonly opts: Record<string, string> = {};
  private partitionCols: string[] = [];

  constructor(private df: DataFrame) {
    this.fmt = df.session.conf.get('spark.sql.sources.default') ?? 'parquet';
  }

  format(source: string): this {
    this.fmt = source.toLowerCase();
    return this;
  }
  /** `append`, `overwrite`, `error` / `errorifexists` (default) or `ignore`. */
  mode(saveMode: string): this {
    this.saveMode = parseSaveMode(saveMode);
    return this;
  }
  option(key: string, value: OptionValue): this {
    this.opts[key] = String(value);
    return this;
  }
  options(opts: Record<string, OptionValue>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }
  partitionBy(...cols: (string | string[])[]): this {
    this.partitionCols = cols.flat();
    return this;
  }

  /** Writes the DataFrame to `path` (or the `path` option). */
  async save(path?: string): Promise<void> {
    this.df = await this.df.resolvePivot();
    if (this.fmt === 'kafka') return saveToKafka(this.df, this.saveMode, this.opts);
    if (this.fmt === 'jdbc') return this.saveJdbc();
    const target = path ?? this.opts.path;
    if (target === undefined) {
      throw new AnalysisException(
        'UNSUPPORTED_FEATURE',
        'Expected exactly one path to be specified, but got: .',
      );
    }
    if (this.df.isStreaming) {
      throw new AnalysisException(
        'CALL_ON_STREAMING_DATASET_UNSUPPORTED',
        'Method `write` can not be called on streaming Dataset/DataFrame.',
      );
    }
    requireFileFormat(this.fmt);
    const { path: _p, ...options } = this.opts;
    const session = this.df.session;
    await saveToPath(
      dataFramePartitions(this.df),
      this.df.schema,
      target,
      { format: this.fmt, mode: this.saveMode, options, partitionBy: this.partitionCols },
      { timeZone: session.timeZone(), conf: session.confStoreInternal },
    );
  }

  private async saveJdbc(): Promise<void> {
    if (this.df.isStreaming) {
      throw new AnalysisException(
        'CALL_ON_STREAMING_DATASET_UNSUPPORTED',
        'Method `write` can not be called on streaming Dataset/DataFrame.',
      );
    }
    const session = this.df.session;
    await saveJdbc(this.df, this.saveMode, this.opts, {
      timeZone: session.timeZone(),
      caseSensitive: session.confStoreInternal.getBoolean('spark.sql.caseSensitive', false),
    });
  }
  /** PySpark's `df.write.jdbc(url, table, mode, properties)`. */
  jdbc(url: string, table: string, mode?: string, properties: Record<string, string> = {}): Promise<void> {
    this.format('jdbc').options({ ...properties, url, dbtable: table });
    if (mode !== undefined) this.mode(mode);
    return this.save();
  }

  private shorthand(format: string, path: string, extra?: string | Record<string, OptionValue | undefined>) {
    this.format(format);
    if (typeof extra === 'string') this.mode(extra);
    else if (extra) {
      for (const [k, v] of Object.entries(extra)) {
        if (v === undefined) continue;
        if (k === 'mode') this.mode(String(v));
        else if (k === 'partitionBy') this.partitionBy(...String(v).split(','));
        else this.option(k, v);
      }
    }
    return this.save(path);
  }
  /** `json(path, mode?)` or `json(path, {mode, compression, …})`. */
  json(path: string, modeOrOptions?: string | Record<string, OptionValue | undefined>): Promise<void> {
    return this.shorthand('json', path, modeOrOptions);
  }
  csv(path: string, modeOrOptions?: string | Record<string, OptionValue | undefined>): Promise<void> {
    return this.shorthand('csv', path, modeOrOptions);
  }
  parquet(path: string, modeOrOptions?: string | Record<string, OptionValue | undefined>): Promise<void> {
    return this.shorthand('parquet', path, modeOrOptions);
  }
  text(path: string, modeOrOptions?: string | Record<string, OptionValue | undefined>): Promise<void> {
    return this.shorthand('text', path, modeOrOptions);
  }
}
