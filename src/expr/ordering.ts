/**
 * Total orders over internal values of a type, as Spark orders them: numbers numerically with NaN
 * greater than every other value (and equal to itself), strings by UTF-8 bytes, booleans
 * false < true, binary by unsigned bytes, arrays and structs element by element. Equality used by
 * grouping and joins follows the same rules (NaN = NaN, -0.0 = 0.0).
 *
 * Invariant: comparators never see null; callers place nulls (nulls first/last) themselves.
 */
import type { DataType } from '../types/data-type.js';

export type Comparator = (a: unknown, b: unknown) => number;

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // at least one NaN
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

function compareLongs(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** UTF-8 byte order equals code point order; JS `<` compares UTF-16 units, which differs only around surrogates. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** A comparator for values of type `t` (nulls inside nested values sort first). */
export function comparatorFor(t: DataType): Comparator {
  switch (t.kind) {
    case 'string':
      return (a, b) => compareStrings(a as string, b as string);
    case 'float':
    case 'double':
      return (a, b) => compareNumbers(a as number, b as number);
    case 'long':
    case 'decimal':
      return compareLongs;
    case 'boolean':
      return (a, b) => (a === b ? 0 : a ? 1 : -1);
    case 'binary':
      return (a, b) => compareBytes(a as Uint8Array, b as Uint8Array);
    case 'array': {
      const el = comparatorFor(t.elementType);
      return (a, b) => {
        const x = a as unknown[];
        const y = b as unknown[];
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const c = compareNullable(x[i], y[i], el);
          if (c !== 0) return c;
        }
        return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
      };
    }
    case 'struct': {
      const cs = t.fields.map((f) => comparatorFor(f.dataType));
      return (a, b) => {
        const x = a as unknown[];
        const y = b as unknown[];
        for (let i = 0; i < cs.length; i++) {
          const c = compareNullable(x[i], y[i], cs[i]!);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    case 'map':
      return () => 0;
    default:
      return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  }
}

function compareNullable(a: unknown, b: unknown, c: Comparator): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return c(a, b);
}

/** Value equality for type `t` (SQL `=` on non-null values, grouping keys, join keys). */
export function equalityFor(t: DataType): (a: unknown, b: unknown) => boolean {
  switch (t.kind) {
    case 'float':
    case 'double':
      return (a, b) => a === b || (Number.isNaN(a as number) && Number.isNaN(b as number));
    case 'string':
    case 'boolean':
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'decimal':
    case 'date':
    case 'timestamp':
    case 'timestamp_ntz':
      return (a, b) => a === b;
    default: {
      const c = comparatorFor(t);
      return (a, b) => c(a, b) === 0;
    }
  }
}

/**
 * A string key that is equal for equal values of type `t` (for hashing composite or nested keys in
 * JS Maps). Primitive keys should use the value itself; this is for the rest.
 */
export function groupKeyOf(v: unknown, t: DataType): unknown {
  if (v === null) return null;
  switch (t.kind) {
    case 'float':
    case 'double':
      return Object.is(v, -0) ? 0 : v;
    case 'binary':
      return `b:${Buffer.from(v as Uint8Array).toString('hex')}`;
    case 'array':
    case 'struct':
    case 'map':
      return `j:${stableStringify(v)}`;
    default:
      return v;
  }
}

/**
 * Spark's NormalizeFloatingNumbers for grouping values: -0.0 becomes 0.0 (also inside arrays and
 * structs), so a group shows the canonical zero whichever row came first. Undefined when the type
 * holds no floating-point value (nothing to do).
 */
export function floatNormalizer(t: DataType): ((v: unknown) => unknown) | undefined {
  switch (t.kind) {
    case 'float':
    case 'double':
      return (v) => (v === 0 ? 0 : v);
    case 'array': {
      const el = floatNormalizer(t.elementType);
      return el && ((v) => (v === null ? null : (v as unknown[]).map(el)));
    }
    case 'struct': {
      const fs = t.fields.map((f) => floatNormalizer(f.dataType));
      if (fs.every((f) => f === undefined)) return undefined;
      return (v) => (v === null ? null : (v as unknown[]).map((x, i) => (fs[i] ? fs[i](x) : x)));
    }
    default:
      return undefined;
  }
}

function stableStringify(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (x instanceof Map) return { m: [...x.entries()] };
    if (x instanceof Uint8Array) return { b: Buffer.from(x).toString('hex') };
    if (typeof x === 'number' && Object.is(x, -0)) return 0;
    return x;
  });
}
