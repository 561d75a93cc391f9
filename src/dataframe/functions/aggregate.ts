/**
 * PySpark's aggregate functions (`F.count`, `F.sum`, `F.countDistinct`, `F.percentile_approx`, …)
 * as Column builders. Names follow PySpark in camelCase, with the snake_case spelling exported too
 * where PySpark's name has an underscore. String arguments are column names; `F.count('*')`
 * counts rows (the analyzer turns `count(*)` into `count(1)`).
 */
import { Column, type ColumnOrName, call, lit } from '../column.js';

type Percentage = number | readonly number[] | Column;

function percentageColumn(p: Percentage): Column {
  if (p instanceof Column) return p;
  if (typeof p === 'number') return lit(p);
  // PySpark builds `array(lit(p1), lit(p2), …)` for a list, which shows in the column name.
  return call(
    'array',
    p.map((x) => lit(x)),
  );
}

function litOrColumn(v: unknown): Column {
  return v instanceof Column ? v : lit(v);
}

export function count(c: ColumnOrName): Column {
  return call('count', [c]);
}
export function countDistinct(c: ColumnOrName, ...cols: ColumnOrName[]): Column {
  return call('count', [c, ...cols], { distinct: true });
}
export const count_distinct = countDistinct;
export function approxCountDistinct(c: ColumnOrName, rsd?: number): Column {
  return call('approx_count_distinct', rsd === undefined ? [c] : [c, lit(rsd)]);
}
export const approx_count_distinct = approxCountDistinct;
export function countIf(c: ColumnOrName): Column {
  return call('count_if', [c]);
}
export const count_if = countIf;

export function sum(c: ColumnOrName): Column {
  return call('sum', [c]);
}
export function sumDistinct(c: ColumnOrName): Column {
  return call('sum', [c], { distinct: true });
}
export const sum_distinct = sumDistinct;
export function avg(c: ColumnOrName): Column {
  return call('avg', [c]);
}
/** PySpark's `mean` is `avg` (the column is named `avg(x)`). */
export function mean(c: ColumnOrName): Column {
  return call('avg', [c]);
}
export function min(c: ColumnOrName): Column {
  return call('min', [c]);
}
export function max(c: ColumnOrName): Column {
  return call('max', [c]);
}
export function product(c: ColumnOrName): Column {
  return call('product', [c]);
}

export function first(c: ColumnOrName, ignorenulls = false): Column {
  return call('first', [c, lit(ignorenulls)]);
}
export function last(c: ColumnOrName, ignorenulls = false): Column {
  return call('last', [c, lit(ignorenulls)]);
}
export function firstValue(c: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return call('first_value', ignoreNulls === undefined ? [c] : [c, litOrColumn(ignoreNulls)]);
}
export const first_value = firstValue;
export function lastValue(c: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return call('last_value', ignoreNulls === undefined ? [c] : [c, litOrColumn(ignoreNulls)]);
}
export const last_value = lastValue;
export function anyValue(c: ColumnOrName, ignoreNulls?: boolean | Column): Column {
  return call('any_value', ignoreNulls === undefined ? [c] : [c, litOrColumn(ignoreNulls)]);
}
export const any_value = anyValue;

export function collectList(c: ColumnOrName): Column {
  return call('collect_list', [c]);
}
export const collect_list = collectList;
export function arrayAgg(c: ColumnOrName): Column {
  return call('collect_list', [c]);
}
export const array_agg = arrayAgg;
export function collectSet(c: ColumnOrName): Column {
  return call('collect_set', [c]);
}
export const collect_set = collectSet;

export function boolAnd(c: ColumnOrName): Column {
  return call('bool_and', [c]);
}
export const bool_and = boolAnd;
export function every(c: ColumnOrName): Column {
  return call('every', [c]);
}
export function boolOr(c: ColumnOrName): Column {
  return call('bool_or', [c]);
}
export const bool_or = boolOr;
export function some(c: ColumnOrName): Column {
  return call('some', [c]);
}

export function stddev(c: ColumnOrName): Column {
  return call('stddev', [c]);
}
export function std(c: ColumnOrName): Column {
  return call('std', [c]);
}
export function stddevSamp(c: ColumnOrName): Column {
  return call('stddev_samp', [c]);
}
export const stddev_samp = stddevSamp;
export function stddevPop(c: ColumnOrName): Column {
  return call('stddev_pop', [c]);
}
export const stddev_pop = stddevPop;
export function variance(c: ColumnOrName): Column {
  return call('variance', [c]);
}
export function varSamp(c: ColumnOrName): Column {
  return call('var_samp', [c]);
}
export const var_samp = varSamp;
export function varPop(c: ColumnOrName): Column {
  return call('var_pop', [c]);
}
export const var_pop = varPop;
export function skewness(c: ColumnOrName): Column {
  return call('skewness', [c]);
}
export function kurtosis(c: ColumnOrName): Column {
  return call('kurtosis', [c]);
}
export function corr(col1: ColumnOrName, col2: ColumnOrName): Column {
  return call('corr', [col1, col2]);
}
export function covarPop(col1: ColumnOrName, col2: ColumnOrName): Column {
  return call('covar_pop', [col1, col2]);
}
export const covar_pop = covarPop;
export function covarSamp(col1: ColumnOrName, col2: ColumnOrName): Column {
  return call('covar_samp', [col1, col2]);
}
export const covar_samp = covarSamp;

export function maxBy(c: ColumnOrName, ord: ColumnOrName): Column {
  return call('max_by', [c, ord]);
}
export const max_by = maxBy;
export function minBy(c: ColumnOrName, ord: ColumnOrName): Column {
  return call('min_by', [c, ord]);
}
export const min_by = minBy;

export function percentileApprox(
  c: ColumnOrName,
  percentage: Percentage,
  accuracy: number | Column = 10000,
): Column {
  return call('percentile_approx', [c, percentageColumn(percentage), litOrColumn(accuracy)]);
}
export const percentile_approx = percentileApprox;
export function approxPercentile(
  c: ColumnOrName,
  percentage: Percentage,
  accuracy: number | Column = 10000,
): Column {
  return call('approx_percentile', [c, percentageColumn(percentage), litOrColumn(accuracy)]);
}
export const approx_percentile = approxPercentile;
export function percentile(c: ColumnOrName, percentage: Percentage, frequency: number | Column = 1): Column {
  return call('percentile', [c, percentageColumn(percentage), litOrColumn(frequency)]);
}
export function median(c: ColumnOrName): Column {
  return call('median', [c]);
}
export function mode(c: ColumnOrName, deterministic = false): Column {
  return call('mode', [c, lit(deterministic)]);
}

/** `sum` that is NULL instead of overflowing. */
export function trySum(c: ColumnOrName): Column {
  return call('try_sum', [c]);
}
export const try_sum = trySum;
/** `avg` that is NULL instead of overflowing. */
export function tryAvg(c: ColumnOrName): Column {
  return call('try_avg', [c]);
}
export const try_avg = tryAvg;

function listAggCall(name: string, c: ColumnOrName, delimiter: unknown, distinct: boolean): Column {
  const args = delimiter === undefined || delimiter === null ? [c] : [c, litOrColumn(delimiter)];
  return call(name, args, distinct ? { distinct: true } : undefined);
}
/** The group's non-null values concatenated, separated by `delimiter` (default none). */
export function listagg(c: ColumnOrName, delimiter?: string | Uint8Array | Column | null): Column {
  return listAggCall('listagg', c, delimiter, false);
}
export function listaggDistinct(c: ColumnOrName, delimiter?: string | Uint8Array | Column | null): Column {
  return listAggCall('listagg', c, delimiter, true);
}
export const listagg_distinct = listaggDistinct;
export function stringAgg(c: ColumnOrName, delimiter?: string | Uint8Array | Column | null): Column {
  return listAggCall('string_agg', c, delimiter, false);
}
export const string_agg = stringAgg;
export function stringAggDistinct(c: ColumnOrName, delimiter?: string | Uint8Array | Column | null): Column {
  return listAggCall('string_agg', c, delimiter, true);
}
export const string_agg_distinct = stringAggDistinct;

export function regrCount(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_count', [y, x]);
}
export const regr_count = regrCount;
export function regrAvgx(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_avgx', [y, x]);
}
export const regr_avgx = regrAvgx;
export function regrAvgy(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_avgy', [y, x]);
}
export const regr_avgy = regrAvgy;
export function regrSxx(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_sxx', [y, x]);
}
export const regr_sxx = regrSxx;
export function regrSyy(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_syy', [y, x]);
}
export const regr_syy = regrSyy;
export function regrSxy(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_sxy', [y, x]);
}
export const regr_sxy = regrSxy;
export function regrSlope(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_slope', [y, x]);
}
export const regr_slope = regrSlope;
export function regrIntercept(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_intercept', [y, x]);
}
export const regr_intercept = regrIntercept;
export function regrR2(y: ColumnOrName, x: ColumnOrName): Column {
  return call('regr_r2', [y, x]);
}
export const regr_r2 = regrR2;
