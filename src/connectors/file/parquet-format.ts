/**
 * The `parquet` format, on the `hyparquet` family of libraries.
 *
 * Why hyparquet (+ hyparquet-writer, hyparquet-compressors): pure JavaScript (codecs in small
 * WASM blobs shipped inside the npm packages), so it installs from npm with nothing downloaded at
 * install time and no native build; it reads and writes, with every Spark type including nested
 * lists/maps/structs, INT96 timestamps and decimals; it reads a chosen set of columns and row
 * range (column pruning, one row group at a time); it exposes footer statistics for row-group
 * skipping; and it is actively maintained. parquet-wasm needs Apache Arrow as the interchange
 * (a second large dependency and a row→Arrow conversion), @dsnp/parquetjs has weaker nested
 * support and no zstd writing.
 *
 * Start-up: registering the format loads only hyparquet's footer parser (schema inference is
 * synchronous); the reader (parquet-reader.ts, hyparquet + codecs) and the writer
 * (parquet-file-writer.ts, hyparquet-writer) are imported when a split is first read or a file
 * first opened for writing.
 */
import type { FileMetaData } from 'hyparquet';
import {
  type DataType,
  defaultSize,
  type StructField,
  type StructType,
  sameType,
  simpleString,
  structType,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { FileFormat, FormatContext } from './file-format.js';
import type { FileEntry } from './file-index.js';
import type { FileOptions } from './file-options.js';
import { parquetCodec } from './parquet-codecs.js';
import { readFooterSync } from './parquet-footer.js';
import { parquetSchemaFor, SPARK_ROW_METADATA, sparkRowMetadata, sparkSchemaOf } from './parquet-schema.js';
import { compileValueWriter } from './parquet-values.js';

/**
 * Rows buffered per row group before it is encoded and flushed. A buffered row costs far more as
 * JS arrays plus the encoder's column copies than its `parquet.block.size` estimate (about 1-2 KB
 * for a few columns), so groups are capped by rows too: an open file holds at most this many.
 */
const MAX_ROWS_PER_GROUP = 131_072;

function fileSparkSchema(md: FileMetaData, o: FileOptions, ctx: FormatContext): StructType {
  const binaryAsString = o.bool(
    'binaryAsString',
    ctx.conf.getBoolean('spark.sql.parquet.binaryAsString', false),
  );
  return sparkSchemaOf(md.schema, md.key_value_metadata, binaryAsString);
}

/** Spark's StructType.merge for mergeSchema: fields of the first schema, then new ones. */
export function mergeStructs(a: StructType, b: StructType): StructType {
  const fields: StructField[] = [...a.fields];
  for (const f of b.fields) {
    const i = fields.findIndex((g) => g.name.toLowerCase() === f.name.toLowerCase());
    if (i < 0) {
      fields.push(f);
      continue;
    }
    const g = fields[i]!;
    fields[i] = {
      ...g,
      dataType: mergeTypes(g.dataType, f.dataType, g.name),
      nullable: g.nullable || f.nullable,
    };
  }
  return structType(fields);
}

function mergeTypes(a: DataType, b: DataType, name: string): DataType {
  if (a.kind === 'struct' && b.kind === 'struct') return mergeStructs(a, b);
  if (a.kind === 'array' && b.kind === 'array') {
    return {
      ...a,
      elementType: mergeTypes(a.elementType, b.elementType, name),
      containsNull: a.containsNull || b.containsNull,
    };
  }
  if (a.kind === 'map' && b.kind === 'map') {
    return {
      ...a,
      keyType: mergeTypes(a.keyType, b.keyType, name),
      valueType: mergeTypes(a.valueType, b.valueType, name),
      valueContainsNull: a.valueContainsNull || b.valueContainsNull,
    };
  }
  if (sameType(a, b, true)) return a;
  throw new AnalysisException(
    'CANNOT_MERGE_SCHEMAS',
    `Failed merging schemas: Failed to merge fields '${name}' and '${name}'. Failed to merge incompatible data types "${simpleString(a).toUpperCase()}" and "${simpleString(b).toUpperCase()}".`,
  );
}

function inferParquetSchema(files: readonly FileEntry[], o: FileOptions, ctx: FormatContext): StructType {
  const candidates = files.filter((f) => f.size > 0);
  if (!candidates.length) return structType([]);
  const merge = o.bool('mergeSchema', ctx.conf.getBoolean('spark.sql.parquet.mergeSchema', false));
  if (!merge) return fileSparkSchema(readFooterSync(candidates[0]!.path), o, ctx);
  let acc: StructType | undefined;
  for (const f of candidates) {
    const s = fileSparkSchema(readFooterSync(f.path), o, ctx);
    acc = acc ? mergeStructs(acc, s) : s;
  }
  return acc!;
}

export const parquetFormat: FileFormat = {
  name: 'parquet',
  inferSchema: inferParquetSchema,
  isSplitable: () => true,
  async *read(split, ctx) {
    const { readParquet } = await import('./parquet-reader.js');
    yield* readParquet(split, ctx);
  },
  prepareWrite(schema, o, ctx) {
    const { codec, infix } = parquetCodec(
      o.get('compression') ?? o.get('codec') ?? ctx.conf.get('spark.sql.parquet.compression.codec'),
    );
    const elements = parquetSchemaFor(schema);
    const writers = schema.fields.map((f) => compileValueWriter(f.dataType));
    const rowBytes = Math.max(8, defaultSize(schema));
    const blockSize = o.int('parquet.block.size', 128 * 1024 * 1024);
    const groupRows = Math.max(1, Math.min(MAX_ROWS_PER_GROUP, Math.floor(blockSize / rowBytes)));
    const kvMetadata = [
      // tells Spark the exact types and that dates/timestamps are proleptic Gregorian (no rebase)
      { key: 'org.apache.spark.version', value: '4.0.0' },
      { key: SPARK_ROW_METADATA, value: sparkRowMetadata(schema) },
    ];
    return {
      extension: `${infix}.parquet`,
      open: async (path) => {
        const { openParquetWriter } = await import('./parquet-file-writer.js');
        return openParquetWriter(path, { schema, elements, writers, codec, groupRows, kvMetadata });
      },
    };
  },
};
