/**
 * Bitwise operators on integral values: `a & b`, `a | b`, `a ^ b` (registry names bitwise_and,
 * bitwise_or, bitwise_xor) and `~a` (bitwise_not). Both sides are widened to the wider integral
 * type first (byte < short < int < long), as Spark's BinaryArithmetic does; the result has that
 * type and wraps to its width.
 *
 * Invariant: long values stay normalised (a number when safe, else a bigint).
 */
import { castIfNeeded, tightestCommonType } from '../../types/coercion.js';
import { type DataType, isIntegral, NullType, sqlTypeName } from '../../types/data-type.js';
import { normalizeLong } from '../../types/literal-value.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import { registerFunctions, type ScalarFunctionDef } from '../function-registry.js';
import { prettyName } from '../pretty-name.js';
import { anyNullable, strictEvaluator } from './strict-function.js';

type Op = 'and' | 'or' | 'xor';
const SYMBOL: Record<Op, string> = { and: '&', or: '|', xor: '^' };

function wrap(t: DataType, v: number): number {
  switch (t.kind) {
    case 'byte':
      return (v << 24) >> 24;
    case 'short':
      return (v << 16) >> 16;
    default:
      return v | 0;
  }
}

function integralOperand(t: DataType, symbol: string, all: readonly Expr[]): void {
  if (isIntegral(t) || t.kind === 'null') return;
  const text =
    all.length === 2
      ? `(${prettyName(all[0]!)} ${symbol} ${prettyName(all[1]!)})`
      : `${symbol}${prettyName(all[0]!)}`;
  throw new AnalysisException(
    'DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE',
    `Cannot resolve "${text}" due to data type mismatch: the binary operator requires the input type ("INTEGRAL"), not "${sqlTypeName(t)}".`,
  );
}

function binary(op: Op): ScalarFunctionDef {
  const symbol = SYMBOL[op];
  return {
    kind: 'scalar',
    name: `bitwise_${op}`,
    minArgs: 2,
    maxArgs: 2,
    prettyName: (args) => `(${args[0]} ${symbol} ${args[1]})`,
    resolve: (args) => {
      const [l, r] = args as [Expr, Expr];
      const lt = dataTypeOf(l);
      const rt = dataTypeOf(r);
      integralOperand(lt, symbol, args);
      integralOperand(rt, symbol, args);
      const t = tightestCommonType(lt, rt) ?? lt;
      const out = t.kind === 'null' ? NullType : t;
      return {
        args: [castIfNeeded(l, out), castIfNeeded(r, out)],
        dataType: out,
        nullable: anyNullable(args),
      };
    },
    compile: (call, args) => {
      const t = call.dataType;
      if (t.kind === 'long') {
        return strictEvaluator(args, (a: number | bigint, b: number | bigint) => {
          const x = BigInt(a);
          const y = BigInt(b);
          const r = op === 'and' ? x & y : op === 'or' ? x | y : x ^ y;
          return normalizeLong(BigInt.asIntN(64, r));
        });
      }
      return strictEvaluator(args, (a: number, b: number) =>
        wrap(t, op === 'and' ? a & b : op === 'or' ? a | b : a ^ b),
      );
    },
  };
}

const bitwiseNot: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'bitwise_not',
  minArgs: 1,
  maxArgs: 1,
  prettyName: (args) => `~${args[0]}`,
  resolve: (args) => {
    const t = dataTypeOf(args[0]!);
    integralOperand(t, '~', args);
    return { args, dataType: t, nullable: anyNullable(args) };
  },
  compile: (call, args) => {
    const t = call.dataType;
    if (t.kind === 'long') {
      return strictEvaluator(args, (a: number | bigint) => normalizeLong(BigInt.asIntN(64, ~BigInt(a))));
    }
    return strictEvaluator(args, (a: number) => wrap(t, ~a));
  },
};

registerFunctions([binary('and'), binary('or'), binary('xor'), bitwiseNot]);
