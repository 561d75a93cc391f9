/**
 * Datetime functions: current time, parsing and formatting with patterns, field extraction, date
 * arithmetic, truncation, zone shifts and constructors from parts or epoch numbers.
 *
 * Invariants: everything runs in the session time zone (`ctx.timeZone`) unless a zone argument
 * says otherwise; `current_*` are constant within a query (`ctx.queryStartMicros`); invalid input
 * gives NULL, or Spark's error in ANSI mode where Spark raises one. Pretty names match Spark's,
 * including the default arguments Spark shows (`unix_timestamp(ts, yyyy-MM-dd HH:mm:ss)`,
 * `months_between(a, b, true)`).
 */
import { buildCast } from '../../types/cast.js';
import {
  BooleanType,
  ByteType,
  type DataType,
  DateType,
  DoubleType,
  decimalType,
  IntegerType,
  LongType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
} from '../../types/data-type.js';
import {
  civilFromDays,
  dayOfYear,
  daysFromCivil,
  isoDayOfWeek,
  isoWeekOfYear,
  MICROS_PER_DAY,
} from '../../types/datetime/calendar.js';
import {
  addMonths,
  invalidDateReason,
  invalidTimeReason,
  lastDayOfMonth,
  localMicros,
  monthsBetween,
  nextDay,
  parseDayOfWeek,
  parseTruncLevel,
  truncDays,
  truncTimestamp,
} from '../../types/datetime/date-math.js';
import { compileDateTimePattern, type DateTimePattern } from '../../types/datetime/date-time-pattern.js';
import {
  addMicros,
  floorDivMicros,
  floorModMicros,
  type Micros,
  microsFromDays,
  microsFromSeconds,
  microsToSeconds,
  normMicros,
  splitMicrosToDays,
} from '../../types/datetime/micros.js';
import {
  parseZoneId,
  ruleLocalToUtc,
  ruleUtcToLocal,
  type ZoneRule,
} from '../../types/datetime/time-zone.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { type Expr, type FunctionCall, literal } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { prettyName } from '../pretty-name.js';
import { coerceArg, type InputType, NUMERIC, oneOf, unexpectedInput } from './input-coercion.js';
import { renamed, strictFunction } from './strict-function.js';

const DEFAULT_FORMAT = 'yyyy-MM-dd HH:mm:ss';
const ANY_TIMESTAMP: InputType = oneOf(TimestampType, TimestampNTZType);
const STRING_OR_DATETIME: InputType = oneOf(StringType, DateType, TimestampType, TimestampNTZType);

function zoneOf(ctx: FunctionContext): ZoneRule {
  return parseZoneId(ctx.timeZone) ?? parseZoneId('UTC')!;
}

function localTimeOfDay(t: DataType, zone: ZoneRule): (v: Micros) => number {
  if (t.kind === 'timestamp_ntz') return (v) => floorModMicros(v, MICROS_PER_DAY);
  return (v) => floorModMicros(ruleUtcToLocal(v, zone), MICROS_PER_DAY);
}

/** A pattern argument: compiled once when it is a literal, per distinct value otherwise. */
function patternGetter(arg: Expr | undefined, forParsing: boolean): (v: string) => DateTimePattern {
  if (arg?.kind === 'literal' && typeof arg.value === 'string') {
    const p = compileDateTimePattern(arg.value, forParsing);
    return () => p;
  }
  return (v) => compileDateTimePattern(v, forParsing);
}

function cannotParse(reason: string, tryFn: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'CANNOT_PARSE_TIMESTAMP',
    `${reason}. Use \`${tryFn}\` to tolerate invalid input string and return NULL instead.`,
    { sqlState: '22007' },
  );
}

function fieldOutOfBounds(reason: string): SparkRuntimeError {
  return new SparkRuntimeError('DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION', `${reason}.`, {
    sqlState: '22023',
  });
}

// ---------------------------------------------------------------------------------------------
// Current time

function constant(
  name: string,
  dataType: DataType,
  value: (ctx: FunctionContext) => unknown,
): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 0,
    maxArgs: 0,
    deterministic: true,
    resolve: () => ({ args: [], dataType, nullable: false }),
    compile: (_call, _args, ctx) => {
      const v = value(ctx);
      return () => v;
    },
  };
}

const currentTimestamp = constant('current_timestamp', TimestampType, (ctx) => ctx.queryStartMicros);
const currentDate = constant(
  'current_date',
  DateType,
  (ctx) => splitMicrosToDays(ruleUtcToLocal(ctx.queryStartMicros, zoneOf(ctx))).days,
);
const localTimestamp = constant('localtimestamp', TimestampNTZType, (ctx) =>
  ruleUtcToLocal(ctx.queryStartMicros, zoneOf(ctx)),
);
const currentTimezone = constant('current_timezone', StringType, (ctx) => ctx.timeZone);

/** `current_timestamp()` as a resolved node (the default argument of `unix_timestamp()`). */
const CURRENT_TIMESTAMP_CALL: FunctionCall = {
  kind: 'fn',
  name: 'current_timestamp',
  args: [],
  dataType: TimestampType,
  nullable: false,
};

// ---------------------------------------------------------------------------------------------
// Parsing: to_timestamp / to_date / unix_timestamp

/** Value of a string-or-datetime argument as UTC µs, parsing strings with `pattern` (or Spark's cast). */
function toMicros(
  t: DataType,
  ctx: FunctionContext,
  tryFn: string,
  ntz = false,
): (v: unknown, pattern: DateTimePattern | undefined) => Micros | null {
  const zone = zoneOf(ctx);
  switch (t.kind) {
    case 'timestamp':
      return ntz ? (v) => ruleUtcToLocal(v as Micros, zone) : (v) => v as Micros;
    case 'timestamp_ntz':
      return ntz ? (v) => v as Micros : (v) => ruleLocalToUtc(v as Micros, zone);
    case 'date':
      return ntz
        ? (v) => microsFromDays(v as number, 0)
        : (v) => ruleLocalToUtc(microsFromDays(v as number, 0), zone);
    default: {
      const cast = buildCast(
        StringType,
        ntz ? TimestampNTZType : TimestampType,
        ctx.ansi ? 'ansi' : 'legacy',
        ctx.timeZone,
      );
      return (v, pattern) => {
        if (!pattern) return cast(v) as Micros | null;
        const r = ntz ? pattern.parseLocal(v as string) : pattern.parseOrReason(v as string, ctx.timeZone);
        if (r !== null && typeof r !== 'object') return r;
        if (ctx.ansi) throw cannotParse(r === null ? `Text '${v}' could not be parsed` : r.reason, tryFn);
        return null;
      };
    }
  }
}

function parsingFunction(
  name: string,
  result: DataType,
  tryFn: string,
  finish: (micros: Micros, ctx: FunctionContext) => unknown,
  options: { forceTry?: boolean; ntz?: boolean } = {},
): ScalarFunctionDef {
  return strictFunction({
    name,
    inputs: [STRING_OR_DATETIME, StringType],
    minArgs: 1,
    result,
    nullable: () => true,
    body: (call, ctx0) => {
      const ctx = options.forceTry ? { ...ctx0, ansi: false } : ctx0;
      const conv = toMicros(dataTypeOf(call.args[0]!), ctx, tryFn, options.ntz);
      if (call.args.length < 2) {
        return (v) => {
          const m = conv(v, undefined);
          return m === null ? null : finish(m, ctx);
        };
      }
      const pat = patternGetter(call.args[1], true);
      return (v, f) => {
        const m = conv(v, pat(f as string));
        return m === null ? null : finish(m, ctx);
      };
    },
  });
}

const toTimestamp = parsingFunction('to_timestamp', TimestampType, 'try_to_timestamp', (m) => m);
const tryToTimestamp = parsingFunction('try_to_timestamp', TimestampType, 'try_to_timestamp', (m) => m, {
  forceTry: true,
});
const toTimestampLtz = parsingFunction('to_timestamp_ltz', TimestampType, 'try_to_timestamp', (m) => m);
const toTimestampNtz = parsingFunction('to_timestamp_ntz', TimestampNTZType, 'try_to_timestamp', (m) => m, {
  ntz: true,
});
const toDate = parsingFunction(
  'to_date',
  DateType,
  'try_to_date',
  (m, ctx) => splitMicrosToDays(ruleUtcToLocal(m, zoneOf(ctx))).days,
);

function unixTimestampDef(name: string, minArgs: number): ScalarFunctionDef {
  return strictFunction({
    name,
    inputs: [STRING_OR_DATETIME, StringType],
    defaults: [CURRENT_TIMESTAMP_CALL, literal(DEFAULT_FORMAT, StringType)],
    minArgs,
    result: LongType,
    nullable: () => true,
    body: (call, ctx) => {
      const conv = toMicros(dataTypeOf(call.args[0]!), ctx, 'try_to_timestamp');
      const pat = patternGetter(call.args[1], true);
      return (v, f) => {
        const m = conv(v, pat(f as string));
        return m === null ? null : microsToSeconds(m);
      };
    },
  });
}

const fromUnixtime = strictFunction({
  name: 'from_unixtime',
  inputs: [LongType, StringType],
  defaults: [literal(DEFAULT_FORMAT, StringType)],
  result: StringType,
  nullable: () => true,
  body: (call, ctx) => {
    const pat = patternGetter(call.args[1], false);
    return (secs, f) => pat(f as string).format(microsFromSeconds(Number(secs)), ctx.timeZone);
  },
});

const dateFormat = strictFunction({
  name: 'date_format',
  inputs: [ANY_TIMESTAMP, StringType],
  result: StringType,
  body: (call, ctx) => {
    const pat = patternGetter(call.args[1], false);
    if (dataTypeOf(call.args[0]!).kind === 'timestamp_ntz') {
      // Spark casts timestamp_ntz to timestamp in the session zone first (a DST gap moves forward).
      const zone = zoneOf(ctx);
      return (ts, f) => pat(f as string).format(ruleLocalToUtc(ts as Micros, zone), ctx.timeZone);
    }
    return (ts, f) => pat(f as string).format(ts as Micros, ctx.timeZone);
  },
});

const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const SHORT_MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const dayname = strictFunction({
  name: 'dayname',
  inputs: [DateType],
  result: StringType,
  body: () => (d) => SHORT_WEEKDAYS[isoDayOfWeek(d as number) - 1],
});
const monthname = strictFunction({
  name: 'monthname',
  inputs: [DateType],
  result: StringType,
  body: () => (d) => SHORT_MONTH_NAMES[civilFromDays(d as number).month - 1],
});

// ---------------------------------------------------------------------------------------------
// Field extraction

function dateField(name: string, f: (days: number) => number): ScalarFunctionDef {
  return strictFunction({ name, inputs: [DateType], result: IntegerType, body: () => (d) => f(d as number) });
}

function timeField(name: string, f: (timeOfDay: number) => number): ScalarFunctionDef {
  return strictFunction({
    name,
    inputs: [ANY_TIMESTAMP],
    result: IntegerType,
    body: (call, ctx) => {
      const tod = localTimeOfDay(dataTypeOf(call.args[0]!), zoneOf(ctx));
      return (v) => f(tod(v as Micros));
    },
  });
}

const year = dateField('year', (d) => civilFromDays(d).year);
const quarter = dateField('quarter', (d) => Math.floor((civilFromDays(d).month - 1) / 3) + 1);
const month = dateField('month', (d) => civilFromDays(d).month);
const dayofmonth = dateField('dayofmonth', (d) => civilFromDays(d).day);
const dayofweek = dateField('dayofweek', (d) => (isoDayOfWeek(d) % 7) + 1);
const weekday = dateField('weekday', (d) => isoDayOfWeek(d) - 1);
const dayofyear = dateField('dayofyear', dayOfYear);
const weekofyear = dateField('weekofyear', isoWeekOfYear);
const hour = timeField('hour', (t) => Math.floor(t / 3_600_000_000));
const minute = timeField('minute', (t) => Math.floor(t / 60_000_000) % 60);
const second = timeField('second', (t) => Math.floor(t / 1e6) % 60);

// ---------------------------------------------------------------------------------------------
// Date arithmetic

const DAYS_INPUT: InputType = oneOf(IntegerType, ShortType, ByteType);

/** `date_add` / `date_sub` take int, smallint or tinyint day counts (bigint is a type error, as in Spark). */
function checkDayCount(args: readonly Expr[]): void {
  // The arguments arrive coerced: look through the implicit cast at what the user passed.
  const a = args[1]!;
  const raw = a.kind === 'cast' && a.implicit ? a.child : a;
  const t = dataTypeOf(raw);
  if (t.kind === 'long' || t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal') {
    throw unexpectedInput(1, DAYS_INPUT, raw);
  }
}

const dateAdd = strictFunction({
  name: 'date_add',
  inputs: [DateType, DAYS_INPUT],
  result: DateType,
  check: checkDayCount,
  body: () => (d, n) => ((d as number) + (n as number)) | 0,
});
const dateSub = strictFunction({
  name: 'date_sub',
  inputs: [DateType, DAYS_INPUT],
  result: DateType,
  check: checkDayCount,
  body: () => (d, n) => ((d as number) - (n as number)) | 0,
});

const addMonthsDef = strictFunction({
  name: 'add_months',
  inputs: [DateType, IntegerType],
  result: DateType,
  body: () => (d, n) => {
    const r = addMonths(d as number, n as number);
    // Spark converts the result with Math.toIntExact, in every mode.
    if (r > 2147483647 || r < -2147483648) {
      throw new SparkRuntimeError(
        'ARITHMETIC_OVERFLOW',
        'overflow. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
        { sqlState: '22003' },
      );
    }
    return r;
  },
});

const datediff = strictFunction({
  name: 'datediff',
  inputs: [DateType, DateType],
  result: IntegerType,
  body: () => (a, b) => (a as number) - (b as number),
});

const monthsBetweenDef = strictFunction({
  name: 'months_between',
  inputs: [TimestampType, TimestampType, BooleanType],
  defaults: [literal(true, BooleanType)],
  result: DoubleType,
  body: (_call, ctx) => {
    const zone = zoneOf(ctx);
    return (a, b, r) => monthsBetween(a as number, b as number, r as boolean, zone);
  },
});

const lastDay = strictFunction({
  name: 'last_day',
  inputs: [DateType],
  result: DateType,
  body: () => (d) => lastDayOfMonth(d as number),
});

const nextDayDef = strictFunction({
  name: 'next_day',
  inputs: [DateType, StringType],
  result: DateType,
  nullable: () => true,
  body: (_call, ctx) => (d, s) => {
    const dow = parseDayOfWeek(s as string);
    if (dow === undefined) {
      if (ctx.ansi) {
        throw new SparkRuntimeError('ILLEGAL_DAY_OF_WEEK', `Illegal input for day of week: ${s}.`, {
          sqlState: '22009',
        });
      }
      return null;
    }
    return nextDay(d as number, dow);
  },
});

// ---------------------------------------------------------------------------------------------
// Truncation and zone shifts

const dateTrunc = strictFunction({
  name: 'date_trunc',
  inputs: [StringType, TimestampType],
  result: TimestampType,
  nullable: () => true,
  body: (_call, ctx) => {
    const zone = zoneOf(ctx);
    return (fmt, ts) => {
      const level = parseTruncLevel(fmt as string);
      return level === undefined ? null : truncTimestamp(ts as Micros, level, zone);
    };
  },
});

const trunc = strictFunction({
  name: 'trunc',
  inputs: [DateType, StringType],
  result: DateType,
  nullable: () => true,
  body: () => (d, fmt) => {
    const level = parseTruncLevel(fmt as string);
    if (level !== 'year' && level !== 'quarter' && level !== 'month' && level !== 'week') return null;
    return truncDays(d as number, level);
  },
});

function zoneShift(name: string, toUtc: boolean): ScalarFunctionDef {
  return strictFunction({
    name,
    inputs: [TimestampType, StringType],
    result: TimestampType,
    nullable: () => true,
    body: () => (ts, tz) => {
      const zone = parseZoneId(tz as string);
      if (!zone) return null;
      const m = ts as Micros;
      return toUtc ? ruleLocalToUtc(m, zone) : ruleUtcToLocal(m, zone);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Constructors

const makeDate = strictFunction({
  name: 'make_date',
  inputs: [IntegerType, IntegerType, IntegerType],
  result: DateType,
  nullable: () => true,
  body: (_call, ctx) => (y, m, d) => {
    const reason = invalidDateReason(y as number, m as number, d as number);
    if (reason) {
      if (ctx.ansi) throw fieldOutOfBounds(reason);
      return null;
    }
    return daysFromCivil(y as number, m as number, d as number);
  },
});

const makeTimestamp = strictFunction({
  name: 'make_timestamp',
  inputs: [IntegerType, IntegerType, IntegerType, IntegerType, IntegerType, decimalType(16, 6), StringType],
  minArgs: 6,
  result: TimestampType,
  nullable: () => true,
  body: (call, ctx) => {
    const sessionZone = zoneOf(ctx);
    return (y, mo, d, h, mi, secMicros, tz) => {
      const total = Number(secMicros as bigint);
      let sec = Math.floor(total / 1e6);
      const frac = total - sec * 1e6;
      let extra = 0;
      // Spark accepts 60 seconds with no fraction as the next minute.
      if (sec === 60 && frac === 0) {
        sec = 0;
        extra = 60_000_000;
      }
      const reason =
        invalidDateReason(y as number, mo as number, d as number) ??
        invalidTimeReason(h as number, mi as number, sec);
      if (reason) {
        if (ctx.ansi) throw fieldOutOfBounds(reason);
        return null;
      }
      const zone = tz === undefined || call.args.length < 7 ? sessionZone : parseZoneId(tz as string);
      if (!zone) return null;
      const days = daysFromCivil(y as number, mo as number, d as number);
      return addMicros(ruleLocalToUtc(localMicros(days, h as number, mi as number, sec, frac), zone), extra);
    };
  },
});

/** Spark's DATETIME_OVERFLOW for epoch numbers whose µs do not fit a long. */
function checkedMicros(micros: bigint, shown: string, unit: string): Micros {
  if (micros >= 2n ** 63n || micros < -(2n ** 63n)) {
    throw new SparkRuntimeError(
      'DATETIME_OVERFLOW',
      `Datetime operation overflow: create a TIMESTAMP from ${shown} ${unit} since the epoch.`,
      { sqlState: '22008' },
    );
  }
  return normMicros(micros);
}

const timestampSeconds = strictFunction({
  name: 'timestamp_seconds',
  inputs: [NUMERIC],
  result: TimestampType,
  body: (call) => {
    const t = dataTypeOf(call.args[0]!);
    if (t.kind === 'decimal') return (v) => normMicros(((v as bigint) * 1_000_000n) / 10n ** BigInt(t.scale));
    if (t.kind === 'float' || t.kind === 'double') {
      return (v) => {
        const d = v as number;
        if (!Number.isFinite(d)) return null;
        const m = Math.trunc(d * 1e6);
        if (m >= 2 ** 63 || m < -(2 ** 63)) return checkedMicros(2n ** 63n, String(v), 'seconds');
        return checkedMicros(BigInt(m), String(v), 'seconds');
      };
    }
    const suffix = t.kind === 'long' ? 'L' : '';
    return (v) => checkedMicros(BigInt(v as number | bigint) * 1_000_000n, `${v}${suffix}`, 'seconds');
  },
});
const timestampMillis = strictFunction({
  name: 'timestamp_millis',
  inputs: [LongType],
  result: TimestampType,
  body: () => (v) => checkedMicros(BigInt(v as number | bigint) * 1000n, `${v}L`, 'milliseconds'),
});
const timestampMicros = strictFunction({
  name: 'timestamp_micros',
  inputs: [LongType],
  result: TimestampType,
  body: () => (v) => v,
});

function epochOf(name: string, divisor: number): ScalarFunctionDef {
  return strictFunction({
    name,
    inputs: [TimestampType],
    result: LongType,
    body: () => (v) => (divisor === 1 ? v : floorDivMicros(v as Micros, divisor)),
  });
}

const unixDate = strictFunction({
  name: 'unix_date',
  inputs: [DateType],
  result: IntegerType,
  body: () => (d) => d,
});
const dateFromUnixDate = strictFunction({
  name: 'date_from_unix_date',
  inputs: [IntegerType],
  result: DateType,
  body: () => (d) => d,
});

// ---------------------------------------------------------------------------------------------
// make_timestamp_ntz, convert_timezone, extract / date_part

const makeTimestampNtz = strictFunction({
  name: 'make_timestamp_ntz',
  inputs: [IntegerType, IntegerType, IntegerType, IntegerType, IntegerType, decimalType(16, 6)],
  result: TimestampNTZType,
  nullable: () => true,
  body: (_call, ctx) => (y, mo, d, h, mi, secMicros) => {
    const total = Number(secMicros as bigint);
    let sec = Math.floor(total / 1e6);
    const frac = total - sec * 1e6;
    let extra = 0;
    if (sec === 60 && frac === 0) {
      sec = 0;
      extra = 60_000_000;
    }
    const reason =
      invalidDateReason(y as number, mo as number, d as number) ??
      invalidTimeReason(h as number, mi as number, sec);
    if (reason) {
      if (ctx.ansi) throw fieldOutOfBounds(reason);
      return null;
    }
    return addMicros(
      localMicros(
        daysFromCivil(y as number, mo as number, d as number),
        h as number,
        mi as number,
        sec,
        frac,
      ),
      extra,
    );
  },
});

const CURRENT_TIMEZONE_CALL: FunctionCall = {
  kind: 'fn',
  name: 'current_timezone',
  args: [],
  dataType: StringType,
  nullable: false,
};

const convertTimezone3 = strictFunction({
  name: 'convert_timezone',
  inputs: [StringType, StringType, TimestampNTZType],
  result: TimestampNTZType,
  nullable: () => true,
  body: () => (src, dst, ts) => {
    const from = parseZoneId(src as string);
    const to = parseZoneId(dst as string);
    if (!from || !to) return null;
    return ruleUtcToLocal(ruleLocalToUtc(ts as Micros, from), to);
  },
});

/** `convert_timezone([source,] target, ts_ntz)`: wall time in `source` (default: session zone) → in `target`. */
const convertTimezone: ScalarFunctionDef = {
  ...convertTimezone3,
  minArgs: 2,
  resolve: (args, ctx) =>
    convertTimezone3.resolve(args.length === 2 ? [CURRENT_TIMEZONE_CALL, ...args] : args, ctx),
};

/** Spark's `extract` fields (`DatePart.parseExtractField`) → a canonical name. */
const EXTRACT_FIELDS: Readonly<Record<string, string>> = {
  YEAR: 'YEAR',
  Y: 'YEAR',
  YEARS: 'YEAR',
  YR: 'YEAR',
  YRS: 'YEAR',
  YEAROFWEEK: 'YEAROFWEEK',
  QUARTER: 'QUARTER',
  QTR: 'QUARTER',
  MONTH: 'MONTH',
  MON: 'MONTH',
  MONS: 'MONTH',
  MONTHS: 'MONTH',
  WEEK: 'WEEK',
  W: 'WEEK',
  WEEKS: 'WEEK',
  DAY: 'DAY',
  D: 'DAY',
  DAYS: 'DAY',
  DAYOFWEEK: 'DOW',
  DOW: 'DOW',
  DAYOFWEEK_ISO: 'DOW_ISO',
  DOW_ISO: 'DOW_ISO',
  DOY: 'DOY',
  HOUR: 'HOUR',
  H: 'HOUR',
  HOURS: 'HOUR',
  HR: 'HOUR',
  HRS: 'HOUR',
  MINUTE: 'MINUTE',
  M: 'MINUTE',
  MIN: 'MINUTE',
  MINS: 'MINUTE',
  MINUTES: 'MINUTE',
  SECOND: 'SECOND',
  S: 'SECOND',
  SEC: 'SECOND',
  SECONDS: 'SECOND',
  SECS: 'SECOND',
};

const DATE_PARTS: Readonly<Record<string, (days: number) => number>> = {
  YEAR: (d) => civilFromDays(d).year,
  YEAROFWEEK: (d) => civilFromDays(d - isoDayOfWeek(d) + 4).year,
  QUARTER: (d) => Math.floor((civilFromDays(d).month - 1) / 3) + 1,
  MONTH: (d) => civilFromDays(d).month,
  WEEK: isoWeekOfYear,
  DAY: (d) => civilFromDays(d).day,
  DOW: (d) => (isoDayOfWeek(d) % 7) + 1,
  DOW_ISO: isoDayOfWeek,
  DOY: dayOfYear,
};

function extractDef(name: 'extract' | 'date_part'): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    prettyName: ([field, source], call) =>
      name === 'extract'
        ? `extract(${call.params?.field ?? field} FROM ${source})`
        : `date_part(${field}, ${source})`,
    resolve: (args) => {
      const [f, src] = args as [Expr, Expr];
      if (f.kind !== 'literal' || typeof f.value !== 'string') {
        throw new AnalysisException(
          'NON_FOLDABLE_ARGUMENT',
          `The function \`${name}\` requires the parameter \`field\` to be a foldable expression of the type "STRING", but the actual argument is a non-foldable.`,
        );
      }
      const field = EXTRACT_FIELDS[f.value.toUpperCase()];
      if (!field) {
        throw new AnalysisException(
          'INVALID_EXTRACT_FIELD',
          `Cannot extract \`${f.value}\` from "${prettyName(src)}".`,
          {
            sqlState: '42601',
          },
        );
      }
      const isTime = field === 'HOUR' || field === 'MINUTE' || field === 'SECOND';
      const source = coerceArg(src, isTime ? ANY_TIMESTAMP : DateType, 1);
      return {
        args: [f, source],
        dataType: field === 'SECOND' ? decimalType(8, 6) : IntegerType,
        nullable: true,
        params: { field: f.value },
      };
    },
    compile: (call, [, src], ctx) => {
      const field = EXTRACT_FIELDS[String(call.params?.field).toUpperCase()]!;
      const source = src!;
      const datePart = DATE_PARTS[field];
      if (datePart) {
        return (row) => {
          const d = source(row) as number | null;
          return d === null ? null : datePart(d);
        };
      }
      const tod = localTimeOfDay(dataTypeOf(call.args[1]!), zoneOf(ctx));
      return (row) => {
        const v = source(row) as Micros | null;
        if (v === null) return null;
        const t = tod(v);
        if (field === 'HOUR') return Math.floor(t / 3_600_000_000);
        if (field === 'MINUTE') return Math.floor(t / 60_000_000) % 60;
        return BigInt(t % 60_000_000);
      };
    },
  };
}

registerFunctions([
  currentTimestamp,
  renamed(currentTimestamp, 'now'),
  currentDate,
  { ...currentDate, name: 'curdate', displayName: 'current_date' },
  localTimestamp,
  currentTimezone,
  toTimestamp,
  tryToTimestamp,
  toTimestampNtz,
  toTimestampLtz,
  dayname,
  monthname,
  toDate,
  unixTimestampDef('unix_timestamp', 0),
  unixTimestampDef('to_unix_timestamp', 1),
  fromUnixtime,
  dateFormat,
  year,
  quarter,
  month,
  dayofmonth,
  renamed(dayofmonth, 'day'),
  dayofweek,
  weekday,
  dayofyear,
  weekofyear,
  hour,
  minute,
  second,
  dateAdd,
  dateSub,
  addMonthsDef,
  datediff,
  renamed(datediff, 'date_diff'),
  monthsBetweenDef,
  lastDay,
  nextDayDef,
  dateTrunc,
  trunc,
  zoneShift('from_utc_timestamp', false),
  zoneShift('to_utc_timestamp', true),
  makeDate,
  makeTimestamp,
  makeTimestampNtz,
  convertTimezone,
  extractDef('extract'),
  extractDef('date_part'),
  timestampSeconds,
  timestampMillis,
  timestampMicros,
  epochOf('unix_seconds', 1e6),
  epochOf('unix_millis', 1000),
  epochOf('unix_micros', 1),
  unixDate,
  dateFromUnixDate,
]);
