/**
 * The streaming file source (`readStream.format('json'|'csv'|'text'|'parquet').load(dir)`): each
 * trigger lists the folder (globs and partition folders as the batch readers do), takes the files
 * not seen before — oldest first, or newest first with `latestFirst` — up to `maxFilesPerTrigger`,
 * and records them as one entry of its log in the checkpoint (`sources/<i>/<n>`, Spark's
 * FileStreamSourceLog). The offset is that entry's number, so a batch is replayed from the log
 * with exactly the same files, and a file is read once across restarts.
 *
 * Options: maxFilesPerTrigger or maxBytesPerTrigger (not both; they are the source's default read
 * limit, so Trigger.Once ignores them), latestFirst, fileNameOnly, maxFileAge (7d, relative to the
 * newest file seen and applied from the second batch on, ignored under latestFirst with a limit —
 * see seen-files-map.ts), cleanSource (off | archive | delete) with sourceArchiveDir; the format's
 * own read options.
 *
 * Trigger.AvailableNow: the folder is listed once when the query starts; its batches take only
 * from that listing, each within the read limit, so files arriving later wait for the next run.
 */
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { buildFileIndex } from '../../connectors/file/file-index.js';
import { FileOptions } from '../../connectors/file/file-options.js';
import { hasGlob } from '../../connectors/file/glob.js';
import type { Session } from '../../dataframe/session.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import type { StructType } from '../../types/data-type.js';
import { AnalysisException, SluiceError } from '../../util/errors.js';
import { MetadataLog } from '../checkpoint/metadata-log.js';
import {
  type Offset,
  type ReadLimit,
  registerSourceProvider,
  type Source,
  type SourceContext,
} from '../source.js';
import { parseDuration } from '../trigger.js';
import { SeenFilesMap } from './seen-files-map.js';

interface ListedFile {
  readonly path: string;
  readonly mtime: number;
  readonly size: number;
}

interface LoggedFile {
  readonly path: string;
  readonly timestamp: number;
  readonly batchId: number;
}

/** The non-glob folder a path pattern starts from (partition discovery base). */
function baseDir(path: string): string {
  if (!hasGlob(path)) {
    try {
      return statSync(path).isDirectory() ? resolve(path) : dirname(resolve(path));
    } catch {
      return resolve(path);
    }
  }
  const parts = resolve(path).split('/');
  const i = parts.findIndex((p) => hasGlob(p));
  return parts.slice(0, i).join('/') || '/';
}

class FileStreamSource implements Source {
  private readonly log: MetadataLog;
  private readonly seen: SeenFilesMap;
  private readonly fmt: string;
  private readonly path: string;
  private readonly maxFiles?: number;
  private readonly maxBytes?: number;
  private readonly latestFirst: boolean;
  private readonly fileNameOnly: boolean;
  private readonly cleanSource: 'off' | 'archive' | 'delete';
  private readonly archiveDir?: string;
  private lastBatch = -1;
  /** The last log entry whose files cleanSource has archived or deleted in this run. */
  private lastCleaned = -1;
  /** Under Trigger.AvailableNow: the files listed when the query started (the run reads no others). */
  private availableNowFiles: readonly ListedFile[] | undefined;

  constructor(
    format: string,
    private readonly ctx: SourceContext,
    readonly schema: StructType,
  ) {
    this.fmt = format;
    const path = ctx.paths[0];
    if (!path)
      throw new AnalysisException(
        'PATH_REQUIRED',
        `The ${format} stream source needs a path: readStream.${format}(path).`,
      );
    this.path = path;
    const o = new FileOptions(ctx.options);
    const mf = o.get('maxFilesPerTrigger');
    if (mf !== undefined) {
      this.maxFiles = Number(mf);
      if (!Number.isInteger(this.maxFiles) || this.maxFiles <= 0) {
        throw new SluiceError(
          'INVALID_OPTION',
          `Invalid value '${mf}' for option 'maxFilesPerTrigger', must be a positive integer`,
        );
      }
    }
    const mb = o.get('maxBytesPerTrigger');
    if (mb !== undefined) {
      this.maxBytes = Number(mb);
      if (!Number.isInteger(this.maxBytes) || this.maxBytes <= 0) {
        throw new SluiceError(
          'INVALID_OPTION',
          `Invalid value '${mb}' for option 'maxBytesPerTrigger', must be a positive integer`,
        );
      }
      if (this.maxFiles !== undefined) {
        throw new SluiceError(
          'INVALID_OPTION',
          "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
        );
      }
    }
    this.latestFirst = o.bool('latestFirst', false);
    this.fileNameOnly = o.bool('fileNameOnly', false);
    // a duration ('7d', '1h', '30 minutes') or, as Spark's timeStringAsMs, plain milliseconds
    const maxFileAge = o.get('maxFileAge') ?? '7d';
    const maxFileAgeMs = /^\s*\d+\s*$/.test(maxFileAge)
      ? Number(maxFileAge)
      : parseDuration(maxFileAge, 'maxFileAge');
    // newest first with a per-trigger limit would age out valid files still waiting: Spark
    // ignores maxFileAge then
    const ignoreAge = this.latestFirst && (this.maxFiles !== undefined || this.maxBytes !== undefined);
    this.seen = new SeenFilesMap(ignoreAge ? Number.POSITIVE_INFINITY : maxFileAgeMs, this.fileNameOnly);
    const clean = (o.get('cleanSource') ?? 'off').toLowerCase();
    if (clean !== 'off' && clean !== 'archive' && clean !== 'delete') {
      throw new SluiceError(
        'INVALID_OPTION',
        `Invalid value '${o.get('cleanSource')}' for option 'cleanSource': use off, archive or delete.`,
      );
    }
    this.cleanSource = clean;
    if (clean === 'archive') {
      const dir = o.get('sourceArchiveDir');
      if (!dir)
        throw new SluiceError('INVALID_OPTION', "Archive mode must be used with 'sourceArchiveDir' option.");
      this.archiveDir = resolve(dir);
    }
    this.log = new MetadataLog(ctx.metadataPath);
    for (const id of this.log.batchIds()) {
      for (const f of this.entry(id)) this.seen.add(f.path, f.timestamp);
      this.lastBatch = id;
    }
    this.seen.purge();
  }

  private entry(batchId: number): LoggedFile[] {
    const text = this.log.get(batchId);
    if (text === undefined) return [];
    return text
      .split('\n')
      .slice(1)
      .filter((l) => l)
      .map((l) => JSON.parse(l) as LoggedFile);
  }

  defaultReadLimit(): ReadLimit {
    if (this.maxFiles !== undefined) return { kind: 'maxFiles', n: this.maxFiles };
    if (this.maxBytes !== undefined) return { kind: 'maxBytes', n: this.maxBytes };
    return { kind: 'all' };
  }

  prepareForTriggerAvailableNow(): void {
    this.availableNowFiles = this.listNewFiles();
  }

  private listNewFiles(): ListedFile[] {
    let files: ListedFile[];
    try {
      const idx = buildFileIndex(
        [this.path],
        new FileOptions({ ...this.ctx.options, basePath: baseDir(this.path) }),
        {
          timeZone: this.ctx.session.timeZone(),
          caseSensitive: false,
          typeInference: true,
        },
      );
      files = idx.files.map((f) => ({ path: f.path, mtime: f.modificationTime, size: f.size }));
    } catch (e) {
      if (e instanceof AnalysisException && e.errorClass === 'PATH_NOT_FOUND') return [];
      throw e;
    }
    return files
      .filter((f) => this.seen.isNewFile(f.path, f.mtime))
      .sort(
        (a, b) => (this.latestFirst ? b.mtime - a.mtime : a.mtime - b.mtime) || a.path.localeCompare(b.path),
      );
  }

  async latestOffset(_start: Offset | null, limit: ReadLimit): Promise<Offset | null> {
    let batch = this.availableNowFiles
      ? this.availableNowFiles.filter((f) => this.seen.isNewFile(f.path, f.mtime))
      : this.listNewFiles();
    if (limit.kind === 'maxFiles') batch = batch.slice(0, limit.n);
    if (limit.kind === 'maxBytes') {
      let total = 0;
      batch = batch.filter((f, i) => {
        total += f.size;
        return i === 0 || total <= limit.n;
      });
    }
    for (const f of batch) this.seen.add(f.path, f.mtime);
    this.seen.purge();
    if (batch.length === 0) return this.lastBatch < 0 ? null : this.lastBatch;
    const id = this.lastBatch + 1;
    const entries: LoggedFile[] = batch.map((f) => ({ path: f.path, timestamp: f.mtime, batchId: id }));
    this.log.add(id, ['v1', ...entries.map((e) => JSON.stringify(e))].join('\n'));
    this.lastBatch = id;
    return id;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan> {
    const from = ((start as number | null) ?? -1) + 1;
    const files: string[] = [];
    for (let id = from; id <= (end as number); id++) files.push(...this.entry(id).map((f) => f.path));
    const session: Session = this.ctx.session;
    const df = session.read
      .format(this.fmt)
      .schema(this.schema)
      .options({ ...this.ctx.options, basePath: baseDir(this.path) })
      .load(...files);
    return df.select(...this.schema.fields.map((f) => `\`${f.name}\``)).plan;
  }

  async commit(end: Offset): Promise<void> {
    if (this.cleanSource === 'off') return;
    // each log entry once per run (the first commit of a run also covers entries committed before
    // a crash: their files may still be there)
    for (let id = this.lastCleaned + 1; id <= (end as number); id++) {
      for (const f of this.entry(id)) {
        try {
          if (this.cleanSource === 'delete') rmSync(f.path, { force: true });
          else {
            const target = join(this.archiveDir!, relative('/', f.path));
            mkdirSync(dirname(target), { recursive: true });
            renameSync(f.path, target);
          }
        } catch {
          // already cleaned by an earlier run
        }
      }
      this.lastCleaned = id;
    }
  }

  async stop(): Promise<void> {}

  description(): string {
    return `FileStreamSource[file:${resolve(this.path)}]`;
  }
}

function sourceSchema(format: string, ctx: Omit<SourceContext, 'metadataPath' | 'clock'>): StructType {
  if (ctx.schema) return ctx.schema;
  if (format === 'text')
    return { kind: 'struct', fields: [{ name: 'value', dataType: { kind: 'string' }, nullable: true }] };
  if (!ctx.session.conf.get('spark.sql.streaming.schemaInference', 'false')?.match(/^true$/i)) {
    throw new AnalysisException(
      'STREAMING_SCHEMA_REQUIRED',
      `Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.`,
    );
  }
  const path = ctx.paths[0]!;
  return ctx.session.read
    .format(format)
    .options({ ...ctx.options, basePath: baseDir(path) })
    .load(path).schema;
}

for (const format of ['text', 'json', 'csv', 'parquet']) {
  registerSourceProvider({
    format,
    sourceSchema: (ctx) => sourceSchema(format, ctx),
    createSource: (ctx) => new FileStreamSource(format, ctx, ctx.schema ?? sourceSchema(format, ctx)),
  });
}
