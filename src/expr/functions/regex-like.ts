/**
 * SQL `LIKE` and `ILIKE` (registry names `like`, `ilike`; the optional third argument is the escape
 * character, `\` by default), and LIKE ANY/ALL. ILIKE lower-cases both sides first, as Spark does.
 *
 * Invariant: a constant pattern is compiled once per plan (usually to a startsWith/endsWith/
 * includes test, see like-pattern.ts); a varying one is compiled per distinct value.
 */
import { BooleanType, StringType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg } from './input-coercion.js';
import { compileLike, type LikeMatcher } from './like-pattern.js';
import { constantArg } from './null-safe.js';
import { anyNullable } from './strict-function.js';

function escapeCharOf(args: readonly Expr[]): string {
  const e = args[2];
  if (e === undefined) return '\\';
  if (e.kind !== 'literal' || typeof e.value !== 'string' || [...e.value].length !== 1) {
    throw new AnalysisException(
      'INVALID_ESCAPE_CHAR',
      'The escape character of LIKE must be a string literal of length one.',
    );
  }
  return e.value;
}

function likeFunction(name: 'like' | 'ilike'): ScalarFunctionDef {
  const insensitive = name === 'ilike';
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 3,
    prettyName: (args) => {
      if (insensitive) return `ilike(${args[0]}, ${args[1]})`;
      const esc = args[2];
      return `${args[0]} LIKE ${args[1]}${esc !== undefined && esc !== '\\' ? ` ESCAPE '${esc}'` : ''}`;
    },
    resolve: (args) => {
      escapeCharOf(args);
      const out = args.map((a, i) => (i < 2 ? coerceArg(a, StringType, i) : a));
      return { args: out, dataType: BooleanType, nullable: anyNullable(out.slice(0, 2)) };
    },
    compile: (call, args) => {
      const escapeChar = escapeCharOf(call.args);
      const [fs, fp] = args as [Evaluator, Evaluator];
      const prepare = (p: string) => compileLike(insensitive ? p.toLowerCase() : p, escapeChar);
      const c = constantArg(call.args[1], fp);
      let matcherOf: (p: string) => LikeMatcher;
      if (c && typeof c.value === 'string') {
        const m = prepare(c.value);
        matcherOf = () => m;
      } else {
        let lastPattern: string | undefined;
        let lastMatcher: LikeMatcher = () => false;
        matcherOf = (p) => {
          if (p !== lastPattern) {
            lastMatcher = prepare(p);
            lastPattern = p;
          }
          return lastMatcher;
        };
      }
      return (row) => {
        const s = fs(row) as string | null;
        if (s === null) return null;
        const p = fp(row) as string | null;
        if (p === null) return null;
        return matcherOf(p)(insensitive ? s.toLowerCase() : s);
      };
    },
  };
}

/**
 * `x [NOT] LIKE ANY|ALL (p1, p2, …)` with literal patterns (registry names likeany, likeall,
 * notlikeany, notlikeall; the parser lower-cases both sides for ILIKE). Spark names them by the
 * subject only: `likeany(s)`.
 */
function multiLike(name: 'likeany' | 'likeall' | 'notlikeany' | 'notlikeall'): ScalarFunctionDef {
  const all = name.endsWith('all');
  const negated = name.startsWith('not');
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    prettyName: (args) => `${name}(${args[0]})`,
    resolve: (args) => ({
      args: args.map((a, i) => coerceArg(a, StringType, i)),
      dataType: BooleanType,
      nullable: true,
    }),
    compile: (call, args) => {
      const [fs, ...fps] = args as [Evaluator, ...Evaluator[]];
      const fixed = fps.map((f, i) => {
        const c = constantArg(call.args[i + 1], f);
        return c && typeof c.value === 'string' ? compileLike(c.value) : undefined;
      });
      return (row) => {
        const s = fs(row) as string | null;
        if (s === null) return null;
        let sawNull = false;
        for (let i = 0; i < fps.length; i++) {
          let m = fixed[i];
          if (m === undefined) {
            const p = fps[i]!(row) as string | null;
            if (p === null) {
              sawNull = true;
              continue;
            }
            m = compileLike(p);
          }
          const hit = m(s) !== negated;
          if (all && !hit) return false;
          if (!all && hit) return true;
        }
        return sawNull ? null : all;
      };
    },
  };
}

registerFunctions([
  likeFunction('like'),
  likeFunction('ilike'),
  multiLike('likeany'),
  multiLike('likeall'),
  multiLike('notlikeany'),
  multiLike('notlikeall'),
]);
