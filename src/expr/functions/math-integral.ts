/**
 * Math on exact values: abs, factorial, shifts, bin, conv, bit_count, getbit, width_bucket.
 *
 * Invariants: integral results wrap at their type's width as Java does (abs(-128Y) = -128Y,
 * shiftleft(1, 32) = 1); longs are numbers when safe and bigints otherwise (normalised).
 */
import {
  BooleanType,
  ByteType,
  type DataType,
  DoubleType,
  IntegerType,
  isAnsiInterval,
  LongType,
  StringType,
} from '../../types/data-type.js';
import { normalizeLong } from '../../types/literal-value.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg, INTEGRAL, NUMERIC, oneOf } from './input-coercion.js';
import { anyNullable, strictEvaluator, strictFunction } from './strict-function.js';

const WIDTH: Partial<Record<DataType['kind'], number>> = { byte: 8, short: 16, integer: 32, long: 64 };

/** Spark's ARITHMETIC_OVERFLOW (ANSI mode), e.g. `overflow` or `Overflow in function conv()`. */
export function arithmeticOverflow(what: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'ARITHMETIC_OVERFLOW',
    `${what}. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
  );
}

function wrap(bits: number, v: bigint): number | bigint {
  const w = BigInt.asIntN(bits, v);
  return bits === 64 ? normalizeLong(w) : Number(w);
}

// ---------------------------------------------------------------------------------------------
// abs

const abs: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'abs',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    // ANSI intervals have an absolute value too (µs or months)
    const x = isAnsiInterval(dataTypeOf(args[0]!)) ? args[0]! : coerceArg(args[0]!, NUMERIC, 0);
    return { args: [x], dataType: dataTypeOf(x), nullable: nullableOf(x) };
  },
  compile: (call, [f], ctx) => {
    const t = call.dataType;
    const g = f!;
    if (isAnsiInterval(t))
      return (row) => {
        const v = g(row) as number | null;
        return v === null ? null : Math.abs(v);
      };
    const bits = WIDTH[t.kind];
    // abs of the minimum value overflows: it wraps to itself, or fails in ANSI mode
    const wrapped = (b: number, v: bigint): number | bigint => {
      const w = wrap(b, v);
      if (ctx.ansi && BigInt(w) !== v) throw arithmeticOverflow('overflow');
      return w;
    };
    let body: (v: any) => unknown;
    if (t.kind === 'decimal') body = (v: bigint) => (v < 0n ? -v : v);
    else if (t.kind === 'long')
      body = (v: number | bigint) => (typeof v === 'number' ? Math.abs(v) : wrapped(64, v < 0n ? -v : v));
    else if (bits !== undefined) body = (v: number) => (v < 0 ? wrapped(bits, BigInt(-v)) : v);
    else body = Math.abs;
    return (row) => {
      const v = g(row);
      return v === null ? null : body(v);
    };
  },
};

// ---------------------------------------------------------------------------------------------
// factorial, shifts, bin, bit_count, getbit

const FACTORIALS: (number | bigint)[] = [];
for (let i = 0, f = 1n; i <= 20; i++, f *= BigInt(Math.max(i, 1))) FACTORIALS.push(normalizeLong(f));

const factorial = strictFunction({
  name: 'factorial',
  inputs: [IntegerType],
  result: LongType,
  nullable: () => true,
  body: () => (n: number) => (n < 0 || n > 20 ? null : FACTORIALS[n]!),
});

type Shift = 'shiftleft' | 'shiftright' | 'shiftrightunsigned';

/**
 * shiftleft/shiftright/shiftrightunsigned; with `operator`, the SQL operator form (`a << b`,
 * registered as `__shiftleft_op` & co. for the parser) that Spark names `(a << b)`.
 */
function shiftFunction(name: Shift, operator = false): ScalarFunctionDef {
  const symbol = name === 'shiftleft' ? '<<' : name === 'shiftright' ? '>>' : '>>>';
  return {
    kind: 'scalar',
    name: operator ? `__${name}_op` : name,
    minArgs: 2,
    maxArgs: 2,
    prettyName: (args) => (operator ? `(${args[0]} ${symbol} ${args[1]})` : `${name}(${args.join(', ')})`),
    resolve: (args) => {
      const t = dataTypeOf(args[0]!);
      const target = t.kind === 'long' ? LongType : oneOf(IntegerType, LongType);
      const out = [coerceArg(args[0]!, target, 0), coerceArg(args[1]!, IntegerType, 1)];
      return { args: out, dataType: dataTypeOf(out[0]!), nullable: anyNullable(out) };
    },
    compile: (call, args) => {
      if (call.dataType.kind === 'integer') {
        const f =
          name === 'shiftleft'
            ? (a: number, n: number) => a << n
            : name === 'shiftright'
              ? (a: number, n: number) => a >> n
              : (a: number, n: number) => (a >>> n) | 0;
        return strictEvaluator(args, f);
      }
      return strictEvaluator(args, (a: number | bigint, n: number) => {
        const k = BigInt(n & 63);
        const x = BigInt(a);
        const r = name === 'shiftleft' ? x << k : name === 'shiftright' ? x >> k : BigInt.asUintN(64, x) >> k;
        return normalizeLong(BigInt.asIntN(64, r));
      });
    },
  };
}

const bin = strictFunction({
  name: 'bin',
  inputs: [LongType],
  result: StringType,
  body: () => (v: number | bigint) => BigInt.asUintN(64, BigInt(v)).toString(2),
});

function popCount64(v: bigint): number {
  let x = BigInt.asUintN(64, v);
  let n = 0;
  while (x !== 0n) {
    x &= x - 1n;
    n++;
  }
  return n;
}

const bitCount = strictFunction({
  name: 'bit_count',
  inputs: [oneOf(INTEGRAL, BooleanType)],
  result: IntegerType,
  body: (call) =>
    dataTypeOf(call.args[0]!).kind === 'boolean'
      ? (b: boolean) => (b ? 1 : 0)
      : (v: number | bigint) => popCount64(BigInt(v)),
});

const getbit = strictFunction({
  name: 'getbit',
  inputs: [INTEGRAL, IntegerType],
  result: ByteType,
  body: (call) => {
    const bits = WIDTH[dataTypeOf(call.args[0]!).kind] ?? 64;
    return (v: number | bigint, pos: number) => {
      if (pos < 0 || pos >= bits) {
        throw new SparkRuntimeError(
          'INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE',
          `The value of parameter(s) \`pos\` in \`getbit\` is invalid: expects an integer value in [0, ${bits}), but got ${pos}.`,
        );
      }
      return Number((BigInt(v) >> BigInt(pos)) & 1n);
    };
  },
});

// ---------------------------------------------------------------------------------------------
// conv

const U64 = 1n << 64n;

/** Spark's NumberConverter: base conversion through an unsigned 64-bit value (overflow → all ones). */
export function conv(input: string, fromBase: number, toBase: number, ansi = false): string | null {
  if (fromBase < 2 || fromBase > 36 || Math.abs(toBase) < 2 || Math.abs(toBase) > 36) return null;
  const s = input.trim();
  if (s.length === 0) return null;
  let negative = s[0] === '-';
  let v = 0n;
  const radix = BigInt(fromBase);
  for (let i = negative ? 1 : 0; i < s.length; i++) {
    const d = Number.parseInt(s[i]!, 36);
    if (Number.isNaN(d) || d >= fromBase) break;
    v = v * radix + BigInt(d);
    if (v >= U64) {
      if (ansi) throw arithmeticOverflow('Overflow in function conv()');
      v = U64 - 1n;
      break;
    }
  }
  // v is an unsigned 64-bit value; signed view for the sign rules below
  let signed = BigInt.asIntN(64, v);
  if (negative && toBase > 0) signed = signed < 0n ? -1n : -signed;
  if (toBase < 0 && signed < 0n) {
    signed = -signed;
    negative = true;
  }
  const digits = BigInt.asUintN(64, signed).toString(Math.abs(toBase)).toUpperCase();
  return negative && toBase < 0 ? `-${digits}` : digits;
}

const convFn = strictFunction({
  name: 'conv',
  inputs: [StringType, IntegerType, IntegerType],
  result: StringType,
  nullable: () => true,
  body: (_call, ctx) => (s: string, from: number, to: number) => conv(s, from, to, ctx.ansi),
});

// ---------------------------------------------------------------------------------------------
// width_bucket

export function widthBucket(
  value: number,
  min: number,
  max: number,
  n: number | bigint,
): number | bigint | null {
  const buckets = BigInt(n);
  if (
    buckets <= 0n ||
    buckets === 9223372036854775807n ||
    Number.isNaN(value) ||
    min === max ||
    !Number.isFinite(min) ||
    !Number.isFinite(max)
  ) {
    return null;
  }
  const lower = Math.min(min, max);
  const upper = Math.max(min, max);
  const nb = Number(buckets);
  let bucket: number | bigint;
  if (min < max) {
    if (value < lower) bucket = 0;
    else if (value >= upper) bucket = normalizeLong(buckets + 1n);
    else bucket = Math.trunc((nb * (value - lower)) / (upper - lower)) + 1;
  } else if (value > upper) bucket = 0;
  else if (value <= lower) bucket = normalizeLong(buckets + 1n);
  else bucket = Math.trunc((nb * (upper - value)) / (upper - lower)) + 1;
  return bucket;
}

const widthBucketFn = strictFunction({
  name: 'width_bucket',
  inputs: [DoubleType, DoubleType, DoubleType, LongType],
  result: LongType,
  nullable: () => true,
  body: () => widthBucket,
});

registerFunctions([
  abs,
  factorial,
  shiftFunction('shiftleft'),
  shiftFunction('shiftright'),
  shiftFunction('shiftrightunsigned'),
  shiftFunction('shiftleft', true),
  shiftFunction('shiftright', true),
  shiftFunction('shiftrightunsigned', true),
  bin,
  bitCount,
  getbit,
  convFn,
  widthBucketFn,
]);
