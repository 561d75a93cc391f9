/**
 * Values between hyparquet and the engine. Reading: the decoded values hyparquet assembles (with
 * the DECIMAL and MAP annotations stripped from the schema it sees, so decimals arrive unscaled
 * and maps as ordered key/value entries) become engine values of the column's Spark type.
 * Writing: engine values become what hyparquet-writer encodes (structs as objects keyed by field
 * name, longs and timestamps as bigint).
 *
 * Invariant: converters are compiled once per (Spark type, parquet node); a missing or undefined
 * value is SQL NULL.
 */
import type { ParquetParsers, SchemaElement } from 'hyparquet';
import type { DataType, StructType } from '../../types/data-type.js';
import { multiplyMicros, normMicros } from '../../types/datetime/micros.js';
import { type ParquetNode, repeatedIsElement } from './parquet-schema.js';

export type ValueReader = (v: unknown) => unknown;

/** hyparquet parsers that keep engine units: µs for timestamps, days for dates. */
export const ENGINE_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms: bigint) => normMicros(ms * 1000n),
  timestampFromMicroseconds: (us: bigint) => normMicros(us),
  timestampFromNanoseconds: (ns: bigint) => {
    const q = ns / 1000n;
    return normMicros(ns < 0n && q * 1000n !== ns ? q - 1n : q);
  },
  dateFromDays: (d: number) => d,
  jsonFromBytes: (b: Uint8Array) => (b ? Buffer.from(b).toString('utf8') : b),
  uuidFromBytes: (b: Uint8Array) => b,
};

/** The schema hyparquet decodes with: decimals and maps unannotated (see module comment). */
export function rawSchema(schema: readonly SchemaElement[]): SchemaElement[] {
  return schema.map((e) => {
    const ct = e.converted_type;
    const lt = e.logical_type?.type;
    if (ct === 'DECIMAL' || lt === 'DECIMAL' || ct === 'MAP' || ct === 'MAP_KEY_VALUE' || lt === 'MAP') {
      const { converted_type: _c, logical_type: _l, ...rest } = e;
      return rest as SchemaElement;
    }
    return e;
  });
}

function normalizeLong(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
  return v;
}

function twosComplement(bytes: Uint8Array): bigint {
  if (!bytes.length) return 0n;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  const bits = BigInt(bytes.length * 8);
  return bytes[0]! & 0x80 ? v - (1n << bits) : v;
}

const isNull = (v: unknown) => v === null || v === undefined;

function findChild(n: ParquetNode, name: string): ParquetNode | undefined {
  return (
    n.children.find((c) => c.element.name === name) ??
    n.children.find((c) => c.element.name.toLowerCase() === name.toLowerCase())
  );
}

/** Reader of one column's values given its Spark type and parquet node. */
export function compileValueReader(t: DataType, n: ParquetNode): ValueReader {
  switch (t.kind) {
    case 'struct': {
      const names: string[] = [];
      const readers: ValueReader[] = [];
      for (const f of t.fields) {
        const c = findChild(n.children.length ? n : n, f.name);
        names.push(c?.element.name ?? '');
        readers.push(c ? compileValueReader(f.dataType, c) : () => null);
      }
      const k = names.length;
      return (v) => {
        if (isNull(v)) return null;
        const o = v as Record<string, unknown>;
        const out = new Array<unknown>(k);
        for (let i = 0; i < k; i++) {
          const x = names[i] ? o[names[i]!] : undefined;
          out[i] = isNull(x) ? null : readers[i]!(x);
        }
        return out;
      };
    }
    case 'array': {
      let el: ParquetNode = n;
      if (
        n.children.length &&
        (n.element.converted_type === 'LIST' || n.element.logical_type?.type === 'LIST')
      ) {
        const repeated = n.children[0]!;
        el = repeatedIsElement(n, repeated) ? repeated : repeated.children[0]!;
      } else if (n.element.repetition_type === 'REPEATED') {
        el = { element: { ...n.element, repetition_type: 'REQUIRED' }, children: n.children };
      }
      const read = compileValueReader(t.elementType, el);
      return (v) => {
        if (isNull(v)) return null;
        const a = v as unknown[];
        const out = new Array<unknown>(a.length);
        for (let i = 0; i < a.length; i++) out[i] = isNull(a[i]) ? null : read(a[i]);
        return out;
      };
    }
    case 'map': {
      const kv = n.children[0]!;
      const entries = kv.element.name;
      const keyNode = kv.children[0]!;
      const valueNode = kv.children[1];
      const readKey = compileValueReader(t.keyType, keyNode);
      const readValue = valueNode ? compileValueReader(t.valueType, valueNode) : () => null;
      const keyName = keyNode.element.name;
      const valueName = valueNode?.element.name ?? 'value';
      return (v) => {
        if (isNull(v)) return null;
        const list = (v as Record<string, unknown>)[entries] as Record<string, unknown>[] | undefined;
        const m = new Map<unknown, unknown>();
        for (const e of list ?? []) {
          const x = e[valueName];
          m.set(readKey(e[keyName]), isNull(x) ? null : readValue(x));
        }
        return m;
      };
    }
    case 'decimal':
      return (v) => {
        if (typeof v === 'bigint') return v;
        if (typeof v === 'number') return BigInt(v);
        if (v instanceof Uint8Array) return twosComplement(v);
        return null;
      };
    case 'long':
      return normalizeLong;
    case 'byte':
    case 'short':
    case 'integer':
      return (v) => (typeof v === 'bigint' ? Number(v) : v);
    case 'float':
      return (v) => Math.fround(v as number);
    case 'string':
      return (v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v);
    case 'binary':
      return (v) => (typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'utf8')) : v);
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => (v instanceof Date ? multiplyMicros(v.getTime(), 1000) : normalizeLong(v));
    default:
      return (v) => v;
  }
}

export type ValueWriter = (v: unknown) => unknown;

/** Writer-side conversion of one column's (non-null) values. */
export function compileValueWriter(t: DataType): ValueWriter {
  switch (t.kind) {
    case 'struct': {
      const names = t.fields.map((f) => f.name);
      const writers = t.fields.map((f) => compileValueWriter(f.dataType));
      return (v) => {
        const r = v as unknown[];
        const o: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) {
          const x = r[i];
          o[names[i]!] = isNull(x) ? null : writers[i]!(x);
        }
        return o;
      };
    }
    case 'array': {
      const el = compileValueWriter(t.elementType);
      return (v) => (v as unknown[]).map((x) => (isNull(x) ? null : el(x)));
    }
    case 'map': {
      const k = compileValueWriter(t.keyType);
      const val = compileValueWriter(t.valueType);
      return (v) => {
        const m = new Map<unknown, unknown>();
        for (const [a, b] of v as Map<unknown, unknown>) m.set(k(a), isNull(b) ? null : val(b));
        return m;
      };
    }
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => (typeof v === 'bigint' ? v : BigInt(v as number));
    default:
      return (v) => v;
  }
}

/** Engine rows → hyparquet-writer column data for a schema. */
export function rowsToColumns(
  rows: readonly unknown[][],
  schema: StructType,
  writers: readonly ValueWriter[],
) {
  return schema.fields.map((f, i) => {
    const w = writers[i]!;
    const data = new Array<unknown>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const x = rows[r]![i];
      data[r] = isNull(x) ? null : w(x);
    }
    return { name: f.name, data };
  });
}
