/**
 * Core PySpark functions: column references, literals, SQL expression strings, CASE WHEN,
 * null handling and user-defined functions.
 */
import { registerUserFunction } from '../../expr/user-functions.js';
import { parseExpression } from '../../sql/parser.js';
import type { DataType } from '../../types/data-type.js';
import { StringType } from '../../types/data-type.js';
import { toDataType } from '../../types/ddl.js';
import {
  Column,
  type ColumnOrName,
  call,
  col as colFn,
  lit as litFn,
  toColumn,
  toColumnOrLiteral,
} from '../column.js';
import { Session } from '../session.js';

export const col = colFn;
export const column = colFn;
export const lit = litFn;

/** A SQL expression string as a Column: `F.expr("count(DISTINCT character)")`. */
export function expr(sql: string): Column {
  return new Column(parseExpression(sql, { timeZone: Session.getActiveSession()?.timeZone() ?? 'UTC' }));
}

/** Starts a CASE WHEN chain: `F.when(cond, value).when(…).otherwise(…)`. */
export function when(condition: Column, value: unknown): Column {
  return call('case_when', [condition, toColumnOrLiteral(value)]);
}

export function coalesce(...cols: ColumnOrName[]): Column {
  return call('coalesce', cols);
}
export function isnull(c: ColumnOrName): Column {
  return call('isnull', [c]);
}
export function isnotnull(c: ColumnOrName): Column {
  return call('isnotnull', [c]);
}
export function isnan(c: ColumnOrName): Column {
  return call('isnan', [c]);
}
export function nullif(a: ColumnOrName, b: ColumnOrName): Column {
  return call('nullif', [a, b]);
}
export function nvl(a: ColumnOrName, b: ColumnOrName): Column {
  return call('nvl', [a, b]);
}
export function nvl2(a: ColumnOrName, b: ColumnOrName, c: ColumnOrName): Column {
  return call('nvl2', [a, b, c]);
}
export function ifnull(a: ColumnOrName, b: ColumnOrName): Column {
  return call('nvl', [a, b]);
}
/** A broadcast hint (the engine picks join strategies itself; kept for PySpark compatibility). */
export function broadcast<T>(df: T): T {
  return df;
}
export function asc(c: string): Column {
  return colFn(c).asc();
}
export function desc(c: string): Column {
  return colFn(c).desc();
}
export function asc_nulls_first(c: string): Column {
  return colFn(c).asc_nulls_first();
}
export function asc_nulls_last(c: string): Column {
  return colFn(c).asc_nulls_last();
}
export function desc_nulls_first(c: string): Column {
  return colFn(c).desc_nulls_first();
}
export function desc_nulls_last(c: string): Column {
  return colFn(c).desc_nulls_last();
}
export const ascNullsFirst = asc_nulls_first;
export const ascNullsLast = asc_nulls_last;
export const descNullsFirst = desc_nulls_first;
export const descNullsLast = desc_nulls_last;

/**
 * A user-defined function from a JS closure: `const plusOne = F.udf((x) => x + 1, 'int')`, then
 * `df.select(plusOne(F.col('a')))`. Nulls are passed as `null`; returning `undefined` gives null.
 */
export function udf(
  fn: (...args: any[]) => unknown,
  returnType: DataType | string = StringType,
  options: { name?: string; deterministic?: boolean } = {},
): (...cols: ColumnOrName[]) => Column {
  const fnId = registerUserFunction(fn as (...args: unknown[]) => unknown);
  const dataType = toDataType(returnType);
  const name = options.name ?? (fn.name || '<lambda>');
  return (...cols) =>
    new Column({
      kind: 'udf',
      name,
      fnId,
      args: cols.map((c) => toColumn(c).expr),
      dataType,
      nullable: true,
      deterministic: options.deterministic ?? true,
    });
}
