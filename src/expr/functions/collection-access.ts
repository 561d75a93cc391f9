/**
 * Access by position or key: size/cardinality, element_at/try_element_at (1-based arrays, map
 * keys), get (0-based), map_contains_key.
 *
 * Invariants: size(null) is -1 in legacy mode (`spark.sql.legacy.sizeOfNull`, off under ANSI),
 * else null; element_at(…, 0) is INVALID_INDEX_OF_ZERO; an out-of-range index gives null unless
 * ANSI mode makes element_at fail; map lookups use Spark's key equality (NaN, -0.0).
 */

import { castIfNeeded, tightestCommonType } from '../../types/coercion.js';
import {
  BooleanType,
  type DataType,
  IntegerType,
  type MapType,
  mapType,
  sqlTypeName,
} from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { compileMapGet, intIndexArg, requireArray, requiresType } from './collection-common.js';
import { coerceArg } from './input-coercion.js';
import { nullSafe2 } from './null-safe.js';
import { anyNullable, renamed } from './strict-function.js';

const ARRAY_OR_MAP = '("ARRAY" or "MAP")';

const size: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'size',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args, ctx) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'null') throw requiresType(0, ARRAY_OR_MAP, a);
    const legacy = ctx.conf.getBoolean('spark.sql.legacy.sizeOfNull', true) && !ctx.ansi;
    return { args, dataType: IntegerType, nullable: legacy ? false : nullableOf(a), params: { legacy } };
  },
  compile: (call, [f]) => {
    const onNull = call.params!.legacy ? -1 : null;
    return (row) => {
      const v = f!(row) as unknown[] | Map<unknown, unknown> | null;
      if (v === null) return onNull;
      return Array.isArray(v) ? v.length : v.size;
    };
  },
};

/** array_size(a): the element count, NULL for a NULL array (whatever sizeOfNull says). */
const arraySize: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_size',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind !== 'array' && t.kind !== 'null') throw requiresType(0, '"ARRAY"', a);
    return { args, dataType: IntegerType, nullable: nullableOf(a) };
  },
  compile:
    (_call, [f]) =>
    (row) => {
      const v = f!(row) as unknown[] | null;
      return v === null ? null : v.length;
    },
};

function mapFunctionDiffTypes(fn: string, m: DataType, k: DataType): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES',
    `Cannot resolve "x" due to data type mismatch: Input to \`${fn}\` should have been "MAP" followed by a value with same key type, but it's ["${sqlTypeName(m)}", "${sqlTypeName(k)}"].`,
  );
}

/** A literal array constructor's element count when `e` is `array(...)` with non-null elements. */
function literalArrayLength(e: Expr): number | undefined {
  if (e.kind !== 'fn' || e.name !== 'array') return undefined;
  return e.args.every((a) => !nullableOf(a)) ? e.args.length : undefined;
}

function elementAtDef(name: string, tolerant: boolean): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve: (args, ctx) => {
      const [c, k] = args as [Expr, Expr];
      const t = dataTypeOf(c);
      if (t.kind === 'array') {
        const idx = intIndexArg(k, 1);
        const n = literalArrayLength(c);
        const i = idx.kind === 'literal' ? (idx.value as number | null) : undefined;
        const inRange = n !== undefined && typeof i === 'number' && i !== 0 && Math.abs(i) <= n;
        return {
          args: [c, idx],
          dataType: t.elementType,
          nullable: !inRange,
          params: { ansi: ctx.ansi && !tolerant },
        };
      }
      if (t.kind === 'map') {
        const kt = tightestCommonType(t.keyType, dataTypeOf(k));
        if (!kt) throw mapFunctionDiffTypes(name, t, dataTypeOf(k));
        const mt = mapType(kt, t.valueType, t.valueContainsNull);
        return { args: [castIfNeeded(c, mt), castIfNeeded(k, kt)], dataType: t.valueType, nullable: true };
      }
      throw requiresType(0, ARRAY_OR_MAP, c);
    },
    compile: (call, [fc, fk]) => {
      const t = dataTypeOf(call.args[0]!);
      if (t.kind === 'map') {
        const get = compileMapGet(t.keyType);
        return nullSafe2(fc!, fk!, (m: Map<unknown, unknown>, key: unknown) => {
          const v = get(m, key);
          return v === undefined ? null : v;
        });
      }
      const ansi = call.params!.ansi as boolean;
      return nullSafe2(fc!, fk!, (a: unknown[], i: number) => {
        if (i === 0) {
          throw new SparkRuntimeError(
            'INVALID_INDEX_OF_ZERO',
            'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).',
          );
        }
        const n = a.length;
        if (i > n || -i > n) {
          if (ansi) {
            throw new SparkRuntimeError(
              'INVALID_ARRAY_INDEX_IN_ELEMENT_AT',
              `The index ${i} is out of bounds. The array has ${n} elements. Use \`try_element_at\` to tolerate accessing element at invalid index and return NULL instead.`,
            );
          }
          return null;
        }
        return a[i > 0 ? i - 1 : n + i] ?? null;
      });
    },
  };
}

const get: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'get',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const t = requireArray(args[0]!, 0);
    return { args: [args[0]!, coerceArg(args[1]!, IntegerType, 1)], dataType: t.elementType, nullable: true };
  },
  compile: (_call, [fa, fi]) =>
    nullSafe2(fa!, fi!, (a: unknown[], i: number) => (i < 0 || i >= a.length ? null : (a[i] ?? null))),
};

const mapContainsKey: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map_contains_key',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const [m, k] = args as [Expr, Expr];
    const t = dataTypeOf(m);
    if (t.kind !== 'map') throw mapFunctionDiffTypes('map_contains_key', t, dataTypeOf(k));
    const kt = tightestCommonType(t.keyType, dataTypeOf(k));
    if (!kt) throw mapFunctionDiffTypes('map_contains_key', t, dataTypeOf(k));
    const mt: MapType = mapType(kt, t.valueType, t.valueContainsNull);
    return {
      args: [castIfNeeded(m, mt), castIfNeeded(k, kt)],
      dataType: BooleanType,
      nullable: anyNullable(args),
    };
  },
  compile: (call, [fm, fk]) => {
    const getter = compileMapGet((dataTypeOf(call.args[0]!) as MapType).keyType);
    return nullSafe2(fm!, fk!, (m: Map<unknown, unknown>, k: unknown) => getter(m, k) !== undefined);
  },
};

registerFunctions([
  size,
  renamed(size, 'cardinality'),
  arraySize,
  elementAtDef('element_at', false),
  elementAtDef('try_element_at', true),
  get,
  mapContainsKey,
]);
