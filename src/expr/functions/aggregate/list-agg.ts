/**
 * listagg / string_agg: the non-null values of a group concatenated with a delimiter (default
 * none), in input order or in the WITHIN GROUP (ORDER BY …) order. Strings give a string, binary
 * values a binary; other inputs are cast to string. An empty group gives NULL.
 *
 * The parser appends WITHIN GROUP's sort items as trailing `sortOrder` arguments; resolve turns
 * them into plain key arguments and records their directions in `params.order`.
 *
 * Invariant: the buffer is `{ d: delimiter, r: [value, ...keys][] }` (structured-clone safe; the
 * delimiter travels with it because a final merge never sees an input row).
 */

import { castIfNeeded } from '../../../types/coercion.js';
import { BinaryType, type DataType, StringType } from '../../../types/data-type.js';
import type { Expr } from '../../expression.js';
import { literal } from '../../expression.js';
import { dataTypeOf } from '../../expression-type.js';
import type { AggregateFunctionDef } from '../../function-registry.js';
import { comparatorFor } from '../../ordering.js';
import { foldConstant, NOT_FOLDABLE, unexpectedInputType } from './agg-utils.js';

interface ListBuffer {
  d: unknown;
  r: unknown[][];
}

interface OrderKey {
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

function listAggDef(name: string): AggregateFunctionDef {
  return {
    kind: 'aggregate',
    name,
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    prettyName: (args, call) => {
      const order = (call.params?.order ?? []) as readonly OrderKey[];
      const base = `${name}(${call.distinct ? 'DISTINCT ' : ''}${args[0]}, ${args[1]})`;
      if (order.length === 0) return base;
      const keys = order.map(
        (o, i) => `${args[i + 2]} ${o.ascending ? 'ASC' : 'DESC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`,
      );
      return `${base} WITHIN GROUP (ORDER BY ${keys.join(', ')})`;
    },
    resolve: (args) => {
      const sorts = args.filter((a) => a.kind === 'sortOrder');
      const plain = args.filter((a) => a.kind !== 'sortOrder');
      if (plain.length > 2) throw unexpectedInputType(name, args, 2, '"STRING" or "BINARY"');
      const t: DataType = dataTypeOf(plain[0]!).kind === 'binary' ? BinaryType : StringType;
      const value = castIfNeeded(plain[0]!, t);
      const delimiterArg = plain[1] ?? literal(null, t);
      if (foldConstant(delimiterArg) === NOT_FOLDABLE) {
        throw unexpectedInputType(name, plain, 1, 'foldable "STRING" or "BINARY"');
      }
      const delimiter = castIfNeeded(delimiterArg, t);
      const keys = sorts.map((s) => (s as Extract<Expr, { kind: 'sortOrder' }>).child);
      const order: OrderKey[] = sorts.map((s) => {
        const o = s as Extract<Expr, { kind: 'sortOrder' }>;
        return { ascending: o.ascending, nullsFirst: o.nullsFirst };
      });
      return {
        args: [value, delimiter, ...keys],
        dataType: t,
        nullable: true,
        params: { order },
      };
    },
    createAggregator: (call) => {
      const order = (call.params?.order ?? []) as readonly OrderKey[];
      const keyCmps = call.args.slice(2).map((k) => comparatorFor(dataTypeOf(k)));
      const binary = call.dataType.kind === 'binary';
      const compare = (a: unknown[], b: unknown[]) => {
        for (let i = 0; i < order.length; i++) {
          const x = a[i + 1];
          const y = b[i + 1];
          const o = order[i]!;
          if (x === null || y === null) {
            if (x === y) continue;
            return (x === null) === o.nullsFirst ? -1 : 1;
          }
          const c = keyCmps[i]!(x, y);
          if (c !== 0) return o.ascending ? c : -c;
        }
        return 0;
      };
      return {
        init: (): ListBuffer => ({ d: null, r: [] }),
        update: (b, args) => {
          const buf = b as ListBuffer;
          buf.d = args[1] ?? null;
          if (args[0] !== null) buf.r.push([args[0], ...args.slice(2)]);
          return buf;
        },
        merge: (a, b) => {
          const x = a as ListBuffer;
          const y = b as ListBuffer;
          if (x.d === null) x.d = y.d;
          for (const r of y.r) x.r.push(r);
          return x;
        },
        finish: (b) => {
          const delimiter = (b as ListBuffer).d;
          const rows = (b as ListBuffer).r.slice();
          if (rows.length === 0) return null;
          if (order.length) rows.sort(compare);
          const values = rows.map((r) => r[0]);
          if (!binary) return values.join((delimiter as string | null) ?? '');
          const sep = (delimiter as Uint8Array | null) ?? new Uint8Array(0);
          const parts: Uint8Array[] = [];
          values.forEach((v, i) => {
            if (i > 0) parts.push(sep);
            parts.push(v as Uint8Array);
          });
          return new Uint8Array(Buffer.concat(parts));
        },
      };
    },
  };
}

export const LIST_AGGREGATES: readonly AggregateFunctionDef[] = [
  listAggDef('listagg'),
  listAggDef('string_agg'),
];
