/**
 * Folding of the small integer expressions the grammar needs as numbers at parse time
 * (`LIMIT 1 + 1`, `OFFSET -1`, `range(0, 10, 2)`), with Spark's INVALID_LIMIT_LIKE_EXPRESSION
 * errors for the LIMIT / OFFSET clauses.
 */
import type { Expr } from '../expr/expression.js';
import { type DataType, IntegerType, isIntegral, LongType, sqlTypeName } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';

/** The value of a constant integral expression, or undefined (not constant) / the type (not integral). */
export function foldIntegral(e: Expr): { value: bigint; type: DataType } | { type: DataType } | undefined {
  if (e.kind === 'literal') {
    if (e.value === null) return { type: e.dataType };
    if (isIntegral(e.dataType)) return { value: BigInt(e.value as number | bigint), type: e.dataType };
    return { type: e.dataType };
  }
  if (e.kind !== 'unresolvedFunction' || !e.internal) return undefined;
  const args = e.args.map(foldIntegral);
  if (args.some((a) => a === undefined)) return undefined;
  const vals = args as ({ value: bigint; type: DataType } | { type: DataType })[];
  const bad = vals.find((a) => !('value' in a));
  if (bad) return { type: bad.type };
  const [a, b] = vals as { value: bigint; type: DataType }[];
  const wider = (x: DataType, y?: DataType): DataType =>
    x.kind === 'long' || y?.kind === 'long' ? LongType : IntegerType;
  switch (e.name) {
    case 'negative':
    case '__unary_minus':
      return { value: -a!.value, type: wider(a!.type) };
    case 'positive':
      return a;
    case 'add':
      return { value: a!.value + b!.value, type: wider(a!.type, b!.type) };
    case 'subtract':
      return { value: a!.value - b!.value, type: wider(a!.type, b!.type) };
    case 'multiply':
      return { value: a!.value * b!.value, type: wider(a!.type, b!.type) };
    default:
      return undefined;
  }
}

/** LIMIT / OFFSET value: a non-negative constant integer. */
export function limitValue(e: Expr, text: string, clause: 'limit' | 'offset'): number {
  const f = foldIntegral(e);
  const prefix = `The limit like expression "${text}" is invalid.`;
  if (!f) {
    throw new AnalysisException(
      'INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE',
      `${prefix} The ${clause} expression must evaluate to a constant value.`,
    );
  }
  if (!('value' in f) || f.type.kind === 'long') {
    throw new AnalysisException(
      f.type.kind === 'null'
        ? 'INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL'
        : 'INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE',
      f.type.kind === 'null'
        ? `${prefix} The ${clause} expression must evaluate to a constant value, but got null.`
        : `${prefix} The ${clause} expression must be integer type, but got "${sqlTypeName(f.type)}".`,
    );
  }
  if (f.value < 0n) {
    throw new AnalysisException(
      'INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE',
      `${prefix} The ${clause} expression must be equal to or greater than 0, but got ${f.value}.`,
    );
  }
  return Number(f.value);
}
