/**
 * String functions addressed by position: substring/substr, left, right, lpad/rpad, overlay,
 * translate, replace, split_part, substring_index, elt.
 *
 * Invariants: positions are 1-based code points with Spark's rules for 0 and negative positions
 * (`substring(s, 0, n)` ≡ `substring(s, 1, n)`, negative counts from the end); binary variants work
 * on bytes with the same rules.
 */
import { BinaryType, IntegerType, StringType } from '../../types/data-type.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { literal } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg, STRING_OR_BINARY } from './input-coercion.js';
import { anyNullable, renamed, strictEvaluator, strictFunction } from './strict-function.js';
import { codePoints, concatBytes, cpLength, cpSlice, hasSurrogates } from './string-code-points.js';

const INT_MAX = 2147483647;

/** Spark's `substringSQL` bounds over a sequence of `n` items: [start, end) or undefined for empty. */
export function sqlSubstringBounds(n: number, pos: number, len: number): [number, number] | undefined {
  let start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
  const end = Math.min(start + len, n);
  start = Math.max(start, 0);
  return start >= end ? undefined : [start, end];
}

export function substringString(s: string, pos: number, len: number): string {
  const surrogates = hasSurrogates(s);
  const b = sqlSubstringBounds(surrogates ? cpLength(s) : s.length, pos, len);
  if (!b) return '';
  return surrogates ? cpSlice(s, b[0], b[1]) : s.slice(b[0], b[1]);
}

export function substringBytes(v: Uint8Array, pos: number, len: number): Uint8Array {
  const b = sqlSubstringBounds(v.length, pos, len);
  return b ? v.slice(b[0], b[1]) : new Uint8Array(0);
}

const substring = strictFunction({
  name: 'substring',
  inputs: [STRING_OR_BINARY, IntegerType, IntegerType],
  defaults: [literal(INT_MAX, IntegerType)],
  result: (types) => types[0]!,
  body: (call) => (dataTypeOf(call.args[0]!).kind === 'binary' ? substringBytes : substringString),
});

/** left(str, n) ≡ substring(str, 1, n). */
const left = strictFunction({
  name: 'left',
  inputs: [STRING_OR_BINARY, IntegerType],
  result: (types) => types[0]!,
  body: (call) =>
    dataTypeOf(call.args[0]!).kind === 'binary'
      ? (v: Uint8Array, n: number) => substringBytes(v, 1, n)
      : (s: string, n: number) => substringString(s, 1, n),
});

/** right(str, n): the last n characters ('' for n <= 0); Spark marks it nullable whatever the inputs. */
const right = strictFunction({
  name: 'right',
  inputs: [StringType, IntegerType],
  result: StringType,
  nullable: () => true,
  body: () => (s: string, n: number) => (n <= 0 ? '' : substringString(s, -n, INT_MAX)),
});

// ---------------------------------------------------------------------------------------------
// lpad / rpad

function padString(s: string, len: number, pad: string, leftSide: boolean): string {
  const cps = hasSurrogates(s) || hasSurrogates(pad);
  const n = cps ? cpLength(s) : s.length;
  const spaces = len - n;
  if (spaces <= 0 || pad.length === 0) return substringString(s, 1, len);
  const padChars = cps ? codePoints(pad) : null;
  const padLen = padChars ? padChars.length : pad.length;
  const count = Math.floor(spaces / padLen);
  const rest = spaces - padLen * count;
  const fill = pad.repeat(count) + (padChars ? padChars.slice(0, rest).join('') : pad.slice(0, rest));
  return leftSide ? fill + s : s + fill;
}

function padBytes(v: Uint8Array, len: number, pad: Uint8Array, leftSide: boolean): Uint8Array {
  const spaces = len - v.length;
  if (spaces <= 0 || pad.length === 0) return substringBytes(v, 1, len);
  const fill = new Uint8Array(spaces);
  for (let i = 0; i < spaces; i++) fill[i] = pad[i % pad.length]!;
  return leftSide ? concatBytes([fill, v]) : concatBytes([v, fill]);
}

function padFunction(name: string, leftSide: boolean): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 3,
    resolve: (args) => {
      const t0 = dataTypeOf(args[0]!).kind;
      const t2 = args[2] ? dataTypeOf(args[2]).kind : undefined;
      const binary = t0 === 'binary' && (t2 === undefined || t2 === 'binary');
      const target = binary ? BinaryType : StringType;
      const pad = args[2] ?? (binary ? literal(new Uint8Array([0]), BinaryType) : literal(' ', StringType));
      const out = [
        coerceArg(args[0]!, target, 0),
        coerceArg(args[1]!, IntegerType, 1),
        coerceArg(pad, target, 2),
      ];
      return { args: out, dataType: target, nullable: anyNullable(out) };
    },
    compile: (call, args) =>
      strictEvaluator(
        args,
        call.dataType.kind === 'binary'
          ? (v: Uint8Array, len: number, pad: Uint8Array) => padBytes(v, len, pad, leftSide)
          : (s: string, len: number, pad: string) => padString(s, len, pad, leftSide),
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// overlay

const overlay: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'overlay',
  minArgs: 3,
  maxArgs: 4,
  resolve: (args) => {
    const full = args.length === 3 ? [...args, literal(-1, IntegerType)] : args;
    const binary = dataTypeOf(full[0]!).kind === 'binary' && dataTypeOf(full[1]!).kind === 'binary';
    const target = binary ? BinaryType : StringType;
    const out = [
      coerceArg(full[0]!, target, 0),
      coerceArg(full[1]!, target, 1),
      coerceArg(full[2]!, IntegerType, 2),
      coerceArg(full[3]!, IntegerType, 3),
    ];
    return { args: out, dataType: target, nullable: anyNullable(out) };
  },
  compile: (call, args) => {
    if (call.dataType.kind === 'binary') {
      return strictEvaluator(args, (input: Uint8Array, rep: Uint8Array, pos: number, len: number) => {
        const length = len >= 0 ? len : rep.length;
        return concatBytes([
          substringBytes(input, 1, pos - 1),
          rep,
          substringBytes(input, pos + length, INT_MAX),
        ]);
      });
    }
    return strictEvaluator(args, (input: string, rep: string, pos: number, len: number) => {
      const length = len >= 0 ? len : cpLength(rep);
      return substringString(input, 1, pos - 1) + rep + substringString(input, pos + length, INT_MAX);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// translate / replace

function translateMap(from: string, to: string): Map<string, string> {
  const f = codePoints(from);
  const t = codePoints(to);
  const m = new Map<string, string>();
  f.forEach((c, i) => {
    if (!m.has(c)) m.set(c, t[i] ?? '');
  });
  return m;
}

const translate = strictFunction({
  name: 'translate',
  inputs: [StringType, StringType, StringType],
  result: StringType,
  body: () => {
    let lastFrom: string | undefined;
    let lastTo: string | undefined;
    let dict = new Map<string, string>();
    return (s: string, from: string, to: string) => {
      if (from !== lastFrom || to !== lastTo) {
        dict = translateMap(from, to);
        lastFrom = from;
        lastTo = to;
      }
      if (dict.size === 0) return s;
      let out = '';
      for (const c of hasSurrogates(s) ? codePoints(s) : s) {
        const r = dict.get(c);
        out += r === undefined ? c : r;
      }
      return out;
    };
  },
});

const replace = strictFunction({
  name: 'replace',
  inputs: [StringType, StringType, StringType],
  defaults: [literal('', StringType)],
  result: StringType,
  body: () => (s: string, search: string, rep: string) =>
    search.length === 0 ? s : s.split(search).join(rep),
});

// ---------------------------------------------------------------------------------------------
// split_part / substring_index / elt

export function invalidIndexOfZero(): SparkRuntimeError {
  return new SparkRuntimeError(
    'INVALID_INDEX_OF_ZERO',
    'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).',
  );
}

const splitPart = strictFunction({
  name: 'split_part',
  inputs: [StringType, StringType, IntegerType],
  result: StringType,
  nullable: () => true,
  body: () => (s: string, delim: string, n: number) => {
    if (n === 0) throw invalidIndexOfZero();
    const parts = delim.length === 0 ? [s] : s.split(delim);
    const i = n > 0 ? n - 1 : parts.length + n;
    return parts[i] ?? '';
  },
});

/** Spark's substring_index: delimiter occurrences are found with overlapping search. */
export function substringIndex(s: string, delim: string, count: number): string {
  if (delim.length === 0 || count === 0) return '';
  if (count > 0) {
    let idx = -1;
    while (count > 0) {
      idx = s.indexOf(delim, idx + 1);
      if (idx < 0) return s;
      count--;
    }
    return s.slice(0, idx);
  }
  let idx = s.length - delim.length + 1;
  while (count < 0) {
    if (idx - 1 < 0) return s;
    idx = s.lastIndexOf(delim, idx - 1);
    if (idx < 0) return s;
    count++;
  }
  return s.slice(idx + delim.length);
}

const substringIndexFn = strictFunction({
  name: 'substring_index',
  inputs: [StringType, StringType, IntegerType],
  result: StringType,
  body: () => substringIndex,
});

const elt: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'elt',
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const inputs = args.slice(1);
    const binary = inputs.every((a) => dataTypeOf(a).kind === 'binary');
    const target = binary ? BinaryType : StringType;
    const out = [coerceArg(args[0]!, IntegerType, 0), ...inputs.map((a, i) => coerceArg(a, target, i + 1))];
    return { args: out, dataType: target, nullable: true };
  },
  compile: (_call, args, ctx) => {
    const [index, ...inputs] = args;
    const n = inputs.length;
    return (row) => {
      const i = index!(row) as number | null;
      if (i === null) return null;
      if (i < 1 || i > n) {
        if (ctx.ansi) {
          throw new SparkRuntimeError(
            'INVALID_ARRAY_INDEX',
            `The index ${i} is out of bounds. The array has ${n} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead.`,
          );
        }
        return null;
      }
      return inputs[i - 1]!(row);
    };
  },
};

registerFunctions([
  substring,
  renamed(substring, 'substr'),
  left,
  right,
  padFunction('lpad', true),
  padFunction('rpad', false),
  overlay,
  translate,
  replace,
  splitPart,
  substringIndexFn,
  elt,
]);
