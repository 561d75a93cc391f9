/**
 * Substring search: instr, locate, position, find_in_set, startswith, endswith, contains.
 *
 * Invariants: returned positions are 1-based code points, 0 when not found; an empty needle is
 * found at position 1 (Spark's `indexOf` convention).
 */
import { BooleanType, IntegerType, StringType } from '../../types/data-type.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { literal } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg } from './input-coercion.js';
import { anyNullable, strictEvaluator } from './strict-function.js';
import {
  bytesEqual,
  bytesIndexOf,
  cpIndex,
  cpLength,
  hasSurrogates,
  unitOffset,
} from './string-code-points.js';

/**
 * Position of the `occurrence`-th match of `sub` in `s`, searching forward from 1-based `start`
 * (or backward from the end for a negative start); overlapping matches count.
 */
export function instrFrom(s: string, sub: string, start: number, occurrence: number): number {
  if (occurrence < 1) {
    throw new SparkRuntimeError(
      'INVALID_PARAMETER_VALUE.OCCURRENCE',
      `The value of parameter(s) \`occurrence\` in \`instr\` is invalid: expects a positive integer, but got ${occurrence}.`,
    );
  }
  if (start === 0) return 0;
  if (sub.length === 0) return 1;
  const surrogates = hasSurrogates(s);
  const n = surrogates ? cpLength(s) : s.length;
  if (start > n || start < -n) return 0;
  let idx: number;
  if (start > 0) {
    idx = (surrogates ? unitOffset(s, start - 1) : start - 1) - 1;
    for (let k = 0; k < occurrence; k++) {
      idx = s.indexOf(sub, idx + 1);
      if (idx < 0) return 0;
    }
  } else {
    const from = n + start;
    idx = (surrogates ? unitOffset(s, from) : from) + 1;
    for (let k = 0; k < occurrence; k++) {
      if (idx - 1 < 0) return 0;
      idx = s.lastIndexOf(sub, idx - 1);
      if (idx < 0) return 0;
    }
  }
  return (surrogates ? cpIndex(s, idx) : idx) + 1;
}

function firstIndex(s: string, sub: string): number {
  const i = s.indexOf(sub);
  if (i <= 0) return i + 1;
  return (hasSurrogates(s) ? cpIndex(s, i) : i) + 1;
}

/** instr(str, substr[, start[, occurrence]]). */
const instr: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'instr',
  minArgs: 2,
  maxArgs: 4,
  resolve: (args) => {
    const full = args.length === 3 ? [...args, literal(1, IntegerType)] : args;
    const out = full.map((a, i) => coerceArg(a, i < 2 ? StringType : IntegerType, i));
    return { args: out, dataType: IntegerType, nullable: anyNullable(out) };
  },
  compile: (_call, args) =>
    args.length === 2
      ? strictEvaluator(args, firstIndex)
      : strictEvaluator(args, (s: string, sub: string, start: number, occ: number) =>
          instrFrom(s, sub, start, occ),
        ),
};

/** locate(substr, str[, pos]): a null pos gives 0, not null (Spark's StringLocate). */
function locateFunction(name: string): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 3,
    resolve: (args) => {
      const full = args.length === 2 ? [...args, literal(1, IntegerType)] : args;
      const out = full.map((a, i) => coerceArg(a, i < 2 ? StringType : IntegerType, i));
      return { args: out, dataType: IntegerType, nullable: nullableOf(out[0]!) || nullableOf(out[1]!) };
    },
    compile: (_call, args) => {
      const [fsub, fstr, fpos] = args as [Evaluator, Evaluator, Evaluator];
      return (row) => {
        const pos = fpos(row) as number | null;
        if (pos === null) return 0;
        const sub = fsub(row) as string | null;
        if (sub === null) return null;
        const s = fstr(row) as string | null;
        if (s === null) return null;
        if (pos < 1) return 0;
        if (sub.length === 0) return 1;
        if (!hasSurrogates(s)) return s.indexOf(sub, pos - 1) + 1;
        const i = s.indexOf(sub, unitOffset(s, pos - 1));
        return i < 0 ? 0 : cpIndex(s, i) + 1;
      };
    },
  };
}

const findInSet: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'find_in_set',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const out = args.map((a, i) => coerceArg(a, StringType, i));
    return { args: out, dataType: IntegerType, nullable: anyNullable(out) };
  },
  compile: (_call, args) =>
    strictEvaluator(args, (s: string, list: string) =>
      s.includes(',') ? 0 : list.split(',').indexOf(s) + 1,
    ),
};

type Affix = 'startswith' | 'endswith' | 'contains';

/** startswith/endswith/contains on strings, or on bytes when both sides are binary. */
function affixFunction(name: Affix): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve: (args) => {
      const binary = args.every((a) => dataTypeOf(a).kind === 'binary');
      if (binary) return { args, dataType: BooleanType, nullable: true };
      const out = args.map((a, i) => coerceArg(a, StringType, i));
      return { args: out, dataType: BooleanType, nullable: anyNullable(out) };
    },
    compile: (call, args) => {
      if (dataTypeOf(call.args[0]!).kind === 'binary') {
        const f =
          name === 'startswith'
            ? (a: Uint8Array, b: Uint8Array) => bytesEqual(a, b, 0)
            : name === 'endswith'
              ? (a: Uint8Array, b: Uint8Array) =>
                  b.length <= a.length && bytesEqual(a, b, a.length - b.length)
              : (a: Uint8Array, b: Uint8Array) => bytesIndexOf(a, b) >= 0;
        return strictEvaluator(args, f);
      }
      const f =
        name === 'startswith'
          ? (a: string, b: string) => a.startsWith(b)
          : name === 'endswith'
            ? (a: string, b: string) => a.endsWith(b)
            : (a: string, b: string) => a.includes(b);
      return strictEvaluator(args, f);
    },
  };
}

registerFunctions([
  instr,
  locateFunction('locate'),
  locateFunction('position'),
  findInSet,
  affixFunction('startswith'),
  affixFunction('endswith'),
  affixFunction('contains'),
]);
