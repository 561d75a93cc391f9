/**
 * String functions, part one: concatenation, case, lengths, reverse/repeat, initcap,
 * ascii/chr, space. Importing this module registers the whole string family (the other
 * `string-*.ts` files are loaded from here).
 *
 * Invariants: characters are Unicode code points (Spark's UTF-8 view), never UTF-16 units;
 * functions that also take binary work on bytes; a null argument gives null unless the function
 * documents otherwise (concat_ws skips nulls).
 */

import { widerTypeOfAll } from '../../types/coercion.js';
import {
  type ArrayType,
  arrayType,
  BinaryType,
  type DataType,
  IntegerType,
  LongType,
  StringType,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg, STRING_OR_BINARY } from './input-coercion.js';
import { anyNullable, renamed, strictFunction } from './strict-function.js';
import {
  codePoints,
  concatBytes,
  cpLength,
  hasSurrogates,
  titleCaseChar,
  utf8Length,
} from './string-code-points.js';
import './string-trim.js';
import './string-position.js';
import './string-search.js';
import './string-format.js';
import './string-number-format.js';
import './string-encoding.js';
import './string-misc.js';

// ---------------------------------------------------------------------------------------------
// concat / concat_ws

function dataDiffTypes(name: string, types: readonly DataType[]): AnalysisException {
  const distinct = [...new Set(types.map((t) => `"${sqlName(t)}"`))];
  return new AnalysisException(
    'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
    `Cannot resolve "x" due to data type mismatch: Input to \`${name}\` should all be the same type, but it's (${distinct.join(' or ')}).`,
  );
}

function sqlName(t: DataType): string {
  return t.kind === 'array'
    ? `ARRAY<${sqlName(t.elementType)}>`
    : t.kind === 'integer'
      ? 'INT'
      : t.kind.toUpperCase();
}

const concat: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'concat',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const types = args.map(dataTypeOf);
    if (types.some((t) => t.kind === 'array')) {
      if (!types.every((t) => t.kind === 'array'))
        throw dataDiffTypes(
          'concat',
          types.map((t) => (t.kind === 'null' ? StringType : t)),
        );
      const el = widerTypeOfAll(types.map((t) => (t as ArrayType).elementType));
      if (!el) throw dataDiffTypes('concat', types);
      const containsNull = types.some((t) => (t as ArrayType).containsNull);
      const target = arrayType(el, containsNull);
      return {
        args: args.map((a, i) => coerceArg(a, arrayType(el, (types[i] as ArrayType).containsNull), i)),
        dataType: target,
        nullable: anyNullable(args),
      };
    }
    const allBinary = args.length > 0 && types.every((t) => t.kind === 'binary');
    const target = allBinary ? BinaryType : StringType;
    return {
      args: args.map((a, i) => coerceArg(a, target, i)),
      dataType: target,
      nullable: anyNullable(args),
    };
  },
  compile: (call, args) => {
    const t = call.dataType;
    const n = args.length;
    if (t.kind === 'binary') {
      return (row) => {
        const parts: Uint8Array[] = [];
        for (let i = 0; i < n; i++) {
          const v = args[i]!(row) as Uint8Array | null;
          if (v === null) return null;
          parts.push(v);
        }
        return concatBytes(parts);
      };
    }
    if (t.kind === 'array') {
      return (row) => {
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) {
          const v = args[i]!(row) as unknown[] | null;
          if (v === null) return null;
          for (const x of v) out.push(x);
        }
        return out;
      };
    }
    if (n === 2) {
      const [f0, f1] = args as [Evaluator, Evaluator];
      return (row) => {
        const a = f0(row);
        if (a === null) return null;
        const b = f1(row);
        return b === null ? null : (a as string) + (b as string);
      };
    }
    return (row) => {
      let s = '';
      for (let i = 0; i < n; i++) {
        const v = args[i]!(row);
        if (v === null) return null;
        s += v as string;
      }
      return s;
    };
  },
};

const concatWs: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'concat_ws',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const out = args.map((a, i) => {
      const t = dataTypeOf(a);
      if (i > 0 && t.kind === 'array') return coerceArg(a, arrayType(StringType), i);
      return coerceArg(a, StringType, i);
    });
    return { args: out, dataType: StringType, nullable: nullableOf(out[0]!) };
  },
  compile: (call, args) => {
    const [sep, ...rest] = args as [Evaluator, ...Evaluator[]];
    const isArray = call.args.slice(1).map((a) => dataTypeOf(a).kind === 'array');
    return (row) => {
      const s = sep(row) as string | null;
      if (s === null) return null;
      const parts: string[] = [];
      for (let i = 0; i < rest.length; i++) {
        const v = rest[i]!(row);
        if (v === null) continue;
        if (isArray[i]) {
          for (const x of v as (string | null)[]) if (x !== null) parts.push(x);
        } else parts.push(v as string);
      }
      return parts.join(s);
    };
  },
};

// ---------------------------------------------------------------------------------------------
// case

const upper = strictFunction({
  name: 'upper',
  inputs: [StringType],
  result: StringType,
  body: () => (s: string) => s.toUpperCase(),
});
const lower = strictFunction({
  name: 'lower',
  inputs: [StringType],
  result: StringType,
  body: () => (s: string) => s.toLowerCase(),
});

/** Spark's initcap: lower-case everything, then title-case the first letter of each space-separated word. */
export function initcapString(s: string): string {
  const lowered = s.toLowerCase();
  let out = '';
  let atWordStart = true;
  for (const ch of hasSurrogates(lowered) ? codePoints(lowered) : lowered) {
    out += atWordStart ? titleCaseChar(ch) : ch;
    atWordStart = ch === ' ';
  }
  return out;
}

const initcap = strictFunction({
  name: 'initcap',
  inputs: [StringType],
  result: StringType,
  body: () => initcapString,
});

// ---------------------------------------------------------------------------------------------
// lengths

const length = strictFunction({
  name: 'length',
  inputs: [STRING_OR_BINARY],
  result: IntegerType,
  body: (call) =>
    dataTypeOf(call.args[0]!).kind === 'binary' ? (b: Uint8Array) => b.length : (s: string) => cpLength(s),
});

const octetLength = strictFunction({
  name: 'octet_length',
  inputs: [STRING_OR_BINARY],
  result: IntegerType,
  body: (call) =>
    dataTypeOf(call.args[0]!).kind === 'binary' ? (b: Uint8Array) => b.length : (s: string) => utf8Length(s),
});

const bitLength = strictFunction({
  name: 'bit_length',
  inputs: [STRING_OR_BINARY],
  result: IntegerType,
  body: (call) =>
    dataTypeOf(call.args[0]!).kind === 'binary'
      ? (b: Uint8Array) => b.length * 8
      : (s: string) => utf8Length(s) * 8,
});

// ---------------------------------------------------------------------------------------------
// reverse, repeat, space

/** Spark's reverse is one function for strings (by code point), binaries and arrays. */
const reverse: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'reverse',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind === 'array' || t.kind === 'binary') return { args: [a], dataType: t, nullable: nullableOf(a) };
    const s = coerceArg(a, StringType, 0);
    return { args: [s], dataType: StringType, nullable: nullableOf(s) };
  },
  compile: (call, [f]) => {
    const g = f!;
    switch (call.dataType.kind) {
      case 'array':
        return (row) => {
          const v = g(row) as unknown[] | null;
          return v === null ? null : [...v].reverse();
        };
      case 'binary':
        return (row) => {
          const v = g(row) as Uint8Array | null;
          return v === null ? null : Uint8Array.from(v).reverse();
        };
      default:
        return (row) => {
          const v = g(row) as string | null;
          return v === null ? null : codePoints(v).reverse().join('');
        };
    }
  },
};

const repeat = strictFunction({
  name: 'repeat',
  inputs: [StringType, IntegerType],
  result: StringType,
  body: () => (s: string, n: number) => (n <= 0 ? '' : s.repeat(n)),
});

const space = strictFunction({
  name: 'space',
  inputs: [IntegerType],
  result: StringType,
  body: () => (n: number) => (n <= 0 ? '' : ' '.repeat(n)),
});

// ---------------------------------------------------------------------------------------------
// ascii / chr

const ascii = strictFunction({
  name: 'ascii',
  inputs: [StringType],
  result: IntegerType,
  body: () => (s: string) => (s.length === 0 ? 0 : s.codePointAt(0)!),
});

/** chr(n): the character n mod 256 ('' for negative n, U+0000 for multiples of 256). */
function chrOf(n: number | bigint): string {
  if (n < 0) return '';
  const low = Number(BigInt(n) & 0xffn);
  return String.fromCharCode(low);
}

const chr = strictFunction({
  name: 'chr',
  inputs: [LongType],
  result: StringType,
  body: () => chrOf,
});

registerFunctions([
  concat,
  concatWs,
  upper,
  renamed(upper, 'ucase'),
  lower,
  renamed(lower, 'lcase'),
  initcap,
  length,
  renamed(length, 'char_length'),
  renamed(length, 'character_length'),
  renamed(length, 'len'),
  octetLength,
  bitLength,
  reverse,
  repeat,
  space,
  ascii,
  chr,
  renamed(chr, 'char'),
]);
