/**
 * Arithmetic operators, with Spark's (non-ANSI by default) typing and overflow rules:
 * int/short/byte wrap at their width, long wraps at 64 bits, division is fractional and returns
 * null on a zero divisor, decimals follow Spark's precision/scale rules.
 *
 * Invariant: resolve() coerces both sides to one numeric type (strings become double like Spark's
 * non-ANSI arithmetic); compile() picks a closure per type once.
 */

import { castIfNeeded, decimalForType, numericResultType } from '../../types/coercion.js';
import type { CalendarInterval, DataType, DecimalType } from '../../types/data-type.js';
import {
  DoubleType,
  decimalType,
  isAnsiInterval,
  isNumeric,
  LongType,
  MAX_DECIMAL_PRECISION,
  TimestampType,
} from '../../types/data-type.js';
import { timestampAddInterval } from '../../types/datetime/date-math.js';
import type { Micros } from '../../types/datetime/micros.js';
import { parseZoneId } from '../../types/datetime/time-zone.js';
import { normalizeLong } from '../../types/literal-value.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { ansiIntervalRewrite } from './interval-arithmetic.js';
import { typeMismatch } from './type-checks.js';

type Op = 'add' | 'subtract' | 'multiply' | 'divide' | 'remainder' | 'div';
const SYMBOL: Record<Op, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  remainder: '%',
  div: 'div',
};

/** Spark's DecimalPrecision.adjustPrecisionScale (allowPrecisionLoss = true). */
function adjust(precision: number, scale: number): DecimalType {
  if (precision <= MAX_DECIMAL_PRECISION) return decimalType(precision, scale);
  const intDigits = precision - scale;
  const minScale = Math.min(scale, 6);
  return decimalType(MAX_DECIMAL_PRECISION, Math.max(MAX_DECIMAL_PRECISION - intDigits, minScale));
}

function decimalResult(op: Op, a: DecimalType, b: DecimalType): DecimalType {
  const { precision: p1, scale: s1 } = a;
  const { precision: p2, scale: s2 } = b;
  switch (op) {
    case 'add':
    case 'subtract': {
      const scale = Math.max(s1, s2);
      return adjust(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case 'multiply':
      return adjust(p1 + p2 + 1, s1 + s2);
    case 'divide': {
      const scale = Math.max(6, s1 + p2 + 1);
      return adjust(p1 - s1 + s2 + scale, scale);
    }
    case 'remainder': {
      const scale = Math.max(s1, s2);
      return adjust(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
    case 'div':
      return decimalType(Math.min(p1 - s1 + s2, MAX_DECIMAL_PRECISION), 0);
  }
}

/** Spark types an integer literal in decimal arithmetic by its own digits (`5.0 / 2` is decimal(7,6)). */
function decimalOperandType(e: Expr, t: DataType): DecimalType {
  if (
    e.kind === 'literal' &&
    e.value !== null &&
    (t.kind === 'integer' || t.kind === 'long' || t.kind === 'short' || t.kind === 'byte')
  ) {
    const digits = String(e.value).replace('-', '').length;
    return decimalType(Math.max(1, digits), 0);
  }
  return decimalForType(t)!;
}

function resolveArithmetic(op: Op) {
  return (args: readonly Expr[], _ctx: FunctionContext) => {
    let [l, r] = args as [Expr, Expr];
    let lt = dataTypeOf(l);
    let rt = dataTypeOf(r);
    // Spark (non-ANSI) promotes strings in arithmetic to double.
    if (lt.kind === 'string') {
      l = castIfNeeded(l, DoubleType);
      lt = DoubleType;
    }
    if (rt.kind === 'string') {
      r = castIfNeeded(r, DoubleType);
      rt = DoubleType;
    }
    if (lt.kind === 'null') lt = rt.kind === 'null' ? DoubleType : rt;
    if (rt.kind === 'null') rt = lt;
    if (!isNumeric(lt) || !isNumeric(rt)) {
      throw typeMismatch(`(${'x'} ${SYMBOL[op]} ${'y'})`, 'BINARY_OP_DIFF_TYPES', lt, rt, op);
    }
    let resultType: DataType;
    let operandType: DataType;
    if (lt.kind === 'decimal' || rt.kind === 'decimal') {
      if (lt.kind === 'float' || lt.kind === 'double' || rt.kind === 'float' || rt.kind === 'double') {
        operandType = DoubleType;
        resultType = DoubleType;
      } else {
        const a = decimalOperandType(l, lt);
        const b = decimalOperandType(r, rt);
        resultType = decimalResult(op, a, b);
        if (op === 'div') resultType = LongType;
        return {
          args: [castIfNeeded(l, a), castIfNeeded(r, b)],
          dataType: resultType,
          nullable: true,
          params: {
            scales: [a.scale, b.scale],
            resultScale: resultType.kind === 'decimal' ? resultType.scale : 0,
          },
        };
      }
    } else if (op === 'divide') {
      operandType = DoubleType;
      resultType = DoubleType;
    } else {
      operandType = numericResultType(lt, rt)!;
      resultType = op === 'div' ? LongType : operandType;
    }
    if (op === 'div' && (operandType.kind === 'float' || operandType.kind === 'double')) {
      throw typeMismatch('div', 'BINARY_OP_WRONG_TYPE', lt, rt, op);
    }
    const nullable = op === 'divide' || op === 'remainder' || op === 'div' || nullableOf(l) || nullableOf(r);
    return {
      args: [castIfNeeded(l, operandType), castIfNeeded(r, operandType)],
      dataType: resultType,
      nullable,
    };
  };
}

const wrapInt = (x: number) => x | 0;
const wrapShort = (x: number) => (x << 16) >> 16;
const wrapByte = (x: number) => (x << 24) >> 24;

function longOp(op: Op, ansi: boolean): (a: number | bigint, b: number | bigint) => number | bigint | null {
  const big = (a: number | bigint, b: number | bigint, f: (x: bigint, y: bigint) => bigint) => {
    const exact = f(BigInt(a), BigInt(b));
    const wrapped = BigInt.asIntN(64, exact);
    if (ansi && wrapped !== exact) {
      throw new SparkRuntimeError(
        'ARITHMETIC_OVERFLOW',
        `long overflow. Use 'try_${op}' to tolerate overflow and return NULL instead.`,
      );
    }
    return normalizeLong(wrapped);
  };
  switch (op) {
    case 'add':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
        }
        return big(a, b, (x, y) => x + y);
      };
    case 'subtract':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
        }
        return big(a, b, (x, y) => x - y);
      };
    case 'multiply':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
        }
        return big(a, b, (x, y) => x * y);
      };
    case 'remainder':
      return (a, b) => {
        if (b === 0 || b === 0n) return null;
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a % b;
          return r === 0 ? 0 : r;
        }
        return normalizeLong(BigInt(a) % BigInt(b));
      };
    case 'div':
      return (a, b) => {
        if (b === 0 || b === 0n) return null;
        if (typeof a === 'number' && typeof b === 'number') {
          const r = Math.trunc(a / b);
          if (Number.isSafeInteger(r) && Math.abs(a) < 2 ** 52) return r === 0 ? 0 : r;
        }
        return normalizeLong(BigInt.asIntN(64, BigInt(a) / BigInt(b)));
      };
    default:
      throw new Error(`internal error: long ${op}`);
  }
}

function remainderByZero(ansi: boolean): null {
  if (ansi) {
    throw new SparkRuntimeError(
      'REMAINDER_BY_ZERO',
      'Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
    );
  }
  return null;
}

function divByZero(ansi: boolean): null {
  if (ansi) {
    throw new SparkRuntimeError(
      'DIVIDE_BY_ZERO',
      'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
    );
  }
  return null;
}

function compileArithmetic(op: Op) {
  return (
    call: { args: readonly Expr[]; dataType: DataType; params?: Readonly<Record<string, unknown>> },
    args: readonly Evaluator[],
    ctx: FunctionContext,
  ): Evaluator => {
    const [fl, fr] = args as [Evaluator, Evaluator];
    const t = dataTypeOf(call.args[0]!);
    let f: (a: any, b: any) => unknown;
    switch (t.kind) {
      case 'integer':
      case 'short':
      case 'byte': {
        const wrap = t.kind === 'integer' ? wrapInt : t.kind === 'short' ? wrapShort : wrapByte;
        const overflow = (r: number, w: number) => {
          if (ctx.ansi && r !== w)
            throw new SparkRuntimeError(
              'ARITHMETIC_OVERFLOW',
              `integer overflow. Use 'try_${op}' to tolerate overflow and return NULL instead.`,
            );
          return w;
        };
        if (op === 'add') f = (a: number, b: number) => overflow(a + b, wrap(a + b));
        else if (op === 'subtract') f = (a: number, b: number) => overflow(a - b, wrap(a - b));
        else if (op === 'multiply')
          f = (a: number, b: number) =>
            overflow(a * b, wrap(Number(BigInt.asIntN(32, BigInt(a) * BigInt(b)))));
        else if (op === 'remainder')
          f = (a: number, b: number) => (b === 0 ? divByZero(ctx.ansi) : (a % b) + 0);
        else if (op === 'div')
          f = (a: number, b: number) => (b === 0 ? divByZero(ctx.ansi) : Math.trunc(a / b) + 0);
        else throw new Error('internal error: int divide');
        break;
      }
      case 'long': {
        const g = longOp(op, ctx.ansi);
        f =
          op === 'remainder' || op === 'div'
            ? (a, b) => (b === 0 || b === 0n ? divByZero(ctx.ansi) : g(a, b))
            : g;
        break;
      }
      case 'float':
      case 'double': {
        const round = t.kind === 'float' ? Math.fround : (x: number) => x;
        if (op === 'add') f = (a: number, b: number) => round(a + b);
        else if (op === 'subtract') f = (a: number, b: number) => round(a - b);
        else if (op === 'multiply') f = (a: number, b: number) => round(a * b);
        else if (op === 'divide')
          f = (a: number, b: number) => (b === 0 ? divByZero(ctx.ansi) : round(a / b));
        else f = (a: number, b: number) => (b === 0 ? remainderByZero(ctx.ansi) : round(a % b));
        break;
      }
      case 'decimal':
        f = compileDecimal(op, call, ctx);
        break;
      default:
        throw new Error(`internal error: arithmetic on ${t.kind}`);
    }
    return (row) => {
      const a = fl(row);
      if (a === null) return null;
      const b = fr(row);
      if (b === null) return null;
      return f(a, b);
    };
  };
}

const POW10: bigint[] = Array.from({ length: 80 }, (_, i) => 10n ** BigInt(i));

/** Rounds `v / 10^digits` half up (away from zero), as java.math.BigDecimal ROUND_HALF_UP. */
export function roundHalfUp(v: bigint, digits: number): bigint {
  if (digits <= 0) return v * POW10[-digits]!;
  const d = POW10[digits]!;
  const q = v / d;
  const r = v % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return v < 0n ? q - 1n : q + 1n;
  return q;
}

function compileDecimal(
  op: Op,
  call: { dataType: DataType; params?: Readonly<Record<string, unknown>> },
  ctx: FunctionContext,
) {
  const scales = (call.params?.scales as [number, number] | undefined) ?? [0, 0];
  const s1 = scales[0];
  const s2 = scales[1];
  const rt = call.dataType;
  const rs = rt.kind === 'decimal' ? rt.scale : 0;
  const limit = rt.kind === 'decimal' ? POW10[rt.precision]! : 0n;
  const check = (v: bigint): bigint | null => {
    if (rt.kind !== 'decimal') return v;
    if (v >= limit || v <= -limit) {
      if (ctx.ansi)
        throw new SparkRuntimeError(
          'NUMERIC_VALUE_OUT_OF_RANGE',
          `The result overflows ${rt.kind}(${rt.precision},${rt.scale}).`,
        );
      return null;
    }
    return v;
  };
  const align = (a: bigint, b: bigint): [bigint, bigint, number] => {
    const s = Math.max(s1, s2);
    return [a * POW10[s - s1]!, b * POW10[s - s2]!, s];
  };
  switch (op) {
    case 'add':
    case 'subtract':
      return (a: bigint, b: bigint) => {
        const [x, y, s] = align(a, b);
        const r = op === 'add' ? x + y : x - y;
        return check(roundHalfUp(r, s - rs));
      };
    case 'multiply':
      return (a: bigint, b: bigint) => check(roundHalfUp(a * b, s1 + s2 - rs));
    case 'divide':
      return (a: bigint, b: bigint) => {
        if (b === 0n) return divByZero(ctx.ansi);
        // a/10^s1 ÷ b/10^s2 = (a·10^(s2+rs+1) / b) / 10^(rs+1): compute one extra digit, then round half up.
        const num = a * POW10[s2 + rs + 1]! * 1n;
        const den = b * POW10[s1]!;
        return check(roundHalfUp(num / den, 1));
      };
    case 'remainder':
      return (a: bigint, b: bigint) => {
        if (b === 0n) return remainderByZero(ctx.ansi);
        const [x, y, s] = align(a, b);
        return check(roundHalfUp(x % y, s - rs));
      };
    case 'div':
      return (a: bigint, b: bigint) => {
        if (b === 0n) return divByZero(ctx.ansi);
        const [x, y] = align(a, b);
        return normalizeLong(BigInt.asIntN(64, x / y));
      };
  }
}

const isIntegralKind = (k: string) => k === 'byte' || k === 'short' || k === 'integer' || k === 'long';

/** Date and timestamp arithmetic written with + and -, as Spark rewrites it. */
function datetimeRewrite(op: Op) {
  return (args: readonly Expr[]): Expr | undefined => {
    const [l, r] = args as [Expr, Expr];
    const ansi = ansiIntervalRewrite(op, l, r);
    if (ansi) return ansi;
    const lt = dataTypeOf(l).kind;
    const rt = dataTypeOf(r).kind;
    const fn = (name: string, a: readonly Expr[]): Expr => ({
      kind: 'unresolvedFunction',
      name,
      args: a,
      internal: true,
    });
    if (op === 'add') {
      if (lt === 'date' && isIntegralKind(rt)) return fn('date_add', [l, r]);
      if (rt === 'date' && isIntegralKind(lt)) return fn('date_add', [r, l]);
      if ((lt === 'timestamp' || lt === 'timestamp_ntz' || lt === 'date') && rt === 'interval')
        return fn('__datetime_add_interval', [l, r]);
      if ((rt === 'timestamp' || rt === 'timestamp_ntz' || rt === 'date') && lt === 'interval')
        return fn('__datetime_add_interval', [r, l]);
    }
    if (op === 'subtract') {
      if (lt === 'date' && isIntegralKind(rt)) return fn('date_sub', [l, r]);
      if ((lt === 'timestamp' || lt === 'timestamp_ntz' || lt === 'date') && rt === 'interval') {
        return fn('__datetime_add_interval', [l, fn('negative', [r])]);
      }
    }
    return undefined;
  };
}

/** timestamp ± interval in the session time zone (months and days move local time, like Spark). */
const datetimeAddInterval: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__datetime_add_interval',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([a, b]) => `${a} + ${b}`,
  resolve: (args) => {
    const t = dataTypeOf(args[0]!);
    const out = t.kind === 'date' ? TimestampType : t;
    return { args: [castIfNeeded(args[0]!, out), args[1]!], dataType: out, nullable: true };
  },
  compile: (call, [fa, fb], ctx) => {
    const zone = call.dataType.kind === 'timestamp_ntz' ? parseZoneId('UTC')! : parseZoneId(ctx.timeZone)!;
    const a = fa!;
    const b = fb!;
    return (row) => {
      const ts = a(row) as Micros | null;
      if (ts === null) return null;
      const iv = b(row) as CalendarInterval | null;
      if (iv === null) return null;
      return timestampAddInterval(ts, iv.months, iv.days, iv.micros, zone);
    };
  },
};

function arithmetic(op: Op): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name: op,
    minArgs: 2,
    maxArgs: 2,
    rewrite: datetimeRewrite(op),
    resolve: resolveArithmetic(op),
    compile: compileArithmetic(op),
    prettyName: ([a, b]) => `(${a} ${SYMBOL[op]} ${b})`,
  };
}

/** `negative(a)` (the function, Column.negate); the SQL operator `-a` is `__unary_minus`, named `(- a)`. */
const negative: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'negative',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    let a = args[0]!;
    if (dataTypeOf(a).kind === 'string') a = castIfNeeded(a, DoubleType);
    const t = dataTypeOf(a);
    if (!isNumeric(t) && t.kind !== 'interval' && !isAnsiInterval(t) && t.kind !== 'null') {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `Cannot negate a value of type ${t.kind}.`,
      );
    }
    return { args: [a], dataType: t.kind === 'null' ? DoubleType : t, nullable: nullableOf(a) };
  },
  compile: (call, [f]) => {
    const t = call.dataType;
    const g = f!;
    switch (t.kind) {
      case 'integer':
        return (r) => {
          const v = g(r);
          return v === null ? null : -(v as number) | 0;
        };
      case 'long':
        return (r) => {
          const v = g(r);
          if (v === null) return null;
          return typeof v === 'number' ? 0 - v : normalizeLong(BigInt.asIntN(64, -(v as bigint)));
        };
      case 'decimal':
        return (r) => {
          const v = g(r);
          return v === null ? null : -(v as bigint);
        };
      case 'interval':
        return (r) => {
          const v = g(r) as CalendarInterval | null;
          return v === null ? null : { months: 0 - v.months, days: 0 - v.days, micros: 0 - v.micros };
        };
      case 'interval_dt':
      case 'interval_ym':
        return (r) => {
          const v = g(r);
          return v === null ? null : 0 - (v as number);
        };
      default:
        return (r) => {
          const v = g(r);
          return v === null ? null : -(v as number);
        };
    }
  },
};

const positive: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'positive',
  minArgs: 1,
  maxArgs: 1,
  prettyName: ([a]) => `(+ ${a})`,
  resolve: (args) => ({ args, dataType: dataTypeOf(args[0]!), nullable: nullableOf(args[0]!) }),
  compile: (_c, [f]) => f!,
};

registerFunctions([
  arithmetic('add'),
  arithmetic('subtract'),
  arithmetic('multiply'),
  arithmetic('divide'),
  arithmetic('remainder'),
  { ...arithmetic('div'), prettyName: ([a, b]) => `(${a} div ${b})` },
  negative,
  { ...negative, name: '__unary_minus', prettyName: ([a]) => `(- ${a})` },
  positive,
  datetimeAddInterval,
]);
