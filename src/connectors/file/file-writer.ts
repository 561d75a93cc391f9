/**
 * Writes rows as files into one folder, Spark's layout: one file per task (and per partition
 * folder when `partitionBy` is used), named `part-<task>-<job uuid>-c<nnn><ext>` (`.c<nnn>` under partition folders), a new `c<nnn>`
 * file each `maxRecordsPerFile` rows, partition columns moved from the rows into
 * `col=value` folder names (escaped; null and '' as `__HIVE_DEFAULT_PARTITION__`).
 *
 * This is the internal API the streaming file sink reuses: it writes straight into `folder`,
 * with no save mode, staging or `_SUCCESS` (the batch writer in file-commit.ts adds those; a
 * streaming sink commits the returned files through its own log).
 *
 * Rows stream: a task consumes its partition batch by batch as the plan computes it (see
 * `PartitionRunner`) and hands rows to the format writers in chunks, which flush row groups /
 * lines to disk as they fill — a write holds a few batches and one row group per open file in
 * memory, never the whole DataFrame.
 *
 * Invariants: a file is listed in the result only after it was closed; rows keep their order
 * within a task; an empty input still writes one (empty) file so the folder has a schema; a task
 * that fails removes the files it wrote (its retry writes them again).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFrame } from '../../dataframe/dataframe.js';
import type { Row } from '../../expr/expression.js';
import { type DataType, type StructType, structType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { FormatContext, OutputWriter, OutputWriterFactory } from './file-format.js';
import { FileOptions } from './file-options.js';
import { requireFileFormat } from './file-relation.js';
import { partitionValueText } from './partition-values.js';
import { partitionPathSegment } from './path-escaping.js';

export interface FileWriteSpec {
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  /** Identifies this write in file names (a fresh UUID when absent). */
  readonly jobId?: string;
}

export interface WrittenFile {
  /** Path relative to the folder, `/`-separated (`year=2024/part-00000-….c000.json`). */
  readonly path: string;
  /** Partition column → folder text (unescaped), null for the default partition. */
  readonly partitionValues: Readonly<Record<string, string | null>>;
  readonly numRows: number;
}

/** Where each written column comes from and which columns name the folders. */
export function splitPartitionColumns(
  schema: StructType,
  partitionBy: readonly string[],
  caseSensitive: boolean,
) {
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const partIdx = partitionBy.map((c) => {
    const i = schema.fields.findIndex((f) => norm(f.name) === norm(c));
    if (i < 0) {
      throw new AnalysisException(
        'UNRESOLVED_COLUMN.WITH_SUGGESTION',
        `Partition column \`${c}\` not found in schema ${schema.fields.map((f) => `\`${f.name}\``).join(', ')}.`,
      );
    }
    return i;
  });
  if (partIdx.length && partIdx.length === schema.fields.length) {
    throw new AnalysisException(
      'ALL_PARTITION_COLUMNS_NOT_ALLOWED',
      'Cannot use all columns for partition columns.',
    );
  }
  for (const i of partIdx) {
    const t = schema.fields[i]!.dataType;
    if (t.kind === 'struct' || t.kind === 'array' || t.kind === 'map') {
      throw new AnalysisException(
        'INVALID_PARTITION_COLUMN_DATA_TYPE',
        `Cannot use ${t.kind} for partition column.`,
      );
    }
  }
  const dataIdx = schema.fields.map((_, i) => i).filter((i) => !partIdx.includes(i));
  return {
    partIdx,
    dataIdx,
    dataSchema: structType(dataIdx.map((i) => schema.fields[i]!)),
    partTypes: partIdx.map((i) => schema.fields[i]!.dataType),
    partNames: partIdx.map((i) => schema.fields[i]!.name),
  };
}

class OpenFile {
  rows = 0;
  pending: Row[] = [];
  constructor(
    readonly rel: string,
    readonly writer: OutputWriter,
    readonly partitionValues: Record<string, string | null>,
  ) {}
}

/** The batches of one partition, produced as they are computed (or an in-memory partition). */
export type PartitionBatches = AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>;

/**
 * Runs `task` once per partition of a job, in partition order, giving it that partition's batches
 * (and the attempt number: a failed task may be re-run), and returns the tasks' results.
 */
export type PartitionRunner = <T>(
  task: (partition: number, batches: PartitionBatches, attempt: number) => Promise<T>,
) => Promise<T[]>;

/** A runner over partitions already in memory. */
export function inMemoryPartitions(partitions: readonly (readonly Row[])[]): PartitionRunner {
  return async (task) => {
    const out = [];
    for (let p = 0; p < partitions.length; p++) out.push(await task(p, [partitions[p]!], 0));
    return out;
  };
}

/** Writes one task's rows (a partition of the DataFrame) into `folder`; removes its files on failure. */
async function writeTask(
  task: number,
  batches: PartitionBatches,
  folder: string,
  jobId: string,
  factory: OutputWriterFactory,
  layout: ReturnType<typeof splitPartitionColumns>,
  maxRecords: number,
  timeZone: string,
  results: WrittenFile[],
  forceFile: boolean,
): Promise<void> {
  const out: WrittenFile[] = [];
  const opened: OpenFile[] = [];
  try {
    await writeTaskRows(
      task,
      batches,
      folder,
      jobId,
      factory,
      layout,
      maxRecords,
      timeZone,
      out,
      forceFile,
      opened,
    );
  } catch (e) {
    for (const f of opened) {
      try {
        await f.writer.close();
      } catch {
        // the task failed already; its files are removed below
      }
      rmSync(join(folder, f.rel), { force: true });
    }
    throw e;
  }
  results.push(...out);
}

async function writeTaskRows(
  task: number,
  batches: PartitionBatches,
  folder: string,
  jobId: string,
  factory: OutputWriterFactory,
  layout: ReturnType<typeof splitPartitionColumns>,
  maxRecords: number,
  timeZone: string,
  out: WrittenFile[],
  forceFile: boolean,
  opened: OpenFile[],
): Promise<void> {
  const { partIdx, dataIdx, partTypes, partNames } = layout;
  const open = new Map<string, OpenFile>();
  const counters = new Map<string, number>();
  const closeFile = async (f: OpenFile) => {
    if (f.pending.length) await f.writer.write(f.pending);
    f.pending = [];
    await f.writer.close();
    out.push({ path: f.rel, partitionValues: f.partitionValues, numRows: f.rows });
  };
  const newFile = async (dir: string, values: Record<string, string | null>) => {
    const c = counters.get(dir) ?? 0;
    counters.set(dir, c + 1);
    // Spark names files `-c000` in a single folder and `.c000` under partition folders
    const counter = `${identity ? '-' : '.'}c${String(c).padStart(3, '0')}`;
    const name = `part-${String(task).padStart(5, '0')}-${jobId}${counter}${factory.extension}`;
    const rel = dir ? `${dir}/${name}` : name;
    mkdirSync(join(folder, dir), { recursive: true });
    const f = new OpenFile(rel, await factory.open(join(folder, rel)), values);
    opened.push(f);
    open.set(dir, f);
    return f;
  };
  const identity = partIdx.length === 0;
  for await (const batch of batches) {
    for (const r of batch) {
      let dir = '';
      let values: Record<string, string | null> = {};
      if (!identity) {
        const segs: string[] = [];
        values = {};
        for (let k = 0; k < partIdx.length; k++) {
          const text = partitionValueText(r[partIdx[k]!], partTypes[k] as DataType, timeZone);
          values[partNames[k]!] = text === '' ? null : text;
          segs.push(partitionPathSegment(partNames[k]!, text));
        }
        dir = segs.join('/');
      }
      let f = open.get(dir) ?? (await newFile(dir, values));
      if (maxRecords > 0 && f.rows >= maxRecords) {
        await closeFile(f);
        f = await newFile(dir, values);
      }
      f.pending.push(identity ? r : dataIdx.map((i) => r[i]));
      f.rows++;
      if (f.pending.length >= 4096) {
        await f.writer.write(f.pending);
        f.pending = [];
      }
    }
  }
  if (forceFile && open.size === 0) await newFile('', {});
  for (const f of open.values()) await closeFile(f);
}

/**
 * Writes partitions of rows (one task each) into `folder` and returns the files written.
 * `schema` describes the rows (partition columns included).
 */
export function writeRowsToFolder(
  partitions: readonly (readonly Row[])[],
  schema: StructType,
  folder: string,
  spec: FileWriteSpec,
  ctx: FormatContext,
): Promise<WrittenFile[]> {
  return writePartitionsToFolder(inMemoryPartitions(partitions), schema, folder, spec, ctx);
}

/**
 * Writes the partitions `run` produces (one task each, streamed batch by batch) into `folder` and
 * returns the files written. `schema` describes the rows (partition columns included).
 */
export async function writePartitionsToFolder(
  run: PartitionRunner,
  schema: StructType,
  folder: string,
  spec: FileWriteSpec,
  ctx: FormatContext,
): Promise<WrittenFile[]> {
  const fmt = requireFileFormat(spec.format);
  const o = new FileOptions(spec.options);
  const layout = splitPartitionColumns(
    schema,
    spec.partitionBy,
    ctx.conf.getBoolean('spark.sql.caseSensitive', false),
  );
  const factory = fmt.prepareWrite(layout.dataSchema, o, ctx);
  const maxRecords = o.int('maxRecordsPerFile', ctx.conf.getNumber('spark.sql.files.maxRecordsPerFile', 0));
  const jobId = spec.jobId ?? randomUUID();
  mkdirSync(folder, { recursive: true });
  const perTask = await run(async (t, batches) => {
    const files: WrittenFile[] = [];
    await writeTask(t, batches, folder, jobId, factory, layout, maxRecords, ctx.timeZone, files, false);
    return files;
  });
  const out = perTask.flat();
  // no rows at all: one empty file, so the folder still has a schema
  if (out.length === 0) {
    await writeTask(0, [], folder, jobId, factory, layout, maxRecords, ctx.timeZone, out, true);
  }
  return out;
}

/**
 * Runs a DataFrame and writes its rows into `folder` (one task per partition of its plan): the
 * entry point for the streaming file sink, which commits the returned files through its own log.
 */
export async function writeFilesToFolder(
  df: DataFrame,
  folder: string,
  spec: FileWriteSpec,
): Promise<WrittenFile[]> {
  const session = df.session;
  const ctx = { timeZone: session.timeZone(), conf: session.confStoreInternal };
  return writePartitionsToFolder(dataFramePartitions(df), df.schema, folder, spec, ctx);
}

/** A runner that executes the DataFrame's plan and streams each partition to the task. */
export function dataFramePartitions(df: DataFrame): PartitionRunner {
  return (task) => df.session.consumePartitions(df.plan, task);
}
