/**
 * The expression compiler: turns a resolved expression into a JS closure over rows, once per
 * plan (per executor). Attribute references are bound to row ordinals here, so the per-row path
 * is array indexing plus the functions' specialised closures — no tree walking, no type checks.
 *
 * Invariants: the input schema is the child operator's output (attributes by exprId); an
 * attribute that is not in the input is an internal error (the analyzer guarantees it); SQL NULL
 * is `null` everywhere.
 */
import { buildCast } from '../types/cast.js';
import type { AttributeReference, Expr, Row } from './expression.js';
import { dataTypeOf } from './expression-type.js';
import type { Evaluator, FunctionContext } from './function-registry.js';
import { lookupFunction } from './function-registry.js';
import { lookupUserFunction } from './user-functions.js';
import { markUtf8Decode } from './utf8-decode-evaluators.js';

/** Compile-time hook for lambda variables, installed by the higher-order functions module. */
let lambdaVariableCompiler: ((e: Extract<Expr, { kind: 'lambdaVariable' }>) => Evaluator) | undefined;
export function setLambdaVariableCompiler(
  f: (e: Extract<Expr, { kind: 'lambdaVariable' }>) => Evaluator,
): void {
  lambdaVariableCompiler = f;
}

export class ExpressionCompiler {
  private readonly ordinals = new Map<number, number>();

  constructor(
    input: readonly AttributeReference[],
    readonly ctx: FunctionContext,
  ) {
    input.forEach((a, i) => {
      if (!this.ordinals.has(a.exprId)) this.ordinals.set(a.exprId, i);
    });
  }

  compile(e: Expr): Evaluator {
    switch (e.kind) {
      case 'literal': {
        const v = e.value;
        return () => v;
      }
      case 'attributeReference': {
        const i = this.ordinals.get(e.exprId);
        if (i === undefined) {
          throw new Error(`internal error: attribute ${e.name}#${e.exprId} is not in the operator's input`);
        }
        return (row: Row) => row[i];
      }
      case 'alias':
        return this.compile(e.child);
      case 'cast': {
        const child = this.compile(e.child);
        const from = dataTypeOf(e.child);
        if (from.kind === 'null') return () => null;
        const cast = buildCast(from, e.dataType, e.mode, this.ctx.timeZone);
        const evaluator: Evaluator = (row) => {
          const v = child(row);
          return v === null ? null : cast(v);
        };
        if (from.kind === 'binary' && e.dataType.kind === 'string')
          return markUtf8Decode(evaluator, { bytes: child, decode: cast as (b: Uint8Array) => string });
        return evaluator;
      }
      case 'fn': {
        const def = lookupFunction(e.name);
        if (def?.kind !== 'scalar') throw new Error(`internal error: ${e.name} is not a scalar function`);
        return def.compile(
          e,
          e.args.map((a) => this.compile(a)),
          this.ctx,
        );
      }
      case 'getStructField': {
        const child = this.compile(e.child);
        const i = e.ordinal;
        return (row) => {
          const s = child(row) as unknown[] | null;
          return s === null ? null : (s[i] ?? null);
        };
      }
      case 'udf': {
        const fn = lookupUserFunction(e.fnId);
        const args = e.args.map((a) => this.compile(a));
        return (row) => {
          const v = fn(...args.map((f) => f(row)));
          return v === undefined ? null : v;
        };
      }
      case 'lambdaVariable':
        if (!lambdaVariableCompiler) throw new Error('internal error: no lambda support loaded');
        return lambdaVariableCompiler(e);
      case 'lambda':
        return this.compile(e.body);
      default:
        throw new Error(`internal error: cannot compile ${e.kind} as a scalar expression`);
    }
  }

  /** Compiles a list of expressions into one closure producing an output row. */
  compileProjection(exprs: readonly Expr[]): (row: Row) => Row {
    const fs = exprs.map((x) => this.compile(x));
    const n = fs.length;
    if (n === 1) {
      const f0 = fs[0]!;
      return (row) => [f0(row)];
    }
    if (n === 2) {
      const f0 = fs[0]!;
      const f1 = fs[1]!;
      return (row) => [f0(row), f1(row)];
    }
    if (n === 3) {
      const f0 = fs[0]!;
      const f1 = fs[1]!;
      const f2 = fs[2]!;
      return (row) => [f0(row), f1(row), f2(row)];
    }
    return (row) => {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = fs[i]!(row);
      return out;
    };
  }

  /** Compiles a predicate: only `true` passes (null and false filter the row out). */
  compilePredicate(e: Expr): (row: Row) => boolean {
    const f = this.compile(e);
    return (row) => f(row) === true;
  }
}
