/**
 * The window function family: ranking (row_number, rank, dense_rank, percent_rank, cume_dist,
 * ntile), offset (lag, lead) and nth_value. Aggregates work as window functions through their
 * Aggregator; this file only holds functions that exist as window functions alone.
 *
 * Invariants: `evaluatePartition` receives one partition's rows sorted by the window's ORDER BY
 * and returns one value per row, in that order. nth_value follows Spark's default frame (RANGE
 * UNBOUNDED PRECEDING .. CURRENT ROW with ORDER BY, the whole partition without): its result for a
 * row looks only at rows up to the row's last peer. Constant arguments (offsets, bucket counts)
 * are folded into `params` at analysis.
 */

import { castIfNeeded } from '../../types/coercion.js';
import { DoubleType, IntegerType, isIntegral, NullType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr, Row } from '../expression.js';
import { literal } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { WindowFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { callSql, foldConstant, NOT_FOLDABLE, unexpectedInputType } from './aggregate/agg-utils.js';

type Peers = (i: number, j: number) => boolean;

function ranking(
  name: string,
  compute: (n: number, peers: Peers) => unknown[],
  opts: { double?: boolean; prettyName?: string } = {},
): WindowFunctionDef {
  return {
    kind: 'window',
    name,
    minArgs: 0,
    maxArgs: 0,
    ...(opts.prettyName ? { prettyName: () => opts.prettyName! } : {}),
    resolve: (args) => ({ args, dataType: opts.double ? DoubleType : IntegerType, nullable: false }),
    evaluatePartition: (rows, _args, peers) => compute(rows.length, peers),
  };
}

/** Rank of each row: 1 + the number of rows before its first peer. */
function ranks(n: number, peers: Peers): number[] {
  const out = new Array<number>(n);
  let rank = 1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && !peers(i - 1, i)) rank = i + 1;
    out[i] = rank;
  }
  return out;
}

export const rowNumber = ranking('row_number', (n) => Array.from({ length: n }, (_, i) => i + 1));
export const rank = ranking('rank', ranks, { prettyName: 'RANK()' });
export const denseRank = ranking(
  'dense_rank',
  (n, peers) => {
    const out = new Array<number>(n);
    let r = 1;
    for (let i = 0; i < n; i++) {
      if (i > 0 && !peers(i - 1, i)) r++;
      out[i] = r;
    }
    return out;
  },
  { prettyName: 'DENSE_RANK()' },
);
export const percentRank = ranking(
  'percent_rank',
  (n, peers) => ranks(n, peers).map((r) => (n <= 1 ? 0.0 : (r - 1) / (n - 1))),
  { double: true, prettyName: 'PERCENT_RANK()' },
);
export const cumeDist = ranking(
  'cume_dist',
  (n, peers) => {
    const out = new Array<number>(n);
    let i = 0;
    while (i < n) {
      let j = i;
      while (j + 1 < n && peers(i, j + 1)) j++;
      for (let k = i; k <= j; k++) out[k] = (j + 1) / n;
      i = j + 1;
    }
    return out;
  },
  { double: true },
);

function foldedInt(name: string, args: readonly Expr[], index: number, what: string): number {
  const e = args[index]!;
  if (!isIntegral(dataTypeOf(e))) throw unexpectedInputType(name, args, index, '"INT"');
  const v = foldConstant(e);
  if (v === NOT_FOLDABLE || typeof v !== 'number') {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
      `Cannot resolve "${callSql(name, args)}" due to data type mismatch: the input ${what} should be a foldable "INT" expression; however, got "${callSql(name, [e]).slice(name.length + 1, -1)}".`,
    );
  }
  return v;
}

export const ntile: WindowFunctionDef = {
  kind: 'window',
  name: 'ntile',
  minArgs: 0,
  maxArgs: 1,
  resolve: (args) => {
    const all = args.length === 0 ? [literal(1, IntegerType)] : [...args];
    const buckets = foldedInt('ntile', all, 0, 'buckets');
    if (buckets <= 0) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
        `Cannot resolve "${callSql('ntile', all)}" due to data type mismatch: The buckets must be greater than 0, but got ${buckets}.`,
      );
    }
    return { args: all, dataType: IntegerType, nullable: false, params: { buckets } };
  },
  evaluatePartition: (rows, _args, _peers, call) => {
    const n = rows.length;
    const buckets = call.params!.buckets as number;
    const size = Math.floor(n / buckets);
    const rem = n % buckets;
    const big = rem * (size + 1);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      out[i] = i < big ? Math.floor(i / (size + 1)) + 1 : rem + Math.floor((i - big) / size) + 1;
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// lag / lead

function offsetFunction(name: 'lag' | 'lead'): WindowFunctionDef {
  const direction = name === 'lag' ? -1 : 1;
  return {
    kind: 'window',
    name,
    minArgs: 1,
    // A fourth boolean argument is Scala's `lag(e, offset, default, ignoreNulls)`; SQL spells it IGNORE NULLS.
    maxArgs: 4,
    resolve: (args) => {
      const t = dataTypeOf(args[0]!);
      let ignoreNulls = false;
      if (args.length === 4) {
        const v = foldConstant(args[3]!);
        if (typeof v !== 'boolean') throw unexpectedInputType(name, args, 3, '"BOOLEAN"');
        ignoreNulls = v;
      }
      const offsetExpr = args[1] ?? literal(1, IntegerType);
      const offset = foldedInt(name, [args[0]!, offsetExpr], 1, 'offset');
      const dflt = castIfNeeded(args[2] ?? literal(null, NullType), t);
      return {
        args: [args[0]!, offsetExpr, dflt],
        dataType: t,
        // rows without a row at the offset get the default; ignoring nulls may skip to it too
        nullable: nullableOf(args[0]!) || nullableOf(dflt),
        params: ignoreNulls ? { offset, ignoreNulls } : { offset },
      };
    },
    evaluatePartition: (rows, args, _peers, call) => {
      const n = rows.length;
      const step = direction * (call.params!.offset as number);
      const input = args[0]!;
      const dflt = args[2];
      const fallback = (r: Row) => (dflt ? dflt(r) : null);
      const out = new Array<unknown>(n);
      if (call.params?.ignoreNulls === true && step !== 0) {
        const values = rows.map((r) => input(r));
        // Positions of non-null values; `below` counts those before row i.
        const present: number[] = [];
        for (let j = 0; j < n; j++) if (values[j] !== null) present.push(j);
        let below = 0;
        for (let i = 0; i < n; i++) {
          while (below < present.length && present[below]! < i) below++;
          const self = below < present.length && present[below] === i ? 1 : 0;
          const target = step < 0 ? below + step : below + self + step - 1;
          out[i] = target >= 0 && target < present.length ? values[present[target]!] : fallback(rows[i]!);
        }
        return out;
      }
      for (let i = 0; i < n; i++) {
        const j = i + step;
        out[i] = j >= 0 && j < n ? input(rows[j]!) : fallback(rows[i]!);
      }
      return out;
    },
  };
}

export const lag = offsetFunction('lag');
export const lead = offsetFunction('lead');

// ---------------------------------------------------------------------------------------------
// nth_value

export const nthValue: WindowFunctionDef = {
  kind: 'window',
  name: 'nth_value',
  minArgs: 2,
  maxArgs: 3,
  prettyName: (args, call) =>
    `nth_value(${args[0]}, ${args[1]})${call.params?.ignoreNulls === true ? ' ignore nulls' : ''}`,
  resolve: (args) => {
    const offset = foldedInt('nth_value', args, 1, 'offset');
    if (offset <= 0) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
        `Cannot resolve "${callSql('nth_value', args)}" due to data type mismatch: The offset must be greater than 0, but got ${offset}.`,
      );
    }
    let ignoreNulls = false;
    if (args.length === 3) {
      const v = foldConstant(args[2]!);
      if (typeof v !== 'boolean') throw unexpectedInputType('nth_value', args, 2, '"BOOLEAN"');
      ignoreNulls = v;
    }
    return {
      args: [args[0]!, args[1]!],
      dataType: dataTypeOf(args[0]!),
      nullable: true,
      params: ignoreNulls ? { offset, ignoreNulls } : { offset },
    };
  },
  evaluatePartition: (rows, args, peers, call) => {
    const n = rows.length;
    const offset = call.params!.offset as number;
    const ignoreNulls = call.params?.ignoreNulls === true;
    const input = args[0]!;
    const values = rows.map((r) => input(r));
    const out = new Array<unknown>(n);
    // The answer for a frame ending at `end` is the offset-th (non-null) value in rows[0..end].
    let seen = 0;
    let answer: unknown = null;
    let scanned = 0;
    let i = 0;
    while (i < n) {
      let end = i;
      while (end + 1 < n && peers(i, end + 1)) end++;
      for (; scanned <= end; scanned++) {
        const v = values[scanned];
        if (ignoreNulls && v === null) continue;
        if (++seen === offset) answer = v;
      }
      for (let k = i; k <= end; k++) out[k] = answer;
      i = end + 1;
    }
    return out;
  },
};

export const WINDOW_FUNCTIONS: readonly WindowFunctionDef[] = [
  rowNumber,
  rank,
  denseRank,
  percentRank,
  cumeDist,
  ntile,
  lag,
  lead,
  nthValue,
];

registerFunctions(WINDOW_FUNCTIONS);
