/**
 * Spark's JSON schema inference (`schema_of_json`, `spark.read.json` without a schema): the type
 * of each JSON value, the merge of two inferred types, and the final canonical form.
 *
 * Invariants (Spark's JsonInferSchema):
 * - integers are BIGINT (DECIMAL(n,0) past the long range, DOUBLE past 38 digits), fractions are
 *   DOUBLE (DECIMAL with `prefersDecimal` when it fits), strings STRING, booleans BOOLEAN;
 * - struct fields are sorted by name; merging two types widens numbers, merges structs field by
 *   field and arrays element-wise, and falls back to STRING for anything else;
 * - canonical form: NULL → STRING, fields with empty names and empty structs removed.
 */
import {
  arrayType,
  BooleanType,
  type DataType,
  type DecimalType,
  DoubleType,
  decimalType,
  LongType,
  NullType,
  StringType,
  type StructField,
  type StructType,
  structField,
  structType,
} from '../../types/data-type.js';
import type { JsonOptions } from './json-options.js';
import { JsonFloat, type JsonObject, type JsonValue, jsonObjectKeys } from './json-parser.js';

export type InferOptions = Pick<JsonOptions, 'primitivesAsString' | 'prefersDecimal'>;

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function compareNames(a: StructField, b: StructField): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Java BigDecimal precision/scale of a decimal token's text. */
function decimalOfText(text: string): DecimalType | undefined {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  const digits = ((m[1] ?? '') + frac).replace(/^0+(?=\d)/, '');
  const scale = frac.length - exp;
  const precision = digits.length;
  if (scale < 0) return undefined;
  const p = Math.max(precision, scale);
  return p <= 38 ? decimalType(p, scale) : undefined;
}

/** The inferred type of one JSON value (NULL for null). */
export function inferJsonType(v: JsonValue, o: InferOptions): DataType {
  if (v === null) return NullType;
  switch (typeof v) {
    case 'string':
      return StringType;
    case 'boolean':
      return o.primitivesAsString ? StringType : BooleanType;
    case 'number':
      return o.primitivesAsString ? StringType : LongType;
    case 'bigint': {
      if (o.primitivesAsString) return StringType;
      if (v >= LONG_MIN && v <= LONG_MAX) return LongType;
      const digits = (v < 0n ? -v : v).toString().length;
      return digits <= 38 ? decimalType(digits, 0) : DoubleType;
    }
  }
  if (v instanceof JsonFloat) {
    if (o.primitivesAsString) return StringType;
    if (o.prefersDecimal && Number.isFinite(v.value)) return decimalOfText(v.text) ?? DoubleType;
    return DoubleType;
  }
  if (Array.isArray(v)) {
    let el: DataType = NullType;
    for (const x of v) el = mergeJsonTypes(el, inferJsonType(x, o));
    return arrayType(el, true);
  }
  const obj = v as JsonObject;
  const fields: StructField[] = [];
  for (const k of jsonObjectKeys(obj)) fields.push(structField(k, inferJsonType(obj[k]!, o), true));
  fields.sort(compareNames);
  return structType(fields);
}

const INTEGRAL_AS_DECIMAL: Record<string, DecimalType> = {
  byte: decimalType(3, 0),
  short: decimalType(5, 0),
  integer: decimalType(10, 0),
  long: decimalType(20, 0),
};

function mergeDecimals(a: DecimalType, b: DecimalType): DataType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return range + scale > 38 ? DoubleType : decimalType(range + scale, scale);
}

const NUMERIC_ORDER = ['byte', 'short', 'integer', 'long', 'float', 'double'];

/** Spark's `JsonInferSchema.compatibleType`. */
export function mergeJsonTypes(a: DataType, b: DataType): DataType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  const ia = NUMERIC_ORDER.indexOf(a.kind);
  const ib = NUMERIC_ORDER.indexOf(b.kind);
  if (ia >= 0 && ib >= 0) return ia >= ib ? a : b;
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    if (a.kind === 'double' || b.kind === 'double' || a.kind === 'float' || b.kind === 'float')
      return DoubleType;
    const da = a.kind === 'decimal' ? a : INTEGRAL_AS_DECIMAL[a.kind];
    const db = b.kind === 'decimal' ? b : INTEGRAL_AS_DECIMAL[b.kind];
    if (da && db) return mergeDecimals(da, db);
    return StringType;
  }
  if (a.kind === 'struct' && b.kind === 'struct') return mergeStructs(a, b);
  if (a.kind === 'array' && b.kind === 'array') {
    return arrayType(mergeJsonTypes(a.elementType, b.elementType), a.containsNull || b.containsNull);
  }
  if (a.kind === b.kind && a.kind !== 'map') return a;
  if (
    (a.kind === 'timestamp' && b.kind === 'timestamp_ntz') ||
    (a.kind === 'timestamp_ntz' && b.kind === 'timestamp')
  ) {
    return a.kind === 'timestamp' ? a : b;
  }
  return StringType;
}

function mergeStructs(a: StructType, b: StructType): StructType {
  const byName = new Map<string, StructField>();
  for (const f of a.fields) byName.set(f.name, f);
  for (const f of b.fields) {
    const g = byName.get(f.name);
    byName.set(f.name, g ? structField(f.name, mergeJsonTypes(g.dataType, f.dataType), true) : f);
  }
  return structType([...byName.values()].sort(compareNames));
}

/** Spark's `canonicalizeType`: undefined means "drop this field". */
export function canonicalizeJsonType(t: DataType): DataType | undefined {
  switch (t.kind) {
    case 'null':
      return StringType;
    case 'array': {
      const el = canonicalizeJsonType(t.elementType);
      return el ? arrayType(el, t.containsNull) : undefined;
    }
    case 'struct': {
      const fields: StructField[] = [];
      for (const f of t.fields) {
        if (f.name === '') continue;
        const c = canonicalizeJsonType(f.dataType);
        if (c) fields.push(structField(f.name, c, true));
      }
      return fields.length === 0 ? undefined : structType(fields);
    }
    default:
      return t;
  }
}

/** The schema `schema_of_json` reports for one JSON value. */
export function schemaOfJsonValue(v: JsonValue, o: InferOptions): DataType {
  const t = inferJsonType(v, o);
  const c = canonicalizeJsonType(t);
  if (c) return c;
  return t.kind === 'struct' ? structType([]) : StringType;
}

/**
 * Schema of many JSON records (the file reader): root objects merge into one struct, root
 * arrays contribute their object elements; anything else is ignored as Spark does.
 */
export function inferSchemaOfRecords(values: Iterable<JsonValue>, o: InferOptions): StructType {
  let acc: DataType = structType([]);
  for (const v of values) {
    if (v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) {
        const t = inferJsonType(x, o);
        if (t.kind === 'struct') acc = mergeJsonTypes(acc, t);
      }
      continue;
    }
    const t = inferJsonType(v, o);
    if (t.kind === 'struct') acc = mergeJsonTypes(acc, t);
  }
  const c = acc.kind === 'struct' ? canonicalizeJsonType(acc) : undefined;
  return (c as StructType | undefined) ?? structType([]);
}
