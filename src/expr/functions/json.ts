/**
 * JSON functions: from_json, to_json, get_json_object, schema_of_json, json_array_length,
 * json_object_keys (json_tuple is a generator: generators.ts). The parsing, conversion, writing
 * and inference machinery lives in `expr/json/` so the JSON file source reuses it.
 *
 * Invariants: schemas and options are constants resolved at analysis (carried in `params`);
 * compile builds the record parser / writer once, so the per-row path is parse + convert.
 * Pretty names show only the JSON argument, as Spark's do (`from_json(value)`), and
 * `from_json` with a MAP schema is named `entries` like in Spark.
 */
import {
  arrayType,
  asNullable,
  type DataType,
  IntegerType,
  StringType,
  type StructType,
  sqlTypeName,
} from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { parseSchemaText } from '../json/data-type-json.js';
import { jsonOptions, optionsRecord } from '../json/json-options.js';
import { isJsonObject, JsonSyntaxError, jsonObjectKeys, parseJson } from '../json/json-parser.js';
import { evaluateJsonPath, type PathInstruction, parseJsonPath } from '../json/json-path.js';
import { compileFromJson, compileFromJsonUtf8, corruptRecordOrdinal } from '../json/json-record-parser.js';
import { schemaOfJsonValue } from '../json/json-schema-inference.js';
import { compileJsonWriter } from '../json/json-writer.js';
import { prettyName } from '../pretty-name.js';
import { utf8DecodeSource } from '../utf8-decode-evaluators.js';
import { evaluateConstant } from './collection-common.js';
import { coerceArg } from './input-coercion.js';
import { isFoldable, nullSafe1, nullSafe2 } from './null-safe.js';

/** The options argument of a JSON function: a `map(...)` of string constants (Spark's rule). */
export function constantOptions(e: Expr | undefined, ctx: FunctionContext): Record<string, string> {
  if (e === undefined) return {};
  const t = dataTypeOf(e);
  if (t.kind !== 'map' || !isFoldable(e)) {
    throw new AnalysisException(
      'INVALID_OPTIONS.NON_MAP_FUNCTION',
      'Invalid options: Must use the `map()` function for options.',
    );
  }
  const ok = (k: DataType) => k.kind === 'string' || k.kind === 'null';
  if (!ok(t.keyType) || !ok(t.valueType)) {
    throw new AnalysisException(
      'INVALID_OPTIONS.NON_STRING_TYPE',
      `Invalid options: A type of keys and values in \`map()\` must be string, but got "${sqlTypeName(t)}".`,
    );
  }
  return optionsRecord(evaluateConstant(e, ctx));
}

function invalidJsonSchema(t: DataType): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.INVALID_JSON_SCHEMA',
    `Cannot resolve "x" due to data type mismatch: Input schema "${sqlTypeName(t)}" must be a struct, an array, a map or a variant.`,
  );
}

function checkMapKeys(schema: DataType, whole: DataType): void {
  switch (schema.kind) {
    case 'map':
      if (schema.keyType.kind !== 'string') {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE',
          `Cannot resolve "x" due to data type mismatch: Input schema "${sqlTypeName(whole)}" can only contain STRING as a key type for a MAP.`,
        );
      }
      checkMapKeys(schema.valueType, whole);
      return;
    case 'array':
      checkMapKeys(schema.elementType, whole);
      return;
    case 'struct':
      for (const f of schema.fields) checkMapKeys(f.dataType, whole);
      return;
    default:
      return;
  }
}

/** The schema argument of from_json: a string literal (DDL or JSON form) or schema_of_json(...). */
function constantSchema(e: Expr, ctx: FunctionContext): DataType {
  const notLiteral = () =>
    new AnalysisException(
      'INVALID_SCHEMA.NON_STRING_LITERAL',
      `The input schema "${prettyName(e)}" is not a valid schema string. The input expression must be string literal and not null.`,
    );
  if (dataTypeOf(e).kind !== 'string' || !isFoldable(e)) throw notLiteral();
  const text = evaluateConstant(e, ctx);
  if (typeof text !== 'string') throw notLiteral();
  return parseSchemaText(text);
}

const fromJson: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'from_json',
  minArgs: 2,
  maxArgs: 3,
  prettyName: (args, call) =>
    (call.params?.schema as DataType | undefined)?.kind === 'map' ? 'entries' : `from_json(${args[0]})`,
  resolve: (args, ctx) => {
    const json = coerceArg(args[0]!, StringType, 0);
    const schema = constantSchema(args[1]!, ctx);
    if (schema.kind !== 'struct' && schema.kind !== 'array' && schema.kind !== 'map')
      throw invalidJsonSchema(schema);
    checkMapKeys(schema, schema);
    const options = constantOptions(args[2], ctx);
    const o = jsonOptions(options, ctx);
    if (o.mode === 'DROPMALFORMED') {
      throw new AnalysisException(
        'PARSE_MODE_UNSUPPORTED',
        "The function `from_json` doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST.",
      );
    }
    const resultType = asNullable(schema);
    if (resultType.kind === 'struct') {
      const i = corruptRecordOrdinal(resultType, o);
      const f = (resultType as StructType).fields[i];
      if (f && f.dataType.kind !== 'string') {
        throw new AnalysisException(
          'INVALID_CORRUPT_RECORD_TYPE',
          `The column \`${f.name}\` for corrupt records must have the nullable STRING type, but got "${sqlTypeName(f.dataType)}".`,
        );
      }
    }
    return { args: [json], dataType: resultType, nullable: true, params: { schema: resultType, options } };
  },
  compile: (call, [json], ctx) => {
    const schema = call.params!.schema as DataType;
    const o = jsonOptions(call.params!.options as Record<string, string>, ctx);
    // from_json(CAST(bytes AS STRING)) (Kafka's value): read the bytes, same result
    const utf8 = utf8DecodeSource(json!);
    const overBytes = utf8 && compileFromJsonUtf8(schema, o, utf8.decode);
    if (utf8 && overBytes) return nullSafe1(utf8.bytes, overBytes);
    return nullSafe1(json!, compileFromJson(schema, o));
  },
};

const toJson: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'to_json',
  minArgs: 1,
  maxArgs: 2,
  prettyName: (args) => `to_json(${args[0]})`,
  resolve: (args, ctx) => {
    const t = dataTypeOf(args[0]!);
    if (t.kind !== 'struct' && t.kind !== 'array' && t.kind !== 'map') throw invalidJsonSchema(t);
    const options = constantOptions(args[1], ctx);
    return { args: [args[0]!], dataType: StringType, nullable: true, params: { options } };
  },
  compile: (call, [value], ctx) => {
    const o = jsonOptions(call.params!.options as Record<string, string>, ctx);
    return nullSafe1(value!, compileJsonWriter(dataTypeOf(call.args[0]!), o));
  },
};

/** Parses the document, or null when it is blank or malformed. */
function parseDocument(text: string) {
  try {
    const v = parseJson(text);
    return v === undefined ? null : v;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return undefined;
    throw e;
  }
}

const getJsonObject: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'get_json_object',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => ({
    args: [coerceArg(args[0]!, StringType, 0), coerceArg(args[1]!, StringType, 1)],
    dataType: StringType,
    nullable: true,
  }),
  compile: (call, [json, path], ctx) => {
    const run = (text: string, p: readonly PathInstruction[] | undefined) => {
      if (!p) return null;
      const doc = parseDocument(text);
      return doc === undefined ? null : evaluateJsonPath(doc, p);
    };
    if (isFoldable(call.args[1]!)) {
      const p = evaluateConstant(call.args[1]!, ctx);
      if (p === null) return () => null;
      const parsed = parseJsonPath(p as string);
      if (!parsed) return () => null;
      return nullSafe1(json!, (text: string) => run(text, parsed));
    }
    const cache = new Map<string, PathInstruction[] | undefined>();
    return nullSafe2(json!, path!, (text: string, p: string) => {
      let parsed = cache.get(p);
      if (parsed === undefined && !cache.has(p)) {
        if (cache.size > 256) cache.clear();
        parsed = parseJsonPath(p);
        cache.set(p, parsed);
      }
      return run(text, parsed);
    });
  },
};

const schemaOfJson: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'schema_of_json',
  minArgs: 1,
  maxArgs: 2,
  prettyName: (args) => `schema_of_json(${args[0]})`,
  resolve: (args, ctx) => {
    const e = args[0]!;
    if (!isFoldable(e) || dataTypeOf(e).kind !== 'string') {
      if (dataTypeOf(e).kind === 'null') {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.UNEXPECTED_NULL',
          'Cannot resolve "x" due to data type mismatch: The json must not be null.',
        );
      }
      throw new AnalysisException(
        'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
        `Cannot resolve "x" due to data type mismatch: the input \`json\` should be a foldable "STRING" expression; however, got "${prettyName(e)}".`,
      );
    }
    if (evaluateConstant(e, ctx) === null) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.UNEXPECTED_NULL',
        'Cannot resolve "x" due to data type mismatch: The json must not be null.',
      );
    }
    const options = constantOptions(args[1], ctx);
    return { args: [e], dataType: StringType, nullable: false, params: { options } };
  },
  compile: (call, [json], ctx) => {
    const o = jsonOptions(call.params!.options as Record<string, string>, ctx);
    const text = evaluateConstant(call.args[0]!, ctx) as string;
    void json;
    // computed on first use, so a malformed document fails the query at run time as in Spark
    let ddl: string | undefined;
    return () => {
      if (ddl === undefined) ddl = sqlTypeName(inferSchemaOfText(text, o));
      return ddl;
    };
  },
};

/** schema_of_json's inference over one document (throws on malformed JSON, like Spark). */
export function inferSchemaOfText(
  text: string,
  o: Parameters<typeof schemaOfJsonValue>[1] & Parameters<typeof parseJson>[1],
): DataType {
  let v: ReturnType<typeof parseJson>;
  try {
    v = parseJson(text, o);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      throw new SparkRuntimeError(
        'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
        `Malformed records are detected in schema inference: ${text}. ${e.message}.`,
        { record: text },
        { cause: e },
      );
    }
    throw e;
  }
  return v === undefined ? StringType : schemaOfJsonValue(v, o);
}

const jsonArrayLength: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'json_array_length',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({ args: [coerceArg(args[0]!, StringType, 0)], dataType: IntegerType, nullable: true }),
  compile: (_call, [json]) =>
    nullSafe1(json!, (text: string) => {
      const doc = parseDocument(text);
      return Array.isArray(doc) ? doc.length : null;
    }),
};

const jsonObjectKeysFn: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'json_object_keys',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({
    args: [coerceArg(args[0]!, StringType, 0)],
    dataType: arrayType(StringType, true),
    nullable: true,
  }),
  compile: (_call, [json]) =>
    nullSafe1(json!, (text: string) => {
      const doc = parseDocument(text);
      return doc !== null && doc !== undefined && isJsonObject(doc) ? [...jsonObjectKeys(doc)] : null;
    }),
};

registerFunctions([fromJson, toJson, getJsonObject, schemaOfJson, jsonArrayLength, jsonObjectKeysFn]);
