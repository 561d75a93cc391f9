/**
 * The canonical text of a query result, identical to test/nexmark/generate.py's: each row a
 * JSON array (timestamps `yyyy-MM-dd HH:mm:ss.SSS` UTC, decimals as their string, doubles with 6
 * decimals, longs as numbers), rows sorted by their JSON text. Two engines agree on a result
 * exactly when their canonical lines are equal.
 */
import { createHash } from 'node:crypto';
import type { DataType, StructType } from '../../src/types/data-type.js';

function canonicalValue(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'timestamp':
    case 'timestamp_ntz': {
      const d = v instanceof Date ? v : new Date(Number(v));
      return d.toISOString().slice(0, 23).replace('T', ' ');
    }
    case 'double':
    case 'float':
      return Number(v).toFixed(6);
    case 'decimal':
      return String(v);
    case 'long':
      return typeof v === 'bigint' ? Number(v) : v;
    default:
      return v;
  }
}

export function canonicalLines(rows: readonly (readonly unknown[])[], schema: StructType): string[] {
  const types = schema.fields.map((f) => f.dataType);
  return rows.map((r) => JSON.stringify(r.map((v, i) => canonicalValue(v, types[i]!)))).sort();
}

export function sha256Lines(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
