/**
 * Row comparison for StreamTest: rows as `collect()` returns them (or as a test writes them —
 * arrays, or objects keyed by column name) reduced to a canonical text per row, so answers compare
 * as multisets (or sequences) and a mismatch prints as Spark's "== Correct Answer ==" diff.
 *
 * Invariant: two rows are equal iff Spark would print them equally: longs as number or bigint
 * compare equal, -0 equals 0, NaN equals NaN, timestamps compare by instant.
 */
import { Row } from '../dataframe/row.js';

export type ExpectedRow = readonly unknown[] | Readonly<Record<string, unknown>>;

export function canonicalValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? String(Number(v)) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return `timestamp'${v.toISOString()}'`;
  if (v instanceof Row) return canonicalValue(v.toArray());
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString('hex')}'`;
  if (Array.isArray(v)) return `[${v.map(canonicalValue).join(', ')}]`;
  if (v instanceof Map) {
    return `{${[...v].map(([k, x]) => `${canonicalValue(k)} -> ${canonicalValue(x)}`).join(', ')}}`;
  }
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${canonicalValue(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

/** A row's canonical text; object rows are read in `columns` order. */
export function canonicalRow(row: ExpectedRow | Row, columns: readonly string[]): string {
  if (row instanceof Row) return canonicalValue(row.toArray());
  if (Array.isArray(row)) return canonicalValue(row);
  const o = row as Record<string, unknown>;
  const unknownKeys = Object.keys(o).filter((k) => !columns.includes(k));
  if (unknownKeys.length > 0) {
    throw new Error(`Expected row ${canonicalValue(o)} names unknown columns ${unknownKeys.join(', ')}`);
  }
  return canonicalValue(columns.map((c) => o[c] ?? null));
}

/** Null when equal, else Spark-style side-by-side text of both answers. */
export function diffAnswers(
  expected: readonly string[],
  actual: readonly string[],
  ordered: boolean,
): string | null {
  const e = ordered ? [...expected] : [...expected].sort();
  const a = ordered ? [...actual] : [...actual].sort();
  if (e.length === a.length && e.every((x, i) => x === a[i])) return null;
  const unmatched = (rows: readonly string[], others: readonly string[]) => {
    const left = new Map<string, number>();
    for (const r of others) left.set(r, (left.get(r) ?? 0) + 1);
    return rows.map((r) => {
      const n = left.get(r) ?? 0;
      left.set(r, n - 1);
      return n <= 0;
    });
  };
  const eMissing = unmatched(e, a);
  const aExtra = unmatched(a, e);
  const lines = [
    `== Results ==${ordered ? ' (ordered)' : ''}`,
    `!== Correct Answer - ${e.length} ==`,
    ...e.map((r, i) => `  ${r}${eMissing[i] ? '   <-- missing' : ''}`),
    `!== Actual Answer - ${a.length} ==`,
    ...a.map((r, i) => `  ${r}${aExtra[i] ? '   <-- unexpected' : ''}`),
  ];
  return lines.join('\n');
}
