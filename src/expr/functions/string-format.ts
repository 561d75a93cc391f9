/**
 * format_string / printf (Java's Formatter) and format_number (Java's DecimalFormat).
 *
 * Invariants: a constant format or pattern is parsed once per plan; a varying one is re-parsed only
 * when it changes from the previous row. A null format gives null; null arguments format as Java
 * formats null (`null`, or `false` for %b).
 */
import { type DataType, IntegerType, StringType } from '../../types/data-type.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import {
  type DecimalPattern,
  formatWithPattern,
  parseDecimalPattern,
  patternForDecimals,
} from './decimal-format.js';
import { type Dec, exactDecimalOfDouble } from './decimal-rounding.js';
import { coerceArg, NUMERIC, oneOf, unexpectedInput } from './input-coercion.js';
import { compileJavaFormat, type JavaFormat } from './java-formatter.js';
import { constantArg } from './null-safe.js';
import { renamed, strictEvaluator } from './strict-function.js';

/** Memoises a parser on its last input (the common case is one constant format per plan). */
function lastValueCache<T>(parse: (s: string) => T): (s: string) => T {
  let key: string | undefined;
  let value: T | undefined;
  return (s) => {
    if (s !== key) {
      value = parse(s);
      key = s;
    }
    return value!;
  };
}

const formatString: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'format_string',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const out = [coerceArg(args[0]!, StringType, 0), ...args.slice(1)];
    return { args: out, dataType: StringType, nullable: nullableOf(out[0]!) };
  },
  compile: (call, args) => {
    const [ffmt, ...fvals] = args as [Evaluator, ...Evaluator[]];
    const types: DataType[] = call.args.slice(1).map(dataTypeOf);
    const constant = constantArg(call.args[0], ffmt);
    const formatOf: (s: string) => JavaFormat =
      constant && typeof constant.value === 'string'
        ? (
            (f) => () =>
              f
          )(compileJavaFormat(constant.value))
        : lastValueCache(compileJavaFormat);
    const n = fvals.length;
    return (row) => {
      const fmt = ffmt(row) as string | null;
      if (fmt === null) return null;
      const values = new Array<unknown>(n);
      for (let i = 0; i < n; i++) values[i] = fvals[i]!(row);
      return formatOf(fmt)(values, types);
    };
  },
};

/** The exact decimal DecimalFormat rounds, for a numeric value of type `t`. */
function decimalOf(v: unknown, t: DataType): Dec | undefined {
  switch (t.kind) {
    case 'double':
    case 'float':
      return Number.isFinite(v as number) ? exactDecimalOfDouble(v as number) : undefined;
    case 'decimal':
      return { unscaled: v as bigint, scale: t.scale };
    default:
      return { unscaled: BigInt(v as number | bigint), scale: 0 };
  }
}

function formatNumberValue(v: unknown, t: DataType, pattern: DecimalPattern): string {
  const d = decimalOf(v, t);
  if (d === undefined) {
    const x = v as number;
    // Java's DecimalFormatSymbols (Locale.US): NaN is "NaN", infinity is "∞".
    if (Number.isNaN(x)) return 'NaN';
    return x > 0
      ? `${pattern.prefix}\u221e${pattern.suffix}`
      : `${pattern.negPrefix}\u221e${pattern.negSuffix}`;
  }
  return formatWithPattern(pattern, d, Object.is(v, -0));
}

const formatNumber: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'format_number',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    // No string → number cast here: Spark's format_number only accepts numeric input.
    if (dataTypeOf(args[0]!).kind === 'string') throw unexpectedInput(0, NUMERIC, args[0]!);
    const out = [coerceArg(args[0]!, NUMERIC, 0), coerceArg(args[1]!, oneOf(IntegerType, StringType), 1)];
    return { args: out, dataType: StringType, nullable: true };
  },
  compile: (call, args) => {
    const t = dataTypeOf(call.args[0]!);
    const byDecimals = dataTypeOf(call.args[1]!).kind === 'integer';
    const patternOf = byDecimals
      ? lastValueCache((d: string) => patternForDecimals(Number(d)))
      : lastValueCache((p: string) => parseDecimalPattern(p === '' ? '#,###,###,###,###,###,##0' : p));
    return strictEvaluator(args, (v: unknown, d: number | string) => {
      if (byDecimals && (d as number) < 0) return null;
      return formatNumberValue(v, t, patternOf(String(d)));
    });
  },
};

registerFunctions([formatString, renamed(formatString, 'printf'), formatNumber]);
