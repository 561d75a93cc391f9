/**
 * The `csv` format: Spark's CSV reader (header handling, schema inference, parse modes with the
 * corrupt-record column, `enforceSchema`, `multiLine`) and writer.
 *
 * Invariants: without `multiLine` a record is one line and files split on line boundaries, the
 * header being dropped only from the split at byte 0; blank and comment lines are no records;
 * a record with too few or too many fields, or a field that does not convert, is malformed.
 */
import { BATCH_SIZE } from '../../exec/task-context.js';
import type { Row } from '../../expr/expression.js';
import { malformedRecordError } from '../../expr/json/json-record-parser.js';
import {
  type DataType,
  NullType,
  StringType,
  type StructType,
  structField,
  structType,
} from '../../types/data-type.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { type CsvOptions, csvOptions } from './csv-options.js';
import { CsvTypeInference, finalCsvType } from './csv-schema-inference.js';
import { type CsvField, CsvTokenizer } from './csv-tokenizer.js';
import { BAD, checkCsvType, compileCsvConverter } from './csv-values.js';
import { compileCsvRowWriter, csvHeaderLine } from './csv-writer.js';
import type { FileFormat, FileSplit, FormatContext, ReadContext } from './file-format.js';
import type { FileEntry } from './file-index.js';
import type { FileOptions } from './file-options.js';
import {
  isLineSplitable,
  readAllLinesSync,
  readLineBatches,
  readWholeText,
  readWholeTextAsync,
} from './line-reader.js';
import { sampler } from './sampling.js';
import { TextFileOutput, textCompression } from './text-output.js';

function isSkippedLine(line: string, o: CsvOptions): boolean {
  return line.trim() === '' || (o.comment !== undefined && line.startsWith(o.comment));
}

/** Column names from a header record (Spark's makeSafeHeader). */
export function headerNames(fields: readonly CsvField[], o: CsvOptions, caseSensitive: boolean): string[] {
  if (!o.header) return fields.map((_, i) => `_c${i}`);
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const counts = new Map<string, number>();
  for (const f of fields) if (f !== null) counts.set(norm(f), (counts.get(norm(f)) ?? 0) + 1);
  return fields.map((f, i) => {
    if (f === null || f === '' || f === o.nullValue) return `_c${i}`;
    return (counts.get(norm(f)) ?? 0) > 1 ? `${f}${i}` : f;
  });
}

/** Every record of a file as fields (the header included), for inference. */
function* fileRecords(path: string, o: CsvOptions, tok: CsvTokenizer): Generator<CsvField[]> {
  if (o.multiLine) {
    for (const r of tok.records(readWholeText(path, o.encoding))) yield r.fields;
    return;
  }
  for (const line of readAllLinesSync(path, o.lineSep, o.encoding)) {
    if (!isSkippedLine(line, o)) yield tok.parseLine(line);
  }
}

function inferCsvSchema(files: readonly FileEntry[], fo: FileOptions, ctx: FormatContext): StructType {
  const o = csvOptions(fo, ctx, false);
  const tok = new CsvTokenizer(o);
  const caseSensitive = ctx.conf.getBoolean('spark.sql.caseSensitive', false);
  let names: string[] | undefined;
  let types: DataType[] = [];
  const inference = new CsvTypeInference(o);
  const keep = sampler(o.samplingRatio);
  for (const f of files) {
    let first = true;
    for (const fields of fileRecords(f.path, o, tok)) {
      if (first && o.header) {
        first = false;
        if (!names) {
          names = headerNames(fields, o, caseSensitive);
          types = names.map(() => NullType);
        }
        continue;
      }
      first = false;
      if (!names) {
        names = headerNames(fields, o, caseSensitive);
        types = names.map(() => NullType);
      }
      if (!o.inferSchema || !keep()) continue;
      for (let i = 0; i < types.length; i++) types[i] = inference.infer(types[i]!, fields[i] ?? null);
    }
    if (names && !o.inferSchema) break;
  }
  if (!names) return structType([]);
  return structType(
    names.map((n, i) => structField(n, o.inferSchema ? finalCsvType(types[i]!) : StringType, true)),
  );
}

/** One record's fields → its row (undefined: dropped in DROPMALFORMED mode). */
type CompiledCsvRecord = (fields: readonly CsvField[], raw: string) => Row | undefined;

function compileRecordParser(ctx: ReadContext, o: CsvOptions): CompiledCsvRecord {
  const data = ctx.dataSchema.fields.filter((f) => f.name !== o.columnNameOfCorruptRecord);
  const width = data.length;
  const position = new Map(data.map((f, i) => [f.name, i]));
  const required = ctx.requiredSchema.fields;
  const n = required.length;
  const corrupt = required.findIndex((f) => f.name === o.columnNameOfCorruptRecord);
  const tokenIndex = required.map((f) => position.get(f.name) ?? -1);
  const convs = required.map((f) => compileCsvConverter(f.dataType, o));
  const { nullValue, emptyValue, mode } = o;
  return (fields, raw) => {
    const row = new Array<unknown>(n);
    let bad = fields.length !== width;
    for (let i = 0; i < n; i++) {
      const ti = tokenIndex[i]!;
      if (ti < 0) {
        row[i] = null;
        continue;
      }
      const f = fields[ti];
      let text = f === undefined ? null : f === null ? nullValue : f === '' ? emptyValue : f;
      if (text === nullValue) text = null;
      if (text === null) {
        row[i] = null;
        continue;
      }
      const v = convs[i]!(text);
      if (v === BAD) {
        bad = true;
        row[i] = null;
      } else row[i] = v;
    }
    if (!bad) return row;
    if (mode === 'FAILFAST') throw malformedRecordError(raw);
    if (mode === 'DROPMALFORMED') return undefined;
    if (corrupt >= 0) row[corrupt] = raw;
    return row;
  };
}

function headerMismatch(header: string[], schema: StructType, path: string): SparkRuntimeError {
  const names = schema.fields.map((f) => f.name);
  let detail = `Number of column in CSV header is not equal to number of fields in the schema:\n Header length: ${header.length}, schema size: ${names.length}`;
  if (header.length === names.length) {
    const i = header.findIndex((h, k) => h !== names[k]);
    detail = `Expected: ${names[i]} but found: ${header[i]}`;
  }
  return new SparkRuntimeError(
    'FAILED_READ_FILE.NO_HINT',
    `Encountered error while reading file file://${path}. CSV header does not conform to the schema.\n Header: ${header.join(', ')}\n Schema: ${names.join(', ')}\n${detail}\nCSV file: file://${path}`,
  );
}

async function* readCsv(split: FileSplit, ctx: ReadContext): AsyncIterable<Row[]> {
  const o = csvOptions(ctx.options, ctx, false);
  const tok = new CsvTokenizer(o);
  const parse = compileRecordParser(ctx, o);
  const caseSensitive = ctx.conf.getBoolean('spark.sql.caseSensitive', false);
  const checkHeader = (fields: CsvField[]) => {
    if (o.enforceSchema) return;
    const header = headerNames(fields, o, caseSensitive);
    const expected = ctx.dataSchema.fields.filter((f) => f.name !== o.columnNameOfCorruptRecord);
    const same =
      header.length === expected.length &&
      header.every((h, i) =>
        caseSensitive ? h === expected[i]!.name : h.toLowerCase() === expected[i]!.name.toLowerCase(),
      );
    if (!same) throw headerMismatch(header, structType(expected), split.path);
  };
  let batch: Row[] = [];
  let first = split.start === 0 && o.header;
  if (o.multiLine) {
    if (split.start > 0) return;
    for (const r of tok.records(await readWholeTextAsync(split.path, o.encoding))) {
      if (first) {
        first = false;
        checkHeader(r.fields);
        continue;
      }
      const row = parse(r.fields, r.raw);
      if (row) batch.push(row);
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  } else {
    for await (const lines of readLineBatches(split.path, {
      start: split.start,
      end: split.start + split.length,
      encoding: o.encoding,
      ...(o.lineSep !== undefined ? { lineSep: o.lineSep } : {}),
    })) {
      for (const line of lines) {
        if (isSkippedLine(line, o)) continue;
        const fields = tok.parseLine(line);
        if (first) {
          first = false;
          checkHeader(fields);
          continue;
        }
        const row = parse(fields, line);
        if (row) batch.push(row);
        if (batch.length >= BATCH_SIZE) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length) yield batch;
}

export const csvFormat: FileFormat = {
  name: 'csv',
  inferSchema: inferCsvSchema,
  isSplitable: (path, fo) =>
    !fo.bool('multiLine', false) && isLineSplitable(path, fo.get('encoding') ?? 'UTF-8'),
  checkReadSchema: (schema) => checkCsvType(schema),
  read: readCsv,
  prepareWrite(schema, fo, ctx) {
    checkCsvType(schema, 'CSV write');
    const o = csvOptions(fo, ctx, true);
    const { suffix, gzip } = textCompression(fo.get('compression') ?? fo.get('codec'));
    const line = compileCsvRowWriter(schema, o);
    const header = o.header ? csvHeaderLine(schema, o) : undefined;
    const sep = o.lineSep ?? '\n';
    return {
      extension: `.csv${suffix}`,
      open(path) {
        const out = new TextFileOutput(path, gzip);
        // Spark writes the header even into a file with no rows
        if (header !== undefined) out.write(header + sep);
        return {
          write(rows) {
            let s = '';
            for (const r of rows) s += line(r) + sep;
            return out.write(s);
          },
          close: () => out.close(),
        };
      },
    };
  },
};
