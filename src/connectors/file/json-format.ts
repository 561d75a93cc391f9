/**
 * The `json` format: JSON Lines (one record per line) or `multiLine` (one document per file, a
 * root array giving one row per element). Reading, schema inference and writing reuse the JSON
 * engine of `from_json` / `schema_of_json` / `to_json` (src/expr/json) so the file reader and the
 * functions agree on every conversion, parse mode and corrupt-record rule.
 *
 * Invariants: inferred fields are sorted by name; in PERMISSIVE mode a malformed record seen
 * during inference adds the corrupt-record column; JSON Lines files split on line boundaries.
 */
import { BATCH_SIZE } from '../../exec/task-context.js';
import type { Row } from '../../expr/expression.js';
import { type JsonOptions, jsonOptions } from '../../expr/json/json-options.js';
import { isJsonObject, JsonSyntaxError, type JsonValue, parseJson } from '../../expr/json/json-parser.js';
import {
  compileJsonRowParser,
  corruptRecordOrdinal,
  malformedRecordError,
} from '../../expr/json/json-record-parser.js';
import { inferSchemaOfRecords } from '../../expr/json/json-schema-inference.js';
import { BAD_VALUE, compileStructConverter, PartialValue } from '../../expr/json/json-value-converter.js';
import { compileJsonWriter } from '../../expr/json/json-writer.js';
import { StringType, type StructType, structField, structType } from '../../types/data-type.js';
import { SparkRuntimeError } from '../../util/errors.js';
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

function encodingOf(o: FileOptions): string {
  return o.get('encoding') ?? o.get('charset') ?? 'UTF-8';
}

function inferJsonSchema(files: readonly FileEntry[], o: FileOptions, ctx: FormatContext): StructType {
  const jo = jsonOptions(o.raw, ctx);
  const multiLine = o.bool('multiLine', false);
  const keep = sampler(Number(o.get('samplingRatio') ?? '1'));
  const encoding = encodingOf(o);
  let malformed = false;
  function* values(): Generator<JsonValue> {
    for (const f of files) {
      const records = multiLine
        ? [readWholeText(f.path, encoding)]
        : readAllLinesSync(f.path, o.get('lineSep'), encoding);
      for (const text of records) {
        if (!keep()) continue;
        let v: JsonValue | undefined;
        try {
          v = parseJson(text, jo);
        } catch (e) {
          if (!(e instanceof JsonSyntaxError)) throw e;
          v = undefined;
          if (jo.mode === 'FAILFAST') throw inferenceFailure(jo.columnNameOfCorruptRecord, e);
          if (jo.mode === 'PERMISSIVE') malformed = true;
          continue;
        }
        if (v === undefined) continue;
        if (!isJsonObject(v) && !Array.isArray(v)) {
          if (jo.mode === 'FAILFAST') throw inferenceFailure(jo.columnNameOfCorruptRecord);
          if (jo.mode === 'PERMISSIVE') malformed = true;
          continue;
        }
        yield v;
      }
    }
  }
  const schema = inferSchemaOfRecords(values(), jo);
  if (!malformed || schema.fields.some((f) => f.name === jo.columnNameOfCorruptRecord)) return schema;
  const fields = [...schema.fields, structField(jo.columnNameOfCorruptRecord, StringType, true)];
  fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return structType(fields);
}

function inferenceFailure(column: string, cause?: unknown): SparkRuntimeError {
  return new SparkRuntimeError(
    'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
    `Malformed records are detected in record parsing: ${column}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.`,
    {},
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The row parser of a JSON record. A root array gives one row per element; when an element does
 * not fit, Spark keeps every element's partial row and marks each with the record's text
 * (PERMISSIVE), drops them all (DROPMALFORMED) or fails (FAILFAST). Other records go through the
 * shared record parser of `from_json`.
 */
function compileFileRecordParser(schema: StructType, jo: JsonOptions): (text: string) => Row[] {
  const parseRecord = compileJsonRowParser(schema, jo);
  const corrupt = corruptRecordOrdinal(schema, jo);
  const conv = compileStructConverter(schema, jo, corrupt);
  const n = schema.fields.length;
  return (text) => {
    if (!/^\s*\[/.test(text)) return parseRecord(text);
    let v: JsonValue | undefined;
    try {
      v = parseJson(text, jo);
    } catch (e) {
      if (e instanceof JsonSyntaxError) return parseRecord(text);
      throw e;
    }
    if (!Array.isArray(v)) return parseRecord(text);
    let bad = false;
    const rows = v.map((x) => {
      try {
        if (x === null) throw BAD_VALUE;
        return conv(x) as Row;
      } catch (e) {
        if (e !== BAD_VALUE && !(e instanceof PartialValue)) throw e;
        bad = true;
        return e instanceof PartialValue ? (e.value as Row) : new Array<unknown>(n).fill(null);
      }
    });
    if (!bad) return rows;
    if (jo.mode === 'FAILFAST') throw malformedRecordError(text);
    if (jo.mode === 'DROPMALFORMED') return [];
    if (corrupt >= 0) for (const r of rows) r[corrupt] = text;
    return rows;
  };
}

async function* readJson(split: FileSplit, ctx: ReadContext): AsyncIterable<Row[]> {
  const o = ctx.options;
  const jo = jsonOptions(o.raw, ctx);
  // no column needed (count()): parse against the full schema so malformed records count right
  const schema = ctx.requiredSchema.fields.length ? ctx.requiredSchema : ctx.dataSchema;
  const project = ctx.requiredSchema.fields.length === 0;
  const parse = compileFileRecordParser(schema, jo);
  const encoding = encodingOf(o);
  if (o.bool('multiLine', false)) {
    if (split.start > 0) return;
    const rows = parse(await readWholeTextAsync(split.path, encoding));
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      const b = rows.slice(i, i + BATCH_SIZE);
      yield project ? b.map(() => []) : b;
    }
    return;
  }
  const lineSep = o.get('lineSep');
  let batch: Row[] = [];
  for await (const lines of readLineBatches(split.path, {
    start: split.start,
    end: split.start + split.length,
    encoding,
    ...(lineSep !== undefined ? { lineSep } : {}),
  })) {
    for (const line of lines) {
      const rows = parse(line);
      for (const r of rows) batch.push(project ? [] : r);
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

export const jsonFormat: FileFormat = {
  name: 'json',
  inferSchema: inferJsonSchema,
  isSplitable: (path, o) => !o.bool('multiLine', false) && isLineSplitable(path, encodingOf(o)),
  read: readJson,
  prepareWrite(schema, o, ctx) {
    const jo = jsonOptions(o.raw, ctx);
    const { suffix, gzip } = textCompression(o.get('compression') ?? o.get('codec'));
    const write = compileJsonWriter(schema, {
      timeZone: jo.timeZone,
      ignoreNullFields: jo.ignoreNullFields,
      ...(jo.timestampFormat !== undefined ? { timestampFormat: jo.timestampFormat } : {}),
      ...(jo.timestampNTZFormat !== undefined ? { timestampNTZFormat: jo.timestampNTZFormat } : {}),
      ...(jo.dateFormat !== undefined ? { dateFormat: jo.dateFormat } : {}),
    });
    const sep = o.get('lineSep') ?? '\n';
    return {
      extension: `.json${suffix}`,
      open(path) {
        const out = new TextFileOutput(path, gzip);
        return {
          write(rows) {
            let s = '';
            for (const r of rows) s += write(r) + sep;
            return out.write(s);
          },
          close: () => out.close(),
        };
      },
    };
  },
};
