/**
 * Interval text in unit form: the unit words Spark accepts (`day`, `days`, `HOUR`, …) and
 * `stringToInterval` for `'1 day 2 hours'` / `'interval 5 minutes'` → CalendarInterval
 * `{months, days, micros}` (years and months to months, weeks to days, the rest to micros).
 *
 * Invariant: only seconds may carry a fraction (truncated to microseconds), as in Spark.
 */
import type { CalendarInterval } from './data-type.js';

export type Unit =
  | 'year'
  | 'month'
  | 'week'
  | 'day'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond';

export const UNIT_WORDS: Record<string, Unit | 'nanosecond'> = {};
for (const u of [
  'year',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
  'millisecond',
  'microsecond',
  'nanosecond',
]) {
  UNIT_WORDS[u.toUpperCase()] = u as Unit;
  UNIT_WORDS[`${u.toUpperCase()}S`] = u as Unit;
}

const MICROS: Record<Exclude<Unit, 'year' | 'month' | 'week' | 'day'>, number> = {
  hour: 3_600_000_000,
  minute: 60_000_000,
  second: 1_000_000,
  millisecond: 1_000,
  microsecond: 1,
};

/** Adds `value` (a decimal string, possibly signed) of `unit` to the accumulator. */
export function addUnit(
  acc: { months: number; days: number; micros: number },
  unit: Unit,
  value: string,
): void {
  const negative = value.startsWith('-');
  const body = value.replace(/^[+-]/, '');
  const [intPart = '0', frac = ''] = body.split('.');
  const whole = Number(intPart || '0') * (negative ? -1 : 1);
  switch (unit) {
    case 'year':
      acc.months += whole * 12;
      return;
    case 'month':
      acc.months += whole;
      return;
    case 'week':
      acc.days += whole * 7;
      return;
    case 'day':
      acc.days += whole;
      return;
    default: {
      const fracMicros = unit === 'second' ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0;
      acc.micros += whole * MICROS[unit] + (negative ? -fracMicros : fracMicros);
    }
  }
}

/** Spark's `stringToInterval` for `INTERVAL '…'` without units: `[interval] (±n unit)+`. */
export function parseIntervalString(s: string): CalendarInterval | null {
  let rest = s.trim().toLowerCase();
  if (rest.startsWith('interval')) rest = rest.slice('interval'.length);
  const acc = { months: 0, days: 0, micros: 0 };
  const re = /^\s*([+-])?\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)/;
  let n = 0;
  for (;;) {
    rest = rest.trimStart();
    if (rest === '') break;
    const m = re.exec(rest);
    if (!m) return null;
    const unit = UNIT_WORDS[m[3]!.toUpperCase()];
    if (!unit || unit === 'nanosecond') return null;
    if (m[2]!.includes('.') && unit !== 'second') return null;
    addUnit(acc, unit, `${m[1] ?? ''}${m[2]}`);
    rest = rest.slice(m[0].length);
    n++;
  }
  return n === 0 ? null : acc;
}
