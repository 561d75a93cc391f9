/**
 * Spark's number format strings for to_number / try_to_number (string → decimal) and to_char /
 * to_varchar (decimal → string): `[MI|S] [$] [0|9|G|,]* [.|D] [0|9]* [PR|MI|S]`.
 *
 * A run of digits starting with 0 must match exactly as many digits; one starting with 9 at most
 * as many. Grouping separators must line up with the input's. The result of to_number is
 * decimal(digits in the format, digits after its point).
 *
 * Invariants: a format is parsed and validated once per plan (errors are Spark's INVALID_FORMAT.*
 * at analysis); to_char never rounds — a value with more digits than the format prints `#`s.
 */

import { decimalForType } from '../../types/coercion.js';
import { type DataType, type DecimalType, decimalType, StringType } from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { lookupFunction, registerFunctions } from '../function-registry.js';
import { plainString } from './decimal-rounding.js';
import { coerceArg, unexpectedInput } from './input-coercion.js';
import { foldConstant, nullSafe1 } from './null-safe.js';

type Sign = 'S' | 'MI' | 'PR';

/** A digit run: `exact` when it starts with 0. */
interface Run {
  readonly size: number;
  readonly exact: boolean;
}

export interface NumberFormat {
  readonly text: string;
  readonly leadingSign?: Sign;
  readonly trailingSign?: Sign;
  readonly dollar: boolean;
  /** Integer digit groups, left to right (split at grouping separators). */
  readonly groups: readonly Run[][];
  readonly point: boolean;
  readonly fraction: readonly Run[];
  readonly type: DecimalType;
}

function formatError(sub: string, fmt: string, detail: string): AnalysisException {
  return new AnalysisException(
    `INVALID_FORMAT.${sub}`,
    `The format is invalid: '${fmt.toUpperCase()}'. ${detail}`,
  );
}

const STRUCTURE =
  'the structure of the format string must match: `[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`.';

/** Parses and validates a number format (Spark's ToNumberParser rules). */
export function parseNumberFormat(fmt: string): NumberFormat {
  const f = fmt.toUpperCase();
  let i = 0;
  let leadingSign: Sign | undefined;
  let trailingSign: Sign | undefined;
  if (f.startsWith('MI')) {
    leadingSign = 'MI';
    i = 2;
  } else if (f.startsWith('S')) {
    leadingSign = 'S';
    i = 1;
  }
  let dollar = false;
  if (f[i] === '$') {
    dollar = true;
    i++;
  }
  const groups: Run[][] = [[]];
  const fraction: Run[] = [];
  let point = false;
  let sawDigit = false;
  while (i < f.length) {
    const c = f[i]!;
    if (c === '0' || c === '9') {
      let j = i;
      while (f[j] === '0' || f[j] === '9') j++;
      const run = { size: j - i, exact: c === '0' };
      (point ? fraction : groups[groups.length - 1]!).push(run);
      sawDigit = true;
      i = j;
    } else if (c === ',' || c === 'G') {
      if (point)
        throw formatError(
          'UNEXPECTED_TOKEN',
          fmt,
          `Found the unexpected thousands separator in the format string; ${STRUCTURE}`,
        );
      groups.push([]);
      i++;
    } else if (c === '.' || c === 'D') {
      if (point)
        throw formatError('WRONG_NUM_TOKEN', fmt, 'At most one . or D is allowed in the number format.');
      point = true;
      i++;
    } else if (c === '$') {
      throw formatError(
        'CUR_MUST_BEFORE_DIGIT',
        fmt,
        'Currency characters must appear before digits in the number format.',
      );
    } else break;
  }
  const rest = f.slice(i);
  if (rest === 'S' || rest === 'MI' || rest === 'PR') {
    if (leadingSign)
      throw formatError('WRONG_NUM_TOKEN', fmt, 'At most one S or MI is allowed in the number format.');
    trailingSign = rest;
  } else if (rest !== '') {
    if (/^(PR|MI|S)?[09]/.test(rest) || sawDigit === false) {
      if (!sawDigit && !/[09]/.test(rest)) {
        throw formatError('WRONG_NUM_DIGIT', fmt, 'The format string requires at least one number digit.');
      }
      throw formatError(
        'UNEXPECTED_TOKEN',
        fmt,
        `Found the unexpected digit sequence in the format string; ${STRUCTURE}`,
      );
    }
    throw formatError(
      'UNEXPECTED_TOKEN',
      fmt,
      `Found the unexpected character '${rest[0]}' in the format string; ${STRUCTURE}`,
    );
  }
  if (!sawDigit)
    throw formatError('WRONG_NUM_DIGIT', fmt, 'The format string requires at least one number digit.');
  for (const g of groups.slice(1)) {
    if (g.length === 0)
      throw formatError(
        'CONT_THOUSANDS_SEPS',
        fmt,
        'Thousands separators (, or G) must have digits in between them in the number format.',
      );
  }
  const intDigits = groups.flat().reduce((n, r) => n + r.size, 0);
  const fracDigits = fraction.reduce((n, r) => n + r.size, 0);
  return {
    text: fmt,
    ...(leadingSign ? { leadingSign } : {}),
    ...(trailingSign ? { trailingSign } : {}),
    dollar,
    groups,
    point,
    fraction,
    type: decimalType(Math.max(intDigits + fracDigits, 1), fracDigits),
  };
}

const sizeOf = (runs: readonly Run[]) => runs.reduce((n, r) => n + r.size, 0);

/** Parses `input` with the format; null when it does not match. */
export function parseWithFormat(f: NumberFormat, input: string): bigint | null {
  let s = input.trim();
  let negative = false;
  const lead = f.leadingSign;
  const trail = f.trailingSign;
  if (lead && (s[0] === '-' || (lead === 'S' && s[0] === '+'))) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (trail === 'PR') {
    if (s.startsWith('<')) {
      if (!s.endsWith('>')) return null;
      negative = true;
      s = s.slice(1, -1);
    }
  } else if (trail && (s.endsWith('-') || (trail === 'S' && s.endsWith('+')))) {
    negative = s.endsWith('-');
    s = s.slice(0, -1);
  }
  if (f.dollar) {
    if (s[0] !== '$') return null;
    s = s.slice(1);
  }
  const dot = s.indexOf('.');
  const intText = dot < 0 ? s : s.slice(0, dot);
  const fracText = dot < 0 ? '' : s.slice(dot + 1);
  if (dot >= 0 && !f.point) return null;
  if (intText === '' && fracText === '') return null;
  if (!/^[0-9,]*$/.test(intText) || !/^[0-9]*$/.test(fracText)) return null;
  if (fracText.length > sizeOf(f.fraction)) return null;
  if (intText !== '') {
    const inGroups = intText.split(',');
    if (inGroups.length > f.groups.length) return null;
    for (let k = 1; k <= inGroups.length; k++) {
      const got = inGroups[inGroups.length - k]!;
      const runs = f.groups[f.groups.length - k]!;
      const want = sizeOf(runs);
      const exact = runs[0]?.exact ?? false;
      if (got.length === 0) return null;
      if (k === inGroups.length) {
        if (got.length > want || (exact && got.length !== want)) return null;
      } else if (got.length !== want) return null;
    }
  }
  const digits = intText.replace(/,/g, '') + fracText.padEnd(f.type.scale, '0');
  const v = BigInt(digits === '' ? '0' : digits);
  return negative ? -v : v;
}

/** Formats a decimal with the format (Spark's ToNumberParser.format). */
export function formatWithNumberFormat(f: NumberFormat, unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const plain = plainString(negative ? -unscaled : unscaled, scale);
  const [i0 = '', f0 = ''] = plain.split('.');
  const before = i0.replace(/^0+/, '');
  const after = f0.replace(/0+$/, '');
  const intDigits = sizeOf(f.groups.flat());
  const fracDigits = sizeOf(f.fraction);
  const overflow = before.length > intDigits || after.length > fracDigits;
  let body = '';
  if (overflow) {
    body = f.groups.map((g) => '#'.repeat(sizeOf(g))).join(' ');
    if (f.point) body += `.${'#'.repeat(fracDigits)}`;
  } else {
    const padded = ' '.repeat(intDigits - before.length) + before;
    let k = 0;
    f.groups.forEach((g, gi) => {
      if (gi > 0) body += body.endsWith(' ') || body === '' ? ' ' : ',';
      for (const run of g) {
        for (let n = 0; n < run.size; n++, k++) {
          const ch = padded[k]!;
          body += ch === ' ' && run.exact ? '0' : ch;
        }
      }
    });
    if (f.point) {
      if (body.endsWith(' ')) body = `${body.slice(0, -1)}0`;
      body += `.${after.padEnd(fracDigits, '0')}`;
      if (fracDigits === 0) body = `${body.slice(0, -1)} `;
    }
  }
  const dollar = f.dollar ? '$' : '';
  // a leading sign (or '<') goes right before the first printed character, after padding spaces
  const placeLeading = (mark: string, text: string) => {
    const firstNonSpace = text.search(/[^ ]/);
    return firstNonSpace < 0 ? text + mark : text.slice(0, firstNonSpace) + mark + text.slice(firstNonSpace);
  };
  let out = dollar + body;
  if (f.leadingSign === 'S') out = placeLeading(negative ? '-' : '+', out);
  else if (f.leadingSign === 'MI') out = placeLeading(negative ? '-' : ' ', out);
  if (f.trailingSign === 'S') out += negative ? '-' : '+';
  else if (f.trailingSign === 'MI') out += negative ? '-' : ' ';
  else if (f.trailingSign === 'PR') out = negative ? `${placeLeading('<', out)}>` : `${out}  `;
  return out;
}

function formatArg(args: readonly Expr[], ctx: FunctionContext, name: string): NumberFormat {
  const c = foldConstant(args[1]!, ctx);
  if (c === undefined || c.value === null) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
      `Cannot resolve "x" due to data type mismatch: the input \`format\` should be a foldable "STRING" expression; however, got "${name}".`,
    );
  }
  return parseNumberFormat(String(c.value));
}

function toNumberFunction(name: 'to_number' | 'try_to_number'): ScalarFunctionDef {
  const lenient = name === 'try_to_number';
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve: (args, ctx) => {
      const out = args.map((a, i) => coerceArg(a, StringType, i));
      const f = formatArg(out, ctx, name);
      return {
        args: out,
        dataType: f.type,
        nullable: lenient || nullableOf(out[0]!),
        params: { format: f.text },
      };
    },
    compile: (call, args) => {
      const f = parseNumberFormat(call.params!.format as string);
      return nullSafe1(args[0]!, (s: string) => {
        const v = parseWithFormat(f, s);
        if (v === null && !lenient) {
          throw new SparkRuntimeError(
            'INVALID_FORMAT.MISMATCH_INPUT',
            `The format is invalid: ${f.text}. The input "STRING" ${s} does not match the format.`,
          );
        }
        return v;
      });
    },
  };
}

function isDatetime(t: DataType): boolean {
  return t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz';
}

/** to_char/to_varchar of numbers; dates and timestamps go to date_format as in Spark. */
function toCharFunction(name: 'to_char' | 'to_varchar'): ScalarFunctionDef {
  const dateFormat = () => {
    const d = lookupFunction('date_format');
    if (d?.kind !== 'scalar') throw new Error('internal error: date_format is not registered');
    return d;
  };
  return {
    kind: 'scalar',
    name,
    displayName: 'to_char',
    minArgs: 2,
    maxArgs: 2,
    resolve: (args, ctx) => {
      const t = dataTypeOf(args[0]!);
      if (isDatetime(t)) return { ...dateFormat().resolve(args, ctx), params: { datetime: true } };
      const target = t.kind === 'decimal' ? t : t.kind === 'null' ? decimalType(10, 0) : decimalForType(t);
      if (!target) throw unexpectedInput(0, { abstract: 'decimal' }, args[0]!);
      const out = [coerceArg(args[0]!, target, 0), coerceArg(args[1]!, StringType, 1)];
      const f = formatArg(out, ctx, name);
      return { args: out, dataType: StringType, nullable: nullableOf(out[0]!), params: { format: f.text } };
    },
    compile: (call, args, ctx) => {
      if (call.params?.datetime) return dateFormat().compile(call, args, ctx);
      const f = parseNumberFormat(call.params!.format as string);
      const scale = (dataTypeOf(call.args[0]!) as DecimalType).scale;
      return nullSafe1(args[0]!, (v: bigint) => formatWithNumberFormat(f, v, scale));
    },
  };
}

registerFunctions([
  toNumberFunction('to_number'),
  toNumberFunction('try_to_number'),
  toCharFunction('to_char'),
  toCharFunction('to_varchar'),
]);
