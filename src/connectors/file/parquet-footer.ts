/**
 * Parquet footers read synchronously (schema inference happens when the DataFrame is created),
 * with hyparquet's metadata parser only: the reader and the writer load on first use.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FileMetaData } from 'hyparquet';
import { parquetMetadata } from 'hyparquet/src/metadata.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { ENGINE_PARSERS } from './parquet-values.js';

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

export function notParquet(path: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER',
    `Could not read footer for file: file://${path}. Please ensure that the file is in either ORC or Parquet format. If not, please convert it to a valid format. If the file is in the valid format, please check if it is corrupt. If it is, you can choose to either ignore it or fix the corruption.`,
  );
}
