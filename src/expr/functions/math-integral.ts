/**
 * Math on exact values: abs, pmod, factorial, shifts, bin, conv, bit_count, getbit, width_bucket,
 * greatest/least and nanvl.
 *
 * Invariants: integral results wrap at their type's width as Java does (abs(-128Y) = -128Y,
 * shiftleft(1, 32) = 1); longs are numbers when safe and bigints otherwise (normalised); division
 * by zero gives null, or an error in ANSI mode.
 */
import {
  BooleanType,
  ByteType,
  type DataType,
  type DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  isNumeric,
  LongType,
  sameType,
  sqlTypeName,
  StringType,
} from '../../types/data-type.js';
import { boundedDecimal, castIfNeeded, decimalForType, tightestCommonType, widerType } from '../../types/coercion.js';
import { normalizeLong } from '../../types/literal-value.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { lookupFunction, registerFunctions } from '../function-registry.js';
import { comparatorFor } from '../ordering.js';
import { pow10 } from './decimal-rounding.js';
import { coerceArg, INTEGRAL, NUMERIC, oneOf } from './input-coercion.js';
import { anyNullable, strictEvaluator, strictFunction } from './strict-function.js';
import './operators.js';

const WIDTH: Partial<Record<DataType['kind'], number>> = { byte: 8, short: 16, integer: 32, long: 64 };

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
    const x = coerceArg(args[0]!, NUMERIC, 0);
    return { args: [x], dataType: dataTypeOf(x), nullable: nullableOf(x) };
  },
  compile: (call, [f]) => {
    const t = call.dataType;
    const g = f!;
    const bits = WIDTH[t.kind];
    let body: (v: any) => unknown;
    if (t.kind === 'decimal') body = (v: bigint) => (v < 0n ? -v : v);
    else if (t.kind === 'long') body = (v: number | bigint) => (typeof v === 'number' ? Math.abs(v) : wrap(64, v < 0n ? -v : v));
    else if (bits !== undefined) body = (v: number) => (v < 0 ? wrap(bits, BigInt(-v)) : v);
    else body = Math.abs;
    return (row) => {
      const v = g(row);
      return v === null ? null : body(v);
    };
  },
};

// ---------------------------------------------------------------------------------------------
// pmod

function divideByZero(): SparkRuntimeError {
  return new SparkRuntimeError(
    'DIVIDE_BY_ZERO',
    'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
  );
}

/** Operand type of a binary arithmetic function (Spark's non-ANSI numeric promotion). */
function arithmeticOperands(args: readonly Expr[]): { args: Expr[]; type: DataType } {
  let [l, r] = args as [Expr, Expr];
  const promote = (e: Expr) => (dataTypeOf(e).kind === 'string' ? castIfNeeded(e, DoubleType) : e);
  l = promote(l);
  r = promote(r);
  let lt = dataTypeOf(l);
  let rt = dataTypeOf(r);
  if (lt.kind === 'null') lt = rt.kind === 'null' ? DoubleType : rt;
  if (rt.kind === 'null') rt = lt;
  if (!isNumeric(lt) || !isNumeric(rt)) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES',
      `Cannot resolve "x" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("${sqlTypeName(lt)}" and "${sqlTypeName(rt)}").`,
    );
  }
  if (lt.kind === 'decimal' || rt.kind === 'decimal') {
    if (lt.kind === 'float' || lt.kind === 'double' || rt.kind === 'float' || rt.kind === 'double') {
      return { args: [castIfNeeded(l, DoubleType), castIfNeeded(r, DoubleType)], type: DoubleType };
    }
    const a = decimalForType(lt)!;
    const b = decimalForType(rt)!;
    const scale = Math.max(a.scale, b.scale);
    const type = boundedDecimal(Math.min(a.precision - a.scale, b.precision - b.scale) + scale, scale);
    return { args: [castIfNeeded(l, a), castIfNeeded(r, b)], type };
  }
  const t = tightestCommonType(lt, rt)!;
  return { args: [castIfNeeded(l, t), castIfNeeded(r, t)], type: t };
}

const pmod: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'pmod',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const r = arithmeticOperands(args);
    return { args: r.args, dataType: r.type, nullable: true };
  },
  compile: (call, args, ctx) => {
    const t = call.dataType;
    const zero = (): null => {
      if (ctx.ansi) throw divideByZero();
      return null;
    };
    if (t.kind === 'decimal') {
      const s1 = (dataTypeOf(call.args[0]!) as DecimalType).scale;
      const s2 = (dataTypeOf(call.args[1]!) as DecimalType).scale;
      const limit = pow10(t.precision);
      return strictEvaluator(args, (a: bigint, b: bigint) => {
        if (b === 0n) return zero();
        const x = a * pow10(t.scale - s1);
        const n = b * pow10(t.scale - s2);
        let r = x % n;
        if (r < 0n) r = (r + n) % n;
        return r >= limit || r <= -limit ? null : r;
      });
    }
    if (t.kind === 'long') {
      return strictEvaluator(args, (a: number | bigint, b: number | bigint) => {
        if (b === 0 || b === 0n) return zero();
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a % b;
          return (r < 0 ? (r + b) % b : r) + 0;
        }
        const x = BigInt(a);
        const n = BigInt(b);
        const r = x % n;
        return normalizeLong(r < 0n ? (r + n) % n : r);
      });
    }
    const round = t.kind === 'float' ? Math.fround : (x: number) => x;
    return strictEvaluator(args, (a: number, b: number) => {
      if (b === 0) return zero();
      const r = a % b;
      return round(r < 0 ? (r + b) % b : r) + 0;
    });
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

function shiftFunction(name: Shift): ScalarFunctionDef {
  const symbol = name === 'shiftleft' ? '<<' : name === 'shiftright' ? '>>' : '>>>';
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    // The SQL operators (`a << b`) build the same call with `params.operator` set.
    prettyName: (args, c) => (c.params?.operator ? `(${args[0]} ${symbol} ${args[1]})` : `${name}(${args.join(', ')})`),
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

/** Spark's NumberConverter: base conversion through an unsigned 64-bit value. */
export function conv(input: string, fromBase: number, toBase: number): string | null {
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
  body: () => conv,
});

// ---------------------------------------------------------------------------------------------
// width_bucket

export function widthBucket(value: number, min: number, max: number, n: number | bigint): number | bigint | null {
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

// ---------------------------------------------------------------------------------------------
// greatest / least

function extremum(name: 'greatest' | 'least'): ScalarFunctionDef {
  const sign = name === 'greatest' ? 1 : -1;
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    resolve: (args) => {
      const types = args.map(dataTypeOf);
      let t: DataType | undefined = types[0];
      for (let i = 1; i < types.length && t; i++) t = widerType(t, types[i]!, false);
      if (!t || t.kind === 'map') {
        const listed = [...new Set(types.map((x) => `"${sqlTypeName(x)}"`))].join(', ');
        throw new AnalysisException(
          'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
          `Cannot resolve "x" due to data type mismatch: Input to \`${name}\` should all be the same type, but it's [${listed}].`,
        );
      }
      const target = t;
      return {
        args: args.map((a) => (sameType(dataTypeOf(a), target, true) ? a : castIfNeeded(a, target))),
        dataType: target,
        nullable: args.every(nullableOf),
      };
    },
    compile: (call, args) => {
      const cmp = comparatorFor(call.dataType);
      const n = args.length;
      return (row) => {
        let best: unknown = null;
        for (let i = 0; i < n; i++) {
          const v = args[i]!(row);
          if (v !== null && (best === null || sign * cmp(v, best) > 0)) best = v;
        }
        return best;
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// nanvl

const nanvl: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'nanvl',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const bothFloat = args.every((a) => dataTypeOf(a).kind === 'float');
    const target = bothFloat ? FloatType : DoubleType;
    const out = args.map((a, i) => coerceArg(a, target, i));
    return { args: out, dataType: target, nullable: anyNullable(out) };
  },
  compile: (_call, args) => {
    const [fa, fb] = args as [Evaluator, Evaluator];
    return (row) => {
      const a = fa(row) as number | null;
      if (a === null) return null;
      return Number.isNaN(a) ? fb(row) : a;
    };
  },
};

// ---------------------------------------------------------------------------------------------
// mod (Spark's `%` under a function name): the same semantics as the `remainder` operator

function remainderDef(): ScalarFunctionDef {
  const def = lookupFunction('remainder');
  if (!def || def.kind !== 'scalar') throw new Error('internal error: the remainder operator is not registered');
  return def;
}

const mod: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'mod',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args, ctx) => remainderDef().resolve(args, ctx),
  compile: (call, args, ctx) => remainderDef().compile(call, args, ctx),
};

registerFunctions([
  abs,
  pmod,
  mod,
  factorial,
  shiftFunction('shiftleft'),
  shiftFunction('shiftright'),
  shiftFunction('shiftrightunsigned'),
  bin,
  bitCount,
  getbit,
  convFn,
  widthBucketFn,
  extremum('greatest'),
  extremum('least'),
  nanvl,
]);
