/**
 * Spark's JSON representation of data types (`StructType.json()` in PySpark,
 * `DataType.fromJson` in Spark): `{"type":"struct","fields":[{"name":"a","type":"integer",
 * "nullable":true,"metadata":{}}]}`. `from_json` accepts schemas in this form as well as DDL.
 *
 * Invariant: `dataTypeFromJson(dataTypeToJson(t))` is `t` for every type Sluice has.
 */
import {
  arrayType,
  atomicType,
  type DataType,
  decimalType,
  mapType,
  structField,
  structType,
  typeName,
} from '../../types/data-type.js';
import { ansiIntervalType, parseDataType, parseSchema } from '../../types/ddl.js';
import { AnalysisException } from '../../util/errors.js';

const ATOMIC_JSON_NAMES: Record<string, Parameters<typeof atomicType>[0]> = {
  string: 'string',
  boolean: 'boolean',
  byte: 'byte',
  short: 'short',
  integer: 'integer',
  long: 'long',
  float: 'float',
  double: 'double',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  binary: 'binary',
  null: 'null',
  void: 'null',
  calendarinterval: 'interval',
  interval: 'interval',
};

function invalid(json: unknown): never {
  throw new AnalysisException(
    'INVALID_SCHEMA.PARSE_ERROR',
    `The input schema ${JSON.stringify(JSON.stringify(json))} is not a valid schema string. Failed to convert the JSON string to a data type.`,
  );
}

export function dataTypeFromJson(json: unknown): DataType {
  if (typeof json === 'string') {
    const atomic = ATOMIC_JSON_NAMES[json];
    if (atomic) return atomicType(atomic);
    const m = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/.exec(json);
    if (m) return decimalType(Number(m[1]), Number(m[2]));
    if (json === 'decimal') return decimalType(10, 0);
    const iv = /^interval (\w+)(?: to (\w+))?$/.exec(json);
    const ansi = iv ? ansiIntervalType(iv[1]!, iv[2] ?? iv[1]!) : undefined;
    if (ansi) return ansi;
    return invalid(json);
  }
  if (typeof json !== 'object' || json === null) return invalid(json);
  const o = json as Record<string, unknown>;
  switch (o.type) {
    case 'array':
      return arrayType(dataTypeFromJson(o.elementType), o.containsNull !== false);
    case 'map':
      return mapType(
        dataTypeFromJson(o.keyType),
        dataTypeFromJson(o.valueType),
        o.valueContainsNull !== false,
      );
    case 'struct': {
      if (!Array.isArray(o.fields)) return invalid(json);
      return structType(
        o.fields.map((f: Record<string, unknown>) => {
          if (typeof f?.name !== 'string') return invalid(json);
          const meta = f.metadata as Record<string, unknown> | undefined;
          return structField(
            f.name,
            dataTypeFromJson(f.type),
            f.nullable !== false,
            meta && Object.keys(meta).length > 0 ? meta : undefined,
          );
        }),
      );
    }
    default:
      return invalid(json);
  }
}

export function dataTypeToJson(t: DataType): unknown {
  switch (t.kind) {
    case 'array':
      return { type: 'array', elementType: dataTypeToJson(t.elementType), containsNull: t.containsNull };
    case 'map':
      return {
        type: 'map',
        keyType: dataTypeToJson(t.keyType),
        valueType: dataTypeToJson(t.valueType),
        valueContainsNull: t.valueContainsNull,
      };
    case 'struct':
      return {
        type: 'struct',
        fields: t.fields.map((f) => ({
          name: f.name,
          type: dataTypeToJson(f.dataType),
          nullable: f.nullable,
          metadata: f.metadata ?? {},
        })),
      };
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'null':
      return 'void';
    case 'interval':
      return 'calendarinterval';
    case 'interval_dt':
    case 'interval_ym':
      return typeName(t);
    default:
      return t.kind;
  }
}

/** A schema given as text to `from_json`: Spark's JSON form when it looks like JSON, else DDL. */
export function parseSchemaText(text: string): DataType {
  const s = text.trim();
  if (s.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(s);
    } catch {
      return fromDdl(text);
    }
    return dataTypeFromJson(json);
  }
  return fromDdl(text);
}

/** Spark's `DataType.fromDDL`: a type, else a column list; when both fail, the type's error. */
function fromDdl(text: string): DataType {
  try {
    return parseDataType(text);
  } catch (typeError) {
    try {
      return parseSchema(text);
    } catch {
      throw typeError;
    }
  }
}
