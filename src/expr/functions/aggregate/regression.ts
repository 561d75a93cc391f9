/**
 * Linear-regression aggregates over the non-null (y, x) pairs of a group: regr_count,
 * regr_avgx, regr_avgy, regr_sxx, regr_syy, regr_sxy, regr_slope, regr_intercept, regr_r2.
 *
 * Invariant: each statistic comes from the same recurrence Spark evaluates it with — the
 * co-moments of covariance for sxy (and the slope's numerator), the central moments of
 * var_pop for sxx / syy (and the slope's denominator) — so results agree to the last bit. The
 * co-moment recurrence is not symmetric in floating point, and Spark feeds it (x, y) for the
 * slope and intercept but (y, x) for sxy and r2, so both orders are kept.
 * Buffers are plain number arrays: [co(x, y)…6, co(y, x)…6, moments(x)…5, moments(y)…5, Σx, Σy].
 */

import { DoubleType, LongType } from '../../../types/data-type.js';
import type { AggregateFunctionDef, Aggregator } from '../../function-registry.js';
import { castToDouble } from './agg-utils.js';
import { coMomentsAggregator, momentsAggregator } from './statistics.js';

interface Pairs {
  /** n, xAvg, yAvg, ck, xMk, yMk (covariance recurrence fed (x, y)). */
  readonly co: readonly number[];
  /** The same fed (y, x): n, yAvg, xAvg, ck, yMk, xMk. */
  readonly coYx: readonly number[];
  /** n, avg, m2, … of x (variance recurrence). */
  readonly mx: readonly number[];
  readonly my: readonly number[];
  readonly sumX: number;
  readonly sumY: number;
}

const identity = () => null;

function pairsAggregator(evaluate: (p: Pairs) => number | null): Aggregator {
  const co = coMomentsAggregator(identity);
  const mx = momentsAggregator(2, identity);
  const my = momentsAggregator(2, identity);
  const split = (b: unknown) => {
    const a = b as number[];
    return {
      co: a.slice(0, 6),
      coYx: a.slice(6, 12),
      mx: a.slice(12, 17),
      my: a.slice(17, 22),
      sumX: a[22]!,
      sumY: a[23]!,
    };
  };
  const join = (c: unknown, cYx: unknown, mx: unknown, my: unknown, sx: number, sy: number) => [
    ...(c as number[]),
    ...(cYx as number[]),
    ...(mx as number[]),
    ...(my as number[]),
    sx,
    sy,
  ];
  return {
    init: () => join(co.init(), co.init(), mx.init(), my.init(), 0, 0),
    // args are (y, x), as the SQL functions take them
    update: (b, args) => {
      const p = split(b);
      const y = args[0] as number;
      const x = args[1] as number;
      return join(
        co.update(p.co, [x, y]),
        co.update(p.coYx, [y, x]),
        mx.update(p.mx, [x]),
        my.update(p.my, [y]),
        p.sumX + x,
        p.sumY + y,
      );
    },
    merge: (a, b) => {
      const l = split(a);
      const r = split(b);
      return join(
        co.merge(l.co, r.co),
        co.merge(l.coYx, r.coYx),
        mx.merge(l.mx, r.mx),
        my.merge(l.my, r.my),
        l.sumX + r.sumX,
        l.sumY + r.sumY,
      );
    },
    finish: (b) => evaluate(split(b)),
  };
}

function regrDef(
  name: string,
  evaluate: (p: Pairs) => number | null,
  counting = false,
): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    minArgs: 2,
    maxArgs: 2,
    skipNulls: true,
    resolve: (args) => ({
      args: [castToDouble(name, args, 0), castToDouble(name, args, 1)],
      dataType: counting ? LongType : DoubleType,
      nullable: !counting,
    }),
    createAggregator: () => pairsAggregator(evaluate),
  };
}

const n = (p: Pairs) => p.co[0]!;
const ck = (p: Pairs) => p.co[3]!;
const m2x = (p: Pairs) => p.mx[2]!;
const m2y = (p: Pairs) => p.my[2]!;

export const REGRESSION_AGGREGATES: readonly AggregateFunctionDef[] = [
  regrDef('regr_count', n, true),
  regrDef('regr_avgx', (p) => (n(p) === 0 ? null : p.sumX / n(p))),
  regrDef('regr_avgy', (p) => (n(p) === 0 ? null : p.sumY / n(p))),
  regrDef('regr_sxx', (p) => (n(p) === 0 ? null : m2x(p))),
  regrDef('regr_syy', (p) => (n(p) === 0 ? null : m2y(p))),
  regrDef('regr_sxy', (p) => (n(p) === 0 ? null : p.coYx[3]!)),
  regrDef('regr_slope', (p) => (m2x(p) === 0 ? null : ck(p) / m2x(p))),
  regrDef('regr_intercept', (p) => (m2x(p) === 0 ? null : p.co[2]! - (ck(p) / m2x(p)) * p.co[1]!)),
  regrDef('regr_r2', (p) => {
    const [count, , , c, yMk, xMk] = p.coYx as [number, number, number, number, number, number];
    if (count === 0 || xMk === 0) return null;
    if (yMk === 0) return 1;
    const corr = c / Math.sqrt(yMk * xMk);
    return corr * corr;
  }),
];
