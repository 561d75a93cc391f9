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
 * Invariants: a split reads the row groups whose midpoint lies in it (Spark's rule), so splits
 * of one file read each row group once; only the required top-level columns are decoded; a row
 * group whose statistics rule out the pushed filters is not read.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  type AsyncBuffer,
  type FileMetaData,
  parquetMetadata,
  parquetMetadataAsync,
  parquetRead,
} from 'hyparquet';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { BATCH_SIZE } from '../../exec/task-context.js';
import type { Row } from '../../expr/expression.js';
import {
  type DataType,
  defaultSize,
  type StructField,
  type StructType,
  sameType,
  simpleString,
  structType,
} from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { FileFormat, FileSplit, FormatContext, ReadContext } from './file-format.js';
import type { FileEntry } from './file-index.js';
import type { FileOptions } from './file-options.js';
import { fileScanMetrics } from './file-scan-metrics.js';
import { parquetCodec, readCompressors, writeCompressors } from './parquet-codecs.js';
import {
  type ParquetNode,
  parquetSchemaFor,
  SPARK_ROW_METADATA,
  schemaTree,
  sparkRowMetadata,
  sparkSchemaOf,
} from './parquet-schema.js';
import { mayMatch, rowGroupStats } from './parquet-statistics.js';
import {
  compileValueReader,
  compileValueWriter,
  ENGINE_PARSERS,
  rawSchema,
  rowsToColumns,
} from './parquet-values.js';

/**
 * Rows buffered per row group before it is encoded and flushed. A buffered row costs far more as
 * JS arrays plus the encoder's column copies than its `parquet.block.size` estimate (about 1-2 KB
 * for a few columns), so groups are capped by rows too: an open file holds at most this many.
 */
const MAX_ROWS_PER_GROUP = 131_072;

/** Reads a file's footer synchronously (schema inference happens when the DataFrame is created). */
export function readFooterSync(path: string): FileMetaData {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size < 12) throw notParquet(path);
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, size - 8);
    const len = tail.readUInt32LE(0);
    if (tail.toString('latin1', 4) !== 'PAR1' || len + 8 > size) throw notParquet(path);
    const buf = new Uint8Array(len + 8);
    readSync(fd, buf, 0, len + 8, size - len - 8);
    return parquetMetadata(buf, { parsers: ENGINE_PARSERS });
  } finally {
    closeSync(fd);
  }
}

function notParquet(path: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER',
    `Could not read footer for file: file://${path}. Please ensure that the file is in either ORC or Parquet format. If not, please convert it to a valid format. If the file is in the valid format, please check if it is corrupt. If it is, you can choose to either ignore it or fix the corruption.`,
  );
}

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

async function openAsyncBuffer(path: string) {
  const fh = await open(path, 'r');
  const { size } = await fh.stat();
  const file: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end = size) {
      const buf = new Uint8Array(Math.max(0, end - start));
      let done = 0;
      while (done < buf.length) {
        const { bytesRead } = await fh.read(buf, done, buf.length - done, start + done);
        if (!bytesRead) break;
        done += bytesRead;
      }
      return buf.buffer;
    },
  };
  return { file, close: () => fh.close() };
}

function leafCount(n: ParquetNode): number {
  return n.children.length ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1;
}

async function* readParquet(split: FileSplit, ctx: ReadContext): AsyncIterable<Row[]> {
  const { file, close } = await openAsyncBuffer(split.path);
  try {
    let md: FileMetaData;
    try {
      md = await parquetMetadataAsync(file, { parsers: ENGINE_PARSERS });
    } catch {
      throw notParquet(split.path);
    }
    const tree = schemaTree(md.schema);
    const byName = new Map<string, ParquetNode>();
    for (const c of tree.children)
      if (!byName.has(c.element.name.toLowerCase())) byName.set(c.element.name.toLowerCase(), c);
    const required = ctx.requiredSchema.fields;
    const nodes = required.map((f) => byName.get(f.name.toLowerCase()));
    const columns = [...new Set(nodes.filter((n) => n !== undefined).map((n) => n!.element.name))];
    const readers = required.map((f, i) =>
      nodes[i] ? compileValueReader(f.dataType, nodes[i]!) : () => null,
    );
    const slot = nodes.map((n) => (n ? columns.indexOf(n.element.name) : -1));
    const leaves = columns.reduce((s, c) => s + leafCount(byName.get(c.toLowerCase())!), 0);
    const types = new Map(
      ctx.dataSchema.fields.map((f) => [f.name.toLowerCase(), f.dataType.kind as string]),
    );
    const raw: FileMetaData = { ...md, schema: rawSchema(md.schema) };
    const end = split.start + split.length;
    let rowStart = 0;
    for (const rg of md.row_groups) {
      const numRows = Number(rg.num_rows);
      const groupStart = rowStart;
      rowStart += numRows;
      const first = rg.columns[0]?.meta_data;
      const pos = Number(first?.dictionary_page_offset ?? first?.data_page_offset ?? rg.file_offset ?? 0);
      const compressed = rg.columns.reduce((s, c) => s + Number(c.meta_data?.total_compressed_size ?? 0), 0);
      const mid = pos + compressed / 2;
      if (mid < split.start || mid >= end) continue;
      if (ctx.pushedFilters.length) {
        const stats = rowGroupStats(rg, types);
        if (!ctx.pushedFilters.every((f) => mayMatch(f, stats))) {
          fileScanMetrics.rowGroupsSkipped++;
          continue;
        }
      }
      fileScanMetrics.rowGroupsRead++;
      if (!columns.length) {
        for (let i = 0; i < numRows; i += BATCH_SIZE) {
          const k = Math.min(BATCH_SIZE, numRows - i);
          yield Array.from({ length: k }, () => required.map(() => null));
        }
        continue;
      }
      fileScanMetrics.columnsDecoded += leaves;
      let decoded: unknown[][] = [];
      await parquetRead({
        file,
        metadata: raw,
        columns,
        rowStart: groupStart,
        rowEnd: groupStart + numRows,
        utf8: false,
        parsers: ENGINE_PARSERS,
        compressors: readCompressors,
        onComplete: (rows: unknown[][]) => {
          decoded = rows;
        },
      });
      const n = required.length;
      for (let i = 0; i < decoded.length; i += BATCH_SIZE) {
        const stop = Math.min(decoded.length, i + BATCH_SIZE);
        const batch: Row[] = new Array(stop - i);
        for (let r = i; r < stop; r++) {
          const src = decoded[r]!;
          const row = new Array<unknown>(n);
          for (let c = 0; c < n; c++) {
            const s = slot[c]!;
            const v = s < 0 ? undefined : src[s];
            row[c] = v === null || v === undefined ? null : readers[c]!(v);
          }
          batch[r - i] = row;
        }
        yield batch;
      }
      decoded = [];
    }
  } finally {
    await close();
  }
}

export const parquetFormat: FileFormat = {
  name: 'parquet',
  inferSchema: inferParquetSchema,
  isSplitable: () => true,
  read: readParquet,
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
      async open(path) {
        const compressors = await writeCompressors(codec);
        const pq = new ParquetWriter({
          writer: fileWriter(path),
          schema: elements,
          codec,
          compressors,
          statisticsTruncateLength: 64,
          kvMetadata,
          createdBy: 'sluice (hyparquet-writer)',
        });
        let buffered: unknown[][] = [];
        const flush = async () => {
          if (!buffered.length) return;
          const columnData = rowsToColumns(buffered, schema, writers);
          const n = buffered.length;
          buffered = [];
          await pq.write({ columnData: columnData as never, rowGroupSize: n });
        };
        return {
          async write(rows) {
            for (const r of rows) {
              buffered.push(r);
              if (buffered.length >= groupRows) await flush();
            }
          },
          async close() {
            await flush();
            await pq.finish();
          },
        };
      },
    };
  },
};
