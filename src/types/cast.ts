/**
 * Spark's CAST for every pair of types, in the three evaluation modes:
 * - `legacy` (spark.sql.ansi.enabled=false, Sluice's default): integral narrowing wraps
 *   (`CAST(300 AS TINYINT)` = 44), fractional → integral truncates and saturates (NaN → 0),
 *   malformed strings and decimal overflow give NULL;
 * - `ansi`: the same conversions raise CAST_INVALID_INPUT / CAST_OVERFLOW /
 *   NUMERIC_VALUE_OUT_OF_RANGE (SparkRuntimeError) and some pairs are not castable at all;
 * - `try` (TRY_CAST): ANSI semantics, but failures become NULL.
 *
 * Which pairs are castable, and the analyzer's wording when not, live in cast-rules.ts.
 * `buildCast` specialises once per (from, to, mode, zone) and returns a closure called per row;
 * the closure never sees NULL (callers short-circuit it).
 */
import { SparkRuntimeError } from '../util/errors.js';
import { truncateDayTime, truncateYearMonth } from './ansi-interval.js';
import {
  bigintToFloat,
  decimalPrecision,
  doubleToDecimalParts,
  doubleToIntegralSaturating,
  fitsPrecision,
  INTEGRAL_BITS,
  integralFits,
  LONG_MAX,
  LONG_MIN,
  normLong,
  parseBigDecimal,
  parseDouble,
  parseIntegral,
  pow10,
  rescale,
  TWO_POW_63,
  toBigInt,
  trimAll,
  wrapIntegral,
} from './cast-numeric.js';
import { type CastMode, canAnsiCast, canCast, canCastInMode, castMismatch } from './cast-rules.js';
import { type DataType, type DecimalType, sqlTypeName } from './data-type.js';
import { MICROS_PER_DAY } from './datetime/calendar.js';
import {
  floorDivMicros,
  type Micros,
  microsFromDays,
  microsToBigInt,
  microsToSeconds,
  multiplyMicros,
  normMicros,
} from './datetime/micros.js';
import { parseZoneId, ruleLocalToUtc, ruleUtcToLocal } from './datetime/time-zone.js';
import { stringToDate, stringToTimestamp, stringToTimestampNTZ } from './datetime/timestamp-parse.js';
import { castToString, formatDecimal, formatDouble, sqlLiteral } from './value-format.js';

export type { CastMode };
export { canAnsiCast, canCast, canCastInMode, castMismatch };
export type CastFn = (v: unknown) => unknown;

// ---------------------------------------------------------------------------------------------
// Errors

function invalidInput(v: unknown, from: DataType, to: DataType, tz: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'CAST_INVALID_INPUT',
    `The value ${sqlLiteral(v, from, tz)} of the type "${sqlTypeName(from)}" cannot be cast to "${sqlTypeName(to)}" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
    { sqlState: '22018' },
  );
}

function castOverflow(v: unknown, from: DataType, to: DataType, tz: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'CAST_OVERFLOW',
    `The value ${sqlLiteral(v, from, tz)} of the type "${sqlTypeName(from)}" cannot be cast to "${sqlTypeName(to)}" due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead.`,
    { sqlState: '22003' },
  );
}

function decimalOutOfRange(plain: string, to: DecimalType): SparkRuntimeError {
  return new SparkRuntimeError(
    'NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION',
    ` ${plain} cannot be represented as Decimal(${to.precision}, ${to.scale}). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead.`,
    { sqlState: '22003' },
  );
}

function outOfSupportedRange(text: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'NUMERIC_OUT_OF_SUPPORTED_RANGE',
    `The value ${text} cannot be interpreted as a numeric since it has more than 38 digits.`,
    { sqlState: '22003' },
  );
}

/** How a failed conversion ends: NULL (legacy/try) or an error (ansi). */
interface Ctx {
  readonly from: DataType;
  readonly to: DataType;
  readonly mode: CastMode;
  readonly tz: string;
  /** ANSI parsing/overflow rules (ansi and try). */
  readonly strict: boolean;
  invalid(v: unknown): null;
  overflow(v: unknown, shownValue?: unknown, shownType?: DataType): null;
}

function makeCtx(from: DataType, to: DataType, mode: CastMode, tz: string): Ctx {
  const ansi = mode === 'ansi';
  return {
    from,
    to,
    mode,
    tz,
    strict: mode !== 'legacy',
    invalid(v) {
      if (ansi) throw invalidInput(v, from, to, tz);
      return null;
    },
    overflow(v, shownValue, shownType) {
      if (ansi) throw castOverflow(shownValue ?? v, shownType ?? from, shownType ? { kind: 'long' } : to, tz);
      return null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Per-target builders

/** Value of a numeric/boolean/timestamp source as an exact bigint or a double, for the numeric targets. */
function toIntegral(ctx: Ctx, bits: number): CastFn {
  const { from } = ctx;
  const narrow = (v: unknown, r: number | bigint): unknown => {
    if (ctx.strict)
      return integralFits(r, bits) ? (bits === 64 ? normLong(toBigInt(r)) : Number(r)) : ctx.overflow(v);
    return wrapIntegral(r, bits);
  };
  switch (from.kind) {
    case 'boolean':
      return (v) => (v ? 1 : 0);
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return (v) => narrow(v, v as number | bigint);
    case 'float':
    case 'double':
      return (v) => {
        const d = v as number;
        if (ctx.strict) {
          if (!Number.isFinite(d)) return ctx.overflow(v);
          const t = Math.trunc(d);
          if (bits === 64)
            return t >= -TWO_POW_63 && t <= TWO_POW_63 ? doubleToIntegralSaturating(d, 64) : ctx.overflow(v);
          return integralFits(t, bits) ? t : ctx.overflow(v);
        }
        if (bits === 64) return doubleToIntegralSaturating(d, 64);
        return wrapIntegral(doubleToIntegralSaturating(d, 32) as number, bits);
      };
    case 'decimal': {
      const div = pow10(from.scale);
      return (v) => {
        const q = (v as bigint) / div;
        return narrow(v, ctx.strict ? q : BigInt.asIntN(64, q));
      };
    }
    case 'timestamp':
      return (v) => {
        const secs = microsToSeconds(v as Micros);
        if (bits === 64) return secs;
        if (bits === 32 && !ctx.strict) return secs | 0;
        return integralFits(secs, bits) ? secs : ctx.strict ? ctx.overflow(v) : null;
      };
    case 'date':
      return () => null;
    case 'string':
      return (v) => {
        const r = parseIntegral(v as string, !ctx.strict, bits);
        if (r === null || !integralFits(r, bits)) return ctx.invalid(v);
        return r;
      };
    default:
      throw unsupported(ctx);
  }
}

function toFractional(ctx: Ctx, isFloat: boolean): CastFn {
  const { from } = ctx;
  const round = isFloat ? Math.fround : (x: number) => x;
  switch (from.kind) {
    case 'boolean':
      return (v) => (v ? 1 : 0);
    case 'byte':
    case 'short':
    case 'integer':
    case 'float':
    case 'double':
      return isFloat ? (v) => Math.fround(v as number) : (v) => v;
    case 'long':
      return (v) => (typeof v === 'bigint' ? (isFloat ? bigintToFloat(v) : Number(v)) : round(v as number));
    case 'decimal':
      return (v) => round(Number(formatDecimal(v as bigint, from.scale)));
    case 'timestamp':
      // Spark converts the long to a double first, then divides
      return (v) => round(Number(v) / 1e6);
    case 'date':
      return () => null;
    case 'string':
      return (v) => {
        const d = parseDouble(v as string);
        return d === null ? ctx.invalid(v) : round(d);
      };
    default:
      throw unsupported(ctx);
  }
}

function toDecimal(ctx: Ctx, to: DecimalType): CastFn {
  const { from } = ctx;
  const finish = (unscaled: bigint, scale: number): bigint | null => {
    const r = rescale(unscaled, scale, to.scale);
    if (fitsPrecision(r, to.precision)) return r;
    if (ctx.mode === 'ansi') throw decimalOutOfRange(formatDecimal(unscaled, scale, true), to);
    return null;
  };
  switch (from.kind) {
    case 'boolean':
      return (v) => finish(v ? 1n : 0n, 0);
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return (v) => finish(toBigInt(v as number | bigint), 0);
    case 'float':
    case 'double':
      return (v) => {
        const parts = doubleToDecimalParts(v as number, formatDouble(v as number));
        // Spark yields NULL for NaN and ±Infinity even in ANSI mode.
        if (!parts) return null;
        return finish(parts.unscaled, parts.scale);
      };
    case 'decimal':
      return (v) => finish(v as bigint, from.scale);
    case 'timestamp':
      return (v) => finish(microsToBigInt(v as Micros), 6);
    case 'date':
      return () => null;
    case 'string':
      return (v) => {
        const parts = parseBigDecimal(trimAll(v as string));
        if (!parts) return ctx.invalid(v);
        if (decimalPrecision(parts.unscaled) - parts.scale > 38) {
          if (ctx.mode === 'ansi') throw outOfSupportedRange(trimAll(v as string));
          return null;
        }
        return finish(parts.unscaled, parts.scale);
      };
    default:
      throw unsupported(ctx);
  }
}

const TRUE_STRINGS = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_STRINGS = new Set(['f', 'false', 'n', 'no', '0']);

function toBoolean(ctx: Ctx): CastFn {
  const { from } = ctx;
  switch (from.kind) {
    case 'string':
      return (v) => {
        const s = trimAll(v as string).toLowerCase();
        if (TRUE_STRINGS.has(s)) return true;
        if (FALSE_STRINGS.has(s)) return false;
        return ctx.invalid(v);
      };
    case 'decimal':
      return (v) => v !== 0n;
    case 'long':
      return (v) => v !== 0 && v !== 0n;
    case 'date':
      return () => null;
    default:
      return (v) => v !== 0;
  }
}

function toTimestamp(ctx: Ctx): CastFn {
  const { from, tz } = ctx;
  const zone = parseZoneId(tz);
  if (!zone) throw new SparkRuntimeError('INVALID_TIMEZONE', `The timezone: ${tz} is invalid.`);
  const saturate = (m: bigint): Micros => normMicros(m > LONG_MAX ? LONG_MAX : m < LONG_MIN ? LONG_MIN : m);
  switch (from.kind) {
    case 'string':
      return (v) => stringToTimestamp(v as string, tz) ?? ctx.invalid(v);
    case 'date':
      return (v) => ruleLocalToUtc(microsFromDays(v as number, 0), zone);
    case 'timestamp_ntz':
      return (v) => ruleLocalToUtc(v as Micros, zone);
    case 'boolean':
      return (v) => (v ? 1 : 0);
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return (v) => {
        const m = multiplyMicros(Number(v), 1e6);
        return typeof m === 'number' ? m : saturate(BigInt(v as number | bigint) * 1_000_000n);
      };
    case 'float':
    case 'double':
      return (v) => {
        const d = v as number;
        if (!Number.isFinite(d)) {
          // Floats are widened to double first, so the error names DOUBLE.
          if (ctx.mode === 'ansi') throw invalidInput(d, DOUBLE, ctx.to, tz);
          return null;
        }
        const m = Math.trunc(d * 1e6);
        if (ctx.strict && (m > TWO_POW_63 || m < -TWO_POW_63)) {
          return ctx.overflow(v, d * 1e6, DOUBLE);
        }
        if (Number.isSafeInteger(m)) return m;
        return m >= TWO_POW_63 ? LONG_MAX : m <= -TWO_POW_63 ? LONG_MIN : normMicros(BigInt(m));
      };
    case 'decimal':
      return (v) => {
        const micros = ((v as bigint) * 1_000_000n) / pow10(from.scale);
        if (ctx.strict && (micros > LONG_MAX || micros < LONG_MIN)) return ctx.overflow(v);
        return normMicros(BigInt.asIntN(64, micros));
      };
    default:
      throw unsupported(ctx);
  }
}

const DOUBLE: DataType = { kind: 'double' };

function toTimestampNTZ(ctx: Ctx): CastFn {
  const zone = parseZoneId(ctx.tz);
  switch (ctx.from.kind) {
    case 'string':
      return (v) => stringToTimestampNTZ(v as string) ?? ctx.invalid(v);
    case 'date':
      return (v) => microsFromDays(v as number, 0);
    case 'timestamp':
      return zone ? (v) => ruleUtcToLocal(v as Micros, zone) : (v) => v;
    default:
      throw unsupported(ctx);
  }
}

function toDate(ctx: Ctx): CastFn {
  const zone = parseZoneId(ctx.tz);
  switch (ctx.from.kind) {
    case 'string':
      return (v) => stringToDate(v as string) ?? ctx.invalid(v);
    case 'timestamp':
      return (v) => floorDivMicros(zone ? ruleUtcToLocal(v as Micros, zone) : (v as Micros), MICROS_PER_DAY);
    case 'timestamp_ntz':
      return (v) => floorDivMicros(v as Micros, MICROS_PER_DAY);
    default:
      throw unsupported(ctx);
  }
}

const utf8Encoder = new TextEncoder();

function toBinary(ctx: Ctx): CastFn {
  const { from } = ctx;
  if (from.kind === 'string') return (v) => utf8Encoder.encode(v as string);
  const bits = INTEGRAL_BITS[from.kind];
  if (bits === undefined) throw unsupported(ctx);
  const bytes = bits / 8;
  return (v) => {
    let b = BigInt.asUintN(bits, toBigInt(v as number | bigint));
    const out = new Uint8Array(bytes);
    for (let i = bytes - 1; i >= 0; i--) {
      out[i] = Number(b & 0xffn);
      b >>= 8n;
    }
    return out;
  };
}

function unsupported(ctx: Ctx): Error {
  return new Error(`internal error: no cast from ${sqlTypeName(ctx.from)} to ${sqlTypeName(ctx.to)}`);
}

function complexCast(from: DataType, to: DataType, mode: CastMode, tz: string): CastFn {
  if (from.kind === 'array' && to.kind === 'array') {
    const el = buildCast(from.elementType, to.elementType, mode, tz);
    return (v) => (v as unknown[]).map((x) => (x === null ? null : el(x)));
  }
  if (from.kind === 'map' && to.kind === 'map') {
    const kc = buildCast(from.keyType, to.keyType, mode, tz);
    const vc = buildCast(from.valueType, to.valueType, mode, tz);
    return (v) => {
      const out = new Map<unknown, unknown>();
      for (const [k, x] of v as Map<unknown, unknown>)
        out.set(k === null ? null : kc(k), x === null ? null : vc(x));
      return out;
    };
  }
  if (from.kind === 'struct' && to.kind === 'struct') {
    const casts = from.fields.map((f, i) => buildCast(f.dataType, to.fields[i]!.dataType, mode, tz));
    return (v) => (v as unknown[]).map((x, i) => (x === null ? null : casts[i]!(x)));
  }
  throw new Error(`internal error: no cast from ${sqlTypeName(from)} to ${sqlTypeName(to)}`);
}

function sameDecimal(a: DataType, b: DataType): boolean {
  return a.kind === 'decimal' && b.kind === 'decimal' && a.precision === b.precision && a.scale === b.scale;
}

function buildCastInner(from: DataType, to: DataType, mode: CastMode, timeZone: string): CastFn {
  if (from.kind === 'null') return () => null;
  // between ANSI intervals of one family: a coarser end field drops the finer part
  if (from.kind === 'interval_dt' && to.kind === 'interval_dt') {
    return to.endField < from.endField ? (v) => truncateDayTime(v as number, to) : (v) => v;
  }
  if (from.kind === 'interval_ym' && to.kind === 'interval_ym') {
    return to.endField < from.endField ? (v) => truncateYearMonth(v as number, to) : (v) => v;
  }
  if (from.kind === to.kind && isAtomicKind(from.kind) && (from.kind !== 'decimal' || sameDecimal(from, to)))
    return (v) => v;
  const ctx = makeCtx(from, to, mode, timeZone);
  switch (to.kind) {
    case 'string': {
      const plain = mode === 'ansi';
      return (v) => castToString(v, from, timeZone, plain);
    }
    case 'boolean':
      return toBoolean(ctx);
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return toIntegral(ctx, INTEGRAL_BITS[to.kind]!);
    case 'float':
      return toFractional(ctx, true);
    case 'double':
      return toFractional(ctx, false);
    case 'decimal':
      return toDecimal(ctx, to);
    case 'timestamp':
      return toTimestamp(ctx);
    case 'timestamp_ntz':
      return toTimestampNTZ(ctx);
    case 'date':
      return toDate(ctx);
    case 'binary':
      return toBinary(ctx);
    default:
      return complexCast(from, to, mode, timeZone);
  }
}

function isAtomicKind(k: string): boolean {
  return k !== 'array' && k !== 'map' && k !== 'struct';
}

/**
 * A specialised cast closure. Input is never NULL. Legacy and try modes return NULL for invalid
 * input; ansi mode throws SparkRuntimeError. TRY_CAST catches the errors of nested values too.
 */
export function buildCast(from: DataType, to: DataType, mode: CastMode, timeZone: string): CastFn {
  const fn = buildCastInner(from, to, mode, timeZone);
  if (mode !== 'try') return fn;
  return (v) => {
    try {
      return fn(v);
    } catch (e) {
      if (e instanceof SparkRuntimeError) return null;
      throw e;
    }
  };
}
