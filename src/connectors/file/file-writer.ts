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
 * Invariants: a file is listed in the result only after it was closed; rows keep their order
 * within a task; an empty input still writes one (empty) file so the folder has a schema.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
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

/** Writes one task's rows (a partition of the DataFrame) into `folder`. */
async function writeTask(
  task: number,
  rows: readonly Row[],
  folder: string,
  jobId: string,
  factory: OutputWriterFactory,
  layout: ReturnType<typeof splitPartitionColumns>,
  maxRecords: number,
  timeZone: string,
  out: WrittenFile[],
  forceFile: boolean,
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
    open.set(dir, f);
    return f;
  };
  const identity = partIdx.length === 0;
  for (const r of rows) {
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
  if (forceFile && open.size === 0) await newFile('', {});
  for (const f of open.values()) await closeFile(f);
}

/**
 * Writes partitions of rows (one task each) into `folder` and returns the files written.
 * `schema` describes the rows (partition columns included).
 */
export async function writeRowsToFolder(
  partitions: readonly (readonly Row[])[],
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
  const out: WrittenFile[] = [];
  const empty = partitions.every((p) => p.length === 0);
  for (let t = 0; t < partitions.length; t++) {
    await writeTask(
      t,
      partitions[t]!,
      folder,
      jobId,
      factory,
      layout,
      maxRecords,
      ctx.timeZone,
      out,
      empty && t === 0,
    );
  }
  if (partitions.length === 0) {
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
  return writeRowsToFolder(await session.executePartitions(df.plan), df.schema, folder, spec, ctx);
}
