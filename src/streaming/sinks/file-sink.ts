/**
 * The streaming file sink (`parquet`, `json`, `csv`, `text` formats with a path): append mode only,
 * like Spark. Exactly-once: each batch's files are written with the batch's own job id, then the
 * batch is committed by adding its file list to the `_spark_metadata` log; a batch id already in
 * the log is skipped, and readers of the folder only see files the log lists.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeRowsToFolder } from '../../connectors/file/file-writer.js';
import { AnalysisException } from '../../util/errors.js';
import { registerSinkProvider, type Sink, type SinkContext } from '../sink.js';
import { parseDuration } from '../trigger.js';
import { FileSinkLog } from './file-sink-log.js';

function createFileSink(format: string, ctx: SinkContext): Sink {
  const path = ctx.path;
  if (!path) {
    throw new AnalysisException(
      'PATH_REQUIRED',
      `'path' is not specified: the ${format} sink needs start(path) or option('path', …).`,
    );
  }
  if (ctx.outputMode !== 'append') {
    throw new AnalysisException(
      'STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE',
      `Data source ${format} does not support ${ctx.outputMode[0]!.toUpperCase()}${ctx.outputMode.slice(1)} output mode.`,
    );
  }
  const conf = ctx.session.conf;
  const log = new FileSinkLog(
    path,
    Number(conf.get('spark.sql.streaming.fileSink.log.compactInterval') ?? '10'),
    {
      deletion: conf.get('spark.sql.streaming.fileSink.log.deletion') !== 'false',
      cleanupDelayMs: durationConfMs(conf.get('spark.sql.streaming.fileSink.log.cleanupDelay'), 10 * 60_000),
    },
  );
  return {
    description: () => `FileSink[${path}]`,
    addBatch: async (batchId, data) => {
      if (batchId <= log.latestBatchId()) return; // committed before a restart: nothing twice
      const rows = await ctx.session.executeInternal(data.plan);
      const files = await writeRowsToFolder(
        [rows],
        data.schema,
        path,
        {
          format,
          options: ctx.options,
          partitionBy: ctx.partitionBy,
          jobId: randomUUID(),
        },
        { timeZone: ctx.session.timeZone(), conf: ctx.session.confStoreInternal },
      );
      const now = Date.now();
      log.add(
        batchId,
        files.map((f) => {
          const size = statSync(join(path, f.path)).size;
          return {
            path: f.path,
            size,
            isDir: false,
            modificationTime: now,
            blockReplication: 1,
            blockSize: 33554432,
            action: 'add' as const,
          };
        }),
      );
    },
  };
}

for (const format of ['parquet', 'json', 'csv', 'text']) {
  registerSinkProvider({ format, needsCheckpoint: true, createSink: (ctx) => createFileSink(format, ctx) });
}

/** A duration conf: milliseconds, or a value like '10m' / '30 seconds'. */
function durationConfMs(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  return /^\d+$/.test(v.trim())
    ? Number(v)
    : parseDuration(v, 'spark.sql.streaming.fileSink.log.cleanupDelay');
}
