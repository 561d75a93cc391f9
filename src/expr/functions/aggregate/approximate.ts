/**
 * Sketch-based aggregates: approx_count_distinct (HyperLogLog++ over Spark's xxHash64 of the
 * value) and percentile_approx / approx_percentile (Greenwald–Khanna summaries), both giving
 * Spark's exact numbers for the same input order and partitioning.
 *
 * Invariant: constant arguments (rsd, percentages, accuracy) are folded at analysis into
 * `params`; the aggregators never look at them per row.
 */

import { castIfNeeded } from '../../../types/coercion.js';
import {
  arrayType,
  DoubleType,
  IntegerType,
  isIntegral,
  isNumeric,
  LongType,
} from '../../../types/data-type.js';
import { AnalysisException } from '../../../util/errors.js';
import type { Expr } from '../../expression.js';
import { literal } from '../../expression.js';
import { dataTypeOf } from '../../expression-type.js';
import type { AggregateFunctionDef } from '../../function-registry.js';
import {
  hllAddHash,
  hllCreate,
  hllEstimate,
  hllMerge,
  hllPrecisionFor,
  hllShape,
} from '../../hash/hyperloglog-plus-plus.js';
import {
  createQuantileSummary,
  type QuantileSummary,
  quantileInsert,
  quantileMerge,
  quantileQuery,
} from '../../hash/quantile-summaries.js';
import { compileXxHash64, SPARK_HASH_SEED } from '../../hash/spark-hash.js';
import { xxState } from '../../hash/xxhash64.js';
import { callSql, foldConstant, NOT_FOLDABLE, typeCheckFailure, unexpectedInputType } from './agg-utils.js';
import { decimalToDouble, doubleToType } from './numeric-convert.js';

// ---------------------------------------------------------------------------------------------
// approx_count_distinct

const DEFAULT_RSD = 0.05;

export const approxCountDistinct: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'approx_count_distinct',
  minArgs: 1,
  maxArgs: 2,
  skipNulls: true,
  resolve: (args) => {
    let rsd = DEFAULT_RSD;
    if (args.length === 2) {
      const v = foldConstant(args[1]!);
      if (typeof v !== 'number') throw unexpectedInputType('approx_count_distinct', args, 1, '"DOUBLE"');
      rsd = v;
    }
    if (!(hllPrecisionFor(rsd) >= 4)) {
      throw new AnalysisException(
        'INTERNAL_ERROR',
        'requirement failed: HLL++ requires at least 4 bits for addressing. Use a lower error, at most 39%.',
      );
    }
    return { args: [args[0]!], dataType: LongType, nullable: false, params: { rsd } };
  },
  createAggregator: (call) => {
    const shape = hllShape(hllPrecisionFor((call.params?.rsd as number | undefined) ?? DEFAULT_RSD));
    const hash = compileXxHash64(dataTypeOf(call.args[0]!));
    const p = shape.p;
    return {
      init: () => hllCreate(shape),
      update: (b, args) => {
        xxState[0] = SPARK_HASH_SEED;
        xxState[1] = 0;
        hash(args[0]);
        hllAddHash(b as Uint8Array, p, xxState[0]!, xxState[1]!);
        return b;
      },
      merge: (a, b) => hllMerge(a as Uint8Array, b as Uint8Array),
      finish: (b) => hllEstimate(b as Uint8Array, shape),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// percentile_approx / approx_percentile

export const DEFAULT_PERCENTILE_ACCURACY = 10000;

function resolvePercentileApprox(name: string, args: readonly Expr[]) {
  const t = dataTypeOf(args[0]!);
  if (!(isNumeric(t) || t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz')) {
    throw unexpectedInputType(name, args, 0, '("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ")');
  }
  const all: Expr[] = [...args];
  if (all.length === 2) all.push(literal(DEFAULT_PERCENTILE_ACCURACY, IntegerType));
  const pt = dataTypeOf(all[1]!);
  if (pt.kind === 'array') {
    if (!isNumeric(pt.elementType)) throw unexpectedInputType(name, all, 1, '("DOUBLE" or "ARRAY<DOUBLE>")');
    all[1] = castIfNeeded(all[1]!, arrayType(DoubleType, false));
  } else if (isNumeric(pt)) {
    all[1] = castIfNeeded(all[1]!, DoubleType);
  } else {
    throw unexpectedInputType(name, all, 1, '("DOUBLE" or "ARRAY<DOUBLE>")');
  }
  if (!isIntegral(dataTypeOf(all[2]!))) throw unexpectedInputType(name, all, 2, '"INTEGRAL"');
  const pv = foldConstant(all[1]!);
  const av = foldConstant(all[2]!);
  if (pv === NOT_FOLDABLE || av === NOT_FOLDABLE) {
    throw typeCheckFailure(name, all, 'The accuracy or percentage provided must be a constant literal');
  }
  const accuracy = Number(av);
  if (!(accuracy > 0 && accuracy <= 2147483647)) {
    throw typeCheckFailure(
      name,
      all,
      `The accuracy provided must be a literal between (0, 2147483647] (current value = ${accuracy})`,
    );
  }
  if (pv === null) throw typeCheckFailure(name, all, 'Percentage value must not be null');
  const returnArray = Array.isArray(pv);
  const percentages = (returnArray ? (pv as unknown[]) : [pv]).map(Number);
  if (percentages.some((x) => !(x >= 0 && x <= 1))) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT',
      `Cannot resolve "${callSql(name, all)}" due to data type mismatch: All percentage values must be between 0.0 and 1.0 (current = ${percentages.join(', ')}).`,
    );
  }
  return {
    args: all,
    dataType: returnArray ? arrayType(t, false) : t,
    nullable: true,
    params: { percentages, returnArray, accuracy },
  };
}

function percentileApproxDef(name: string): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    minArgs: 2,
    maxArgs: 3,
    skipNulls: true,
    resolve: (args) => resolvePercentileApprox(name, args),
    createAggregator: (call) => {
      const t = dataTypeOf(call.args[0]!);
      const params = call.params as { percentages: number[]; returnArray: boolean; accuracy: number };
      const relativeError = 1.0 / params.accuracy;
      const toDouble: (v: unknown) => number =
        t.kind === 'decimal'
          ? (v) => decimalToDouble(v as bigint, t.scale)
          : t.kind === 'long' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz'
            ? (v) => Number(v as number | bigint)
            : (v) => v as number;
      return {
        init: () => createQuantileSummary(relativeError),
        update: (b, args) => quantileInsert(b as QuantileSummary, toDouble(args[0])),
        merge: (a, b) => quantileMerge(a as QuantileSummary, b as QuantileSummary),
        finish: (b) => {
          const r = quantileQuery(b as QuantileSummary, params.percentages);
          if (r === null) return null;
          const out = r.map((x) => doubleToType(x, t));
          return params.returnArray ? out : out[0];
        },
      };
    },
  };
}

export const percentileApprox = percentileApproxDef('percentile_approx');
export const approxPercentile = percentileApproxDef('approx_percentile');

export const APPROXIMATE_AGGREGATES: readonly AggregateFunctionDef[] = [
  approxCountDistinct,
  percentileApprox,
  approxPercentile,
];
