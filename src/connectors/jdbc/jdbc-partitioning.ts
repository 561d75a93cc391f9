/**
 * Spark's JDBC partitioned read: `partitionColumn`, `lowerBound`, `upperBound`, `numPartitions`
 * become one WHERE clause per partition over strides of the column's range — the bounds only
 * decide the stride, they do not filter: the first partition also takes everything below the
 * second boundary (and NULLs), the last everything from its lower boundary up.
 *
 *   1..100 in 7 partitions → "c" < 15 or "c" is null | "c" >= 15 AND "c" < 29 | … | "c" >= 85
 *
 * Invariants: the clauses partition every row exactly once; the arithmetic is Spark's (strides
 * computed with 18-digit decimals, the lost fraction of a stride spread by half to each end), so
 * the same options give the same partitions as Spark; dates and timestamps partition on days and
 * microseconds and print their bounds in the session time zone.
 */
import type { DataType } from '../../types/data-type.js';
import { normMicros } from '../../types/datetime/micros.js';
import { formatDate, formatTimestamp, formatTimestampNTZ } from '../../types/datetime/timestamp-format.js';
import {
  stringToDate,
  stringToTimestamp,
  stringToTimestampNTZ,
} from '../../types/datetime/timestamp-parse.js';
import { AnalysisException } from '../../util/errors.js';
import { illegalArgument } from './jdbc-options.js';

const SCALE = 10n ** 18n;

/** BigDecimal(a).divide(n).setScale(18, HALF_EVEN), as a value scaled by 10^18. */
function divideHalfEven(a: bigint, n: bigint): bigint {
  const num = a * SCALE;
  let q = num / n;
  const r = num - q * n;
  const twice = 2n * (r < 0n ? -r : r);
  const neg = num < 0n !== n < 0n;
  if (twice > (n < 0n ? -n : n) || (twice === (n < 0n ? -n : n) && q % 2n !== 0n)) q += neg ? -1n : 1n;
  return q;
}

/** a / b rounded HALF_UP to an integer (b > 0). */
function roundHalfUp(a: bigint, b: bigint): bigint {
  return a >= 0n ? (2n * a + b) / (2n * b) : -((-2n * a + b) / (2n * b));
}

function boundValue(v: string, t: DataType, timeZone: string): bigint {
  let n: number | bigint | null = null;
  if (t.kind === 'date') n = stringToDate(v);
  else if (t.kind === 'timestamp') n = stringToTimestamp(v, timeZone);
  else if (t.kind === 'timestamp_ntz') n = stringToTimestampNTZ(v);
  else {
    if (!/^\s*[+-]?\d+\s*$/.test(v)) throw illegalArgument(`For input string: "${v}"`, 'NUMBER_FORMAT');
    return BigInt(v.trim());
  }
  if (n === null) throw illegalArgument(`Cannot parse the bound value ${v} as ${t.kind}`);
  return BigInt(n);
}

function boundText(v: bigint, t: DataType, timeZone: string): string {
  if (t.kind === 'date') return `'${formatDate(Number(v))}'`;
  if (t.kind === 'timestamp') return `'${formatTimestamp(normMicros(v), timeZone)}'`;
  if (t.kind === 'timestamp_ntz') return `'${formatTimestampNTZ(normMicros(v))}'`;
  return v.toString();
}

export function isPartitionColumnType(t: DataType): boolean {
  switch (t.kind) {
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
    case 'decimal':
    case 'date':
    case 'timestamp':
    case 'timestamp_ntz':
      return true;
    default:
      return false;
  }
}

/**
 * The WHERE clause of each partition (null: no clause), for a column already quoted for SQL.
 * Fewer partitions than asked when the range is smaller than numPartitions (as Spark).
 */
export function columnPartitionWheres(
  quotedColumn: string,
  columnType: DataType,
  lowerBoundText: string,
  upperBoundText: string,
  requested: number,
  timeZone: string,
): (string | null)[] {
  if (!isPartitionColumnType(columnType)) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1287',
      `Partition column type should be numeric, date, or timestamp, but ${columnType.kind === 'integer' ? 'int' : columnType.kind} found.`,
    );
  }
  const lower = boundValue(lowerBoundText, columnType, timeZone);
  const upper = boundValue(upperBoundText, columnType, timeZone);
  if (requested <= 1 || lower === upper) return [null];
  if (lower > upper) {
    throw illegalArgument(
      `requirement failed: Operation not allowed: the lower bound of partitioning column is larger than the upper bound. Lower bound: ${lower}; Upper bound: ${upper}`,
    );
  }
  const n = BigInt(upper - lower >= BigInt(requested) ? requested : upper - lower);
  const precise = divideHalfEven(upper, n) - divideHalfEven(lower, n);
  const stride = precise / SCALE; // toLong truncates
  // half of the fraction of a stride lost to truncation, over all partitions, moves the start
  const lost = (precise - stride * SCALE) * n;
  const start = lower + roundHalfUp(lost, 2n * SCALE);
  const out: (string | null)[] = [];
  let current = start;
  const count = Number(n);
  for (let i = 0; i < count; i++) {
    const lBound = i !== 0 ? `${quotedColumn} >= ${boundText(current, columnType, timeZone)}` : null;
    current += stride;
    const uBound = i !== count - 1 ? `${quotedColumn} < ${boundText(current, columnType, timeZone)}` : null;
    out.push(
      uBound === null
        ? lBound
        : lBound === null
          ? `${uBound} or ${quotedColumn} is null`
          : `${lBound} AND ${uBound}`,
    );
  }
  return out;
}
