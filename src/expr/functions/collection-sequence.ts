/**
 * `sequence(start, stop[, step])`: integral ranges and date/timestamp ranges stepped by an
 * interval, with Spark's rules: the stop is inclusive; the default step is 1 (or -1 when
 * counting down) and 1 day for dates and timestamps; a step going the wrong way is an error;
 * element i is `start + i × step` (months are added from the start, so Jan 31 + 1 month is the
 * end of February), in the session time zone for timestamps.
 */

import { castIfNeeded, tightestCommonType } from '../../types/coercion.js';
import {
  type ArrayType,
  arrayType,
  type CalendarInterval,
  type DataType,
  isIntegral,
  TimestampType,
} from '../../types/data-type.js';
import { addMonthsToDays, MICROS_PER_DAY } from '../../types/datetime/calendar.js';
import {
  addMicros,
  type Micros,
  microsFromDays,
  microsToDouble,
  multiplyMicros,
  splitMicrosToDays,
} from '../../types/datetime/micros.js';
import { localToUtcMicros, zoneOffsetMicros } from '../../types/datetime/time-zone.js';
import { normalizeLong } from '../../types/literal-value.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { type Expr, literal } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { anyNullable } from './strict-function.js';

/** Spark's largest array (ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH). */
const MAX_ARRAY_LENGTH = 2147483632;

function wrongTypes(): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES',
    'Cannot resolve "x" due to data type mismatch: `sequence` uses the wrong parameter type. The parameter type must conform to:\n' +
      '1. The start and stop expressions must resolve to the same type.\n' +
      '2. If start and stop expressions resolve to the "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" type then the step expression must resolve to the "INTERVAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND" type.\n' +
      '3. Otherwise, if start and stop expressions resolve to the "INTEGRAL" type then the step expression must resolve to the same type.',
  );
}

function illegalBoundaries(start: unknown, stop: unknown, step: unknown): SparkRuntimeError {
  return new SparkRuntimeError(
    'ILLEGAL_ARGUMENT',
    `requirement failed: Illegal sequence boundaries: ${String(start)} to ${String(stop)} by ${String(step)}`,
  );
}

function tooLong(n: number | bigint): SparkRuntimeError {
  return new SparkRuntimeError(
    'COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER',
    `Can't create array with ${n} elements which exceeding the array size limit ${MAX_ARRAY_LENGTH}, the value of parameter(s) \`count\` is invalid.`,
  );
}

const ONE_DAY: CalendarInterval = { months: 0, days: 1, micros: 0 };

const sequence: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'sequence',
  minArgs: 2,
  maxArgs: 3,
  resolve: (args) => {
    const [start, stop, step] = args as [Expr, Expr, Expr | undefined];
    const st = dataTypeOf(start);
    const et = dataTypeOf(stop);
    const temporal = (t: DataType) =>
      t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz';
    if (isIntegral(st) && isIntegral(et)) {
      let t = tightestCommonType(st, et)!;
      if (step) {
        const pt = dataTypeOf(step);
        if (!isIntegral(pt)) throw wrongTypes();
        t = tightestCommonType(t, pt)!;
      }
      const out = [start, stop, ...(step ? [step] : [])].map((a) => castIfNeeded(a, t));
      return { args: out, dataType: arrayType(t, false), nullable: anyNullable(out) };
    }
    if (temporal(st) && temporal(et)) {
      const t = st.kind === et.kind ? st : (tightestCommonType(st, et) ?? TimestampType);
      const sk = step ? dataTypeOf(step).kind : 'interval';
      if (sk !== 'interval' && sk !== 'interval_dt' && sk !== 'interval_ym') throw wrongTypes();
      const s = step ?? literal(ONE_DAY, { kind: 'interval' });
      const out = [castIfNeeded(start, t), castIfNeeded(stop, t), s];
      return { args: out, dataType: arrayType(t, false), nullable: anyNullable(out) };
    }
    throw wrongTypes();
  },
  compile: (call, args, ctx) => {
    const el = (call.dataType as ArrayType).elementType;
    const [fs, fe, fp] = args;
    if (el.kind === 'date' || el.kind === 'timestamp' || el.kind === 'timestamp_ntz') {
      const tz = el.kind === 'timestamp' ? ctx.timeZone : 'UTC';
      const stepKind = dataTypeOf(call.args[2]!).kind;
      // an ANSI step as a calendar interval: months, or elapsed µs (whole days for dates)
      const asCalendar = (v: unknown): CalendarInterval =>
        stepKind === 'interval_ym'
          ? { months: v as number, days: 0, micros: 0 }
          : stepKind === 'interval_dt'
            ? el.kind === 'date'
              ? { months: 0, days: Math.trunc((v as number) / MICROS_PER_DAY), micros: 0 }
              : { months: 0, days: 0, micros: v as number }
            : (v as CalendarInterval);
      return (row) => {
        const s = fs!(row) as Micros | null;
        if (s === null) return null;
        const e = fe!(row) as Micros | null;
        if (e === null) return null;
        const raw = fp!(row);
        if (raw === null) return null;
        const step = asCalendar(raw);
        return el.kind === 'date'
          ? dateSequence(s as number, e as number, step)
          : timestampSequence(s, e, step, tz);
      };
    }
    return (row) => {
      const s = fs!(row) as number | bigint | null;
      if (s === null) return null;
      const e = fe!(row) as number | bigint | null;
      if (e === null) return null;
      const step: number | bigint | null = fp ? (fp(row) as number | bigint | null) : s <= e ? 1 : -1;
      if (step === null) return null;
      if (typeof s === 'bigint' || typeof e === 'bigint' || typeof step === 'bigint') {
        return bigSequence(BigInt(s), BigInt(e), BigInt(step));
      }
      if ((step === 0 && s !== e) || (step > 0 && s > e) || (step < 0 && s < e))
        throw illegalBoundaries(s, e, step);
      const n = step === 0 ? 1 : Math.floor((e - s) / step) + 1;
      if (n > MAX_ARRAY_LENGTH) throw tooLong(n);
      const out = new Array<number>(n);
      for (let i = 0; i < n; i++) out[i] = s + i * step;
      return out;
    };
  },
};

function bigSequence(s: bigint, e: bigint, step: bigint): unknown[] {
  if ((step === 0n && s !== e) || (step > 0n && s > e) || (step < 0n && s < e))
    throw illegalBoundaries(s, e, step);
  const n = step === 0n ? 1n : (e - s) / step + 1n;
  if (n > BigInt(MAX_ARRAY_LENGTH)) throw tooLong(n);
  const out: unknown[] = [];
  for (let i = 0n; i < n; i++) out.push(normalizeLong(s + i * step));
  return out;
}

/** Sign of the step, with months counted as 28 days like Spark's estimate. */
function stepMicros(step: CalendarInterval): number {
  return step.micros + step.months * 28 * MICROS_PER_DAY + step.days * MICROS_PER_DAY;
}

function checkBoundaries(s: number, e: number, step: CalendarInterval, approx: number): void {
  if (!((s <= e && approx > 0) || (s >= e && approx < 0) || (approx === 0 && s === e))) {
    throw illegalBoundaries(s, e, `${step.months} months ${step.days} days ${step.micros} microseconds`);
  }
}

function dateSequence(s: number, e: number, step: CalendarInterval): number[] {
  if (step.micros % MICROS_PER_DAY !== 0) {
    throw new SparkRuntimeError(
      'ILLEGAL_ARGUMENT',
      'sequence step must be an interval day to second of day granularity if start and end values are dates',
    );
  }
  const days = step.days + step.micros / MICROS_PER_DAY;
  const approx = stepMicros(step);
  checkBoundaries(s, e, step, approx);
  const out: number[] = [];
  const up = approx > 0;
  for (let i = 0, t = s; up ? t <= e : t >= e; ) {
    out.push(t);
    if (approx === 0 || out.length > MAX_ARRAY_LENGTH) break;
    i++;
    t = addMonthsToDays(s, i * step.months) + i * days;
  }
  return out;
}

function timestampSequence(s: Micros, e: Micros, step: CalendarInterval, tz: string): Micros[] {
  const approx = stepMicros(step);
  checkBoundaries(microsToDouble(s), microsToDouble(e), step, approx);
  const { days: startDays, timeOfDay } = splitMicrosToDays(addMicros(s, zoneOffsetMicros(s, tz)));
  const out: Micros[] = [];
  const up = approx > 0;
  for (let i = 0, t = s; up ? t <= e : t >= e; ) {
    out.push(t);
    if (approx === 0 || out.length > MAX_ARRAY_LENGTH) break;
    i++;
    if (step.months === 0 && step.days === 0) {
      t = addMicros(s, multiplyMicros(i, step.micros));
    } else {
      const days = addMonthsToDays(startDays, i * step.months) + i * step.days;
      t = addMicros(localToUtcMicros(microsFromDays(days, timeOfDay), tz), multiplyMicros(i, step.micros));
    }
  }
  return out;
}

registerFunctions([sequence]);
