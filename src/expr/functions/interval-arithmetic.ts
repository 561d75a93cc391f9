/**
 * Arithmetic with Spark's ANSI interval types, reached through `+ - * /` (operators.ts rewrites
 * those calls here): datetime ± interval, date - date (INTERVAL DAY), timestamp - timestamp
 * (INTERVAL DAY TO SECOND), interval ± interval, interval * number, interval / number; and the
 * constructors make_interval (calendar), make_dt_interval, make_ym_interval.
 *
 * Invariants: day-time values are µs, year-month values are months (plain numbers); products and
 * quotients round half up to whole µs / months as Spark does; a zero divisor is
 * INTERVAL_DIVIDED_BY_ZERO in every mode; timestamps move in the session zone (UTC for
 * TIMESTAMP_NTZ).
 */
import { timestampAddDayTime, unionIntervalType } from '../../types/ansi-interval.js';
import { castIfNeeded } from '../../types/coercion.js';
import {
  CalendarIntervalType,
  type DataType,
  DateType,
  type DayTimeIntervalType,
  DoubleType,
  dayTimeIntervalType,
  decimalType,
  IntegerType,
  isAnsiInterval,
  isNumeric,
  TimestampNTZType,
  TimestampType,
  type YearMonthIntervalType,
  yearMonthIntervalType,
} from '../../types/data-type.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE } from '../../types/datetime/calendar.js';
import { addMonths, timestampAddInterval } from '../../types/datetime/date-math.js';
import { type Micros, microsToDouble, subtractMicros } from '../../types/datetime/micros.js';
import { parseZoneId, type ZoneRule } from '../../types/datetime/time-zone.js';
import { SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg } from './input-coercion.js';
import { anyNullable, strictEvaluator } from './strict-function.js';

type Kind = DataType['kind'];
const isTimestampKind = (k: Kind) => k === 'timestamp' || k === 'timestamp_ntz';
const isDatetimeKind = (k: Kind) => k === 'date' || isTimestampKind(k);

const unresolved = (name: string, args: readonly Expr[]): Expr => ({
  kind: 'unresolvedFunction',
  name,
  args,
  internal: true,
});

/**
 * The expression `l op r` stands for when an ANSI interval (or date - date / timestamp -
 * timestamp) is involved; undefined for plain numeric arithmetic.
 */
export function ansiIntervalRewrite(op: string, l: Expr, r: Expr): Expr | undefined {
  const lt = dataTypeOf(l);
  const rt = dataTypeOf(r);
  const lk = lt.kind;
  const rk = rt.kind;
  const sign = { kind: 'literal' as const, value: op === 'subtract' ? -1 : 1, dataType: IntegerType };
  if (op === 'add' || op === 'subtract') {
    if (op === 'subtract' && lk === 'date' && rk === 'date') return unresolved('__date_diff_days', [l, r]);
    if (
      op === 'subtract' &&
      isDatetimeKind(lk) &&
      isDatetimeKind(rk) &&
      (isTimestampKind(lk) || isTimestampKind(rk))
    )
      return unresolved('__timestamp_diff', [l, r]);
    if (isDatetimeKind(lk) && isAnsiInterval(rt)) return datetimePlusInterval(op, l, r, lt, rt, sign);
    if (op === 'add' && isDatetimeKind(rk) && isAnsiInterval(lt))
      return datetimePlusInterval(op, r, l, rt, lt, sign);
    if (isAnsiInterval(lt) && isAnsiInterval(rt) && lk === rk)
      return unresolved('__interval_add', [l, r, sign]);
    return undefined;
  }
  if (op === 'multiply') {
    if (isAnsiInterval(lt) && (isNumeric(rt) || rk === 'null'))
      return unresolved('__interval_multiply', [l, r]);
    if (isAnsiInterval(rt) && (isNumeric(lt) || lk === 'null'))
      return unresolved('__interval_multiply', [
        r,
        l,
        { kind: 'literal', value: true, dataType: { kind: 'boolean' } },
      ]);
  }
  if (op === 'divide' && isAnsiInterval(lt) && (isNumeric(rt) || rk === 'null'))
    return unresolved('__interval_divide', [l, r]);
  return undefined;
}

function datetimePlusInterval(
  op: string,
  dt: Expr,
  iv: Expr,
  dtType: DataType,
  ivType: YearMonthIntervalType | DayTimeIntervalType,
  sign: Expr,
): Expr {
  if (dtType.kind === 'date' && ivType.kind === 'interval_dt' && ivType.endField === 0) {
    // Spark: date_add(d, extractansiintervaldays(i)), negated for subtraction
    const days = unresolved('extractansiintervaldays', [iv]);
    return unresolved('date_add', [dt, op === 'subtract' ? unresolved('__unary_minus', [days]) : days]);
  }
  return unresolved('__datetime_add_ansi', [dt, iv, sign]);
}

// ---------------------------------------------------------------------------------------------

function zoneFor(t: DataType, ctx: FunctionContext): ZoneRule {
  return (t.kind === 'timestamp_ntz' ? parseZoneId('UTC') : parseZoneId(ctx.timeZone)) ?? parseZoneId('UTC')!;
}

const signOf = (call: { args: readonly Expr[] }) => {
  const s = call.args[2];
  return s?.kind === 'literal' && s.value === -1 ? -1 : 1;
};
const opText = (sign: string | undefined) => (sign === '-1' ? '-' : '+');

/** datetime ± ANSI interval (not the date + INTERVAL DAY case, which is date_add). */
const datetimeAddAnsi: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__datetime_add_ansi',
  minArgs: 3,
  maxArgs: 3,
  prettyName: ([a, b, s]) => `${a} ${opText(s)} ${b}`,
  resolve: (args) => {
    const [d, i] = args as [Expr, Expr];
    const it = dataTypeOf(i);
    const dk = dataTypeOf(d).kind;
    // a date stays a date with whole months; anything finer makes it a timestamp
    const out: DataType =
      dk === 'date' && it.kind === 'interval_ym'
        ? DateType
        : dk === 'timestamp_ntz'
          ? TimestampNTZType
          : TimestampType;
    return {
      args: [castIfNeeded(d, out), i, args[2]!],
      dataType: out,
      nullable: anyNullable(args.slice(0, 2)),
    };
  },
  compile: (call, [fd, fi], ctx) => {
    const sign = signOf(call);
    const it = dataTypeOf(call.args[1]!);
    const out = call.dataType;
    const zone = zoneFor(out, ctx);
    const add: (d: Micros, v: number) => Micros =
      out.kind === 'date'
        ? (d, months) => addMonths(d as number, sign * months)
        : it.kind === 'interval_ym'
          ? (ts, months) => timestampAddInterval(ts, sign * months, 0, 0, zone)
          : (ts, micros) => timestampAddDayTime(ts, sign * micros, zone);
    return strictEvaluator([fd!, fi!], add);
  },
};

/** Spark's ExtractANSIIntervalDays: the whole days of a day-time interval. */
const extractDays: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'extractansiintervaldays',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({ args, dataType: IntegerType, nullable: nullableOf(args[0]!) }),
  compile: (_call, [f]) => strictEvaluator([f!], (v: number) => Math.trunc(v / MICROS_PER_DAY)),
};

const dateDiffDays: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__date_diff_days',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([a, b]) => `(${a} - ${b})`,
  resolve: (args) => ({ args, dataType: dayTimeIntervalType(0, 0), nullable: anyNullable(args) }),
  compile: (_call, [fa, fb]) =>
    strictEvaluator([fa!, fb!], (a: number, b: number) => (a - b) * MICROS_PER_DAY),
};

const timestampDiff: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__timestamp_diff',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([a, b]) => `(${a} - ${b})`,
  resolve: (args) => {
    const kinds = args.map((a) => dataTypeOf(a).kind);
    // two TIMESTAMP_NTZ (or one and a date) subtract as local times; otherwise as instants
    const t = kinds.every((k) => k === 'timestamp_ntz' || k === 'date') ? TimestampNTZType : TimestampType;
    const out = args.map((a) => castIfNeeded(a, t));
    return { args: out, dataType: dayTimeIntervalType(0, 3), nullable: anyNullable(out) };
  },
  // A day-time interval is a number of µs; differences beyond ±2^53 µs (285 years) are rounded.
  compile: (_call, [fa, fb]) =>
    strictEvaluator([fa!, fb!], (a: Micros, b: Micros) => microsToDouble(subtractMicros(a, b))),
};

const intervalAdd: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__interval_add',
  minArgs: 3,
  maxArgs: 3,
  prettyName: ([a, b, s]) => `(${a} ${opText(s)} ${b})`,
  resolve: (args) => {
    const [a, b] = args as [Expr, Expr];
    const t = unionIntervalType(
      dataTypeOf(a) as DayTimeIntervalType | YearMonthIntervalType,
      dataTypeOf(b) as DayTimeIntervalType | YearMonthIntervalType,
    );
    return {
      args: [castIfNeeded(a, t), castIfNeeded(b, t), args[2]!],
      dataType: t,
      nullable: anyNullable([a, b]),
    };
  },
  compile: (call, [fa, fb]) => {
    const sign = signOf(call);
    return strictEvaluator([fa!, fb!], (a: number, b: number) => a + sign * b);
  },
};

function intervalDividedByZero(): SparkRuntimeError {
  return new SparkRuntimeError(
    'INTERVAL_DIVIDED_BY_ZERO',
    'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.',
    { sqlState: '22012' },
  );
}

/** Half-up rounding to a whole number (away from zero at .5), as Java's RoundingMode.HALF_UP. */
function roundHalfUp(x: number): number {
  const r = Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
  return r === 0 ? 0 : r;
}

/** Exact v·u / 10^scale (or v / (u / 10^scale)) rounded half up, for decimal factors. */
function decimalScale(v: number, unscaled: bigint, scale: number, divide: boolean): number {
  const pow = 10n ** BigInt(scale);
  let num = BigInt(v) * (divide ? pow : unscaled);
  const den = divide ? unscaled : pow;
  if (den === 0n) throw intervalDividedByZero();
  const neg = num < 0n !== den < 0n;
  if (num < 0n) num = -num;
  const d = den < 0n ? -den : den;
  let q = num / d;
  if ((num % d) * 2n >= d) q += 1n;
  const r = Number(neg ? -q : q);
  return r === 0 ? 0 : r;
}

function scaleDef(name: string, divide: boolean): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 3,
    prettyName: ([a, b, swapped]) =>
      divide ? `(${a} / ${b})` : swapped === 'true' ? `(${b} * ${a})` : `(${a} * ${b})`,
    resolve: (args) => {
      const [iv, n] = args as [Expr, Expr];
      const it = dataTypeOf(iv);
      let factor = n;
      const nk = dataTypeOf(n).kind;
      if (nk === 'null' || nk === 'float') factor = castIfNeeded(n, DoubleType);
      if (nk === 'byte' || nk === 'short') factor = castIfNeeded(n, IntegerType);
      const out: DataType =
        it.kind === 'interval_dt' ? dayTimeIntervalType(0, 3) : yearMonthIntervalType(0, 1);
      const rest = args.slice(2);
      return {
        args: [iv, factor, ...rest],
        dataType: out,
        nullable: anyNullable([iv, factor]),
      };
    },
    compile: (call, [fi, fn]) => {
      const ft = dataTypeOf(call.args[1]!);
      let f: (v: number, n: unknown) => number;
      if (ft.kind === 'decimal') f = (v, n) => decimalScale(v, n as bigint, ft.scale, divide);
      else if (ft.kind === 'double')
        f = (v, n) => {
          if (divide && (n as number) === 0) throw intervalDividedByZero();
          return roundHalfUp(divide ? v / (n as number) : v * (n as number));
        };
      else
        f = (v, n) => {
          const k = Number(n as number | bigint);
          if (divide && k === 0) throw intervalDividedByZero();
          return divide ? roundHalfUp(v / k) : v * k;
        };
      return strictEvaluator([fi!, fn!], f);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// constructors

/** make_interval(years, months, weeks, days, hours, mins, secs): a calendar interval. */
const makeInterval: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'make_interval',
  minArgs: 0,
  maxArgs: 7,
  resolve: (args) => {
    const full = [...args];
    while (full.length < 7)
      full.push({
        kind: 'literal',
        value: full.length === 6 ? 0n : 0,
        dataType: full.length === 6 ? decimalType(18, 6) : IntegerType,
      });
    const out = full.map((a, i) => coerceArg(a, i === 6 ? decimalType(18, 6) : IntegerType, i));
    return { args: out, dataType: CalendarIntervalType, nullable: true };
  },
  compile: (_call, args) =>
    strictEvaluator(args, (y: number, m: number, w: number, d: number, h: number, mi: number, s: bigint) => ({
      months: y * 12 + m,
      days: w * 7 + d,
      micros: h * MICROS_PER_HOUR + mi * MICROS_PER_MINUTE + Number(s),
    })),
};

/** make_dt_interval(days, hours, mins, secs): INTERVAL DAY TO SECOND. */
const makeDtInterval: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'make_dt_interval',
  minArgs: 0,
  maxArgs: 4,
  resolve: (args) => {
    const full = [...args];
    while (full.length < 4)
      full.push({
        kind: 'literal',
        value: full.length === 3 ? 0n : 0,
        dataType: full.length === 3 ? decimalType(18, 6) : IntegerType,
      });
    const out = full.map((a, i) =>
      coerceArg(a, i === 3 ? decimalType(18, 6) : i === 0 ? IntegerType : IntegerType, i),
    );
    return { args: out, dataType: dayTimeIntervalType(0, 3), nullable: anyNullable(out) };
  },
  compile: (_call, args) =>
    strictEvaluator(
      args,
      (d: number, h: number, mi: number, s: bigint) =>
        d * MICROS_PER_DAY + h * MICROS_PER_HOUR + mi * MICROS_PER_MINUTE + Number(s),
    ),
};

/** make_ym_interval(years, months): INTERVAL YEAR TO MONTH. */
const makeYmInterval: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'make_ym_interval',
  minArgs: 0,
  maxArgs: 2,
  resolve: (args) => {
    const full = [...args];
    while (full.length < 2) full.push({ kind: 'literal', value: 0, dataType: IntegerType });
    const out = full.map((a, i) => coerceArg(a, IntegerType, i));
    return { args: out, dataType: yearMonthIntervalType(0, 1), nullable: anyNullable(out) };
  },
  compile: (_call, args) => strictEvaluator(args, (y: number, m: number) => y * 12 + m),
};

registerFunctions([
  datetimeAddAnsi,
  extractDays,
  dateDiffDays,
  timestampDiff,
  intervalAdd,
  scaleDef('__interval_multiply', false),
  scaleDef('__interval_divide', true),
  makeInterval,
  makeDtInterval,
  makeYmInterval,
]);
