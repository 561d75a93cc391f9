/**
 * `df.writeStream`: configures and starts a streaming query, PySpark-style:
 *
 *   df.writeStream.format('console').outputMode('complete')
 *     .trigger({ processingTime: '2 seconds' }).option('checkpointLocation', dir).start()
 *
 * Everything is validated at start(): output mode, sink options, the plan against the output
 * mode (Spark's unsupported-operation rules), and the checkpoint location.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, SystemClock } from '../streaming/clock.js';
import { ContinuousExecution } from '../streaming/continuous-execution.js';
import { streamingRelations } from '../streaming/incremental-execution.js';
import { MicroBatchExecution } from '../streaming/micro-batch-execution.js';
import { lookupSinkProvider, type OutputMode, type SinkProvider, sinkFormats } from '../streaming/sink.js';
import type { ForeachBatchFunction } from '../streaming/sinks/foreach-batch-sink.js';
import type { ForeachWriter } from '../streaming/sinks/foreach-sink.js';
import { lookupSourceProvider } from '../streaming/source.js';
import { StreamingQuery } from '../streaming/streaming-query.js';
import { parseTrigger, type Trigger, type TriggerOptions } from '../streaming/trigger.js';
import { checkContinuousPlan, checkStreamingPlan } from '../streaming/unsupported-operation-checker.js';
import { AnalysisException, SluiceError } from '../util/errors.js';
import type { DataFrame } from './dataframe.js';
import type { Row } from './row.js';

/** Sinks that may run without a checkpoint location (a temporary one is used). */
const TEMP_CHECKPOINT_SINKS = new Set(['console', 'memory', 'foreach', 'foreachbatch', 'noop']);

export class DataStreamWriter {
  private fmt = 'parquet';
  private mode: OutputMode = 'append';
  private trig: Trigger = { kind: 'default' };
  private name: string | null = null;
  private readonly opts: Record<string, string> = {};
  private partitionCols: string[] = [];
  private callback: unknown;
  private clockImpl: Clock = new SystemClock();

  constructor(private readonly df: DataFrame) {}

  format(source: string): this {
    this.fmt = source;
    return this;
  }
  outputMode(mode: string): this {
    const m = mode.toLowerCase();
    if (m !== 'append' && m !== 'update' && m !== 'complete') {
      throw new SluiceError(
        'STREAMING_OUTPUT_MODE.INVALID',
        `Invalid streaming output mode: ${mode}. Accepted output modes are 'Append', 'Complete', 'Update'.`,
      );
    }
    this.mode = m;
    return this;
  }
  trigger(t: TriggerOptions): this {
    this.trig = parseTrigger(t);
    return this;
  }
  queryName(name: string): this {
    this.name = name;
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
  partitionBy(...cols: (string | string[])[]): this {
    this.partitionCols = cols.flat();
    return this;
  }
  /** Calls `fn(df, batchId)` with each micro-batch as a batch DataFrame. */
  foreachBatch(fn: ForeachBatchFunction): this {
    this.fmt = 'foreachBatch';
    this.callback = fn;
    return this;
  }
  /** Calls a writer (open/process/close) or a function for each output row. */
  foreach(writer: ForeachWriter | ((row: Row) => unknown)): this {
    this.fmt = 'foreach';
    this.callback = writer;
    return this;
  }
  /** The clock that drives triggers (tests pass a ManualClock so they never sleep). */
  withClock(clock: Clock): this {
    this.clockImpl = clock;
    return this;
  }

  /** Starts the query; it runs in the background until stopped. */
  start(path?: string): StreamingQuery {
    const session = this.df.session;
    if (!this.df.isStreaming) {
      throw new AnalysisException(
        'WRITE_STREAM_NOT_ALLOWED',
        '`writeStream` can be called only on streaming Dataset/DataFrame.',
      );
    }
    const provider = lookupSinkProvider(this.fmt);
    if (!provider) {
      throw new AnalysisException(
        'DATA_SOURCE_NOT_FOUND',
        `Failed to find the data sink: ${this.fmt}. Available streaming sinks: ${sinkFormats().join(', ')}.`,
      );
    }
    if (this.trig.kind === 'continuous') this.checkContinuous(provider);
    else checkStreamingPlan(this.df.plan, this.mode, session.confStoreInternal);
    const { checkpointLocation, temporary } = this.checkpointLocation();
    const sink = provider.createSink({
      session,
      options: this.opts,
      ...(path !== undefined ? { path } : this.opts.path !== undefined ? { path: this.opts.path } : {}),
      ...(this.name !== null ? { queryName: this.name } : {}),
      schema: this.df.schema,
      outputMode: this.mode,
      partitionBy: this.partitionCols,
      checkpointLocation,
      callback: this.callback,
    });
    const options = {
      session,
      plan: this.df.plan,
      sink,
      outputMode: this.mode,
      trigger: this.trig,
      checkpointLocation,
      name: this.name,
      clock: this.clockImpl,
      listeners: session.streams.listenerBus,
      deleteCheckpointOnStop: temporary,
    };
    const execution =
      this.trig.kind === 'continuous' ? new ContinuousExecution(options) : new MicroBatchExecution(options);
    const query = new StreamingQuery(execution, this.name, (q) => session.streams.unregister(q));
    session.streams.register(query, () => execution.start());
    return query;
  }

  /**
   * Continuous processing runs map-like queries (projections, filters) from one source that
   * supports it (rate, socket, kafka, memory) into console, memory, foreach or kafka.
   */
  private checkContinuous(sink: SinkProvider): void {
    if (this.fmt.toLowerCase() === 'foreachbatch') {
      throw new AnalysisException(
        'UNSUPPORTED_STREAMING_OPERATION',
        "'foreachBatch' is not supported with continuous trigger.",
      );
    }
    checkContinuousPlan(this.df.plan, this.mode, this.df.session.confStoreInternal);
    for (const r of streamingRelations(this.df.plan)) {
      if (r.kind === 'streamingRelation' && !lookupSourceProvider(r.format).supportsContinuous) {
        throw new AnalysisException(
          'UNSUPPORTED_STREAMING_OPERATION',
          `Data source ${r.format} does not support continuous processing.`,
        );
      }
    }
    if (!sink.supportsContinuous) {
      throw new AnalysisException(
        'UNSUPPORTED_STREAMING_OPERATION',
        `Data sink ${this.fmt} does not support continuous processing.`,
      );
    }
  }

  private checkpointLocation(): { checkpointLocation: string; temporary: boolean } {
    const explicit = this.opts.checkpointLocation;
    if (explicit) return { checkpointLocation: explicit, temporary: false };
    const root = this.df.session.conf.get('spark.sql.streaming.checkpointLocation');
    if (root) return { checkpointLocation: join(root, this.name ?? crypto.randomUUID()), temporary: false };
    if (TEMP_CHECKPOINT_SINKS.has(this.fmt.toLowerCase())) {
      // as Spark: deleted when the query stops without error
      // (spark.sql.streaming.forceDeleteTempCheckpointLocation=true: whatever the outcome)
      return { checkpointLocation: mkdtempSync(join(tmpdir(), 'temporary-')), temporary: true };
    }
    throw new AnalysisException(
      'CHECKPOINT_LOCATION_REQUIRED',
      'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...)',
    );
  }
}
