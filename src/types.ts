/**
 * The public types module (`import { types as T } from 'sluice'`): PySpark-style type factories
 * (`T.StringType()`, `T.StructType([T.StructField('a', T.IntegerType())])`), DDL parsing and
 * `treeString` (printSchema text).
 */
import * as dt from './types/data-type.js';

export type {
  ArrayType as ArrayTypeType,
  DataType,
  DecimalType as DecimalTypeType,
  MapType as MapTypeType,
  StructField as StructFieldType,
  StructType as StructTypeType,
} from './types/data-type.js';
export { simpleString, sqlTypeName, typeName } from './types/data-type.js';
export { parseDataType, parseSchema } from './types/ddl.js';
export { treeString } from './types/schema-tree.js';

export const StringType = () => dt.StringType;
export const BooleanType = () => dt.BooleanType;
export const ByteType = () => dt.ByteType;
export const ShortType = () => dt.ShortType;
export const IntegerType = () => dt.IntegerType;
export const LongType = () => dt.LongType;
export const FloatType = () => dt.FloatType;
export const DoubleType = () => dt.DoubleType;
export const DateType = () => dt.DateType;
export const TimestampType = () => dt.TimestampType;
export const TimestampNTZType = () => dt.TimestampNTZType;
export const BinaryType = () => dt.BinaryType;
export const NullType = () => dt.NullType;
export const DecimalType = (precision = 10, scale = 0) => dt.decimalType(precision, scale);
export const ArrayType = (elementType: dt.DataType, containsNull = true) =>
  dt.arrayType(elementType, containsNull);
export const MapType = (keyType: dt.DataType, valueType: dt.DataType, valueContainsNull = true) =>
  dt.mapType(keyType, valueType, valueContainsNull);
export const StructField = (
  name: string,
  dataType: dt.DataType,
  nullable = true,
  metadata?: Record<string, unknown>,
) => dt.structField(name, dataType, nullable, metadata);
export const StructType = (fields: readonly dt.StructField[] = []) => dt.structType(fields);
