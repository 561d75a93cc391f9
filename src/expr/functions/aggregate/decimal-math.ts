/**
 * Exact decimal helpers for sum/avg on unscaled bigints: precision checks (null outside ANSI,
 * `ARITHMETIC_OVERFLOW` in it) and Spark's average: divide to scale 38 rounding half-up, then
 * round half-up again to the result scale (Spark rounds twice; so do we, to agree in ties).
 */
import type { DataType } from '../../../types/data-type.js';
import { SparkRuntimeError } from '../../../util/errors.js';

const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POW10[n] = p;
  }
  return p;
}

/** `n / d` rounded half away from zero (Java's HALF_UP). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const dAbs = d < 0n ? -d : d;
  if (twice >= dAbs) return n < 0n !== d < 0n ? q - 1n : q + 1n;
  return q;
}

/** The value when it fits `precision` digits; otherwise null, or an error in ANSI mode. */
export function checkDecimalPrecision(
  v: bigint,
  precision: number,
  ansi: boolean,
  tryName: string,
): bigint | null {
  const limit = pow10(precision);
  if (v < limit && v > -limit) return v;
  if (ansi) {
    throw new SparkRuntimeError(
      'ARITHMETIC_OVERFLOW',
      `Overflow in sum of decimals. Use '${tryName}' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
    );
  }
  return null;
}

/** avg of a decimal column: `sum` (unscaled at `scale`) / `count`, as `out` (decimal) or null on overflow. */
export function decimalAverage(
  sum: bigint,
  scale: number,
  count: number,
  out: DataType,
  ansi: boolean,
): bigint | null {
  if (out.kind !== 'decimal') throw new Error('internal error: decimal average into a non-decimal type');
  const at38 = divRoundHalfUp(sum * pow10(38 - scale), BigInt(count));
  const v = divRoundHalfUp(at38, pow10(38 - out.scale));
  const limit = pow10(out.precision);
  if (v < limit && v > -limit) return v;
  if (ansi) {
    throw new SparkRuntimeError(
      'NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION',
      `The value cannot be represented as Decimal(${out.precision}, ${out.scale}). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead.`,
    );
  }
  return null;
}
