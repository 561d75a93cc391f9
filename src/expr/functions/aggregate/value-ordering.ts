/**
 * Spark's ordering of non-null values of one type, compiled once per type: numbers numerically
 * (NaN above everything, -0.0 equal to 0.0), longs across number/bigint, decimals by unscaled
 * value, strings by code point (= UTF-8 byte order, unlike JS's UTF-16 `<`), binary unsigned
 * lexicographically, arrays and structs element by element with nulls first.
 *
 * Invariant: the comparators never see a top-level null; nested nulls sort before values.
 */
import type { DataType } from '../../../types/data-type.js';

export type Comparator = (a: unknown, b: unknown) => number;

/** Code point order of two strings (UTF-16 order differs for surrogates vs U+E000..U+FFFF). */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Lift surrogates above the rest of the BMP, as their code points are.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

function compareNumbers(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function compareLongs(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = BigInt(a as number | bigint);
  const y = BigInt(b as number | bigint);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareFloating(a: unknown, b: unknown): number {
  const x = a as number;
  const y = b as number;
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const xn = Number.isNaN(x);
  const yn = Number.isNaN(y);
  return xn === yn ? 0 : xn ? 1 : -1;
}

function compareBigints(a: unknown, b: unknown): number {
  return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
}

function compareBinary(a: unknown, b: unknown): number {
  const x = a as Uint8Array;
  const y = b as Uint8Array;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function compileComparator(t: DataType): Comparator {
  switch (t.kind) {
    case 'byte':
    case 'short':
    case 'integer':
    case 'date':
    case 'timestamp':
    case 'timestamp_ntz':
    case 'interval_ym':
    case 'interval_dt':
      return compareNumbers;
    case 'long':
      return compareLongs;
    case 'float':
    case 'double':
      return compareFloating;
    case 'decimal':
      return compareBigints;
    case 'string':
      return (a, b) => compareUtf8(a as string, b as string);
    case 'boolean':
      return (a, b) => (a === b ? 0 : a ? 1 : -1);
    case 'binary':
      return compareBinary;
    case 'array': {
      const el = compileComparator(t.elementType);
      return (a, b) => {
        const x = a as readonly unknown[];
        const y = b as readonly unknown[];
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const c = compareNullsFirst(el, x[i] ?? null, y[i] ?? null);
          if (c !== 0) return c;
        }
        return x.length - y.length;
      };
    }
    case 'struct': {
      const fs = t.fields.map((f) => compileComparator(f.dataType));
      return (a, b) => {
        const x = a as readonly unknown[];
        const y = b as readonly unknown[];
        for (let i = 0; i < fs.length; i++) {
          const c = compareNullsFirst(fs[i]!, x[i] ?? null, y[i] ?? null);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    default:
      return () => 0;
  }
}

function compareNullsFirst(cmp: Comparator, a: unknown, b: unknown): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return cmp(a, b);
}
