/**
 * The contract between the file scan/write machinery and one file format (text, json, csv,
 * parquet), and the registry of formats by name.
 *
 * Invariants (every format):
 * - `read` yields rows holding exactly the `requiredSchema` fields, in that order, as engine
 *   values; batches hold at most `BATCH_SIZE` rows, and nothing reads a whole file into rows.
 * - `pushedFilters` are hints (a format may skip data that cannot match, e.g. parquet row
 *   groups); the engine still evaluates every filter after the scan.
 * - A writer's `close()` flushes everything; a file is complete only after `close()` resolves.
 */
import type { Row } from '../../expr/expression.js';
import type { StructType } from '../../types/data-type.js';
import type { Conf } from '../../util/conf.js';
import type { FileEntry } from './file-index.js';
import type { FileOptions } from './file-options.js';
import type { SourceFilter } from './source-filter.js';

export interface FormatContext {
  readonly timeZone: string;
  readonly conf: Conf;
}

/** A byte range of one file (the whole file when the format cannot split it). */
export interface FileSplit {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  readonly fileSize: number;
  readonly partitionValues: readonly unknown[];
}

export interface ReadContext extends FormatContext {
  readonly options: FileOptions;
  /** The full data schema of the relation (without partition columns). */
  readonly dataSchema: StructType;
  /** The data columns to produce, in output order. */
  readonly requiredSchema: StructType;
  readonly pushedFilters: readonly SourceFilter[];
}

export interface OutputWriter {
  write(rows: readonly Row[]): void | Promise<void>;
  close(): Promise<void>;
}

export interface OutputWriterFactory {
  /** File name suffix, e.g. `.snappy.parquet`, `.json.gz`, `.csv`. */
  readonly extension: string;
  open(path: string): OutputWriter | Promise<OutputWriter>;
}

export interface FileFormat {
  readonly name: string;
  /** The data schema of the files when the user gave none (formats that need one throw). */
  inferSchema(files: readonly FileEntry[], o: FileOptions, ctx: FormatContext): StructType;
  isSplitable(path: string, o: FileOptions): boolean;
  /** Rejects a user-given schema the format cannot read (e.g. text needs one string column). */
  checkReadSchema?(schema: StructType): void;
  read(split: FileSplit, ctx: ReadContext): AsyncIterable<Row[]>;
  /** Checks the schema can be written and builds the writer factory. */
  prepareWrite(schema: StructType, o: FileOptions, ctx: FormatContext): OutputWriterFactory;
}

const formats = new Map<string, FileFormat>();

export function registerFileFormat(f: FileFormat): void {
  formats.set(f.name, f);
}

export function lookupFileFormat(name: string): FileFormat | undefined {
  return formats.get(name.toLowerCase());
}

export function fileFormatNames(): string[] {
  return [...formats.keys()].sort();
}
