/**
 * Aggregates that keep values: collect_list/array_agg, collect_set, mode, percentile, median,
 * max_by, min_by.
 *
 * Invariants: buffers are arrays or Maps keyed by `valueKey` (structured-clone safe). collect_set
 * keeps first-seen order (Spark's order comes from its hash set and is unspecified); mode breaks
 * ties by the smallest value (what Spark's deterministic mode does).
 */

import {
  arrayType,
  DoubleType,
  isIntegral,
  isNumeric,
  LongType,
  sqlTypeName,
} from '../../../types/data-type.js';
import { AnalysisException } from '../../../util/errors.js';
import type { Expr } from '../../expression.js';
import { literal } from '../../expression.js';
import { dataTypeOf } from '../../expression-type.js';
import type { AggregateFunctionDef, Aggregator } from '../../function-registry.js';
import {
  callSql,
  foldConstant,
  isOrderable,
  NOT_FOLDABLE,
  typeCheckFailure,
  unexpectedInputType,
} from './agg-utils.js';
import { decimalToDouble } from './numeric-convert.js';
import { type ValueKey, valueKey } from './value-key.js';
import { compileComparator } from './value-ordering.js';

// ---------------------------------------------------------------------------------------------
// collect_list / collect_set

const collectList: Aggregator = {
  init: () => [],
  update: (b, args) => {
    (b as unknown[]).push(args[0]);
    return b;
  },
  merge: (a, b) => {
    const x = a as unknown[];
    for (const v of b as unknown[]) x.push(v);
    return x;
  },
  finish: (b) => (b as unknown[]).slice(),
};

const collectSet: Aggregator = {
  init: () => new Map<ValueKey, unknown>(),
  update: (b, args) => {
    const m = b as Map<ValueKey, unknown>;
    const v = args[0];
    const k = valueKey(v);
    if (!m.has(k)) m.set(k, v === 0 ? 0 : v);
    return m;
  },
  merge: (a, b) => {
    const x = a as Map<ValueKey, unknown>;
    for (const [k, v] of b as Map<ValueKey, unknown>) if (!x.has(k)) x.set(k, v);
    return x;
  },
  finish: (b) => [...(b as Map<ValueKey, unknown>).values()],
};

function collectDef(name: string, aggregator: Aggregator, aliases?: string[]): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    ...(aliases ? { aliases } : {}),
    minArgs: 1,
    maxArgs: 1,
    skipNulls: true,
    resolve: (args) => ({ args, dataType: arrayType(dataTypeOf(args[0]!), false), nullable: false }),
    createAggregator: () => aggregator,
  };
}

export const collectListDef = collectDef('collect_list', collectList, ['array_agg']);
export const collectSetDef = collectDef('collect_set', collectSet);

// ---------------------------------------------------------------------------------------------
// mode

export const mode: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'mode',
  minArgs: 1,
  maxArgs: 2,
  skipNulls: true,
  prettyName: (args, call) =>
    call.params?.deterministic === true
      ? `mode() WITHIN GROUP (ORDER BY ${args[0]} DESC)`
      : `mode(${args[0]})`,
  resolve: (args) => {
    let deterministic = false;
    if (args.length === 2) {
      const v = foldConstant(args[1]!);
      if (typeof v !== 'boolean') throw unexpectedInputType('mode', args, 1, '"BOOLEAN"');
      deterministic = v;
    }
    return { args: [args[0]!], dataType: dataTypeOf(args[0]!), nullable: true, params: { deterministic } };
  },
  createAggregator: (call) => {
    const cmp = compileComparator(call.dataType);
    return {
      init: () => new Map<ValueKey, [unknown, number]>(),
      update: (b, args) => {
        const m = b as Map<ValueKey, [unknown, number]>;
        const k = valueKey(args[0]);
        const e = m.get(k);
        if (e) e[1]++;
        else m.set(k, [args[0], 1]);
        return m;
      },
      merge: (a, b) => {
        const x = a as Map<ValueKey, [unknown, number]>;
        for (const [k, [v, c]] of b as Map<ValueKey, [unknown, number]>) {
          const e = x.get(k);
          if (e) e[1] += c;
          else x.set(k, [v, c]);
        }
        return x;
      },
      finish: (b) => {
        let best: unknown = null;
        let bestCount = 0;
        for (const [v, c] of (b as Map<ValueKey, [unknown, number]>).values()) {
          if (c > bestCount || (c === bestCount && cmp(v, best) < 0)) {
            best = v;
            bestCount = c;
          }
        }
        return best;
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// percentile / median (exact, with linear interpolation between the closest ranks)

function toDoubleFor(e: Expr): (v: unknown) => number {
  const t = dataTypeOf(e);
  if (t.kind === 'decimal') return (v) => decimalToDouble(v as bigint, t.scale);
  if (t.kind === 'long') return (v) => Number(v as number | bigint);
  return (v) => v as number;
}

function percentageParams(
  name: string,
  args: readonly Expr[],
  index: number,
): { percentages: number[]; returnArray: boolean } {
  const e = args[index]!;
  const t = dataTypeOf(e);
  const v = foldConstant(e);
  if (v === NOT_FOLDABLE) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
      `Cannot resolve "${callSql(name, args)}" due to data type mismatch: the input percentage should be a foldable "DOUBLE" expression; however, got "${sqlTypeName(t)}".`,
    );
  }
  if (v === null) throw typeCheckFailure(name, args, 'Percentage value must not be null');
  const returnArray = Array.isArray(v);
  const percentages = (returnArray ? (v as unknown[]) : [v]).map(Number);
  const bad = percentages.find((p) => !(p >= 0 && p <= 1));
  if (bad !== undefined) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
      `Cannot resolve "${callSql(name, args)}" due to data type mismatch: The percentage must be between [0.0, 1.0], but got ${bad}.`,
    );
  }
  return { percentages, returnArray };
}

function percentileArgs(name: string, args: readonly Expr[]): Expr[] {
  const t = dataTypeOf(args[0]!);
  if (!isNumeric(t)) throw unexpectedInputType(name, args, 0, '"NUMERIC"');
  return [...args];
}

/** Buffer: Map<value, count> of doubles. */
function percentileAggregator(
  toDouble: (v: unknown) => number,
  percentages: number[],
  returnArray: boolean,
): Aggregator {
  return {
    init: () => new Map<number, number>(),
    update: (b, args) => {
      const m = b as Map<number, number>;
      const freq = args.length > 2 ? Number(args[2] as number | bigint) : 1;
      if (freq < 0) {
        throw new AnalysisException(
          'NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION',
          `Found the negative value in ${freq}.`,
        );
      }
      if (freq === 0) return m;
      const k = toDouble(args[0]);
      m.set(k, (m.get(k) ?? 0) + freq);
      return m;
    },
    merge: (a, b) => {
      const x = a as Map<number, number>;
      for (const [k, c] of b as Map<number, number>) x.set(k, (x.get(k) ?? 0) + c);
      return x;
    },
    finish: (b) => {
      const m = b as Map<number, number>;
      if (m.size === 0) return null;
      const keys = [...m.keys()].sort((x, y) => x - y || (Number.isNaN(x) ? 1 : Number.isNaN(y) ? -1 : 0));
      const acc: number[] = [];
      let total = 0;
      for (const k of keys) {
        total += m.get(k)!;
        acc.push(total);
      }
      const out = percentages.map((p) => percentileAt(keys, acc, (total - 1) * p));
      return returnArray ? out : out[0]!;
    },
  };
}

/** First index whose accumulated count is >= target. */
function searchCount(acc: number[], target: number): number {
  let lo = 0;
  let hi = acc.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (acc[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function percentileAt(keys: number[], acc: number[], position: number): number {
  const lower = Math.floor(position);
  const higher = Math.ceil(position);
  const lowerKey = keys[searchCount(acc, lower + 1)]!;
  if (higher === lower) return lowerKey;
  const higherKey = keys[searchCount(acc, higher + 1)]!;
  if (higherKey === lowerKey) return lowerKey;
  return (higher - position) * lowerKey + (position - lower) * higherKey;
}

export const percentile: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'percentile',
  minArgs: 2,
  maxArgs: 3,
  skipNulls: true,
  resolve: (args) => {
    const all = percentileArgs('percentile', args);
    const { percentages, returnArray } = percentageParams('percentile', all, 1);
    if (all.length === 2) all.push(literal(1, LongType));
    else if (!isIntegral(dataTypeOf(all[2]!))) throw unexpectedInputType('percentile', all, 2, '"INTEGRAL"');
    return {
      args: all,
      dataType: returnArray ? arrayType(DoubleType, false) : DoubleType,
      nullable: true,
      params: { percentages, returnArray },
    };
  },
  createAggregator: (call) =>
    percentileAggregator(
      toDoubleFor(call.args[0]!),
      call.params!.percentages as number[],
      call.params!.returnArray as boolean,
    ),
};

export const median: AggregateFunctionDef = {
  kind: 'aggregate',
  name: 'median',
  minArgs: 1,
  maxArgs: 1,
  skipNulls: true,
  resolve: (args) => ({ args: percentileArgs('median', args), dataType: DoubleType, nullable: true }),
  createAggregator: (call) => percentileAggregator(toDoubleFor(call.args[0]!), [0.5], false),
};

// ---------------------------------------------------------------------------------------------
// max_by / min_by: the value of `x` on the row with the largest / smallest `y` (later rows win ties)

function byDef(name: 'max_by' | 'min_by'): AggregateFunctionDef {
  const sign = name === 'max_by' ? 1 : -1;
  return {
    kind: 'aggregate',
    name,
    minArgs: 2,
    maxArgs: 2,
    skipNulls: false,
    resolve: (args) => {
      const ot = dataTypeOf(args[1]!);
      if (!isOrderable(ot)) {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
          `Cannot resolve "${callSql(name, args)}" due to data type mismatch: The \`${name}\` does not support ordering on type "${sqlTypeName(ot)}".`,
        );
      }
      return { args, dataType: dataTypeOf(args[0]!), nullable: true };
    },
    createAggregator: (call) => {
      const cmp = compileComparator(dataTypeOf(call.args[1]!));
      // Buffer: [has, x, y].
      const better = (y: unknown, cur: unknown) => cmp(y, cur) * sign >= 0;
      return {
        init: () => [false, null, null],
        update: (b, args) => {
          const s = b as [boolean, unknown, unknown];
          const y = args[1] ?? null;
          if (y === null) return s;
          if (!s[0] || better(y, s[2])) {
            s[0] = true;
            s[1] = args[0] ?? null;
            s[2] = y;
          }
          return s;
        },
        merge: (a, b) => {
          const x = a as [boolean, unknown, unknown];
          const y = b as [boolean, unknown, unknown];
          if (!y[0]) return x;
          if (!x[0]) return y;
          return better(y[2], x[2]) ? y : x;
        },
        finish: (b) => (b as [boolean, unknown, unknown])[1],
      };
    },
  };
}

export const maxBy = byDef('max_by');
export const minBy = byDef('min_by');

export const COLLECTING_AGGREGATES: readonly AggregateFunctionDef[] = [
  collectListDef,
  collectSetDef,
  mode,
  percentile,
  median,
  maxBy,
  minBy,
];
