/**
 * Literal rules of Spark SQL: typing of numeric literals (`1` int, `2147483648` bigint, `1.5`
 * decimal(2,1), `1E3` double, `1L`/`1S`/`1Y`/`1D`/`1F`/`1BD` suffixes) and typed literals
 * (`DATE '…'`, `TIMESTAMP '…'`, `TIMESTAMP_NTZ '…'`, `X'…'`).
 *
 * Invariants: values follow the engine's representation (data-type.ts): longs are numbers when
 * safe integers, decimals are bigint unscaled values; out-of-range literals fail with Spark's
 * `INVALID_NUMERIC_LITERAL_RANGE` / `DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION` messages.
 */
import { type Literal, literal } from '../expr/expression.js';
import {
  BinaryType,
  ByteType,
  DateType,
  DoubleType,
  decimalType,
  FloatType,
  IntegerType,
  LongType,
  MAX_DECIMAL_PRECISION,
  ShortType,
  TimestampNTZType,
  TimestampType,
} from '../types/data-type.js';
import { stringToDate, stringToTimestamp, stringToTimestampNTZ } from '../types/datetime/timestamp-parse.js';
import type { Token } from './lexer.js';
import type { TokenStream } from './token-stream.js';

const INT_RANGE = [-2147483648n, 2147483647n] as const;
const LONG_RANGE = [-9223372036854775808n, 9223372036854775807n] as const;
const INTEGRAL_RANGES = {
  tinyint: { range: [-128n, 127n], type: ByteType },
  smallint: { range: [-32768n, 32767n], type: ShortType },
  bigint: { range: LONG_RANGE, type: LongType },
} as const;

/** A number token as a literal; `negative` when a unary minus was folded into it (`-1` is one literal, as in Spark). */
export function numericLiteral(p: TokenStream, tok: Token, negative: boolean, from: Token = tok): Literal {
  const digits = tok.value;
  const raw = `${negative ? '-' : ''}${digits}`;
  switch (tok.numberKind) {
    case 'integer': {
      const v = BigInt(raw);
      if (v >= INT_RANGE[0] && v <= INT_RANGE[1]) return literal(Number(v), IntegerType);
      if (v >= LONG_RANGE[0] && v <= LONG_RANGE[1]) return literal(normaliseLong(v), LongType);
      return decimalLiteral(p, raw, from, tok);
    }
    case 'bigint':
    case 'smallint':
    case 'tinyint': {
      const spec = INTEGRAL_RANGES[tok.numberKind];
      const v = BigInt(raw);
      if (v < spec.range[0] || v > spec.range[1]) {
        throw p.errorAt(
          'INVALID_NUMERIC_LITERAL_RANGE',
          `Numeric literal ${raw} is outside the valid range for ${tok.numberKind} with minimum value of ${spec.range[0]} and maximum value of ${spec.range[1]}. Please adjust the value accordingly.`,
          from,
          tok,
        );
      }
      return literal(tok.numberKind === 'bigint' ? normaliseLong(v) : Number(v), spec.type);
    }
    case 'exponent':
    case 'double': {
      const v = Number(raw);
      if (!Number.isFinite(v)) throw rangeError(p, raw, 'double', '1.7976931348623157E+308', from, tok);
      return literal(v, DoubleType);
    }
    case 'float': {
      const v = Math.fround(Number(raw));
      if (!Number.isFinite(v)) throw rangeError(p, raw, 'float', '3.4028234663852886E+38', from, tok);
      return literal(v, FloatType);
    }
    case 'decimal':
      return decimalLiteral(p, raw, from, tok);
    case 'bigdecimal':
      return decimalLiteral(p, raw, from, tok);
    default:
      throw p.syntaxError(tok);
  }
}

function rangeError(p: TokenStream, raw: string, type: string, max: string, from: Token, to: Token) {
  return p.errorAt(
    'INVALID_NUMERIC_LITERAL_RANGE',
    `Numeric literal ${raw} is outside the valid range for ${type} with minimum value of -${max} and maximum value of ${max}. Please adjust the value accordingly.`,
    from,
    to,
  );
}

function normaliseLong(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** `123.45`, `1e2BD`, `-0.5` → decimal(p, s) with Spark's precision rule: p = max(digits, s). */
function decimalLiteral(p: TokenStream, raw: string, from: Token, to: Token): Literal {
  const d = parseDecimal(raw);
  if (d.precision > MAX_DECIMAL_PRECISION) {
    const message = `Decimal precision ${d.precision} exceeds max precision ${MAX_DECIMAL_PRECISION}.`;
    throw p.errorAt('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION', message, from, to);
  }
  return literal(d.unscaled, decimalType(d.precision, d.scale));
}

export function parseDecimal(raw: string): { unscaled: bigint; precision: number; scale: number } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw);
  if (!m) throw new Error(`internal error: bad decimal ${raw}`);
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  let scale = frac.length - Number(m[4] ?? '0');
  let unscaled = BigInt(`${intPart}${frac}` || '0');
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const digits = unscaled === 0n ? 1 : unscaled.toString().length;
  if (m[1] === '-') unscaled = -unscaled;
  return { unscaled, precision: Math.max(digits, scale), scale };
}

const SUPPORTED_TYPED_LITERALS =
  '"DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME"';

/** `DATE '2024-01-01'` and friends (INTERVAL is handled by interval-literal.ts). */
export function typedLiteral(
  p: TokenStream,
  typeTok: Token,
  valueTok: Token,
  value: string,
  timeZone: string,
): Literal {
  const type = typeTok.value;
  const invalid = () =>
    p.errorAt(
      'INVALID_TYPED_LITERAL',
      `The value of the typed literal "${type}" is invalid: '${value}'.`,
      typeTok,
      valueTok,
    );
  switch (type) {
    case 'DATE': {
      const v = stringToDate(value);
      if (v === null) throw invalid();
      return literal(v, DateType);
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      const v = stringToTimestamp(value, timeZone);
      if (v === null) throw invalid();
      return literal(v, TimestampType);
    }
    case 'TIMESTAMP_NTZ': {
      const v = stringToTimestampNTZ(value);
      if (v === null) throw invalid();
      return literal(v, TimestampNTZType);
    }
    case 'X': {
      if (!/^[0-9a-fA-F]*$/.test(value)) throw invalid();
      const hex = value.length % 2 === 1 ? `0${value}` : value;
      const bytes = new Uint8Array(hex.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
      return literal(bytes, BinaryType);
    }
    default:
      throw p.errorAt(
        'UNSUPPORTED_TYPED_LITERAL',
        `Literals of the type "${type}" are not supported. Supported types are ${SUPPORTED_TYPED_LITERALS}.`,
        typeTok,
        valueTok,
      );
  }
}
