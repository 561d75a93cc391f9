/**
 * Writes one parquet file with hyparquet-writer, loaded when the first parquet file is opened for
 * writing: rows are buffered and written a row group at a time.
 */

import type { SchemaElement } from 'hyparquet';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { StructType } from '../../types/data-type.js';
import type { OutputWriter } from './file-format.js';
import { type ParquetCodec, writeCompressors } from './parquet-codecs.js';
import { type compileValueWriter, rowsToColumns } from './parquet-values.js';

export interface ParquetWriteSpec {
  readonly schema: StructType;
  readonly elements: SchemaElement[];
  readonly writers: ReturnType<typeof compileValueWriter>[];
  readonly codec: ParquetCodec;
  readonly groupRows: number;
  readonly kvMetadata: { key: string; value: string }[];
}

export async function openParquetWriter(path: string, spec: ParquetWriteSpec): Promise<OutputWriter> {
  const { schema, elements, writers, codec, groupRows, kvMetadata } = spec;
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
}
