/**
 * PySpark's window functions as Column builders (`F.row_number().over(w)`, `F.lag('x', 1)`, …).
 * Aggregates become window functions with `.over(w)` too.
 */
import { Column, type ColumnOrName, call, lit } from '../column.js';

export function rowNumber(): Column {
  return call('row_number', []);
}
export const row_number = rowNumber;
export function rank(): Column {
  return call('rank', []);
}
export function denseRank(): Column {
  return call('dense_rank', []);
}
export const dense_rank = denseRank;
export function percentRank(): Column {
  return call('percent_rank', []);
}
export const percent_rank = percentRank;
export function cumeDist(): Column {
  return call('cume_dist', []);
}
export const cume_dist = cumeDist;
export function ntile(n: number): Column {
  return call('ntile', [lit(n)]);
}

/** The value `offset` rows before the current row, or `defaultValue`; `ignoreNulls` skips nulls. */
export function lag(c: ColumnOrName, offset = 1, defaultValue: unknown = null, ignoreNulls = false): Column {
  const args = [c, lit(offset), defaultValue instanceof Column ? defaultValue : lit(defaultValue)];
  return call('lag', ignoreNulls ? [...args, lit(true)] : args);
}
/** The value `offset` rows after the current row, or `defaultValue`; `ignoreNulls` skips nulls. */
export function lead(c: ColumnOrName, offset = 1, defaultValue: unknown = null, ignoreNulls = false): Column {
  const args = [c, lit(offset), defaultValue instanceof Column ? defaultValue : lit(defaultValue)];
  return call('lead', ignoreNulls ? [...args, lit(true)] : args);
}
export function nthValue(c: ColumnOrName, offset: number, ignoreNulls = false): Column {
  return call('nth_value', [c, lit(offset), lit(ignoreNulls)]);
}
export const nth_value = nthValue;
