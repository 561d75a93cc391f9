/**
 * Event-time windows: `window(timeColumn, windowDuration[, slideDuration[, startTime]])` and
 * `window_time(window)`.
 *
 * `window(...)` is a struct<start, end> of the time column's type. Durations are interval strings
 * ('5 minutes', '1 day' — a day is 24 hours, so windows align to UTC midnight whatever the session
 * zone) and are folded into `params` at analysis. A tumbling window is a plain function of the
 * row; a sliding one belongs to `ceil(window / slide)` windows — the optimizer's TimeWindowRule
 * expands each row into those candidates (`params.index`) and keeps the ones that contain the
 * row, and drops rows whose time is NULL in both cases, as Spark's TimeWindowing does.
 *
 * Invariant: window bounds are `start = t - floorMod(t - startTime, slide) - index * slide`,
 * `end = start + window`, in microseconds.
 */

import {
  BooleanType,
  type DataType,
  type StructType,
  structField,
  structType,
} from '../../types/data-type.js';
import { floorMod, MICROS_PER_DAY } from '../../types/datetime/calendar.js';
import { addMicros, floorModMicros, type Micros, subtractMicros } from '../../types/datetime/micros.js';
import { parseIntervalString } from '../../types/interval-string.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr, FunctionCall } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { prettyName } from '../pretty-name.js';
import { isFoldable } from './null-safe.js';

export interface TimeWindowParams {
  readonly windowMicros: number;
  readonly slideMicros: number;
  readonly startMicros: number;
  /** For a sliding window expanded by TimeWindowRule: which of the candidate windows (0 = latest). */
  readonly index?: number;
}

export function windowStructType(t: DataType): StructType {
  return structType([structField('start', t, true), structField('end', t, true)]);
}

/** Whether `e` is a resolved `window(...)` call. */
export function isTimeWindow(e: Expr): e is FunctionCall {
  return e.kind === 'fn' && e.name === 'window';
}

export function timeWindowParams(e: FunctionCall): TimeWindowParams {
  return e.params as unknown as TimeWindowParams;
}

function durationMicros(e: Expr, what: string, call: readonly Expr[]): number {
  const text = e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
  const iv =
    e.kind === 'literal' && e.dataType.kind === 'interval'
      ? (e.value as { months: number; days: number; micros: number })
      : e.kind === 'literal' && e.dataType.kind === 'interval_dt' && e.value !== null
        ? { months: 0, days: 0, micros: e.value as number }
        : text !== undefined
          ? parseIntervalString(text)
          : null;
  if (!iv || !isFoldable(e)) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      `Cannot resolve "window(${call.map((a) => prettyName(a)).join(', ')})" due to data type mismatch: The \`${what}\` must be a constant interval string, however "${prettyName(e)}" is not.`,
    );
  }
  if (iv.months !== 0) {
    throw new AnalysisException(
      'INVALID_INTERVAL_FORMAT.INTERVAL_GREATER_THAN_MONTH',
      `Intervals greater than a month is not supported (${text ?? ''}).`,
    );
  }
  return iv.days * MICROS_PER_DAY + iv.micros;
}

const timeWindow: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'window',
  minArgs: 2,
  maxArgs: 4,
  deterministic: true,
  prettyName: () => 'window',
  resolve: (args) => {
    const ts = args[0]!;
    const t = dataTypeOf(ts);
    if (t.kind !== 'timestamp' && t.kind !== 'timestamp_ntz') {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `Cannot resolve "window(${args.map((a) => prettyName(a)).join(', ')})" due to data type mismatch: The first parameter requires the ("TIMESTAMP" or "TIMESTAMP_NTZ") type, however "${prettyName(ts)}" has the type "${t.kind.toUpperCase()}".`,
      );
    }
    const windowMicros = durationMicros(args[1]!, 'windowDuration', args);
    const slideMicros = args[2] ? durationMicros(args[2], 'slideDuration', args) : windowMicros;
    const startMicros = args[3] ? durationMicros(args[3], 'startTime', args) : 0;
    const shown = `window(${prettyName(ts)}, ${windowMicros}, ${slideMicros}, ${startMicros})`;
    const violation = (cls: string, detail: string) =>
      new AnalysisException(
        `DATATYPE_MISMATCH.${cls}`,
        `Cannot resolve "${shown}" due to data type mismatch: ${detail}.`,
      );
    if (windowMicros <= 0) {
      throw violation(
        'VALUE_OUT_OF_RANGE',
        `The \`window_duration\` must be between (0, 9223372036854775807] (current value = ${windowMicros}L)`,
      );
    }
    if (slideMicros <= 0) {
      throw violation(
        'VALUE_OUT_OF_RANGE',
        `The \`slide_duration\` must be between (0, 9223372036854775807] (current value = ${slideMicros}L)`,
      );
    }
    if (slideMicros > windowMicros) {
      throw violation(
        'PARAMETER_CONSTRAINT_VIOLATION',
        `The \`slide_duration\`(${slideMicros}L) must be <= the \`window_duration\`(${windowMicros}L)`,
      );
    }
    if (Math.abs(startMicros) >= slideMicros) {
      throw violation(
        'PARAMETER_CONSTRAINT_VIOLATION',
        `The absolute value of \`start_time\`(${startMicros}L) must be < the \`slide_duration\`(${slideMicros}L)`,
      );
    }
    const params: TimeWindowParams = { windowMicros, slideMicros, startMicros };
    return {
      args: [ts],
      dataType: windowStructType(t),
      // a sliding window's struct is nullable in Spark's plan (it comes out of an Expand)
      nullable: slideMicros !== windowMicros,
      params: params as unknown as Record<string, unknown>,
    };
  },
  compile: (call, [f]) => {
    const { windowMicros, slideMicros, startMicros, index = 0 } = timeWindowParams(call);
    return (row) => {
      const t = f!(row) as Micros | null;
      if (t === null) return null;
      if (typeof t === 'number') {
        const start = t - floorMod(t - startMicros, slideMicros) - index * slideMicros;
        if (Number.isSafeInteger(start) && Number.isSafeInteger(start + windowMicros))
          return [start, start + windowMicros];
      }
      const offset = floorModMicros(subtractMicros(t, startMicros), slideMicros);
      const start = subtractMicros(t, offset + index * slideMicros);
      return [start, addMicros(start, windowMicros)];
    };
  },
};

/** `__window_contains(t, window)`: t is non-null and start <= t < end (TimeWindowRule's filter). */
const windowContains: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__window_contains',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([t, w]) => `((${w}.start <= ${t}) AND (${t} < ${w}.end))`,
  resolve: (args) => ({ args, dataType: BooleanType, nullable: false }),
  compile:
    (_call, [ft, fw]) =>
    (row) => {
      const t = ft!(row) as number | null;
      const w = fw!(row) as [number, number] | null;
      return t !== null && w !== null && w[0] <= t && t < w[1];
    },
};

/** window_time(window): the window's end minus one microsecond (the last instant inside it). */
const windowTime: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'window_time',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const w = args[0]!;
    const t = dataTypeOf(w);
    const end = t.kind === 'struct' ? t.fields.find((f) => f.name === 'end')?.dataType : undefined;
    if (!end || (end.kind !== 'timestamp' && end.kind !== 'timestamp_ntz')) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `Cannot resolve "window_time(${prettyName(w)})" due to data type mismatch: The first parameter requires the "STRUCT<start: TIMESTAMP, end: TIMESTAMP>" type, however "${prettyName(w)}" has the type "${t.kind.toUpperCase()}".`,
      );
    }
    return { args, dataType: end, nullable: true };
  },
  compile: (call, [f]) => {
    const t = dataTypeOf(call.args[0]!) as StructType;
    const endIndex = t.fields.findIndex((x) => x.name === 'end');
    return (row) => {
      const w = f!(row) as unknown[] | null;
      if (w === null) return null;
      const end = w[endIndex] as Micros | null;
      return end === null ? null : subtractMicros(end, 1);
    };
  },
};

registerFunctions([timeWindow, windowContains, windowTime]);
