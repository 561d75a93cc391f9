/**
 * Builds the logical relation of a batch file read (`spark.read.format(f).load(paths)`): lists the
 * files once (the listing is the relation's `sourceRef`, as Spark's file index is fixed when the
 * DataFrame is created), discovers partition columns, and takes the data schema from the user
 * or infers it from the files.
 *
 * Invariant: output = data columns (minus any also found as partition columns) ++ partition
 * columns; the data schema stored in the relation never holds partition columns.
 */
import { attributeReference } from '../../expr/expression.js';
import type { DataSourceRelation } from '../../plan/logical-plan.js';
import { type StructType, structType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { FormatContext } from './file-format.js';
import { lookupFileFormat } from './file-format.js';
import { buildFileIndex, type FileEntry } from './file-index.js';
import { FileOptions } from './file-options.js';

/** What a file relation's `sourceRef` holds. */
export interface FileIndexRef {
  readonly kind: 'fileIndex';
  readonly files: readonly FileEntry[];
}

export function isFileIndexRef(v: unknown): v is FileIndexRef {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'fileIndex';
}

export function requireFileFormat(name: string) {
  const f = lookupFileFormat(name);
  if (!f) {
    throw new AnalysisException(
      'DATA_SOURCE_NOT_FOUND',
      `Failed to find the data source: ${name}. Please find packages at \`https://spark.apache.org/third-party-projects.html\`.`,
    );
  }
  return f;
}

export function buildFileRelation(
  format: string,
  paths: readonly string[],
  options: Readonly<Record<string, string>>,
  userSchema: StructType | undefined,
  ctx: FormatContext,
): DataSourceRelation {
  const fmt = requireFileFormat(format);
  const o = new FileOptions(options);
  const caseSensitive = ctx.conf.getBoolean('spark.sql.caseSensitive', false);
  const norm = (n: string) => (caseSensitive ? n : n.toLowerCase());
  const index = buildFileIndex(paths, o, {
    timeZone: ctx.timeZone,
    caseSensitive,
    typeInference: ctx.conf.getBoolean('spark.sql.sources.partitionColumnTypeInference.enabled', true),
    ...(userSchema ? { userSchema } : {}),
  });
  const partNames = new Set(index.partitionSchema.fields.map((f) => norm(f.name)));
  let dataSchema: StructType;
  if (userSchema) {
    fmt.checkReadSchema?.(structType(userSchema.fields.filter((f) => !partNames.has(norm(f.name)))));
    dataSchema = structType(userSchema.fields.filter((f) => !partNames.has(norm(f.name))));
  } else {
    const inferred = fmt.inferSchema(index.files, o, ctx);
    dataSchema = structType(inferred.fields.filter((f) => !partNames.has(norm(f.name))));
    if (dataSchema.fields.length === 0 && index.partitionSchema.fields.length === 0 && fmt.name !== 'text') {
      throw new AnalysisException(
        'UNABLE_TO_INFER_SCHEMA',
        `Unable to infer schema for ${fmt.name === 'csv' ? 'CSV' : fmt.name === 'json' ? 'JSON' : 'Parquet'}. It must be specified manually.`,
      );
    }
  }
  const fields = [...dataSchema.fields, ...index.partitionSchema.fields];
  const ref: FileIndexRef = { kind: 'fileIndex', files: index.files };
  return {
    kind: 'dataSourceRelation',
    format: fmt.name,
    options: { ...options },
    paths: [...paths],
    output: fields.map((f) => attributeReference(f.name, f.dataType, f.nullable || true)),
    dataSchema,
    partitionSchema: index.partitionSchema,
    sourceRef: ref,
  };
}
