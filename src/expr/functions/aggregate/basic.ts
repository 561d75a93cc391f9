/**
 * The everyday aggregates: count, count_if, sum, avg/mean, min, max, first/last (and their
 * `_value` and `any_value` spellings), bool_and/every, bool_or/some/any, product.
 *
 * Invariants: buffers are null, numbers, bigints or small plain arrays (structured-clone safe);
 * sum of integral types wraps like a JVM long outside ANSI mode and throws in it; decimal sums are
 * exact and checked against the result precision only at the end, as Spark does.
 */

import { boundedDecimal } from '../../../types/coercion.js';
import {
  BooleanType,
  type DataType,
  type DecimalType,
  DoubleType,
  dayTimeIntervalType,
  isAnsiInterval,
  isIntegral,
  LongType,
  MAX_DECIMAL_PRECISION,
  sqlTypeName,
  yearMonthIntervalType,
} from '../../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../../util/errors.js';
import type { Expr } from '../../expression.js';
import { dataTypeOf } from '../../expression-type.js';
import type { AggregateFunctionDef, Aggregator, ResolvedCallShape } from '../../function-registry.js';
import {
  callSql,
  castToDouble,
  foldConstant,
  isOrderable,
  NOT_FOLDABLE,
  requireBoolean,
  unexpectedInputType,
} from './agg-utils.js';
import { checkDecimalPrecision, decimalAverage } from './decimal-math.js';
import { compileComparator } from './value-ordering.js';

const NUMERIC_REQUIRED = '"NUMERIC" or "ANSI INTERVAL"';

function shape(
  args: readonly Expr[],
  dataType: DataType,
  nullable = true,
  params?: Record<string, unknown>,
): ResolvedCallShape {
  return params ? { args, dataType, nullable, params } : { args, dataType, nullable };
}

// ---------------------------------------------------------------------------------------------
// count, count_if

const counting: Aggregator = {
  init: () => 0,
  update: (b) => (b as number) + 1,
  merge: (a, b) => (a as number) + (b as number),
  finish: (b) => b,
};

export const count: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'count',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  skipNulls: true,
  resolve: (args) => shape(args, LongType, false),
  createAggregator: () => counting,
};

export const countIf: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'count_if',
  minArgs: 1,
  maxArgs: 1,
  skipNulls: true,
  resolve: (args) => shape([requireBoolean('count_if', args, 0)], LongType, false),
  createAggregator: () => ({
    init: () => 0,
    update: (b, args) => (args[0] === true ? (b as number) + 1 : b),
    merge: (a, b) => (a as number) + (b as number),
    finish: (b) => b,
  }),
};

// ---------------------------------------------------------------------------------------------
// sum

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Adds two longs (number or bigint) like a JVM long: wraps, or throws in ANSI mode. */
function addLongs(a: number | bigint, b: number | bigint, ansi: boolean): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  let s = BigInt(a) + BigInt(b);
  if (s < LONG_MIN || s > LONG_MAX) {
    if (ansi) {
      throw new SparkRuntimeError(
        'ARITHMETIC_OVERFLOW',
        `overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
      );
    }
    s = BigInt.asIntN(64, s);
  }
  return s >= -9007199254740991n && s <= 9007199254740991n ? Number(s) : s;
}

export function resolveSum(name: string, args: readonly Expr[]): ResolvedCallShape {
  const t = dataTypeOf(args[0]!);
  if (isAnsiInterval(t)) return shape(args, t);
  if (isIntegral(t)) return shape(args, LongType);
  if (t.kind === 'float' || t.kind === 'double') return shape(args, DoubleType);
  if (t.kind === 'decimal') return shape(args, boundedDecimal(t.precision + 10, t.scale));
  if (t.kind === 'string' || t.kind === 'null') return shape([castToDouble(name, args, 0)], DoubleType);
  throw unexpectedInputType(name, args, 0, NUMERIC_REQUIRED);
}

function nullableMerge<T>(add: (a: T, b: T) => T): (a: unknown, b: unknown) => unknown {
  return (a, b) => (a === null ? b : b === null ? a : add(a as T, b as T));
}

export const sum: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'sum',
  minArgs: 1,
  maxArgs: 1,
  skipNulls: true,
  resolve: (args) => resolveSum('sum', args),
  createAggregator: (call, ctx) => {
    const t = call.dataType;
    if (t.kind === 'long') {
      const add = (a: number | bigint, b: number | bigint) => addLongs(a, b, ctx.ansi);
      return {
        init: () => null,
        update: (b, args) =>
          b === null ? (args[0] as number | bigint) : add(b as number | bigint, args[0] as number | bigint),
        merge: nullableMerge(add),
        finish: (b) => b,
      };
    }
    if (t.kind === 'decimal') {
      return {
        init: () => null,
        update: (b, args) => (b === null ? (args[0] as bigint) : (b as bigint) + (args[0] as bigint)),
        merge: nullableMerge((a: bigint, b: bigint) => a + b),
        finish: (b) =>
          b === null ? null : checkDecimalPrecision(b as bigint, t.precision, ctx.ansi, 'try_sum'),
      };
    }
    return {
      init: () => null,
      update: (b, args) => (b === null ? (args[0] as number) : (b as number) + (args[0] as number)),
      merge: nullableMerge((a: number, b: number) => a + b),
      finish: (b) => b,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// avg / mean

export function resolveAvg(name: string, args: readonly Expr[]): ResolvedCallShape {
  const t = dataTypeOf(args[0]!);
  if (t.kind === 'interval_dt') return shape(args, dayTimeIntervalType(0, 3));
  if (t.kind === 'interval_ym') return shape(args, yearMonthIntervalType(0, 1));
  if (t.kind === 'decimal') return shape(args, boundedDecimal(t.precision + 4, t.scale + 4));
  if (isIntegral(t) || t.kind === 'float' || t.kind === 'double') return shape(args, DoubleType);
  if (t.kind === 'string' || t.kind === 'null') return shape([castToDouble(name, args, 0)], DoubleType);
  throw unexpectedInputType(name, args, 0, NUMERIC_REQUIRED);
}

export function avgAggregator(
  call: { args: readonly Expr[]; dataType: DataType },
  ansi: boolean,
): Aggregator {
  const out = call.dataType;
  if (isAnsiInterval(out)) {
    // an interval average is the sum divided by the count, rounded half up to whole µs / months
    return {
      init: () => [0, 0],
      update: (b, args) => {
        const s = b as [number, number];
        s[0] += args[0] as number;
        s[1] += 1;
        return s;
      },
      merge: (a, b) => {
        const x = a as [number, number];
        const y = b as [number, number];
        x[0] += y[0];
        x[1] += y[1];
        return x;
      },
      finish: (b) => {
        const [s, n] = b as [number, number];
        if (n === 0) return null;
        const q = s / n;
        const r = Math.sign(q) * Math.floor(Math.abs(q) + 0.5);
        return r === 0 ? 0 : r;
      },
    };
  }
  if (out.kind === 'decimal') {
    const input = dataTypeOf(call.args[0]!) as DecimalType;
    const sumPrecision = Math.min(MAX_DECIMAL_PRECISION, input.precision + 10);
    return {
      init: () => [0n, 0],
      update: (b, args) => {
        const s = b as [bigint, number];
        s[0] += args[0] as bigint;
        s[1] += 1;
        return s;
      },
      merge: (a, b) => {
        const x = a as [bigint, number];
        const y = b as [bigint, number];
        x[0] += y[0];
        x[1] += y[1];
        return x;
      },
      finish: (b) => {
        const [s, n] = b as [bigint, number];
        if (n === 0) return null;
        if (checkDecimalPrecision(s, sumPrecision, ansi, 'try_avg') === null) return null;
        return decimalAverage(s, input.scale, n, out, ansi);
      },
    };
  }
  const isLong = call.args[0] !== undefined && dataTypeOf(call.args[0]).kind === 'long';
  return {
    init: () => [0, 0],
    update: isLong
      ? (b, args) => {
          const s = b as [number, number];
          s[0] += Number(args[0] as number | bigint);
          s[1] += 1;
          return s;
        }
      : (b, args) => {
          const s = b as [number, number];
          s[0] += args[0] as number;
          s[1] += 1;
          return s;
        },
    merge: (a, b) => {
      const x = a as [number, number];
      const y = b as [number, number];
      x[0] += y[0];
      x[1] += y[1];
      return x;
    },
    finish: (b) => {
      const [s, n] = b as [number, number];
      return n === 0 ? null : s / n;
    },
  };
}

function avgDef(name: string): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    minArgs: 1,
    maxArgs: 1,
    skipNulls: true,
    resolve: (args) => resolveAvg(name, args),
    createAggregator: (call, ctx) => avgAggregator(call, ctx.ansi),
  };
}

export const avg = avgDef('avg');
/** SQL `mean(a)` keeps its own pretty name (`F.mean` builds `avg`, as PySpark's does). */
export const mean = avgDef('mean');

// ---------------------------------------------------------------------------------------------
// min / max

function extremum(name: 'min' | 'max'): AggregateFunctionDef {
  const sign = name === 'min' ? -1 : 1;
  return {
    kind: 'aggregate',
    name,
    minArgs: 1,
    maxArgs: 1,
    skipNulls: true,
    resolve: (args) => {
      const t = dataTypeOf(args[0]!);
      if (!isOrderable(t)) {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
          `Cannot resolve "${callSql(name, args)}" due to data type mismatch: The \`${name}\` does not support ordering on type "${sqlTypeName(t)}".`,
        );
      }
      return shape(args, t);
    },
    createAggregator: (call) => {
      const cmp = compileComparator(call.dataType);
      const pick = (a: unknown, b: unknown) =>
        a === null ? b : b === null ? a : cmp(b, a) * sign > 0 ? b : a;
      return {
        init: () => null,
        update: (b, args) => pick(b, args[0]),
        merge: pick,
        finish: (b) => b,
      };
    },
  };
}

export const min = extremum('min');
export const max = extremum('max');

// ---------------------------------------------------------------------------------------------
// first / last / any_value

function resolveIgnoreNullsArg(name: string, args: readonly Expr[]): ResolvedCallShape {
  const t = dataTypeOf(args[0]!);
  let ignoreNulls = false;
  if (args.length === 2) {
    const v = foldConstant(args[1]!);
    if (v === NOT_FOLDABLE || typeof v !== 'boolean') {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `Cannot resolve "${callSql(name, args)}" due to data type mismatch: The second parameter requires the "BOOLEAN" type, however "${String(v === NOT_FOLDABLE ? 'expression' : v)}" has the type "${sqlTypeName(dataTypeOf(args[1]!))}".`,
      );
    }
    ignoreNulls = v;
  }
  return shape([args[0]!], t, true, { ignoreNulls });
}

/** Buffer: [seen, value]. */
function firstAggregator(ignoreNulls: boolean): Aggregator {
  return {
    init: () => [false, null],
    update: (b, args) => {
      const s = b as [boolean, unknown];
      if (s[0]) return s;
      const v = args[0] ?? null;
      if (ignoreNulls && v === null) return s;
      s[0] = true;
      s[1] = v;
      return s;
    },
    merge: (a, b) => ((a as [boolean, unknown])[0] ? a : b),
    finish: (b) => (b as [boolean, unknown])[1],
  };
}

function lastAggregator(ignoreNulls: boolean): Aggregator {
  return {
    init: () => [false, null],
    update: (b, args) => {
      const s = b as [boolean, unknown];
      const v = args[0] ?? null;
      if (ignoreNulls && v === null) return s;
      s[0] = true;
      s[1] = v;
      return s;
    },
    merge: (a, b) => ((b as [boolean, unknown])[0] ? b : a),
    finish: (b) => (b as [boolean, unknown])[1],
  };
}

function firstLike(name: string, last: boolean): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    minArgs: 1,
    maxArgs: 2,
    skipNulls: false,
    resolve: (args) => resolveIgnoreNullsArg(name, args),
    createAggregator: (call) => {
      const ignoreNulls = call.ignoreNulls || call.params?.ignoreNulls === true;
      return last ? lastAggregator(ignoreNulls) : firstAggregator(ignoreNulls);
    },
  };
}

export const first = firstLike('first', false);
export const firstValue = firstLike('first_value', false);
export const anyValue = firstLike('any_value', false);
export const last = firstLike('last', true);
export const lastValue = firstLike('last_value', true);

// ---------------------------------------------------------------------------------------------
// bool_and / bool_or

function boolAgg(name: string, and: boolean): AggregateFunctionDef {
  const combine = and ? (a: boolean, b: boolean) => a && b : (a: boolean, b: boolean) => a || b;
  const merge = (a: unknown, b: unknown) =>
    a === null ? b : b === null ? a : combine(a as boolean, b as boolean);
  return {
    kind: 'aggregate',
    name,
    minArgs: 1,
    maxArgs: 1,
    skipNulls: true,
    resolve: (args) => shape([requireBoolean(name, args, 0)], BooleanType),
    createAggregator: () => ({
      init: () => null,
      update: (b, args) => merge(b, args[0]),
      merge,
      finish: (b) => b,
    }),
  };
}

export const boolAnd = boolAgg('bool_and', true);
export const every = boolAgg('every', true);
export const boolOr = boolAgg('bool_or', false);
export const some = boolAgg('some', false);
export const any = boolAgg('any', false);

// ---------------------------------------------------------------------------------------------
// product (PySpark's F.product; Spark has no SQL name for it, Sluice registers `product`)

export const product: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'product',
  minArgs: 1,
  maxArgs: 1,
  skipNulls: true,
  resolve: (args) => shape([castToDouble('product', args, 0)], DoubleType),
  createAggregator: () => {
    const mul = nullableMerge((a: number, b: number) => a * b);
    return {
      init: () => null,
      update: (b, args) => mul(b, args[0]),
      merge: mul,
      finish: (b) => b,
    };
  },
};

export const BASIC_AGGREGATES: readonly AggregateFunctionDef[] = [
  count,
  countIf,
  sum,
  avg,
  mean,
  min,
  max,
  first,
  firstValue,
  anyValue,
  last,
  lastValue,
  boolAnd,
  every,
  boolOr,
  some,
  any,
  product,
];
