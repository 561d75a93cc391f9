/**
 * Reads one split of a parquet file with hyparquet, loaded when the first parquet split is read.
 *
 * Invariants: a split reads the row groups whose midpoint lies in it (Spark's rule), so splits
 * of one file read each row group once; only the required top-level columns are decoded; a row
 * group whose statistics rule out the pushed filters is not read.
 */
import { open } from 'node:fs/promises';
import { type AsyncBuffer, type FileMetaData, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors as readCompressors } from 'hyparquet-compressors';
import { BATCH_SIZE } from '../../exec/task-context.js';
import type { Row } from '../../expr/expression.js';
import type { FileSplit, ReadContext } from './file-format.js';
import { fileScanMetrics } from './file-scan-metrics.js';
import { notParquet } from './parquet-footer.js';
import { type ParquetNode, schemaTree } from './parquet-schema.js';
import { mayMatch, rowGroupStats } from './parquet-statistics.js';
import { compileValueReader, ENGINE_PARSERS, rawSchema } from './parquet-values.js';

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

export async function* readParquet(split: FileSplit, ctx: ReadContext): AsyncIterable<Row[]> {
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
