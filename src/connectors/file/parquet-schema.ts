/**
 * Parquet schema ↔ Spark schema. Reading prefers the Spark schema a Spark writer stores in the
 * footer (`org.apache.spark.sql.parquet.row.metadata`) and otherwise maps the parquet types as
 * Spark's ParquetToSparkSchemaConverter does (standard and legacy LIST/MAP layouts included).
 * Writing produces the layout Spark writes by default: INT32/INT64/FIXED decimals by precision,
 * INT64 TIMESTAMP(MICROS), 3-level lists (`list`/`element`) and maps (`key_value`/`key`/`value`).
 */
import type { SchemaElement } from 'hyparquet';
import { dataTypeFromJson, dataTypeToJson } from '../../expr/json/data-type-json.js';
import {
  arrayType,
  BinaryType,
  BooleanType,
  ByteType,
  type DataType,
  DateType,
  DoubleType,
  decimalType,
  FloatType,
  IntegerType,
  LongType,
  mapType,
  ShortType,
  StringType,
  type StructField,
  type StructType,
  sqlTypeName,
  structField,
  structType,
  TimestampNTZType,
  TimestampType,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';

export const SPARK_ROW_METADATA = 'org.apache.spark.sql.parquet.row.metadata';

/** A parquet schema element with its children, as a tree. */
export interface ParquetNode {
  readonly element: SchemaElement;
  readonly children: readonly ParquetNode[];
}

export function schemaTree(schema: readonly SchemaElement[]): ParquetNode {
  let i = 0;
  const build = (): ParquetNode => {
    const element = schema[i++]!;
    const children: ParquetNode[] = [];
    for (let k = 0; k < (element.num_children ?? 0); k++) children.push(build());
    return { element, children };
  };
  return build();
}

function unsupported(what: string): AnalysisException {
  return new AnalysisException('PARQUET_TYPE_ILLEGAL', `Illegal Parquet type: ${what}.`);
}

function primitiveType(e: SchemaElement, binaryAsString: boolean): DataType {
  const ct = e.converted_type;
  const lt = e.logical_type;
  if (ct === 'DECIMAL' || lt?.type === 'DECIMAL') {
    const precision = e.precision ?? (lt as { precision?: number } | undefined)?.precision ?? 38;
    const scale = e.scale ?? (lt as { scale?: number } | undefined)?.scale ?? 0;
    return decimalType(precision, scale);
  }
  switch (e.type) {
    case 'BOOLEAN':
      return BooleanType;
    case 'INT32':
      if (ct === 'DATE' || lt?.type === 'DATE') return DateType;
      if (ct === 'INT_8') return ByteType;
      if (ct === 'INT_16' || ct === 'UINT_8') return ct === 'INT_16' ? ShortType : ShortType;
      if (ct === 'UINT_16') return IntegerType;
      if (ct === 'UINT_32') return LongType;
      if (lt?.type === 'INTEGER') {
        const { bitWidth, isSigned } = lt as { bitWidth: number; isSigned: boolean };
        if (bitWidth === 8) return isSigned ? ByteType : ShortType;
        if (bitWidth === 16) return isSigned ? ShortType : IntegerType;
        return isSigned ? IntegerType : LongType;
      }
      if (ct === 'TIME_MILLIS' || lt?.type === 'TIME') throw unsupported('INT32 (TIME(MILLIS))');
      return IntegerType;
    case 'INT64':
      if (ct === 'UINT_64' || (lt?.type === 'INTEGER' && !(lt as { isSigned: boolean }).isSigned)) {
        return decimalType(20, 0);
      }
      if (lt?.type === 'TIMESTAMP') {
        return (lt as { isAdjustedToUTC: boolean }).isAdjustedToUTC ? TimestampType : TimestampNTZType;
      }
      if (ct === 'TIMESTAMP_MICROS' || ct === 'TIMESTAMP_MILLIS') return TimestampType;
      if (lt?.type === 'TIME' || ct === 'TIME_MICROS') throw unsupported('INT64 (TIME(MICROS))');
      return LongType;
    case 'INT96':
      return TimestampType;
    case 'FLOAT':
      return FloatType;
    case 'DOUBLE':
      return DoubleType;
    case 'BYTE_ARRAY':
      if (ct === 'UTF8' || ct === 'ENUM' || ct === 'JSON' || lt?.type === 'STRING' || lt?.type === 'ENUM') {
        return StringType;
      }
      return binaryAsString ? StringType : BinaryType;
    case 'FIXED_LEN_BYTE_ARRAY':
      return BinaryType;
    default:
      throw unsupported(String(e.type));
  }
}

function isList(n: ParquetNode): boolean {
  return n.element.converted_type === 'LIST' || n.element.logical_type?.type === 'LIST';
}
function isMap(n: ParquetNode): boolean {
  const ct = n.element.converted_type;
  return ct === 'MAP' || ct === 'MAP_KEY_VALUE' || n.element.logical_type?.type === 'MAP';
}

/** Whether a LIST's repeated child is itself the element (legacy 2-level layouts). */
export function repeatedIsElement(listNode: ParquetNode, repeated: ParquetNode): boolean {
  if (!repeated.children.length) return true;
  if (repeated.children.length > 1) return true;
  const name = repeated.element.name;
  return name === 'array' || name === `${listNode.element.name}_tuple`;
}

export function nodeType(n: ParquetNode, binaryAsString: boolean): DataType {
  const e = n.element;
  if (!n.children.length) {
    const t = primitiveType(e, binaryAsString);
    return e.repetition_type === 'REPEATED' ? arrayType(t, false) : t;
  }
  if (isList(n)) {
    const repeated = n.children[0]!;
    if (repeatedIsElement(n, repeated)) {
      return arrayType(groupOrPrimitive(repeated, binaryAsString), false);
    }
    const el = repeated.children[0]!;
    return arrayType(nodeType(el, binaryAsString), el.element.repetition_type !== 'REQUIRED');
  }
  if (isMap(n)) {
    const kv = n.children[0]!;
    const key = kv.children[0]!;
    const value = kv.children[1];
    return mapType(
      nodeType(key, binaryAsString),
      value ? nodeType(value, binaryAsString) : StringType,
      value ? value.element.repetition_type !== 'REQUIRED' : true,
    );
  }
  const st = structOf(n, binaryAsString);
  return e.repetition_type === 'REPEATED' ? arrayType(st, false) : st;
}

function groupOrPrimitive(n: ParquetNode, binaryAsString: boolean): DataType {
  return n.children.length ? structOf(n, binaryAsString) : primitiveType(n.element, binaryAsString);
}

function structOf(n: ParquetNode, binaryAsString: boolean): StructType {
  return structType(
    n.children.map((c) =>
      structField(c.element.name, nodeType(c, binaryAsString), c.element.repetition_type !== 'REQUIRED'),
    ),
  );
}

/** The Spark schema of a parquet file (from the footer's Spark schema when it is there). */
export function sparkSchemaOf(
  schema: readonly SchemaElement[],
  kv: readonly { key: string; value?: string }[] | undefined,
  binaryAsString: boolean,
): StructType {
  const stored = kv?.find((x) => x.key === SPARK_ROW_METADATA)?.value;
  if (stored) {
    try {
      const t = dataTypeFromJson(JSON.parse(stored));
      if (t.kind === 'struct') return t;
    } catch {
      // fall back to the parquet schema
    }
  }
  return structOf(schemaTree(schema), binaryAsString);
}

// ------------------------------------------------------------------------------------ writing

/** Bytes of a FIXED_LEN_BYTE_ARRAY holding any unscaled value of the precision. */
export function minBytesForPrecision(precision: number): number {
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) < 10n ** BigInt(precision)) bytes++;
  return bytes;
}

function repetition(nullable: boolean): 'OPTIONAL' | 'REQUIRED' {
  return nullable ? 'OPTIONAL' : 'REQUIRED';
}

function writeField(name: string, t: DataType, nullable: boolean, out: SchemaElement[]): void {
  const rep = repetition(nullable);
  switch (t.kind) {
    case 'boolean':
      out.push({ name, type: 'BOOLEAN', repetition_type: rep });
      return;
    case 'byte':
    case 'short':
      out.push({
        name,
        type: 'INT32',
        repetition_type: rep,
        // converted type only: hyparquet-writer does not encode INTEGER's 8-bit width field right
        converted_type: t.kind === 'byte' ? 'INT_8' : 'INT_16',
      });
      return;
    case 'integer':
      out.push({ name, type: 'INT32', repetition_type: rep });
      return;
    case 'long':
      out.push({ name, type: 'INT64', repetition_type: rep });
      return;
    case 'float':
      out.push({ name, type: 'FLOAT', repetition_type: rep });
      return;
    case 'double':
      out.push({ name, type: 'DOUBLE', repetition_type: rep });
      return;
    case 'string':
      out.push({
        name,
        type: 'BYTE_ARRAY',
        repetition_type: rep,
        converted_type: 'UTF8',
        logical_type: { type: 'STRING' },
      });
      return;
    case 'binary':
      out.push({ name, type: 'BYTE_ARRAY', repetition_type: rep });
      return;
    case 'date':
      out.push({
        name,
        type: 'INT32',
        repetition_type: rep,
        converted_type: 'DATE',
        logical_type: { type: 'DATE' },
      });
      return;
    case 'timestamp':
      out.push({
        name,
        type: 'INT64',
        repetition_type: rep,
        converted_type: 'TIMESTAMP_MICROS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
      });
      return;
    case 'timestamp_ntz':
      out.push({
        name,
        type: 'INT64',
        repetition_type: rep,
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' },
      });
      return;
    case 'decimal': {
      const { precision, scale } = t;
      const base = {
        name,
        repetition_type: rep,
        converted_type: 'DECIMAL' as const,
        logical_type: { type: 'DECIMAL' as const, precision, scale },
        precision,
        scale,
      };
      if (precision <= 9) out.push({ ...base, type: 'INT32' });
      else if (precision <= 18) out.push({ ...base, type: 'INT64' });
      else out.push({ ...base, type: 'FIXED_LEN_BYTE_ARRAY', type_length: minBytesForPrecision(precision) });
      return;
    }
    case 'array':
      out.push({
        name,
        repetition_type: rep,
        num_children: 1,
        converted_type: 'LIST',
        logical_type: { type: 'LIST' },
      });
      out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      writeField('element', t.elementType, t.containsNull, out);
      return;
    case 'map':
      out.push({
        name,
        repetition_type: rep,
        num_children: 1,
        converted_type: 'MAP',
        logical_type: { type: 'MAP' },
      });
      out.push({ name: 'key_value', repetition_type: 'REPEATED', num_children: 2 });
      writeField('key', t.keyType, false, out);
      writeField('value', t.valueType, t.valueContainsNull, out);
      return;
    case 'struct':
      if (t.fields.length === 0) throw unsupportedWrite(name, t);
      out.push({ name, repetition_type: rep, num_children: t.fields.length });
      for (const f of t.fields) writeField(f.name, f.dataType, f.nullable, out);
      return;
    default:
      throw unsupportedWrite(name, t);
  }
}

function unsupportedWrite(name: string, t: DataType): AnalysisException {
  return new AnalysisException(
    'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
    `The Parquet datasource doesn't support the column \`${name}\` of the type "${sqlTypeName(t)}".`,
  );
}

/** The parquet schema elements Spark would write for a schema. */
export function parquetSchemaFor(schema: StructType): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'spark_schema', num_children: schema.fields.length }];
  for (const f of schema.fields) writeField(f.name, f.dataType, f.nullable, out);
  return out;
}

export function sparkRowMetadata(schema: StructType): string {
  return JSON.stringify(dataTypeToJson(schema));
}

export type { StructField };
