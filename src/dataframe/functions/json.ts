/**
 * PySpark's JSON functions as Column builders: `F.fromJson`, `F.toJson`, `F.getJsonObject`,
 * `F.jsonTuple`, `F.schemaOfJson`, `F.jsonArrayLength`, `F.jsonObjectKeys` (snake_case too).
 *
 * As in PySpark: a schema is a DDL string, a DataType, or a Column (e.g. `F.schemaOfJson(...)`);
 * options are a plain record passed as a `map(...)` of strings; `schemaOfJson('{"a":1}')` takes
 * a JSON literal, not a column name.
 */
import { dataTypeToJson } from '../../expr/json/data-type-json.js';
import type { DataType } from '../../types/data-type.js';
import { Column, type ColumnOrName, call, lit } from '../column.js';

export type JsonFunctionOptions = Readonly<Record<string, string | number | boolean>>;

function optionsColumn(options: JsonFunctionOptions): Column {
  return call(
    'map',
    Object.entries(options).flatMap(([k, v]) => [lit(k), lit(String(v))]),
  );
}

function schemaColumn(schema: DataType | string | Column): Column {
  if (schema instanceof Column) return schema;
  if (typeof schema === 'string') return lit(schema);
  return lit(JSON.stringify(dataTypeToJson(schema)));
}

/** Parses a JSON string column with a schema (DDL string, DataType or Column). */
export function fromJson(
  c: ColumnOrName,
  schema: DataType | string | Column,
  options?: JsonFunctionOptions,
): Column {
  const args = [c, schemaColumn(schema)];
  return call('from_json', options ? [...args, optionsColumn(options)] : args);
}
export const from_json = fromJson;

export function toJson(c: ColumnOrName, options?: JsonFunctionOptions): Column {
  return call('to_json', options ? [c, optionsColumn(options)] : [c]);
}
export const to_json = toJson;

export function getJsonObject(c: ColumnOrName, path: string): Column {
  return call('get_json_object', [c, lit(path)]);
}
export const get_json_object = getJsonObject;

/** A generator: one column per field (c0, c1, …). */
export function jsonTuple(c: ColumnOrName, ...fields: string[]): Column {
  return call('json_tuple', [c, ...fields.map((f) => lit(f))]);
}
export const json_tuple = jsonTuple;

/** `json` is a JSON literal when a string (as in PySpark), or a foldable Column. */
export function schemaOfJson(json: string | Column, options?: JsonFunctionOptions): Column {
  const j = typeof json === 'string' ? lit(json) : json;
  return call('schema_of_json', options ? [j, optionsColumn(options)] : [j]);
}
export const schema_of_json = schemaOfJson;

export function jsonArrayLength(c: ColumnOrName): Column {
  return call('json_array_length', [c]);
}
export const json_array_length = jsonArrayLength;

export function jsonObjectKeys(c: ColumnOrName): Column {
  return call('json_object_keys', [c]);
}
export const json_object_keys = jsonObjectKeys;
