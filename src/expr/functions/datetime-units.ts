/**
 * timestampadd(unit, n, ts) and timestampdiff(unit, start, end) — also spelt dateadd/date_add and
 * datediff/date_diff/timediff with a unit first; the parser turns the unit keyword into an
 * upper-case string literal.
 *
 * Semantics (Spark's DateTimeUtils.timestampAdd / timestampDiff): units up to HOUR move the
 * instant by an exact amount; DAY and WEEK move the local date and MONTH, QUARTER, YEAR the local
 * month in the session zone (UTC for TIMESTAMP_NTZ), keeping the wall-clock time. A diff counts
 * whole units between the two *local* date-times, as Java's `LocalDateTime.until` does
 * (truncating toward zero) — so an hour diff across a DST change counts wall-clock hours.
 */
import { DateType, LongType, TimestampType } from '../../types/data-type.js';
import { civilFromDays } from '../../types/datetime/calendar.js';
import { timestampAddInterval } from '../../types/datetime/date-math.js';
import {
  addMicros,
  type Micros,
  multiplyMicros,
  splitMicrosToDays,
  subtractMicros,
  truncDivMicros,
} from '../../types/datetime/micros.js';
import { parseZoneId, ruleUtcToLocal, type ZoneRule } from '../../types/datetime/time-zone.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg } from './input-coercion.js';
import { anyNullable } from './strict-function.js';

const EXACT_MICROS: Readonly<Record<string, number>> = {
  MICROSECOND: 1,
  MILLISECOND: 1000,
  SECOND: 1_000_000,
  MINUTE: 60_000_000,
  HOUR: 3_600_000_000,
};
const ADD_UNITS = [...Object.keys(EXACT_MICROS), 'DAY', 'DAYOFYEAR', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
const DIFF_UNITS = [...Object.keys(EXACT_MICROS), 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

function unitOf(name: string, args: readonly Expr[], allowed: readonly string[]): string {
  const u = args[0]!;
  const value = u.kind === 'literal' && typeof u.value === 'string' ? u.value.toUpperCase() : undefined;
  if (value === undefined || !allowed.includes(value)) {
    throw new AnalysisException(
      'INVALID_PARAMETER_VALUE.DATETIME_UNIT',
      `The value of parameter(s) \`unit\` in \`${name}\` is invalid: expects one of the units without quotes ${allowed.join(', ')}, but got the string literal '${value ?? ''}'.`,
    );
  }
  return value;
}

/** A date, string or timestamp argument as a timestamp (a TIMESTAMP_NTZ stays one). */
function timestampArg(e: Expr, index: number): Expr {
  const t = dataTypeOf(e);
  if (t.kind === 'timestamp' || t.kind === 'timestamp_ntz') return e;
  return coerceArg(
    e,
    t.kind === 'date' || t.kind === 'string' || t.kind === 'null' ? TimestampType : DateType,
    index,
  );
}

function zoneFor(ntz: boolean, ctx: FunctionContext): ZoneRule {
  return (ntz ? parseZoneId('UTC') : parseZoneId(ctx.timeZone)) ?? parseZoneId('UTC')!;
}

const timestampAdd: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'timestampadd',
  minArgs: 3,
  maxArgs: 3,
  resolve: (args) => {
    const unit = unitOf('timestampadd', args, ADD_UNITS);
    const ts = timestampArg(args[2]!, 2);
    const out = [args[0]!, coerceArg(args[1]!, LongType, 1), ts];
    return { args: out, dataType: dataTypeOf(ts), nullable: anyNullable(out.slice(1)), params: { unit } };
  },
  compile: (call, [, fq, fts], ctx) => {
    const unit = call.params!.unit as string;
    const zone = zoneFor(call.dataType.kind === 'timestamp_ntz', ctx);
    const exact = EXACT_MICROS[unit];
    const add: (ts: Micros, q: number) => Micros =
      exact !== undefined
        ? (ts, q) => addMicros(ts, multiplyMicros(q, exact))
        : unit === 'DAY' || unit === 'DAYOFYEAR' || unit === 'WEEK'
          ? (ts, q) => timestampAddInterval(ts, 0, unit === 'WEEK' ? q * 7 : q, 0, zone)
          : (ts, q) =>
              timestampAddInterval(ts, unit === 'YEAR' ? q * 12 : unit === 'QUARTER' ? q * 3 : q, 0, 0, zone);
    return (row) => {
      const q = fq!(row);
      if (q === null) return null;
      const ts = fts!(row);
      if (ts === null) return null;
      return add(ts as Micros, Number(q as number | bigint));
    };
  },
};

/** Java's `LocalDateTime.until` for DAYS / WEEKS / MONTHS / QUARTER_YEARS / YEARS. */
function localUntil(startLocal: Micros, endLocal: Micros, unit: string): number {
  const { days: startDays, timeOfDay: startTime } = splitMicrosToDays(startLocal);
  const end = splitMicrosToDays(endLocal);
  let endDays = end.days;
  const endTime = end.timeOfDay;
  if (endDays > startDays && endTime < startTime) endDays--;
  else if (endDays < startDays && endTime > startTime) endDays++;
  if (unit === 'DAY') return endDays - startDays;
  if (unit === 'WEEK') return Math.trunc((endDays - startDays) / 7);
  const packed = (days: number) => {
    const c = civilFromDays(days);
    return (c.year * 12 + c.month - 1) * 32 + c.day;
  };
  const months = Math.trunc((packed(endDays) - packed(startDays)) / 32);
  return unit === 'MONTH' ? months : unit === 'QUARTER' ? Math.trunc(months / 3) : Math.trunc(months / 12);
}

const timestampDiff: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'timestampdiff',
  minArgs: 3,
  maxArgs: 3,
  resolve: (args) => {
    const unit = unitOf('timestampdiff', args, DIFF_UNITS);
    let start = timestampArg(args[1]!, 1);
    let end = timestampArg(args[2]!, 2);
    const bothNtz = dataTypeOf(start).kind === 'timestamp_ntz' && dataTypeOf(end).kind === 'timestamp_ntz';
    if (!bothNtz) {
      start = coerceArg(start, TimestampType, 1);
      end = coerceArg(end, TimestampType, 2);
    }
    const out = [args[0]!, start, end];
    return {
      args: out,
      dataType: LongType,
      nullable: anyNullable(out.slice(1)),
      params: { unit, ntz: bothNtz },
    };
  },
  compile: (call, [, fs, fe], ctx) => {
    const unit = call.params!.unit as string;
    const zone = zoneFor(call.params!.ntz === true, ctx);
    const exact = EXACT_MICROS[unit];
    const local = (v: Micros) => ruleUtcToLocal(v, zone);
    return (row) => {
      const s = fs!(row) as Micros | null;
      if (s === null) return null;
      const e = fe!(row) as Micros | null;
      if (e === null) return null;
      const ls = local(s);
      const le = local(e);
      return exact !== undefined ? truncDivMicros(subtractMicros(le, ls), exact) : localUntil(ls, le, unit);
    };
  },
};

registerFunctions([timestampAdd, timestampDiff]);
