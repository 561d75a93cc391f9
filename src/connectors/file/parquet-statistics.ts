/**
 * Row-group skipping: decides from a row group's column statistics (min, max, null count)
 * whether any row in it can satisfy the pushed filters. Only top-level primitive columns with
 * order-preserving statistics are used; anything unknown means "may match".
 *
 * Invariant: returns false only when no row of the row group can satisfy the filter.
 */
import type { RowGroup } from 'hyparquet';
import type { SourceFilter } from './source-filter.js';

interface ColumnStats {
  readonly min?: unknown;
  readonly max?: unknown;
  readonly nullCount?: number;
  readonly numRows: number;
}

const ORDERED = new Set([
  'integer',
  'long',
  'short',
  'byte',
  'double',
  'float',
  'date',
  'timestamp',
  'timestamp_ntz',
  'string',
  'boolean',
]);

function cmp(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  const numeric = (x: unknown) => typeof x === 'number' || typeof x === 'bigint';
  if (numeric(a) && numeric(b)) {
    if (typeof a === 'number' && Number.isNaN(a)) return undefined;
    if (typeof b === 'number' && Number.isNaN(b)) return undefined;
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** Statistics of the row group's top-level columns, keyed by lower-cased column name. */
export function rowGroupStats(
  rg: RowGroup,
  sparkTypes: ReadonlyMap<string, string>,
): Map<string, ColumnStats> {
  const out = new Map<string, ColumnStats>();
  const numRows = Number(rg.num_rows);
  for (const c of rg.columns) {
    const md = c.meta_data;
    if (md?.path_in_schema.length !== 1) continue;
    const name = md.path_in_schema[0]!.toLowerCase();
    const kind = sparkTypes.get(name);
    const s = md.statistics;
    if (!kind || !ORDERED.has(kind) || !s) continue;
    const exactMin = s.is_min_value_exact !== false;
    const exactMax = s.is_max_value_exact !== false;
    const min = s.min_value ?? (kind === 'string' ? undefined : s.min);
    const max = exactMax ? (s.max_value ?? (kind === 'string' ? undefined : s.max)) : undefined;
    out.set(name, {
      ...(min !== undefined && (exactMin || kind === 'string') ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(s.null_count !== undefined ? { nullCount: Number(s.null_count) } : {}),
      numRows,
    });
  }
  return out;
}

export function mayMatch(f: SourceFilter, stats: ReadonlyMap<string, ColumnStats>): boolean {
  switch (f.op) {
    case 'and':
      return mayMatch(f.left, stats) && mayMatch(f.right, stats);
    case 'or':
      return mayMatch(f.left, stats) || mayMatch(f.right, stats);
  }
  const s = stats.get(f.column.toLowerCase());
  if (!s) return true;
  switch (f.op) {
    case 'isNull':
      return s.nullCount === undefined || s.nullCount > 0;
    case 'isNotNull':
      return s.nullCount === undefined || s.nullCount < s.numRows;
    case 'in':
      return f.values.some((v) => mayMatch({ op: 'eq', column: f.column, value: v }, stats));
  }
  if (s.nullCount !== undefined && s.nullCount === s.numRows) return false;
  const lo = s.min === undefined ? undefined : cmp(f.value, s.min);
  const hi = s.max === undefined ? undefined : cmp(f.value, s.max);
  switch (f.op) {
    case 'eq':
      return !((lo !== undefined && lo < 0) || (hi !== undefined && hi > 0));
    case 'lt':
      return !(lo !== undefined && lo <= 0);
    case 'le':
      return !(lo !== undefined && lo < 0);
    case 'gt':
      return !(hi !== undefined && hi >= 0);
    case 'ge':
      return !(hi !== undefined && hi > 0);
  }
}
