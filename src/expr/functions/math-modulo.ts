/**
 * pmod and mod: remainders with Spark's typing. pmod's result takes the divisor's sign
 * (`pmod(-7, 3)` = 2); mod is the `%` operator under a function name and shares its definition.
 *
 * Invariant: division by zero gives null (an error in ANSI mode), as for the operators.
 */

import { boundedDecimal, castIfNeeded, decimalForType, tightestCommonType } from '../../types/coercion.js';
import {
  type DataType,
  type DecimalType,
  DoubleType,
  isNumeric,
  sqlTypeName,
} from '../../types/data-type.js';
import { normalizeLong } from '../../types/literal-value.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { lookupFunction, registerFunctions } from '../function-registry.js';
import { pow10 } from './decimal-rounding.js';
import { strictEvaluator } from './strict-function.js';
import './operators.js';

// ---------------------------------------------------------------------------------------------
// pmod

function remainderByZero(): SparkRuntimeError {
  return new SparkRuntimeError(
    'REMAINDER_BY_ZERO',
    'Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
  );
}

/** Operand type of a binary arithmetic function (Spark's non-ANSI numeric promotion). */
function arithmeticOperands(args: readonly Expr[]): { args: Expr[]; type: DataType } {
  let [l, r] = args as [Expr, Expr];
  const promote = (e: Expr) => (dataTypeOf(e).kind === 'string' ? castIfNeeded(e, DoubleType) : e);
  l = promote(l);
  r = promote(r);
  let lt = dataTypeOf(l);
  let rt = dataTypeOf(r);
  if (lt.kind === 'null') lt = rt.kind === 'null' ? DoubleType : rt;
  if (rt.kind === 'null') rt = lt;
  if (!isNumeric(lt) || !isNumeric(rt)) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES',
      `Cannot resolve "x" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("${sqlTypeName(lt)}" and "${sqlTypeName(rt)}").`,
    );
  }
  if (lt.kind === 'decimal' || rt.kind === 'decimal') {
    if (lt.kind === 'float' || lt.kind === 'double' || rt.kind === 'float' || rt.kind === 'double') {
      return { args: [castIfNeeded(l, DoubleType), castIfNeeded(r, DoubleType)], type: DoubleType };
    }
    const a = decimalForType(lt)!;
    const b = decimalForType(rt)!;
    const scale = Math.max(a.scale, b.scale);
    const type = boundedDecimal(Math.min(a.precision - a.scale, b.precision - b.scale) + scale, scale);
    return { args: [castIfNeeded(l, a), castIfNeeded(r, b)], type };
  }
  const t = tightestCommonType(lt, rt)!;
  return { args: [castIfNeeded(l, t), castIfNeeded(r, t)], type: t };
}

const pmod: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'pmod',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const r = arithmeticOperands(args);
    return { args: r.args, dataType: r.type, nullable: true };
  },
  compile: (call, args, ctx) => {
    const t = call.dataType;
    const zero = (): null => {
      if (ctx.ansi) throw remainderByZero();
      return null;
    };
    if (t.kind === 'decimal') {
      const s1 = (dataTypeOf(call.args[0]!) as DecimalType).scale;
      const s2 = (dataTypeOf(call.args[1]!) as DecimalType).scale;
      const limit = pow10(t.precision);
      return strictEvaluator(args, (a: bigint, b: bigint) => {
        if (b === 0n) return zero();
        const x = a * pow10(t.scale - s1);
        const n = b * pow10(t.scale - s2);
        let r = x % n;
        if (r < 0n) r = (r + n) % n;
        return r >= limit || r <= -limit ? null : r;
      });
    }
    if (t.kind === 'long') {
      return strictEvaluator(args, (a: number | bigint, b: number | bigint) => {
        if (b === 0 || b === 0n) return zero();
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a % b;
          return (r < 0 ? (r + b) % b : r) + 0;
        }
        const x = BigInt(a);
        const n = BigInt(b);
        const r = x % n;
        return normalizeLong(r < 0n ? (r + n) % n : r);
      });
    }
    const round = t.kind === 'float' ? Math.fround : (x: number) => x;
    return strictEvaluator(args, (a: number, b: number) => {
      if (b === 0) return zero();
      const r = a % b;
      return round(r < 0 ? (r + b) % b : r) + 0;
    });
  },
};

// ---------------------------------------------------------------------------------------------
// mod (Spark's `%` under a function name): the same semantics as the `remainder` operator

function remainderDef(): ScalarFunctionDef {
  const def = lookupFunction('remainder');
  if (def?.kind !== 'scalar') throw new Error('internal error: the remainder operator is not registered');
  return def;
}

const mod: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'mod',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args, ctx) => remainderDef().resolve(args, ctx),
  compile: (call, args, ctx) => remainderDef().compile(call, args, ctx),
};

registerFunctions([pmod, mod]);
