/**
 * PySpark's collection functions as Column builders: arrays, maps, structs, generators
 * (`F.explode`, `F.posexplode`, `F.inline`, `F.stack`) and higher-order functions
 * (`F.transform`, `F.filter`, `F.aggregate`, …), camelCase with snake_case aliases.
 *
 * Argument conventions follow PySpark: a string is a column name wherever PySpark takes a
 * ColumnOrName; "value" arguments (`arrayContains(col, value)`, `elementAt(col, extraction)`)
 * are literals unless they are Columns.
 *
 * Higher-order functions take TS callbacks: `F.transform('xs', (x) => x.plus(1))`. The callback
 * is called once, at build time, with one Column per parameter — each a reference to a fresh
 * lambda variable (`x_12`, `y_13`: unique names so they cannot clash with columns) — and the
 * Column it returns becomes the body of an `unresolvedLambda` node. The analyzer binds the
 * variables to the element types (see expr/functions/higher-order.ts). The number of declared
 * parameters matters only for transform/filter, where `(x, i) => …` also gets the index; other
 * functions always pass all their parameters (`transformKeys(m, (k) => …)` ignores the value).
 */
import type { Expr } from '../../expr/expression.js';
import { SluiceError } from '../../util/errors.js';
import { Column, type ColumnOrName, call, col, lit, toColumnOrLiteral } from '../column.js';

type Cols = ColumnOrName[] | [ColumnOrName[]];

/** PySpark lets varargs functions take one list too: `F.array(['a', 'b'])`. */
function flat(cols: Cols): ColumnOrName[] {
  return cols.length === 1 && Array.isArray(cols[0]) ? cols[0] : (cols as ColumnOrName[]);
}

/** PySpark's int-or-column arguments: numbers are literals, strings column names. */
function intOrColumn(v: ColumnOrName | number): Column | string {
  return typeof v === 'number' ? lit(v) : v;
}

// ---------------------------------------------------------------------------------------------
// Lambdas

let lambdaCounter = 0;
const PARAM_BASES = ['x', 'y', 'z'];

export type LambdaCallback = (...params: Column[]) => unknown;

/**
 * Builds the lambda for `fnName`. `arity` is the number of parameters the function passes: a
 * number when it is fixed (the callback may declare fewer, as JS callbacks usually do), or
 * `'oneOrTwo'` for transform/filter, where declaring a second parameter asks for the index.
 */
function lambdaColumn(f: LambdaCallback, fnName: string, arity: number | 'oneOrTwo'): Column {
  const declared = f.length;
  const max = arity === 'oneOrTwo' ? 2 : arity;
  if (declared > max) {
    throw new SluiceError(
      'WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION',
      `Function \`${f.name || '<lambda>'}\` passed to \`${fnName}\` should take at most ${max} arguments, but the provided function takes ${declared}.`,
    );
  }
  const n = arity === 'oneOrTwo' ? Math.max(1, declared) : arity;
  const names = PARAM_BASES.slice(0, n).map((b) => `${b}_${lambdaCounter++}`);
  const body = toColumnOrLiteral(f(...names.map((name) => col(`\`${name}\``)))).expr;
  const lambda: Expr = { kind: 'unresolvedLambda', paramNames: names, body };
  return new Column(lambda);
}

// ---------------------------------------------------------------------------------------------
// Constructors

export function array(...cols: Cols): Column {
  return call('array', flat(cols));
}
export function struct(...cols: Cols): Column {
  return call('struct', flat(cols));
}
/** `F.namedStruct(F.lit('a'), F.col('x'), …)` (names are literals, as in PySpark). */
export function namedStruct(...cols: Cols): Column {
  return call('named_struct', flat(cols));
}
export const named_struct = namedStruct;
export function createMap(...cols: Cols): Column {
  return call('map', flat(cols));
}
export const create_map = createMap;
export function mapFromArrays(keys: ColumnOrName, values: ColumnOrName): Column {
  return call('map_from_arrays', [keys, values]);
}
export const map_from_arrays = mapFromArrays;
export function mapFromEntries(c: ColumnOrName): Column {
  return call('map_from_entries', [c]);
}
export const map_from_entries = mapFromEntries;

// ---------------------------------------------------------------------------------------------
// Generators

export function explode(c: ColumnOrName): Column {
  return call('explode', [c]);
}
export function explodeOuter(c: ColumnOrName): Column {
  return call('explode_outer', [c]);
}
export const explode_outer = explodeOuter;
export function posexplode(c: ColumnOrName): Column {
  return call('posexplode', [c]);
}
export function posexplodeOuter(c: ColumnOrName): Column {
  return call('posexplode_outer', [c]);
}
export const posexplode_outer = posexplodeOuter;
export function inline(c: ColumnOrName): Column {
  return call('inline', [c]);
}
export function inlineOuter(c: ColumnOrName): Column {
  return call('inline_outer', [c]);
}
export const inline_outer = inlineOuter;
/** `F.stack(F.lit(2), 'a', 'b', 'c', 'd')`: the first argument is the row count. */
export function stack(...cols: ColumnOrName[]): Column {
  return call('stack', cols);
}

// ---------------------------------------------------------------------------------------------
// Arrays

export function size(c: ColumnOrName): Column {
  return call('size', [c]);
}
export function cardinality(c: ColumnOrName): Column {
  return call('cardinality', [c]);
}
export function arrayContains(c: ColumnOrName, value: unknown): Column {
  return call('array_contains', [c, toColumnOrLiteral(value)]);
}
export const array_contains = arrayContains;
/** 1-based index into an array (negative from the end), or a map key. */
export function elementAt(c: ColumnOrName, extraction: unknown): Column {
  return call('element_at', [c, toColumnOrLiteral(extraction)]);
}
export const element_at = elementAt;
export function tryElementAt(c: ColumnOrName, extraction: ColumnOrName): Column {
  return call('try_element_at', [c, extraction]);
}
export const try_element_at = tryElementAt;
/** 0-based index into an array. */
export function get(c: ColumnOrName, index: ColumnOrName | number): Column {
  return call('get', [c, intOrColumn(index)]);
}
export function sortArray(c: ColumnOrName, asc = true): Column {
  return call('sort_array', [c, lit(asc)]);
}
export const sort_array = sortArray;
/** Sorts ascending with nulls last, or with a comparator `(a, b) => negative | 0 | positive`. */
export function arraySort(c: ColumnOrName, comparator?: (a: Column, b: Column) => unknown): Column {
  return call('array_sort', comparator ? [c, lambdaColumn(comparator, 'array_sort', 2)] : [c]);
}
export const array_sort = arraySort;
export function arrayDistinct(c: ColumnOrName): Column {
  return call('array_distinct', [c]);
}
export const array_distinct = arrayDistinct;
export function arrayUnion(a: ColumnOrName, b: ColumnOrName): Column {
  return call('array_union', [a, b]);
}
export const array_union = arrayUnion;
export function arrayIntersect(a: ColumnOrName, b: ColumnOrName): Column {
  return call('array_intersect', [a, b]);
}
export const array_intersect = arrayIntersect;
export function arrayExcept(a: ColumnOrName, b: ColumnOrName): Column {
  return call('array_except', [a, b]);
}
export const array_except = arrayExcept;
export function arrayJoin(c: ColumnOrName, delimiter: string, nullReplacement?: string): Column {
  return call(
    'array_join',
    nullReplacement === undefined ? [c, lit(delimiter)] : [c, lit(delimiter), lit(nullReplacement)],
  );
}
export const array_join = arrayJoin;
export function arrayMax(c: ColumnOrName): Column {
  return call('array_max', [c]);
}
export const array_max = arrayMax;
export function arrayMin(c: ColumnOrName): Column {
  return call('array_min', [c]);
}
export const array_min = arrayMin;
export function arrayPosition(c: ColumnOrName, value: unknown): Column {
  return call('array_position', [c, toColumnOrLiteral(value)]);
}
export const array_position = arrayPosition;
export function arrayRemove(c: ColumnOrName, element: unknown): Column {
  return call('array_remove', [c, toColumnOrLiteral(element)]);
}
export const array_remove = arrayRemove;
export function arrayRepeat(c: ColumnOrName, count: ColumnOrName | number): Column {
  return call('array_repeat', [c, intOrColumn(count)]);
}
export const array_repeat = arrayRepeat;
export function arrayAppend(c: ColumnOrName, value: unknown): Column {
  return call('array_append', [c, toColumnOrLiteral(value)]);
}
export const array_append = arrayAppend;
export function arrayPrepend(c: ColumnOrName, value: unknown): Column {
  return call('array_prepend', [c, toColumnOrLiteral(value)]);
}
export const array_prepend = arrayPrepend;
export function arrayCompact(c: ColumnOrName): Column {
  return call('array_compact', [c]);
}
export const array_compact = arrayCompact;
export function arraysZip(...cols: Cols): Column {
  return call('arrays_zip', flat(cols));
}
export const arrays_zip = arraysZip;
export function flatten(c: ColumnOrName): Column {
  return call('flatten', [c]);
}
export function slice(c: ColumnOrName, start: ColumnOrName | number, length: ColumnOrName | number): Column {
  return call('slice', [c, intOrColumn(start), intOrColumn(length)]);
}
export function sequence(start: ColumnOrName, stop: ColumnOrName, step?: ColumnOrName): Column {
  return call('sequence', step === undefined ? [start, stop] : [start, stop, step]);
}
export function shuffle(c: ColumnOrName, seed?: number): Column {
  return call('shuffle', seed === undefined ? [c] : [c, lit(seed)]);
}

// ---------------------------------------------------------------------------------------------
// Maps

export function mapKeys(c: ColumnOrName): Column {
  return call('map_keys', [c]);
}
export const map_keys = mapKeys;
export function mapValues(c: ColumnOrName): Column {
  return call('map_values', [c]);
}
export const map_values = mapValues;
export function mapEntries(c: ColumnOrName): Column {
  return call('map_entries', [c]);
}
export const map_entries = mapEntries;
export function mapConcat(...cols: Cols): Column {
  return call('map_concat', flat(cols));
}
export const map_concat = mapConcat;
export function mapContainsKey(c: ColumnOrName, value: unknown): Column {
  return call('map_contains_key', [c, toColumnOrLiteral(value)]);
}
export const map_contains_key = mapContainsKey;

// ---------------------------------------------------------------------------------------------
// Higher-order functions

/** `F.transform('xs', (x) => x.plus(1))`, or `(x, i) => …` with the 0-based index. */
export function transform(c: ColumnOrName, f: LambdaCallback): Column {
  return call('transform', [c, lambdaColumn(f, 'transform', 'oneOrTwo')]);
}
export function filter(c: ColumnOrName, f: LambdaCallback): Column {
  return call('filter', [c, lambdaColumn(f, 'filter', 'oneOrTwo')]);
}
export function exists(c: ColumnOrName, f: (x: Column) => unknown): Column {
  return call('exists', [c, lambdaColumn(f, 'exists', 1)]);
}
export function forall(c: ColumnOrName, f: (x: Column) => unknown): Column {
  return call('forall', [c, lambdaColumn(f, 'forall', 1)]);
}
/** `F.aggregate('xs', F.lit(0), (acc, x) => acc.plus(x), (acc) => acc.multiply(10))`. */
export function aggregate(
  c: ColumnOrName,
  initialValue: ColumnOrName,
  merge: (acc: Column, x: Column) => unknown,
  finish?: (acc: Column) => unknown,
): Column {
  const args = [c, initialValue, lambdaColumn(merge, 'aggregate', 2)];
  return call('aggregate', finish ? [...args, lambdaColumn(finish, 'aggregate', 1)] : args);
}
export function reduce(
  c: ColumnOrName,
  initialValue: ColumnOrName,
  merge: (acc: Column, x: Column) => unknown,
  finish?: (acc: Column) => unknown,
): Column {
  const args = [c, initialValue, lambdaColumn(merge, 'reduce', 2)];
  return call('reduce', finish ? [...args, lambdaColumn(finish, 'reduce', 1)] : args);
}
export function zipWith(
  left: ColumnOrName,
  right: ColumnOrName,
  f: (x: Column, y: Column) => unknown,
): Column {
  return call('zip_with', [left, right, lambdaColumn(f, 'zip_with', 2)]);
}
export const zip_with = zipWith;
export function transformKeys(c: ColumnOrName, f: (k: Column, v: Column) => unknown): Column {
  return call('transform_keys', [c, lambdaColumn(f, 'transform_keys', 2)]);
}
export const transform_keys = transformKeys;
export function transformValues(c: ColumnOrName, f: (k: Column, v: Column) => unknown): Column {
  return call('transform_values', [c, lambdaColumn(f, 'transform_values', 2)]);
}
export const transform_values = transformValues;
export function mapFilter(c: ColumnOrName, f: (k: Column, v: Column) => unknown): Column {
  return call('map_filter', [c, lambdaColumn(f, 'map_filter', 2)]);
}
export const map_filter = mapFilter;

/** The element count of an array (NULL for a NULL array). */
export function arraySize(c: ColumnOrName): Column {
  return call('array_size', [c]);
}
export const array_size = arraySize;
/** Whether two arrays share a non-null element (NULL when undecidable because of nulls). */
export function arraysOverlap(a1: ColumnOrName, a2: ColumnOrName): Column {
  return call('arrays_overlap', [a1, a2]);
}
export const arrays_overlap = arraysOverlap;
/** Splits text into a map: pairs by `pairDelim` (default ','), key and value by `keyValueDelim` (default ':'); both are regexes. */
export function strToMap(
  text: ColumnOrName,
  pairDelim?: string | Column | null,
  keyValueDelim?: string | Column | null,
): Column {
  return call('str_to_map', [
    text,
    toColumnOrLiteral(pairDelim ?? ','),
    toColumnOrLiteral(keyValueDelim ?? ':'),
  ]);
}
export const str_to_map = strToMap;
