/**
 * One JSON record (a string) → a Spark value, with Spark's parse modes: what `from_json` returns
 * for each record, and the rows the JSON file reader gets from each line.
 *
 * Invariants (Spark's FailureSafeParser semantics):
 * - blank input is no record: `from_json` gives null, the file reader no row;
 * - a malformed record (bad syntax, wrong root, a value that does not fit its type) is, in
 *   PERMISSIVE mode, the partial row that could be converted (all-null when nothing could),
 *   with the raw text in the corrupt-record column when the schema has one; in FAILFAST mode a
 *   SparkRuntimeError; in DROPMALFORMED mode (file reader only) no row;
 * - for array and map schemas a malformed record is null (no partial results at the root).
 */
import type { ArrayType, DataType, MapType, StructType } from '../../types/data-type.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { compileFlatRecordBytesScanner } from './flat-record-bytes-scanner.js';
import { compileFlatRecordScanner } from './flat-record-scanner.js';
import type { JsonOptions } from './json-options.js';
import { isJsonObject, JsonSyntaxError, type JsonValue, parseJson } from './json-parser.js';
import {
  BAD_VALUE,
  compileStructConverter,
  compileValueConverter,
  type JsonValueConverter,
  PartialValue,
} from './json-value-converter.js';

type Row = unknown[];

export function malformedRecordError(text: string, cause?: unknown): SparkRuntimeError {
  return new SparkRuntimeError(
    'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
    `Malformed records are detected in record parsing: ${text}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.`,
    { record: text },
    cause === undefined ? undefined : { cause },
  );
}

/** Parses, or returns `undefined` for blank text and `SYNTAX_ERROR` for malformed text. */
const SYNTAX_ERROR: { readonly syntax: true } = Object.freeze({ syntax: true as const });
function parseOrMark(text: string, o: JsonOptions): JsonValue | undefined | typeof SYNTAX_ERROR {
  try {
    return parseJson(text, o);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return SYNTAX_ERROR;
    throw e;
  }
}

/** The index of the corrupt-record column in `schema`, or -1. */
export function corruptRecordOrdinal(schema: StructType, o: JsonOptions): number {
  return schema.fields.findIndex((f) => f.name === o.columnNameOfCorruptRecord);
}

/** `from_json(text, schema)`: compiled once per plan; the closure runs per record. */
export function compileFromJson(schema: DataType, o: JsonOptions): (text: string) => unknown {
  switch (schema.kind) {
    case 'struct':
      return compileStructRoot(schema, o);
    case 'array':
      return compileArrayRoot(schema, o);
    case 'map':
      return compileMapRoot(schema, o);
    default:
      throw new Error(
        `internal error: from_json schema must be a struct, an array or a map, got ${schema.kind}`,
      );
  }
}

function compileStructRoot(schema: StructType, o: JsonOptions): (text: string) => unknown {
  const corrupt = corruptRecordOrdinal(schema, o);
  const conv = compileStructConverter(schema, o, corrupt);
  const n = schema.fields.length;
  const failfast = o.mode === 'FAILFAST';
  const malformed = (text: string, partial: unknown): Row => {
    if (failfast) throw malformedRecordError(text);
    const row = (partial as Row | undefined) ?? new Array<unknown>(n).fill(null);
    if (corrupt >= 0) row[corrupt] = text;
    return row;
  };
  const flat = compileFlatRecordScanner(schema, o, corrupt);
  return (text) => {
    if (flat) {
      const row = flat(text);
      if (row !== undefined) return row;
    }
    const v = parseOrMark(text, o);
    if (v === undefined) return null;
    if (v === SYNTAX_ERROR) return malformed(text, undefined);
    try {
      return conv(v as JsonValue);
    } catch (e) {
      if (e === BAD_VALUE) return malformed(text, undefined);
      if (e instanceof PartialValue) return malformed(text, e.value);
      throw e;
    }
  };
}

/**
 * `from_json(CAST(bytes AS STRING), schema)` over the bytes: the byte-level flat-record scanner
 * where it applies, else `decode` (the cast) and the text path — so always the text path's result.
 * Undefined when the schema has no byte-level fast path (the caller keeps the cast + text path).
 */
export function compileFromJsonUtf8(
  schema: DataType,
  o: JsonOptions,
  decode: (bytes: Uint8Array) => string,
): ((bytes: Uint8Array) => unknown) | undefined {
  if (schema.kind !== 'struct') return undefined;
  const scan = compileFlatRecordBytesScanner(schema, o, corruptRecordOrdinal(schema, o));
  if (!scan) return undefined;
  const text = compileStructRoot(schema, o);
  return (bytes) => scan(bytes) ?? text(decode(bytes));
}

function rootFailure(o: JsonOptions): (text: string) => null {
  return o.mode === 'FAILFAST'
    ? (text) => {
        throw malformedRecordError(text);
      }
    : () => null;
}

function guarded(
  conv: JsonValueConverter,
  v: JsonValue,
  text: string,
  fail: (text: string) => null,
): unknown {
  try {
    return conv(v);
  } catch (e) {
    if (e === BAD_VALUE || e instanceof PartialValue) return fail(text);
    throw e;
  }
}

function compileArrayRoot(schema: ArrayType, o: JsonOptions): (text: string) => unknown {
  const conv = compileValueConverter(schema, o);
  // an object where an array of structs is expected is read as a one-element array
  const single =
    schema.elementType.kind === 'struct' ? compileValueConverter(schema.elementType, o) : undefined;
  const fail = rootFailure(o);
  return (text) => {
    const v = parseOrMark(text, o);
    if (v === undefined) return null;
    if (v === SYNTAX_ERROR) return fail(text);
    if (Array.isArray(v)) return guarded(conv, v, text, fail);
    if (single && isJsonObject(v as JsonValue)) {
      const r = guarded(single, v as JsonValue, text, fail);
      return r === null ? null : [r];
    }
    return fail(text);
  };
}

function compileMapRoot(schema: MapType, o: JsonOptions): (text: string) => unknown {
  const conv = compileValueConverter(schema, o);
  const fail = rootFailure(o);
  return (text) => {
    const v = parseOrMark(text, o);
    if (v === undefined) return null;
    if (v === SYNTAX_ERROR || !isJsonObject(v as JsonValue)) return fail(text);
    return guarded(conv, v as JsonValue, text, fail);
  };
}

/**
 * The JSON file reader's record parser: one line (or one whole file in multiLine mode) → rows.
 * A root array of objects gives one row per object; blank input gives no row.
 */
export function compileJsonRowParser(schema: StructType, o: JsonOptions): (text: string) => Row[] {
  const corrupt = corruptRecordOrdinal(schema, o);
  const conv = compileStructConverter(schema, o, corrupt);
  const n = schema.fields.length;
  const malformed = (text: string, partial: unknown): Row[] => {
    if (o.mode === 'FAILFAST') throw malformedRecordError(text);
    if (o.mode === 'DROPMALFORMED') return [];
    const row = (partial as Row | undefined) ?? new Array<unknown>(n).fill(null);
    if (corrupt >= 0) row[corrupt] = text;
    return [row];
  };
  return (text) => {
    const v = parseOrMark(text, o);
    if (v === undefined) return [];
    if (v === SYNTAX_ERROR) return malformed(text, undefined);
    try {
      if (Array.isArray(v)) return v.map((x) => (x === null ? BAD() : (conv(x) as Row)));
      return [conv(v as JsonValue) as Row];
    } catch (e) {
      if (e === BAD_VALUE) return malformed(text, undefined);
      if (e instanceof PartialValue) return malformed(text, Array.isArray(v) ? undefined : e.value);
      throw e;
    }
  };
}

function BAD(): never {
  throw BAD_VALUE;
}
