/**
 * Hash partitioning of rows by key values: `pmod(hash(keys), n)`. The same key always lands in the
 * same partition within a process and across worker threads (the hash depends only on values).
 */
import { groupKeyOf } from '../expr/ordering.js';
import type { DataType } from '../types/data-type.js';

function hashString(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

export function partitionIdFor(values: readonly unknown[], types: readonly DataType[], n: number): number {
  if (n === 1) return 0;
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < values.length; i++) {
    const v = groupKeyOf(values[i], types[i]!);
    if (v === null) h = Math.imul(h ^ 0x9e37, 0x01000193);
    else if (typeof v === 'number') {
      if (Number.isInteger(v)) {
        h = Math.imul(h ^ (v | 0), 0x01000193);
        h = Math.imul(h ^ Math.floor(v / 4294967296), 0x01000193);
      } else h = hashString(String(v), h);
    } else h = hashString(typeof v === 'string' ? v : String(v), h);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return ((h % n) + n) % n;
}
