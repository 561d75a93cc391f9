/**
 * try_sum and try_avg: sum and avg that answer NULL instead of overflowing, in every mode
 * (ANSI included). A long sum that overflows once stays NULL for the group, as Spark's does,
 * even if later values would bring it back in range.
 *
 * Invariant: buffers are null, numbers, bigints or the string 'overflow' (structured-clone safe).
 */

import type { AggregateFunctionDef } from '../../function-registry.js';
import { avgAggregator, resolveAvg, resolveSum } from './basic.js';
import { checkDecimalPrecision } from './decimal-math.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const OVERFLOW = 'overflow';

function addLongsOrOverflow(a: unknown, b: unknown): unknown {
  if (a === OVERFLOW || b === OVERFLOW) return OVERFLOW;
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a + b)) return a + b;
  const s = BigInt(a as number | bigint) + BigInt(b as number | bigint);
  if (s < LONG_MIN || s > LONG_MAX) return OVERFLOW;
  return s >= -9007199254740991n && s <= 9007199254740991n ? Number(s) : s;
}

const nullable =
  (add: (a: unknown, b: unknown) => unknown) =>
  (a: unknown, b: unknown): unknown =>
    a === null ? b : b === null ? a : add(a, b);

export const trySum: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'try_sum',
  minArgs: 1,
  maxArgs: 1,
  skipNulls: true,
  resolve: (args) => resolveSum('try_sum', args),
  createAggregator: (call) => {
    const t = call.dataType;
    if (t.kind === 'long') {
      const add = nullable(addLongsOrOverflow);
      return {
        init: () => null,
        update: (b, args) => add(b, args[0]),
        merge: add,
        finish: (b) => (b === OVERFLOW ? null : b),
      };
    }
    if (t.kind === 'decimal') {
      const add = nullable((a, b) => (a as bigint) + (b as bigint));
      return {
        init: () => null,
        update: (b, args) => add(b, args[0]),
        merge: add,
        finish: (b) =>
          b === null ? null : checkDecimalPrecision(b as bigint, t.precision, false, 'try_sum'),
      };
    }
    const add = nullable((a, b) => (a as number) + (b as number));
    return { init: () => null, update: (b, args) => add(b, args[0]), merge: add, finish: (b) => b };
  },
};

export const tryAvg: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'try_avg',
  minArgs: 1,
  maxArgs: 1,
  skipNulls: true,
  resolve: (args) => resolveAvg('try_avg', args),
  // averages of integral and floating inputs sum in double and cannot overflow; decimal sums
  // answer NULL past their precision when not ANSI
  createAggregator: (call) => avgAggregator(call, false),
};

export const TRY_AGGREGATES: readonly AggregateFunctionDef[] = [trySum, tryAvg];
