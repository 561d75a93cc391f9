/**
 * INTERVAL literals → ANSI interval literals, as Spark 4 types them (`spark.sql.legacy.interval.enabled`
 * off): the units written decide the type — year/month units give INTERVAL YEAR [TO MONTH] (value:
 * months), day/week/hour/minute/second/millisecond/microsecond units give INTERVAL DAY [TO SECOND]
 * (value: µs), spanning the coarsest to the finest unit written; mixing the two families is
 * MIXED_INTERVAL_UNITS. `INTERVAL '1 day 2 hours'` reads its units from the string.
 *
 * Forms: `INTERVAL 10 MINUTES`, `INTERVAL '10' MINUTE`, `INTERVAL 1 HOUR 30 MINUTES`,
 * `INTERVAL '1 day 2 hours'`, `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '1 2:03:04.5' DAY TO SECOND`.
 * Invariant: only seconds may carry a fraction (truncated to microseconds), as in Spark.
 */
import { type Literal, literal } from '../expr/expression.js';
import {
  type CalendarInterval,
  type DataType,
  dayTimeIntervalType,
  yearMonthIntervalType,
} from '../types/data-type.js';
import { MICROS_PER_DAY } from '../types/datetime/calendar.js';
import { addUnit, parseIntervalString, UNIT_WORDS, type Unit } from '../types/interval-string.js';
import type { Token } from './lexer.js';
import type { TokenStream } from './token-stream.js';

const TO_UNITS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);

/** Whether the tokens at `k` start an interval literal value (after the INTERVAL keyword). */
export function startsIntervalValue(p: TokenStream, k: number): boolean {
  let t = p.peek(k);
  const signed = t.kind === 'op' && (t.value === '-' || t.value === '+');
  if (signed) t = p.peek(++k);
  if (t.kind === 'string') return true;
  // `interval - 1` is arithmetic on a column named interval; `INTERVAL 1 <unit>` is a literal
  return (
    t.kind === 'number' &&
    (t.numberKind === 'integer' || t.numberKind === 'decimal') &&
    (!signed || isUnitAt(p, k + 1))
  );
}

/** Parses what follows the INTERVAL keyword (already consumed: `intervalTok`). */
export function intervalLiteral(p: TokenStream, intervalTok: Token): Literal {
  const first = p.peek();
  if (first.kind === 'string' && !isUnitAt(p, 1)) {
    p.next();
    const v = parseIntervalString(first.value);
    if (!v) {
      throw p.errorAt(
        'INVALID_TYPED_LITERAL',
        `The value of the typed literal "INTERVAL" is invalid: '${first.value}'.`,
        intervalTok,
        first,
      );
    }
    const words = first.value
      .toUpperCase()
      .split(/[^A-Z]+/)
      .filter((w) => w !== '' && w !== 'INTERVAL')
      .map((w) => UNIT_WORDS[w])
      .filter((u): u is Unit => u !== undefined && u !== 'nanosecond');
    return ansiLiteral(p, v, words, intervalTok);
  }
  const pairs: { value: string; isString: boolean; valueTok: Token; unitTok: Token }[] = [];
  do {
    const startTok = p.peek();
    let sign = '';
    if (p.isOp('-') || p.isOp('+')) sign = p.next().value === '-' ? '-' : '';
    const v = p.next();
    if (
      v.kind !== 'string' &&
      !(v.kind === 'number' && (v.numberKind === 'integer' || v.numberKind === 'decimal'))
    ) {
      p.fail(v);
    }
    const unitTok = p.peek();
    if (unitTok.kind !== 'word' || !(unitTok.value in UNIT_WORDS)) p.fail(unitTok);
    p.next();
    if (pairs.length === 0 && p.isWord('TO')) return unitToUnit(p, startTok, sign, v, unitTok);
    let value = v.kind === 'string' ? v.value.trim() : v.text;
    if (v.kind === 'string') {
      const m = /^([+-])?(\d+(?:\.\d*)?|\.\d+)$/.exec(value);
      if (!m) {
        throw p.errorAt(
          '_LEGACY_ERROR_TEMP_0026',
          `Can only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: ${v.value}.`,
          startTok,
          unitTok,
        );
      }
      value = m[1] === '-' ? (sign ? m[2]! : `-${m[2]}`) : `${sign}${m[2]}`;
    } else value = `${sign}${value}`;
    pairs.push({ value, isString: v.kind === 'string', valueTok: startTok, unitTok });
  } while (startsIntervalValue(p, 0) && isUnitAt(p, p.isOp('-') || p.isOp('+') ? 2 : 1));

  const described = ` ${pairs.map((x) => `${x.value} ${x.unitTok.text}`).join(' ')}`;
  const acc = { months: 0, days: 0, micros: 0 };
  for (const pair of pairs) {
    const unit = UNIT_WORDS[pair.unitTok.value]!;
    if (unit === 'nanosecond') {
      throw intervalFormatError(
        p,
        'INVALID_UNIT',
        described,
        `Invalid unit ${pair.unitTok.text.toLowerCase()}.`,
        intervalTok,
      );
    }
    if (pair.value.includes('.') && unit !== 'second') {
      throw intervalFormatError(
        p,
        'INVALID_FRACTION',
        described,
        `${pair.unitTok.text.toLowerCase()} cannot have fractional part.`,
        intervalTok,
      );
    }
    addUnit(acc, unit, pair.value);
  }
  const units = pairs.map((pair) => UNIT_WORDS[pair.unitTok.value] as Unit);
  return ansiLiteral(p, acc, units, intervalTok);
}

const YEAR_MONTH_UNIT: Partial<Record<Unit, number>> = { year: 0, month: 1 };
const DAY_TIME_UNIT: Partial<Record<Unit, number>> = {
  week: 0,
  day: 0,
  hour: 1,
  minute: 2,
  second: 3,
  millisecond: 3,
  microsecond: 3,
};

/** The ANSI literal of a parsed interval, typed by the units written. */
function ansiLiteral(
  p: TokenStream,
  iv: CalendarInterval,
  units: readonly Unit[],
  intervalTok: Token,
): Literal {
  const ym = units.map((u) => YEAR_MONTH_UNIT[u]).filter((f): f is number => f !== undefined);
  const dt = units.map((u) => DAY_TIME_UNIT[u]).filter((f): f is number => f !== undefined);
  if (ym.length && dt.length) {
    const text = p.text.slice(intervalTok.start, p.prev().end);
    throw p.errorAt(
      'MIXED_INTERVAL_UNITS',
      `Cannot mix year-month and day-time fields: ${text}.`,
      intervalTok,
      p.prev(),
    );
  }
  if (ym.length) return literal(iv.months, yearMonthIntervalType(Math.min(...ym), Math.max(...ym)));
  const type: DataType = dayTimeIntervalType(Math.min(...dt), Math.max(...dt));
  return literal(iv.days * MICROS_PER_DAY + iv.micros, type);
}

function isUnitAt(p: TokenStream, k: number): boolean {
  const t = p.peek(k);
  return t.kind === 'word' && t.value in UNIT_WORDS;
}

function intervalFormatError(p: TokenStream, sub: string, input: string, detail: string, at: Token) {
  return p.errorAt(
    `INVALID_INTERVAL_FORMAT.${sub}`,
    `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. ${detail}`,
    at,
    p.prev(),
  );
}

const FROM_TO_FORMATS: Record<string, { re: RegExp; format: string; kind: 'day-time' | 'year-month' }> = {
  'YEAR TO MONTH': { re: /^([+-])?(\d+)-(\d+)$/, format: '[+|-]y-m', kind: 'year-month' },
  'DAY TO HOUR': { re: /^([+-])?(\d+) (\d+)$/, format: '[+|-]d h', kind: 'day-time' },
  'DAY TO MINUTE': { re: /^([+-])?(\d+) (\d+):(\d+)$/, format: '[+|-]d h:m', kind: 'day-time' },
  'DAY TO SECOND': {
    re: /^([+-])?(\d+) (\d+):(\d+):(\d+(?:\.\d*)?)$/,
    format: '[+|-]d h:m:s.n',
    kind: 'day-time',
  },
  'HOUR TO MINUTE': { re: /^([+-])?(\d+):(\d+)$/, format: '[+|-]h:m', kind: 'day-time' },
  'HOUR TO SECOND': { re: /^([+-])?(\d+):(\d+):(\d+(?:\.\d*)?)$/, format: '[+|-]h:m:s.n', kind: 'day-time' },
  'MINUTE TO SECOND': { re: /^([+-])?(\d+):(\d+(?:\.\d*)?)$/, format: '[+|-]m:s.n', kind: 'day-time' },
};

function unitToUnit(p: TokenStream, startTok: Token, sign: string, v: Token, fromTok: Token): Literal {
  p.expectWord('TO');
  const toTok = p.next();
  if (toTok.kind !== 'word' || !TO_UNITS.has(toTok.value)) p.fail(toTok);
  if (!TO_UNITS.has(fromTok.value)) p.fail(fromTok);
  if (v.kind !== 'string') {
    throw p.errorAt(
      '_LEGACY_ERROR_TEMP_0027',
      'The value of from-to unit must be a string.',
      startTok,
      toTok,
    );
  }
  const key = `${fromTok.value} TO ${toTok.value}`;
  const spec = FROM_TO_FORMATS[key];
  if (!spec) {
    throw p.errorAt(
      '_LEGACY_ERROR_TEMP_0028',
      `Intervals FROM ${fromTok.value} TO ${toTok.value} are not supported.`,
      startTok,
      toTok,
    );
  }
  const input = v.value.trim();
  const m = spec.re.exec(input);
  if (!m) {
    const cls = spec.kind === 'day-time' ? 'UNMATCHED_FORMAT_STRING_WITH_NOTICE' : 'UNMATCHED_FORMAT_STRING';
    const notice =
      spec.kind === 'day-time'
        ? ' Set "spark.sql.legacy.fromDayTimeString.enabled" to "true" to restore the behavior before Spark 3.0.'
        : '';
    throw p.errorAt(
      `INVALID_INTERVAL_FORMAT.${cls}`,
      `Error parsing '${v.value}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match ${spec.kind} format of \`${spec.format}\`, \`INTERVAL [+|-]'${spec.format}' ${key}\` when cast to interval ${key.toLowerCase()}: ${v.value}.${notice}`,
      startTok,
      toTok,
    );
  }
  const negative = (m[1] === '-') !== (sign === '-');
  const s = negative ? '-' : '';
  const acc = { months: 0, days: 0, micros: 0 };
  const fields = m.slice(2);
  const units: Unit[] =
    key === 'YEAR TO MONTH'
      ? ['year', 'month']
      : (['day', 'hour', 'minute', 'second'] as Unit[]).slice(
          ['DAY', 'HOUR', 'MINUTE'].indexOf(fromTok.value),
          ['DAY', 'HOUR', 'MINUTE', 'SECOND'].indexOf(toTok.value) + 1,
        );
  units.forEach((u, i) => {
    addUnit(acc, u, `${s}${fields[i]}`);
  });
  if (key === 'YEAR TO MONTH') return literal(acc.months, yearMonthIntervalType(0, 1));
  const fieldOf = (w: string) => ['DAY', 'HOUR', 'MINUTE', 'SECOND'].indexOf(w);
  return literal(
    acc.days * MICROS_PER_DAY + acc.micros,
    dayTimeIntervalType(fieldOf(fromTok.value), fieldOf(toTok.value)),
  );
}
