/**
 * Sorting and set operations on arrays: sort_array, array_distinct, array_union,
 * array_intersect, array_except; and the map accessors map_keys, map_values, map_entries,
 * map_concat. (array_sort, which takes a comparator lambda, is in higher-order.ts.)
 *
 * Invariants: set operations keep the first occurrence of each element in input order and treat
 * null as one value; NaN equals NaN and -0.0 equals 0.0; sort_array sorts nulls first when
 * ascending and last when descending, NaN above every number.
 */

import { castIfNeeded, tightestCommonType, widerTypeOfAll } from '../../types/coercion.js';
import {
  type ArrayType,
  arrayType,
  BooleanType,
  type DataType,
  type MapType,
  mapType,
  StringType,
  sqlTypeName,
  structField,
  structType,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { type Expr, literal } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { comparatorFor, groupKeyOf } from '../ordering.js';
import { prettyName } from '../pretty-name.js';
import {
  binaryArrayDiffTypes,
  compileMapPut,
  evaluateConstant,
  invalidOrderingType,
  isOrderable,
  isPrimitiveKeyType,
  normalizeKey,
  requiresType,
} from './collection-common.js';
import { isFoldable, nullSafe1, nullSafe2 } from './null-safe.js';
import { anyNullable } from './strict-function.js';

/** A function giving equal keys for equal elements of type `t` (for JS Sets). */
export function elementKeyFn(t: DataType): (v: unknown) => unknown {
  if (isPrimitiveKeyType(t)) return normalizeKey;
  return (v) => groupKeyOf(v, t);
}

/** Spark's ordering for sort_array: nulls first ascending, last descending. */
export function sortArrayComparator(
  elementType: DataType,
  ascending: boolean,
): (a: unknown, b: unknown) => number {
  const cmp = comparatorFor(elementType);
  return ascending
    ? (a, b) => (a === null ? (b === null ? 0 : -1) : b === null ? 1 : cmp(a, b))
    : (a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : cmp(b, a));
}

const sortArray: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'sort_array',
  minArgs: 1,
  maxArgs: 2,
  resolve: (args, ctx) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind !== 'array') throw requiresType(0, '"ARRAY"', a);
    if (!isOrderable(t.elementType)) throw invalidOrderingType('sort_array', t);
    const asc = args[1] ?? literal(true, BooleanType);
    const at = dataTypeOf(asc);
    if (!isFoldable(asc) || (at.kind !== 'boolean' && at.kind !== 'null')) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
        `Cannot resolve "x" due to data type mismatch: the input \`ascendingOrder\` should be a foldable "BOOLEAN" expression; however, got "${prettyName(asc)}".`,
      );
    }
    const ascValue = evaluateConstant(asc, ctx);
    return {
      args: [a, asc],
      dataType: t,
      nullable: nullableOf(a) || ascValue === null,
      params: { ascending: ascValue },
    };
  },
  compile: (call, [f]) => {
    const asc = call.params!.ascending as boolean | null;
    if (asc === null) return () => null;
    const cmp = sortArrayComparator((dataTypeOf(call.args[0]!) as ArrayType).elementType, asc);
    return nullSafe1(f!, (a: unknown[]) => [...a].sort(cmp));
  },
};

const arrayDistinct: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_distinct',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind !== 'array') throw requiresType(0, '"ARRAY"', a);
    if (!isOrderable(t.elementType)) throw invalidOrderingType('array_distinct', t.elementType);
    return { args, dataType: t, nullable: nullableOf(a) };
  },
  compile: (call, [f]) => {
    const key = elementKeyFn((dataTypeOf(call.args[0]!) as ArrayType).elementType);
    return nullSafe1(f!, (a: unknown[]) => {
      const seen = new Set<unknown>();
      const out: unknown[] = [];
      for (const x of a) {
        const k = x === null ? null : key(x);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(x);
      }
      return out;
    });
  },
};

type SetOp = 'union' | 'intersect' | 'except';

function setOperation(op: SetOp): ScalarFunctionDef {
  const name = `array_${op}`;
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve: (args) => {
      const [a, b] = args as [Expr, Expr];
      const at = dataTypeOf(a);
      const bt = dataTypeOf(b);
      if (at.kind !== 'array' || bt.kind !== 'array') throw binaryArrayDiffTypes(name, at, bt);
      const el = tightestCommonType(at.elementType, bt.elementType);
      if (!el) throw binaryArrayDiffTypes(name, at, bt);
      if (!isOrderable(el)) throw invalidOrderingType(name, el);
      const containsNull =
        op === 'union'
          ? at.containsNull || bt.containsNull
          : op === 'intersect'
            ? at.containsNull && bt.containsNull
            : at.containsNull;
      return {
        args: [
          castIfNeeded(a, arrayType(el, at.containsNull)),
          castIfNeeded(b, arrayType(el, bt.containsNull)),
        ],
        dataType: arrayType(el, containsNull),
        nullable: anyNullable(args),
      };
    },
    compile: (call, [fa, fb]) => {
      const key = elementKeyFn((call.dataType as ArrayType).elementType);
      const k = (x: unknown) => (x === null ? null : key(x));
      return nullSafe2(fa!, fb!, (a: unknown[], b: unknown[]) => {
        const seen = new Set<unknown>();
        const out: unknown[] = [];
        const add = (x: unknown) => {
          const kx = k(x);
          if (!seen.has(kx)) {
            seen.add(kx);
            out.push(x);
          }
        };
        if (op === 'union') {
          for (const x of a) add(x);
          for (const x of b) add(x);
          return out;
        }
        const other = new Set<unknown>(b.map(k));
        for (const x of a) if (other.has(k(x)) === (op === 'intersect')) add(x);
        return out;
      });
    },
  };
}

function requireMap(a: Expr): MapType {
  const t = dataTypeOf(a);
  if (t.kind !== 'map') throw requiresType(0, '"MAP"', a);
  return t;
}

const mapKeys: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map_keys',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({
    args,
    // Spark 4 types map_keys as array<key> with containsNull = true (keys are never null)
    dataType: arrayType(requireMap(args[0]!).keyType, true),
    nullable: nullableOf(args[0]!),
  }),
  compile: (_call, [f]) => nullSafe1(f!, (m: Map<unknown, unknown>) => [...m.keys()]),
};

const mapValues: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map_values',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const t = requireMap(args[0]!);
    return { args, dataType: arrayType(t.valueType, t.valueContainsNull), nullable: nullableOf(args[0]!) };
  },
  compile: (_call, [f]) => nullSafe1(f!, (m: Map<unknown, unknown>) => [...m.values()]),
};

const mapEntries: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map_entries',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const t = requireMap(args[0]!);
    const entry = structType([
      structField('key', t.keyType, false),
      structField('value', t.valueType, t.valueContainsNull),
    ]);
    return { args, dataType: arrayType(entry, false), nullable: nullableOf(args[0]!) };
  },
  compile: (_call, [f]) => nullSafe1(f!, (m: Map<unknown, unknown>) => [...m].map(([k, v]) => [k, v])),
};

const mapConcat: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map_concat',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const types = args.map(dataTypeOf);
    const diff = () =>
      new AnalysisException(
        'DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES',
        `Cannot resolve "x" due to data type mismatch: The \`map_concat\` should all be of type map, but it's [${types.map((t) => `"${sqlTypeName(t)}"`).join(', ')}].`,
      );
    if (args.length === 0) return { args, dataType: mapType(StringType, StringType, false), nullable: false };
    if (types.some((t) => t.kind !== 'map')) throw diff();
    const t = widerTypeOfAll(types, false) as MapType | undefined;
    if (!t) throw diff();
    return { args: args.map((a) => castIfNeeded(a, t)), dataType: t, nullable: anyNullable(args) };
  },
  compile: (call, args, ctx) => {
    if (args.length === 0) return () => new Map();
    const put = compileMapPut((call.dataType as MapType).keyType, ctx);
    return (row) => {
      const out = new Map<unknown, unknown>();
      for (const f of args) {
        const m = f(row) as Map<unknown, unknown> | null;
        if (m === null) return null;
        for (const [k, v] of m) put(out, k, v);
      }
      return out;
    };
  },
};

/**
 * arrays_overlap(a, b): true when the arrays share a non-null element; otherwise NULL when both
 * are non-empty and either holds a null, else false.
 */
const arraysOverlap: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'arrays_overlap',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const [a, b] = args as [Expr, Expr];
    const at = dataTypeOf(a);
    const bt = dataTypeOf(b);
    if (at.kind !== 'array' || bt.kind !== 'array') throw binaryArrayDiffTypes('arrays_overlap', at, bt);
    const el = tightestCommonType(at.elementType, bt.elementType);
    if (!el) throw binaryArrayDiffTypes('arrays_overlap', at, bt);
    return {
      args: [
        castIfNeeded(a, arrayType(el, at.containsNull)),
        castIfNeeded(b, arrayType(el, bt.containsNull)),
      ],
      dataType: BooleanType,
      nullable: anyNullable(args) || at.containsNull || bt.containsNull,
    };
  },
  compile: (call, [fa, fb]) => {
    const key = elementKeyFn((dataTypeOf(call.args[0]!) as ArrayType).elementType);
    return nullSafe2(fa!, fb!, (a: unknown[], b: unknown[]) => {
      const seen = new Set<unknown>();
      let sawNull = false;
      for (const v of a) {
        if (v === null) sawNull = true;
        else seen.add(key(v));
      }
      for (const v of b) {
        if (v === null) sawNull = true;
        else if (seen.has(key(v))) return true;
      }
      return sawNull && a.length > 0 && b.length > 0 ? null : false;
    });
  },
};

registerFunctions([
  arraysOverlap,
  sortArray,
  arrayDistinct,
  setOperation('union'),
  setOperation('intersect'),
  setOperation('except'),
  mapKeys,
  mapValues,
  mapEntries,
  mapConcat,
]);
