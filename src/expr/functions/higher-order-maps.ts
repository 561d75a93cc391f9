/**
 * Higher-order functions over maps: map_filter, transform_keys, transform_values. Lambdas get
 * (key, value); transform_keys rebuilds the map with Spark's key rules (no null keys,
 * duplicates per spark.sql.mapKeyDedupPolicy).
 */
import { BooleanType, type MapType, mapType } from '../../types/data-type.js';
import type { Expr, LambdaFunction } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import { registerFunctions } from '../function-registry.js';
import { compileMapPut, invalidOrderingType, isOrderable } from './collection-common.js';
import {
  bindLambda,
  byArity,
  type HigherOrderDef,
  lambdaAt,
  mapArg,
  type ParamType,
  requireBodyType,
} from './higher-order-lambda.js';

function mapEntryParams(args: readonly (Expr | undefined)[], arity: number): ParamType[] {
  const t = mapArg(args, 0);
  return byArity(arity, [
    { dataType: t.keyType, nullable: false },
    { dataType: t.valueType, nullable: t.valueContainsNull },
  ]);
}

const mapFilter: HigherOrderDef = {
  kind: 'scalar',
  name: 'map_filter',
  minArgs: 2,
  maxArgs: 2,
  lambdaParams: (args, _i, arity) => mapEntryParams(args, arity),
  resolve: (args) => {
    requireBodyType(args, 1, BooleanType);
    return { args, dataType: dataTypeOf(args[0]!), nullable: nullableOf(args[0]!) };
  },
  compile: (call, [fm, fl]) => {
    const f = bindLambda(call.args[1] as LambdaFunction, fl!);
    return (row) => {
      const m = fm!(row) as Map<unknown, unknown> | null;
      if (m === null) return null;
      const out = new Map<unknown, unknown>();
      for (const [k, v] of m) if (f(row, k, v) === true) out.set(k, v);
      return out;
    };
  },
};

const transformKeys: HigherOrderDef = {
  kind: 'scalar',
  name: 'transform_keys',
  minArgs: 2,
  maxArgs: 2,
  lambdaParams: (args, _i, arity) => mapEntryParams(args, arity),
  resolve: (args) => {
    const t = dataTypeOf(args[0]!) as MapType;
    const kt = dataTypeOf(lambdaAt(args, 1).body);
    if (!isOrderable(kt)) throw invalidOrderingType('transform_keys', kt);
    return { args, dataType: mapType(kt, t.valueType, t.valueContainsNull), nullable: nullableOf(args[0]!) };
  },
  compile: (call, [fm, fl], ctx) => {
    const f = bindLambda(call.args[1] as LambdaFunction, fl!);
    const put = compileMapPut((call.dataType as MapType).keyType, ctx);
    return (row) => {
      const m = fm!(row) as Map<unknown, unknown> | null;
      if (m === null) return null;
      const out = new Map<unknown, unknown>();
      for (const [k, v] of m) put(out, f(row, k, v), v);
      return out;
    };
  },
};

const transformValues: HigherOrderDef = {
  kind: 'scalar',
  name: 'transform_values',
  minArgs: 2,
  maxArgs: 2,
  lambdaParams: (args, _i, arity) => mapEntryParams(args, arity),
  resolve: (args) => {
    const t = dataTypeOf(args[0]!) as MapType;
    const body = lambdaAt(args, 1).body;
    return {
      args,
      dataType: mapType(t.keyType, dataTypeOf(body), nullableOf(body)),
      nullable: nullableOf(args[0]!),
    };
  },
  compile: (call, [fm, fl]) => {
    const f = bindLambda(call.args[1] as LambdaFunction, fl!);
    return (row) => {
      const m = fm!(row) as Map<unknown, unknown> | null;
      if (m === null) return null;
      const out = new Map<unknown, unknown>();
      for (const [k, v] of m) out.set(k, f(row, k, v));
      return out;
    };
  },
};

registerFunctions([mapFilter, transformKeys, transformValues]);
