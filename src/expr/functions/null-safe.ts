/**
 * Building blocks for compiled scalar functions: null-intolerant wrappers specialised by arity
 * (a null argument gives null without calling the body), and constant-argument detection so a
 * function can prepare work once per plan (compile a regex, parse a format string).
 *
 * Invariant: wrappers evaluate arguments left to right and stop at the first null, as Spark's
 * generated code does for null-intolerant expressions.
 */
import { ExpressionCompiler } from '../compiler.js';
import type { Expr, Row } from '../expression.js';
import type { Evaluator, FunctionContext } from '../function-registry.js';
import { lookupFunction } from '../function-registry.js';

export function nullSafe1(f0: Evaluator, body: (a: any) => unknown): Evaluator {
  return (row) => {
    const a = f0(row);
    return a === null ? null : body(a);
  };
}

export function nullSafe2(f0: Evaluator, f1: Evaluator, body: (a: any, b: any) => unknown): Evaluator {
  return (row) => {
    const a = f0(row);
    if (a === null) return null;
    const b = f1(row);
    return b === null ? null : body(a, b);
  };
}

export function nullSafe3(
  f0: Evaluator,
  f1: Evaluator,
  f2: Evaluator,
  body: (a: any, b: any, c: any) => unknown,
): Evaluator {
  return (row) => {
    const a = f0(row);
    if (a === null) return null;
    const b = f1(row);
    if (b === null) return null;
    const c = f2(row);
    return c === null ? null : body(a, b, c);
  };
}

export function nullSafe4(
  f0: Evaluator,
  f1: Evaluator,
  f2: Evaluator,
  f3: Evaluator,
  body: (a: any, b: any, c: any, d: any) => unknown,
): Evaluator {
  return (row) => {
    const a = f0(row);
    if (a === null) return null;
    const b = f1(row);
    if (b === null) return null;
    const c = f2(row);
    if (c === null) return null;
    const d = f3(row);
    return d === null ? null : body(a, b, c, d);
  };
}

/** Any arity: `body` receives the argument values (none of them null). */
export function nullSafeN(fs: readonly Evaluator[], body: (vals: unknown[]) => unknown): Evaluator {
  switch (fs.length) {
    case 1:
      return nullSafe1(fs[0]!, (a) => body([a]));
    case 2:
      return nullSafe2(fs[0]!, fs[1]!, (a, b) => body([a, b]));
    default:
      return (row) => {
        const vals = new Array<unknown>(fs.length);
        for (let i = 0; i < fs.length; i++) {
          const v = fs[i]!(row);
          if (v === null) return null;
          vals[i] = v;
        }
        return body(vals);
      };
  }
}

/** Whether `e` has the same value for every row (literals, and deterministic functions of them). */
export function isFoldable(e: Expr): boolean {
  switch (e.kind) {
    case 'literal':
      return true;
    case 'cast':
    case 'alias':
      return isFoldable(e.child);
    case 'fn': {
      const def = lookupFunction(e.name);
      return def?.kind === 'scalar' && def.deterministic !== false && !def.lazy && e.args.every(isFoldable);
    }
    default:
      return false;
  }
}

const EMPTY_ROW: Row = [];

/**
 * The value of a constant argument, computed once at compile time; undefined when the argument
 * varies per row.
 */
export function constantArg(e: Expr | undefined, f: Evaluator | undefined): { value: unknown } | undefined {
  if (!e || !f || !isFoldable(e)) return undefined;
  if (e.kind === 'literal') return { value: e.value };
  return { value: f(EMPTY_ROW) };
}

/**
 * The value of a foldable expression at analysis time (for parameters Spark requires to be
 * constant, like round's scale); undefined when `e` is not foldable.
 */
export function foldConstant(e: Expr, ctx: FunctionContext): { value: unknown } | undefined {
  if (e.kind === 'literal') return { value: e.value };
  if (!isFoldable(e)) return undefined;
  return { value: new ExpressionCompiler([], ctx).compile(e)(EMPTY_ROW) };
}
