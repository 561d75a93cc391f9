/**
 * round (HALF_UP), bround (HALF_EVEN), floor and ceil/ceiling, with and without a scale.
 *
 * Invariants: the scale must be a constant int (Spark's NON_FOLDABLE_INPUT otherwise) and is kept
 * in `params.scale`; doubles round the digits of Java's `Double.toString` (so `round(2.675, 2)` is
 * 2.68, as in Spark); decimals round exactly and follow Spark's result precision rules, giving
 * null on overflow (an error in ANSI mode); integral types round at negative scales and wrap at
 * their width like Spark's `BigDecimal.toInt`.
 */

import { decimalForType } from '../../types/coercion.js';
import {
  type DataType,
  type DecimalType,
  DoubleType,
  decimalType,
  IntegerType,
  LongType,
  MAX_DECIMAL_PRECISION,
} from '../../types/data-type.js';
import { normalizeLong } from '../../types/literal-value.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { type Expr, literal } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { Evaluator, FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { javaDecimalOfDouble, pow10, type RoundingMode, setScale } from './decimal-rounding.js';
import { ANY_DECIMAL, coerceArg, NUMERIC, nonFoldable, oneOf } from './input-coercion.js';
import { foldConstant, nullSafe1 } from './null-safe.js';

/** Spark's RoundBase result type for a decimal input. */
export function roundedDecimalType(t: DecimalType, scale: number): DecimalType {
  const integral = t.precision - t.scale + 1;
  if (scale < 0) return decimalType(Math.min(Math.max(integral, -scale + 1), MAX_DECIMAL_PRECISION), 0);
  const s = Math.min(t.scale, scale);
  return decimalType(Math.min(integral + s, MAX_DECIMAL_PRECISION), s);
}

/** A double rounded like `BigDecimal(Double.toString(x)).setScale(scale, mode).toDouble`. */
export function roundDouble(x: number, scale: number, mode: RoundingMode): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return 0;
  if (scale >= 0 && Number.isSafeInteger(x)) return x;
  const r = setScale(javaDecimalOfDouble(x), scale, mode);
  return Number(`${r}e${-scale}`);
}

function overflow(t: DecimalType): SparkRuntimeError {
  return new SparkRuntimeError(
    'NUMERIC_VALUE_OUT_OF_RANGE',
    `The result overflows decimal(${t.precision},${t.scale}). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
  );
}

/** Rounds an exact decimal (unscaled at `fromScale`) into type `to` with `scale`; null on overflow. */
function roundDecimal(
  ansi: boolean,
  fromScale: number,
  to: DecimalType,
  requested: number,
  mode: RoundingMode,
) {
  const limit = pow10(to.precision);
  // a scale above the input's keeps the input's scale (round(decimal(10,5), 7) is decimal(11,5))
  const scale = requested < 0 ? requested : to.scale;
  return (v: bigint): bigint | null => {
    let r = setScale({ unscaled: v, scale: fromScale }, scale, mode);
    if (scale < 0) r *= pow10(-scale);
    if (r >= limit || r <= -limit) {
      if (ansi) throw overflow(to);
      return null;
    }
    return r;
  };
}

const WIDTH: Partial<Record<DataType['kind'], number>> = { byte: 8, short: 16, integer: 32, long: 64 };

function compileRound(t: DataType, to: DataType, scale: number, mode: RoundingMode, ctx: FunctionContext) {
  switch (t.kind) {
    case 'double':
      return (x: number) => roundDouble(x, scale, mode);
    case 'float':
      return (x: number) => Math.fround(roundDouble(x, scale, mode));
    case 'decimal':
      return roundDecimal(ctx.ansi, t.scale, to as DecimalType, scale, mode);
    default: {
      if (scale >= 0) return (x: unknown) => x;
      const bits = WIDTH[t.kind] ?? 64;
      return (x: number | bigint) => {
        const r = setScale({ unscaled: BigInt(x), scale: 0 }, scale, mode) * pow10(-scale);
        const w = BigInt.asIntN(bits, r);
        if (ctx.ansi && w !== r) {
          throw new SparkRuntimeError(
            'ARITHMETIC_OVERFLOW',
            'Overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
          );
        }
        return bits === 64 ? normalizeLong(w) : Number(w);
      };
    }
  }
}

function scaleOf(arg: Expr, ctx: FunctionContext): number | null {
  const c = foldConstant(arg, ctx);
  if (c === undefined) throw nonFoldable('scale', 'INT', arg);
  return c.value === null ? null : Number(c.value);
}

function roundFunction(name: 'round' | 'bround', mode: RoundingMode): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 1,
    maxArgs: 2,
    resolve: (args, ctx) => {
      const x = coerceArg(args[0]!, NUMERIC, 0);
      const s = coerceArg(args[1] ?? literal(0, IntegerType), IntegerType, 1);
      const scale = scaleOf(s, ctx);
      const t = dataTypeOf(x);
      const dataType = t.kind === 'decimal' ? roundedDecimalType(t, scale ?? 0) : t;
      return { args: [x, s], dataType, nullable: true, params: { scale } };
    },
    compile: (call, args, ctx) => {
      const scale = call.params?.scale as number | null;
      if (scale === null) return () => null;
      return nullSafe1(args[0]!, compileRound(dataTypeOf(call.args[0]!), call.dataType, scale, mode, ctx));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// floor / ceil

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** Java's `(long) d` for an integral double: NaN → 0, saturating at the long range. */
function doubleToLong(d: number): number | bigint {
  if (Number.isNaN(d)) return 0;
  if (Math.abs(d) <= Number.MAX_SAFE_INTEGER) return d + 0;
  if (d >= 2 ** 63) return LONG_MAX;
  if (d <= -(2 ** 63)) return LONG_MIN;
  return normalizeLong(BigInt(d));
}

function floorCeil(name: 'floor' | 'ceil' | 'ceiling', display: string): ScalarFunctionDef {
  const mode: RoundingMode = name === 'floor' ? 'FLOOR' : 'CEILING';
  const toInteger = name === 'floor' ? Math.floor : Math.ceil;
  return {
    kind: 'scalar',
    name,
    minArgs: 1,
    maxArgs: 2,
    prettyName: (args) => (args.length === 1 ? `${display}(${args[0]})` : `${name}(${args.join(', ')})`),
    resolve: (args, ctx) => {
      if (args.length === 1) {
        const x = coerceArg(args[0]!, oneOf(DoubleType, ANY_DECIMAL, LongType), 0);
        const t = dataTypeOf(x);
        const dataType =
          t.kind === 'decimal'
            ? decimalType(Math.min(t.precision - t.scale + 1, MAX_DECIMAL_PRECISION), 0)
            : LongType;
        return { args: [x], dataType, nullable: true };
      }
      const raw = dataTypeOf(args[0]!);
      const asDecimal =
        raw.kind === 'string' || raw.kind === 'null' ? decimalForType(DoubleType)! : decimalForType(raw);
      // Spark rounds with a scale in decimal: doubles become decimal(30,15), ints decimal(10,0)…
      const x = coerceArg(args[0]!, asDecimal ?? NUMERIC, 0);
      const s = coerceArg(args[1]!, IntegerType, 1);
      const scale = scaleOf(s, ctx);
      const t = dataTypeOf(x) as DecimalType;
      return { args: [x, s], dataType: roundedDecimalType(t, scale ?? 0), nullable: true, params: { scale } };
    },
    compile: (call, args, ctx) => {
      const t = dataTypeOf(call.args[0]!);
      const f0: Evaluator = args[0]!;
      if (call.args.length === 2) {
        const scale = call.params?.scale as number | null;
        if (scale === null) return () => null;
        return nullSafe1(
          f0,
          roundDecimal(ctx.ansi, (t as DecimalType).scale, call.dataType as DecimalType, scale, mode),
        );
      }
      switch (t.kind) {
        case 'decimal':
          return nullSafe1(f0, (v: bigint) => setScale({ unscaled: v, scale: t.scale }, 0, mode));
        case 'long':
          return f0;
        default:
          return nullSafe1(f0, (x: number) => doubleToLong(toInteger(x)));
      }
    },
  };
}

registerFunctions([
  roundFunction('round', 'HALF_UP'),
  roundFunction('bround', 'HALF_EVEN'),
  floorCeil('floor', 'FLOOR'),
  floorCeil('ceil', 'CEIL'),
  floorCeil('ceiling', 'ceiling'),
]);
