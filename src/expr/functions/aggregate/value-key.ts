/**
 * A primitive key per value with Spark's equality (for collect_set, mode, percentile): numbers,
 * strings, booleans and bigints are their own keys (-0.0 folds into 0.0, NaN equals NaN, as
 * Spark's float normalization does); binary, arrays, structs, maps and intervals get a canonical
 * string so equal values collide.
 */
export type ValueKey = string | number | boolean | bigint | null;

export function valueKey(v: unknown): ValueKey {
  switch (typeof v) {
    case 'number':
      return v === 0 ? 0 : v;
    case 'string':
    case 'boolean':
    case 'bigint':
      return v;
    default:
      return v === null || v === undefined ? null : `\u0000${compoundKey(v)}`;
  }
}

function compoundKey(v: unknown): string {
  if (v === null || v === undefined) return 'N';
  switch (typeof v) {
    case 'number':
      return `n${v === 0 ? 0 : v}`;
    case 'bigint':
      return `i${v}`;
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'T' : 'F';
    default:
      break;
  }
  if (v instanceof Uint8Array) return `b${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  if (Array.isArray(v)) return `[${v.map(compoundKey).join(',')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${compoundKey(k)}:${compoundKey(x)}`).join(',')}}`;
  const iv = v as { months: number; days: number; micros: number };
  return `I${iv.months},${iv.days},${iv.micros}`;
}
