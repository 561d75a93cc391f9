/**
 * The canonical JSON form of result values shared with generate.py (`canon`), so rows from Sluice
 * and from pyspark compare structurally: integers as numbers (longs beyond 2^53 as strings),
 * doubles rounded to 12 significant digits (aggregation order may differ in the last bits),
 * decimals as plain strings with their scale, dates / timestamps as Spark prints them, arrays and
 * structs as lists, maps as lists of [key, value] pairs, binary as a list of bytes.
 */
import type { DataType } from '../../src/types/data-type.js';
import { formatDate, formatTimestamp } from '../../src/types/datetime/timestamp-format.js';
import { formatDecimal } from '../../src/types/java-number-format.js';

export type Canonical = null | boolean | number | string | Canonical[];

export function canon(v: unknown, t: DataType): Canonical {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'boolean':
    case 'string':
      return v as boolean | string;
    case 'byte':
    case 'short':
    case 'integer':
      return v as number;
    case 'long':
      return typeof v === 'bigint' ? String(v) : (v as number);
    case 'float':
    case 'double': {
      const d = v as number;
      if (Number.isNaN(d)) return 'NaN';
      if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
      return Number(d.toPrecision(12));
    }
    case 'decimal':
      return formatDecimal(v as bigint, t.scale, true);
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as number, 'UTC');
    case 'binary':
      return [...(v as Uint8Array)];
    case 'array':
      return (v as unknown[]).map((x) => canon(x, t.elementType));
    case 'map':
      return [...(v as Map<unknown, unknown>)].map(([k, x]) => [canon(k, t.keyType), canon(x, t.valueType)]);
    case 'struct':
      return t.fields.map((f, i) => canon((v as unknown[])[i], f.dataType));
    default:
      return String(v);
  }
}

/** Rows in a deterministic order, for results whose order is not part of the answer. */
export function sortRows(rows: readonly Canonical[][]): Canonical[][] {
  return [...rows]
    .map((r) => [JSON.stringify(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}
