/**
 * trim/ltrim/rtrim (function form `trim(trimStr, str)`, named like Spark's SQL
 * `TRIM(BOTH x FROM s)`) and btrim(str, trimStr).
 *
 * Invariant: without a trim string only the space character U+0020 is removed (not tabs), as in
 * Spark; a trim string is a set of code points.
 */
import { StringType } from '../../types/data-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg } from './input-coercion.js';
import { anyNullable } from './strict-function.js';
import { codePoints } from './string-code-points.js';

type TrimSide = 'both' | 'leading' | 'trailing';

function trimSpaces(s: string, side: TrimSide): string {
  let a = 0;
  let b = s.length;
  if (side !== 'trailing') while (a < b && s.charCodeAt(a) === 32) a++;
  if (side !== 'leading') while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function trimChars(s: string, chars: string, side: TrimSide): string {
  if (chars.length === 0 || s.length === 0) return s;
  const set = new Set(codePoints(chars));
  const cps = codePoints(s);
  let a = 0;
  let b = cps.length;
  if (side !== 'trailing') while (a < b && set.has(cps[a]!)) a++;
  if (side !== 'leading') while (b > a && set.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

const TRIM_WORD: Record<TrimSide, string> = { both: 'BOTH', leading: 'LEADING', trailing: 'TRAILING' };

/** trim/ltrim/rtrim: `f(str)` or, in SQL's function form, `f(trimStr, str)`. */
function trimFunction(name: string, side: TrimSide): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 1,
    maxArgs: 2,
    prettyName: (args) =>
      args.length === 1 ? `${name}(${args[0]})` : `TRIM(${TRIM_WORD[side]} ${args[0]} FROM ${args[1]})`,
    resolve: (args) => {
      const out = args.map((a, i) => coerceArg(a, StringType, i));
      return { args: out, dataType: StringType, nullable: anyNullable(out) };
    },
    compile: (_call, args) => {
      if (args.length === 1) {
        const f = args[0]!;
        return (row) => {
          const s = f(row) as string | null;
          return s === null ? null : trimSpaces(s, side);
        };
      }
      const [ft, fs] = args as [Evaluator, Evaluator];
      return (row) => {
        const t = ft(row) as string | null;
        if (t === null) return null;
        const s = fs(row) as string | null;
        return s === null ? null : trimChars(s, t, side);
      };
    },
  };
}

/** btrim(str[, trimStr]): note the argument order differs from trim's function form. */
const btrim: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'btrim',
  minArgs: 1,
  maxArgs: 2,
  resolve: (args) => {
    const out = args.map((a, i) => coerceArg(a, StringType, i));
    return { args: out, dataType: StringType, nullable: anyNullable(out) };
  },
  compile: (_call, args) => {
    if (args.length === 1) {
      const f = args[0]!;
      return (row) => {
        const s = f(row) as string | null;
        return s === null ? null : trimSpaces(s, 'both');
      };
    }
    const [fs, ft] = args as [Evaluator, Evaluator];
    return (row) => {
      const s = fs(row) as string | null;
      if (s === null) return null;
      const t = ft(row) as string | null;
      return t === null ? null : trimChars(s, t, 'both');
    };
  },
};

registerFunctions([
  trimFunction('trim', 'both'),
  trimFunction('ltrim', 'leading'),
  trimFunction('rtrim', 'trailing'),
  btrim,
]);
