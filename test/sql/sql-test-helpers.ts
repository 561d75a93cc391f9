/**
 * Builders for expected parse trees, and a normaliser that drops expression ids (aliases get fresh
 * ids on every parse) so trees compare structurally.
 */
import { expect } from 'vitest';
import type { Expr, SortOrder } from '../../src/expr/expression.js';
import type { LogicalPlan } from '../../src/plan/logical-plan.js';
import { atomicType, type DataType, decimalType } from '../../src/types/data-type.js';
import type { ParseException } from '../../src/util/errors.js';

export const col = (...nameParts: string[]): Expr => ({ kind: 'unresolvedAttribute', nameParts });
export const star = (...target: string[]): Expr =>
  target.length ? { kind: 'unresolvedStar', target } : { kind: 'unresolvedStar' };
/** A registry operator call as the parser emits it. */
export const op = (name: string, ...args: Expr[]): Expr => ({
  kind: 'unresolvedFunction',
  name,
  args,
  internal: true,
});
/** A user-written function call. */
export const fn = (name: string, ...args: Expr[]): Expr => ({ kind: 'unresolvedFunction', name, args });
export const int = (v: number): Expr => ({ kind: 'literal', value: v, dataType: atomicType('integer') });
export const str = (v: string): Expr => ({ kind: 'literal', value: v, dataType: atomicType('string') });
export const bool = (v: boolean): Expr => ({ kind: 'literal', value: v, dataType: atomicType('boolean') });
export const lit = (value: unknown, dataType: DataType): Expr => ({ kind: 'literal', value, dataType });
export const dec = (unscaled: bigint, precision: number, scale: number): Expr =>
  lit(unscaled, decimalType(precision, scale));
export const as = (child: Expr, name: string): Expr => ({ kind: 'alias', child, name, exprId: 0 });
export const asc = (child: Expr): SortOrder => ({
  kind: 'sortOrder',
  child,
  ascending: true,
  nullsFirst: true,
});
export const desc = (child: Expr): SortOrder => ({
  kind: 'sortOrder',
  child,
  ascending: false,
  nullsFirst: false,
});
export const ordinal = (n: number): Expr => ({ kind: 'unresolvedOrdinal', ordinal: n });
export const rel = (...nameParts: string[]): LogicalPlan => ({ kind: 'unresolvedRelation', nameParts });
export const project = (child: LogicalPlan, ...projectList: Expr[]): LogicalPlan => ({
  kind: 'project',
  child,
  projectList,
});
export const ONE_ROW: LogicalPlan = { kind: 'localRelation', output: [], rows: [[]], numPartitions: 1 };

/** The tree with every `exprId` set to 0 (ids are fresh per parse). */
export function noIds<T>(x: T): T {
  return JSON.parse(
    JSON.stringify(x, (k, v) => (k === 'exprId' ? 0 : typeof v === 'bigint' ? { $bigint: v.toString() } : v)),
    (_k, v) => (v && typeof v === 'object' && '$bigint' in v ? BigInt(v.$bigint) : v),
  ) as T;
}

export function expectTree(actual: unknown, expected: unknown): void {
  expect(noIds(actual)).toEqual(noIds(expected));
}

/** Runs `f`, expecting it to throw; returns the error for assertions. */
export function errorOf(f: () => unknown): ParseException {
  try {
    f();
  } catch (e) {
    return e as ParseException;
  }
  throw new Error('expected an error');
}
