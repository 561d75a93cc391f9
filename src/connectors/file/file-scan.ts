/**
 * Planning and running file scans. `planFileScan` (the physical planner's `planDataSource` hook)
 * prunes partitions with the filters pushed into the relation, cuts the remaining files into
 * read tasks and records, per output column, whether it comes from the file data or from the
 * folder name. `readFileScan` (the session's ScanReader) reads one task's splits through the
 * format and streams rows in output order.
 *
 * Invariants: a pruned file is never opened; rows are produced batch by batch (never a whole
 * partition at once); a scan of zero files still has one (empty) partition.
 */
import type { DataSourceScanExec } from '../../exec/physical-plan.js';
import type { ScanReader } from '../../exec/task-context.js';
import { BATCH_SIZE } from '../../exec/task-context.js';
import { ExpressionCompiler } from '../../expr/compiler.js';
import {
  type AttributeReference,
  attributeReference,
  collectNodes,
  type Expr,
  type Row,
} from '../../expr/expression.js';
import type { DataSourceRelation } from '../../plan/logical-plan.js';
import { type StructType, structType } from '../../types/data-type.js';
import { SluiceError, SparkRuntimeError } from '../../util/errors.js';
import type { FileSplit, FormatContext } from './file-format.js';
import { buildFileIndex, type FileEntry } from './file-index.js';
import { FileOptions } from './file-options.js';
import { isFileIndexRef, requireFileFormat } from './file-relation.js';
import { fileScanMetrics } from './file-scan-metrics.js';
import { planFilePartitions } from './file-splits.js';
import { type SourceFilter, translateFilter } from './source-filter.js';

/** Where each output column of a scan comes from. */
type ColumnSource =
  | { readonly from: 'data'; readonly index: number }
  | { readonly from: 'partition'; readonly index: number };

/** What a file scan's `sourceRef` holds. */
export interface FileScanRef {
  readonly kind: 'fileScan';
  readonly dataSchema: StructType;
  readonly requiredSchema: StructType;
  readonly columns: readonly ColumnSource[];
  readonly partitions: readonly (readonly FileSplit[])[];
  readonly dataFilters: readonly SourceFilter[];
}

export interface ScanPlanningContext extends FormatContext {
  readonly parallelism: number;
}

function attrsReferenced(e: Expr): AttributeReference[] {
  return collectNodes(e, (x): x is AttributeReference => x.kind === 'attributeReference');
}

/** Keeps the files whose partition values can satisfy every partition-only filter. */
function prunePartitions(
  files: readonly FileEntry[],
  rel: DataSourceRelation,
  partitionAttrs: readonly AttributeReference[],
  ctx: ScanPlanningContext,
): readonly FileEntry[] {
  const partIds = new Set(partitionAttrs.map((a) => a.exprId));
  const filters = (rel.pushedFilters ?? []).filter((f) => {
    const refs = attrsReferenced(f);
    return refs.length > 0 && refs.every((a) => partIds.has(a.exprId));
  });
  if (!filters.length || !files.length) return files;
  const compiler = new ExpressionCompiler(partitionAttrs, {
    conf: ctx.conf,
    timeZone: ctx.timeZone,
    ansi: ctx.conf.getBoolean('spark.sql.ansi.enabled', false),
    queryStartMicros: Date.now() * 1000,
  });
  const preds = filters.map((f) => compiler.compile(f));
  const verdict = new Map<string, boolean>();
  return files.filter((f) => {
    const key = JSON.stringify(f.partitionValues, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    let keep = verdict.get(key);
    if (keep === undefined) {
      const row = f.partitionValues as Row;
      keep = preds.every((p) => p(row) === true);
      verdict.set(key, keep);
    }
    if (!keep) fileScanMetrics.filesPruned++;
    return keep;
  });
}

export function planFileScan(rel: DataSourceRelation, ctx: ScanPlanningContext): DataSourceScanExec {
  const fmt = requireFileFormat(rel.format);
  const o = new FileOptions(rel.options);
  const caseSensitive = ctx.conf.getBoolean('spark.sql.caseSensitive', false);
  const norm = (n: string) => (caseSensitive ? n : n.toLowerCase());
  const partitionSchema = rel.partitionSchema ?? structType([]);
  const files = isFileIndexRef(rel.sourceRef)
    ? rel.sourceRef.files
    : buildFileIndex(rel.paths, o, {
        timeZone: ctx.timeZone,
        caseSensitive,
        typeInference: true,
      }).files;

  const partIndex = new Map(partitionSchema.fields.map((f, i) => [norm(f.name), i]));
  const dataIndex = new Map(rel.dataSchema.fields.map((f, i) => [norm(f.name), i]));
  const columns: ColumnSource[] = [];
  const required: number[] = [];
  const partitionAttrs = partitionSchema.fields.map((f) => attributeReference(f.name, f.dataType, true));
  for (const a of rel.output) {
    const p = partIndex.get(norm(a.name));
    if (p !== undefined) {
      columns.push({ from: 'partition', index: p });
      partitionAttrs[p] = a;
      continue;
    }
    const d = dataIndex.get(norm(a.name));
    if (d === undefined) throw new Error(`internal error: column ${a.name} is not in the files' schema`);
    columns.push({ from: 'data', index: required.length });
    required.push(d);
  }
  const requiredSchema = structType(required.map((i) => rel.dataSchema.fields[i]!));
  const kept = prunePartitions(files, rel, partitionAttrs, ctx);

  const names = new Map(rel.output.map((a) => [a.exprId, a.name]));
  const dataFilters: SourceFilter[] = [];
  for (const f of rel.pushedFilters ?? []) {
    const refs = attrsReferenced(f);
    if (!refs.length || refs.some((a) => partIndex.has(norm(a.name)))) continue;
    const t = translateFilter(f, (id) => names.get(id), ctx.timeZone);
    if (t) dataFilters.push(t);
  }
  const partitions = planFilePartitions(kept, {
    maxPartitionBytes: ctx.conf.getNumber('spark.sql.files.maxPartitionBytes', 128 * 1024 * 1024),
    openCostInBytes: ctx.conf.getNumber('spark.sql.files.openCostInBytes', 4 * 1024 * 1024),
    minPartitionNum: ctx.conf.getNumber('spark.sql.files.minPartitionNum', ctx.parallelism),
    isSplitable: (path) => fmt.isSplitable(path, o),
  });
  const ref: FileScanRef = {
    kind: 'fileScan',
    dataSchema: rel.dataSchema,
    requiredSchema,
    columns,
    partitions,
    dataFilters,
  };
  return {
    kind: 'dataSourceScanExec',
    output: rel.output,
    format: rel.format,
    options: rel.options,
    paths: rel.paths,
    sourceRef: ref,
    pushedFilters: rel.pushedFilters ?? [],
    numPartitions: Math.max(1, partitions.length),
    dataAttrs: rel.output,
  };
}

function readError(path: string, e: unknown): Error {
  if (e instanceof SluiceError) return e;
  return new SparkRuntimeError(
    'FAILED_READ_FILE.NO_HINT',
    `Encountered error while reading file file://${path}.`,
    { path },
    { cause: e },
  );
}

/** The session's ScanReader for file formats. */
export const readFileScan: ScanReader = async function* (node, partition, ctx) {
  const ref = node.sourceRef as FileScanRef;
  const fmt = requireFileFormat(node.format);
  const options = new FileOptions(node.options);
  const readCtx = {
    timeZone: ctx.fn.timeZone,
    conf: ctx.fn.conf,
    options,
    dataSchema: ref.dataSchema,
    requiredSchema: ref.requiredSchema,
    pushedFilters: ref.dataFilters,
  };
  const ignoreMissing = options.bool(
    'ignoreMissingFiles',
    ctx.fn.conf.getBoolean('spark.sql.files.ignoreMissingFiles', false),
  );
  const cols = ref.columns;
  const n = cols.length;
  const identity = cols.every((c, i) => c.from === 'data' && c.index === i);
  for (const split of ref.partitions[partition] ?? []) {
    fileScanMetrics.filesOpened++;
    const pv = split.partitionValues;
    try {
      let out: Row[] = [];
      for await (const batch of fmt.read(split, readCtx)) {
        if (identity) {
          yield batch;
          continue;
        }
        for (const r of batch) {
          const o = new Array<unknown>(n);
          for (let i = 0; i < n; i++) {
            const c = cols[i]!;
            o[i] = c.from === 'data' ? r[c.index] : (pv[c.index] ?? null);
          }
          out.push(o);
        }
        if (out.length >= BATCH_SIZE) {
          yield out;
          out = [];
        }
      }
      if (out.length) yield out;
    } catch (e) {
      if (ignoreMissing && (e as { code?: string }).code === 'ENOENT') continue;
      throw readError(split.path, e);
    }
  }
};
