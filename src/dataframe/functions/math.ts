/**
 * PySpark's math functions as Column builders (`F.round`, `F.pow`, `F.log`, `F.greatest`, …, with
 * snake_case aliases where PySpark's name has an underscore).
 *
 * Argument conventions follow PySpark: strings are column names; scales, seeds, bases and shift
 * distances are numbers; the binary math functions (pow, atan2, hypot, pmod) take a column or a
 * number on either side, as PySpark's do.
 */
import { randomBytes } from 'node:crypto';
import { literal } from '../../expr/expression.js';
import { DoubleType, LongType } from '../../types/data-type.js';
import { Column, type ColumnOrName, call, lit } from '../column.js';

/** PySpark's `Union[ColumnOrName, float]` in binary math functions: numbers become literals. */
function operand(v: ColumnOrName | number): ColumnOrName {
  return typeof v === 'number' ? lit(v) : v;
}
function numOrCol(v: number | Column): Column {
  return v instanceof Column ? v : lit(v);
}
/** PySpark passes an explicit random seed when none is given, so the column name shows it. */
function seedLiteral(seed: number | bigint | undefined): Column {
  const v = seed === undefined ? randomBytes(8).readBigInt64BE() : BigInt(seed);
  const safe = v >= -9007199254740991n && v <= 9007199254740991n;
  return new Column(literal(safe ? Number(v) : v, LongType));
}

const unary =
  (name: string) =>
  (col: ColumnOrName): Column =>
    call(name, [col]);

export const abs = unary('abs');
export const sqrt = unary('sqrt');
export const cbrt = unary('cbrt');
export const exp = unary('exp');
export const expm1 = unary('expm1');
export const ln = unary('ln');
export const log10 = unary('log10');
export const log2 = unary('log2');
export const log1p = unary('log1p');
export const signum = unary('signum');
export const sign = unary('sign');
export const sin = unary('sin');
export const cos = unary('cos');
export const tan = unary('tan');
export const cot = unary('cot');
export const sec = unary('sec');
export const csc = unary('csc');
export const asin = unary('asin');
export const acos = unary('acos');
export const atan = unary('atan');
export const sinh = unary('sinh');
export const cosh = unary('cosh');
export const tanh = unary('tanh');
export const asinh = unary('asinh');
export const acosh = unary('acosh');
export const atanh = unary('atanh');
export const degrees = unary('degrees');
export const radians = unary('radians');
/** @deprecated PySpark's old name for `degrees`. */
export const toDegrees = degrees;
/** @deprecated PySpark's old name for `radians`. */
export const toRadians = radians;
export const rint = unary('rint');
export const factorial = unary('factorial');
export const bin = unary('bin');
export const hex = unary('hex');
export const unhex = unary('unhex');
export const negative = unary('negative');
export const positive = unary('positive');
export const bitCount = unary('bit_count');
export const bit_count = bitCount;

/** `F.log('x')` is the natural logarithm; `F.log(2, 'x')` uses a (numeric) base. */
export function log(arg1: ColumnOrName | number, arg2?: ColumnOrName): Column {
  if (arg2 === undefined) return call('ln', [arg1 as ColumnOrName]);
  const base = typeof arg1 === 'number' ? new Column(literal(arg1, DoubleType)) : arg1;
  return call('log', [base, arg2]);
}

export function pow(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return call('power', [operand(col1), operand(col2)]);
}
export const power = pow;
export function atan2(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return call('atan2', [operand(col1), operand(col2)]);
}
export function hypot(col1: ColumnOrName | number, col2: ColumnOrName | number): Column {
  return call('hypot', [operand(col1), operand(col2)]);
}
/** Positive modulus: the result has the divisor's sign. */
export function pmod(dividend: ColumnOrName | number, divisor: ColumnOrName | number): Column {
  return call('pmod', [operand(dividend), operand(divisor)]);
}

export function pi(): Column {
  return call('pi', []);
}
export function e(): Column {
  return call('e', []);
}

/** Rounds HALF_UP to `scale` decimal places (negative: to tens, hundreds…). */
export function round(col: ColumnOrName, scale?: number | Column): Column {
  return call('round', scale === undefined ? [col] : [col, numOrCol(scale)]);
}
/** Rounds HALF_EVEN (banker's rounding). */
export function bround(col: ColumnOrName, scale?: number | Column): Column {
  return call('bround', scale === undefined ? [col] : [col, numOrCol(scale)]);
}
export function floor(col: ColumnOrName, scale?: number | Column): Column {
  return call('floor', scale === undefined ? [col] : [col, numOrCol(scale)]);
}
export function ceil(col: ColumnOrName, scale?: number | Column): Column {
  return call('ceil', scale === undefined ? [col] : [col, numOrCol(scale)]);
}
export function ceiling(col: ColumnOrName, scale?: number | Column): Column {
  return call('ceiling', scale === undefined ? [col] : [col, numOrCol(scale)]);
}

/** Uniform [0, 1) doubles; with a seed, the same values Spark gives for it. */
export function rand(seed?: number | bigint): Column {
  return call('rand', [seedLiteral(seed)]);
}
export const random = rand;
/** Standard normal doubles. */
export function randn(seed?: number | bigint): Column {
  return call('randn', [seedLiteral(seed)]);
}

/** The largest non-null value (null only if all are null). */
export function greatest(...cols: ColumnOrName[]): Column {
  if (cols.length < 2) throw new TypeError('greatest() should take at least 2 columns');
  return call('greatest', cols);
}
export function least(...cols: ColumnOrName[]): Column {
  if (cols.length < 2) throw new TypeError('least() should take at least 2 columns');
  return call('least', cols);
}

/** col1 unless it is NaN, else col2. */
export function nanvl(col1: ColumnOrName, col2: ColumnOrName): Column {
  return call('nanvl', [col1, col2]);
}
/** Converts a string number between bases (2–36; a negative toBase gives a signed result). */
export function conv(col: ColumnOrName, fromBase: number, toBase: number): Column {
  return call('conv', [col, lit(fromBase), lit(toBase)]);
}
export function shiftleft(col: ColumnOrName, numBits: number): Column {
  return call('shiftleft', [col, lit(numBits)]);
}
export function shiftright(col: ColumnOrName, numBits: number): Column {
  return call('shiftright', [col, lit(numBits)]);
}
export function shiftrightunsigned(col: ColumnOrName, numBits: number): Column {
  return call('shiftrightunsigned', [col, lit(numBits)]);
}
/** @deprecated PySpark's old name for `shiftleft`. */
export const shiftLeft = shiftleft;
/** @deprecated PySpark's old name for `shiftright`. */
export const shiftRight = shiftright;
/** @deprecated PySpark's old name for `shiftrightunsigned`. */
export const shiftRightUnsigned = shiftrightunsigned;
export function getbit(col: ColumnOrName, pos: ColumnOrName): Column {
  return call('getbit', [col, pos]);
}
export function widthBucket(
  v: ColumnOrName,
  min: ColumnOrName,
  max: ColumnOrName,
  numBucket: ColumnOrName | number,
): Column {
  return call('width_bucket', [v, min, max, operand(numBucket)]);
}
export const width_bucket = widthBucket;

// try_* arithmetic: null instead of overflow / division by zero errors
export function tryAdd(left: ColumnOrName, right: ColumnOrName): Column {
  return call('try_add', [left, right]);
}
export const try_add = tryAdd;
export function trySubtract(left: ColumnOrName, right: ColumnOrName): Column {
  return call('try_subtract', [left, right]);
}
export const try_subtract = trySubtract;
export function tryMultiply(left: ColumnOrName, right: ColumnOrName): Column {
  return call('try_multiply', [left, right]);
}
export const try_multiply = tryMultiply;
export function tryDivide(left: ColumnOrName, right: ColumnOrName): Column {
  return call('try_divide', [left, right]);
}
export const try_divide = tryDivide;
export function tryMod(left: ColumnOrName, right: ColumnOrName): Column {
  return call('try_mod', [left, right]);
}
export const try_mod = tryMod;
