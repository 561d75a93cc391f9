/**
 * Moment-based statistics with Spark's exact floating-point recurrences, so results agree to the
 * last bit: stddev/std/stddev_samp, stddev_pop, variance/var_samp, var_pop, skewness, kurtosis
 * (central moments n, avg, m2, m3, m4), and corr, covar_pop, covar_samp (co-moments).
 *
 * Null rules (Spark with `spark.sql.legacy.statisticalAggregate=false`): no rows → null; a
 * sample statistic of one row → null; division by zero → null (Spark's non-ANSI `Divide`).
 *
 * Invariant: buffers are plain number arrays of fixed length per function.
 */

import { DoubleType } from '../../../types/data-type.js';
import type { AggregateFunctionDef, Aggregator } from '../../function-registry.js';
import { castToDouble, divideOrNull } from './agg-utils.js';

type Moments = number[]; // [n, avg, m2, m3, m4]

export function momentsAggregator(order: 2 | 3 | 4, evaluate: (m: Moments) => number | null): Aggregator {
  return {
    init: () => [0, 0, 0, 0, 0],
    update: (b, args) => {
      const m = b as Moments;
      const x = args[0] as number;
      const n = m[0]!;
      const avg = m[1]!;
      const m2 = m[2]!;
      const newN = n + 1.0;
      const delta = x - avg;
      const deltaN = delta / newN;
      const newM2 = m2 + delta * (delta - deltaN);
      m[0] = newN;
      m[1] = avg + deltaN;
      m[2] = newM2;
      if (order >= 3) {
        const delta2 = delta * delta;
        const deltaN2 = deltaN * deltaN;
        const newM3 = m[3]! - 3.0 * deltaN * newM2 + delta * (delta2 - deltaN2);
        if (order >= 4) {
          m[4] =
            m[4]! -
            4.0 * deltaN * newM3 -
            6.0 * deltaN2 * newM2 +
            delta * (delta * delta2 - deltaN * deltaN2);
        }
        m[3] = newM3;
      }
      return m;
    },
    merge: (a, b) => {
      const l = a as Moments;
      const r = b as Moments;
      const n1 = l[0]!;
      const n2 = r[0]!;
      const newN = n1 + n2;
      const delta = r[1]! - l[1]!;
      const deltaN = newN === 0.0 ? 0.0 : delta / newN;
      const newAvg = l[1]! + deltaN * n2;
      const newM2 = l[2]! + r[2]! + delta * deltaN * n1 * n2;
      let newM3 = 0.0;
      let newM4 = 0.0;
      if (order >= 3) {
        newM3 =
          l[3]! +
          r[3]! +
          deltaN * deltaN * delta * n1 * n2 * (n1 - n2) +
          3.0 * deltaN * (n1 * r[2]! - n2 * l[2]!);
      }
      if (order >= 4) {
        newM4 =
          l[4]! +
          r[4]! +
          deltaN * deltaN * deltaN * delta * n1 * n2 * (n1 * n1 - n1 * n2 + n2 * n2) +
          6.0 * deltaN * deltaN * (n1 * n1 * r[2]! + n2 * n2 * l[2]!) +
          4.0 * deltaN * (n1 * r[3]! - n2 * l[3]!);
      }
      l[0] = newN;
      l[1] = newAvg;
      l[2] = newM2;
      l[3] = newM3;
      l[4] = newM4;
      return l;
    },
    finish: (b) => evaluate(b as Moments),
  };
}

function momentDef(
  name: string,
  order: 2 | 3 | 4,
  evaluate: (m: Moments) => number | null,
): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    minArgs: 1,
    maxArgs: 1,
    skipNulls: true,
    resolve: (args) => ({ args: [castToDouble(name, args, 0)], dataType: DoubleType, nullable: true }),
    createAggregator: () => momentsAggregator(order, evaluate),
  };
}

const sqrtOrNull = (v: number | null) => (v === null ? null : Math.sqrt(v));

const varSamp = (m: Moments) => {
  const n = m[0]!;
  if (n === 0) return null;
  if (n === 1) return null;
  return divideOrNull(m[2]!, n - 1.0);
};
const varPop = (m: Moments) => (m[0] === 0 ? null : divideOrNull(m[2]!, m[0]!));

export const stddev = momentDef('stddev', 2, (m) => sqrtOrNull(varSamp(m)));
export const std = momentDef('std', 2, (m) => sqrtOrNull(varSamp(m)));
export const stddevSamp = momentDef('stddev_samp', 2, (m) => sqrtOrNull(varSamp(m)));
export const stddevPop = momentDef('stddev_pop', 2, (m) => sqrtOrNull(varPop(m)));
export const variance = momentDef('variance', 2, varSamp);
export const varSampDef = momentDef('var_samp', 2, varSamp);
export const varPopDef = momentDef('var_pop', 2, varPop);

export const skewness = momentDef('skewness', 3, (m) => {
  const [n, , m2, m3] = m as [number, number, number, number];
  if (n === 0) return null;
  if (m2 === 0) return null;
  return divideOrNull(Math.sqrt(n) * m3, Math.sqrt(m2 * m2 * m2));
});

export const kurtosis = momentDef('kurtosis', 4, (m) => {
  const [n, , m2, , m4] = m as [number, number, number, number, number];
  if (n === 0) return null;
  if (m2 === 0) return null;
  const q = divideOrNull(n * m4, m2 * m2);
  return q === null ? null : q - 3.0;
});

// ---------------------------------------------------------------------------------------------
// corr / covariance: [n, xAvg, yAvg, ck, xMk, yMk]

type CoMoments = number[];

export function coMomentsAggregator(evaluate: (c: CoMoments) => number | null): Aggregator {
  return {
    init: () => [0, 0, 0, 0, 0, 0],
    update: (b, args) => {
      const c = b as CoMoments;
      const x = args[0] as number;
      const y = args[1] as number;
      const newN = c[0]! + 1.0;
      const dx = x - c[1]!;
      const dxN = dx / newN;
      const dy = y - c[2]!;
      const dyN = dy / newN;
      const newXAvg = c[1]! + dxN;
      const newYAvg = c[2]! + dyN;
      c[3] = c[3]! + dx * (y - newYAvg);
      c[4] = c[4]! + dx * (x - newXAvg);
      c[5] = c[5]! + dy * (y - newYAvg);
      c[0] = newN;
      c[1] = newXAvg;
      c[2] = newYAvg;
      return c;
    },
    merge: (a, b) => {
      const l = a as CoMoments;
      const r = b as CoMoments;
      const n1 = l[0]!;
      const n2 = r[0]!;
      const newN = n1 + n2;
      const dx = r[1]! - l[1]!;
      const dxN = newN === 0.0 ? 0.0 : dx / newN;
      const dy = r[2]! - l[2]!;
      const dyN = newN === 0.0 ? 0.0 : dy / newN;
      l[0] = newN;
      l[1] = l[1]! + dxN * n2;
      l[2] = l[2]! + dyN * n2;
      l[3] = l[3]! + r[3]! + dx * dyN * n1 * n2;
      l[4] = l[4]! + r[4]! + dx * dxN * n1 * n2;
      l[5] = l[5]! + r[5]! + dy * dyN * n1 * n2;
      return l;
    },
    finish: (b) => evaluate(b as CoMoments),
  };
}

function coMomentDef(name: string, evaluate: (c: CoMoments) => number | null): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    minArgs: 2,
    maxArgs: 2,
    skipNulls: true,
    resolve: (args) => ({
      args: [castToDouble(name, args, 0), castToDouble(name, args, 1)],
      dataType: DoubleType,
      nullable: true,
    }),
    createAggregator: () => coMomentsAggregator(evaluate),
  };
}

export const corr = coMomentDef('corr', (c) => {
  const n = c[0]!;
  if (n === 0 || n === 1) return null;
  return divideOrNull(c[3]!, Math.sqrt(c[4]! * c[5]!));
});
export const covarPop = coMomentDef('covar_pop', (c) => (c[0] === 0 ? null : divideOrNull(c[3]!, c[0]!)));
export const covarSamp = coMomentDef('covar_samp', (c) => {
  const n = c[0]!;
  if (n === 0 || n === 1) return null;
  return divideOrNull(c[3]!, n - 1.0);
});

export const STATISTICAL_AGGREGATES: readonly AggregateFunctionDef[] = [
  stddev,
  std,
  stddevSamp,
  stddevPop,
  variance,
  varSampDef,
  varPopDef,
  skewness,
  kurtosis,
  corr,
  covarPop,
  covarSamp,
];
