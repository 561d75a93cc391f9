/**
 * The fixed schema of Kafka records as Spark exposes them: key and value as binary, where they
 * came from (topic, partition, offset), the record timestamp and its type (0 = CreateTime,
 * 1 = LogAppendTime), and with `includeHeaders` the headers as array<struct<key, value>>.
 */
import {
  arrayType,
  BinaryType,
  IntegerType,
  LongType,
  StringType,
  type StructType,
  structField,
  structType,
  TimestampType,
} from '../../types/data-type.js';

export function kafkaSchema(includeHeaders: boolean): StructType {
  const fields = [
    structField('key', BinaryType, true),
    structField('value', BinaryType, true),
    structField('topic', StringType, true),
    structField('partition', IntegerType, true),
    structField('offset', LongType, true),
    structField('timestamp', TimestampType, true),
    structField('timestampType', IntegerType, true),
  ];
  if (includeHeaders) {
    const header = structType([structField('key', StringType, true), structField('value', BinaryType, true)]);
    fields.push(structField('headers', arrayType(header, true), true));
  }
  return structType(fields);
}
