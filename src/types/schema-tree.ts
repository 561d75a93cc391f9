/**
 * `printSchema()` text: Spark's StructType.treeString, e.g.
 *   root
 *    |-- house: string (nullable = true)
 *    |-- scores: array (nullable = true)
 *    |    |-- element: integer (containsNull = true)
 * Control characters in field names print escaped (`\n`), as Spark does.
 */
import { type DataType, type StructType, typeName } from './data-type.js';
import { escapeMetaCharacters } from './value-format.js';

export function treeString(schema: StructType, maxDepth = Number.POSITIVE_INFINITY): string {
  let out = 'root\n';
  const prefix = ' |';
  for (const f of schema.fields) out += fieldLines(f.name, f.dataType, f.nullable, prefix, 1, maxDepth);
  return out;
}

function fieldLines(
  name: string,
  t: DataType,
  nullable: boolean,
  prefix: string,
  depth: number,
  maxDepth: number,
): string {
  if (depth > maxDepth) return '';
  let s = `${prefix}-- ${escapeMetaCharacters(name)}: ${typeName(t)} (nullable = ${nullable})\n`;
  s += nested(t, `${prefix}    |`, depth + 1, maxDepth);
  return s;
}

function nested(t: DataType, prefix: string, depth: number, maxDepth: number): string {
  if (depth > maxDepth) return '';
  switch (t.kind) {
    case 'array':
      return (
        `${prefix}-- element: ${typeName(t.elementType)} (containsNull = ${t.containsNull})\n` +
        nested(t.elementType, `${prefix}    |`, depth + 1, maxDepth)
      );
    case 'map':
      return (
        `${prefix}-- key: ${typeName(t.keyType)}\n` +
        nested(t.keyType, `${prefix}    |`, depth + 1, maxDepth) +
        `${prefix}-- value: ${typeName(t.valueType)} (valueContainsNull = ${t.valueContainsNull})\n` +
        nested(t.valueType, `${prefix}    |`, depth + 1, maxDepth)
      );
    case 'struct':
      return t.fields
        .map((f) => fieldLines(f.name, f.dataType, f.nullable, prefix, depth, maxDepth))
        .join('');
    default:
      return '';
  }
}
