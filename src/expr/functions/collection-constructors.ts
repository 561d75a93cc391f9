/**
 * Constructors of complex values: array(...), struct(...), named_struct(...), map(...),
 * map_from_arrays, map_from_entries.
 *
 * Invariants: element/key/value types are the wider common type of the arguments (Spark's
 * findWiderCommonType, string promotion included), reached with implicit casts; struct field
 * names come from the arguments' names (`struct(a, b)` → a, b; `struct(x + 1)` → col1);
 * maps reject null keys and duplicate keys (spark.sql.mapKeyDedupPolicy).
 */

import { castIfNeeded, widerTypeOfAll } from '../../types/coercion.js';
import {
  arrayType,
  type DataType,
  mapType,
  NullType,
  type StructField,
  sqlTypeName,
  structField,
  structType,
} from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { prettyName } from '../pretty-name.js';
import { compileMapPut, dataDiffTypes, isOrderable, requiresType } from './collection-common.js';
import { anyNullable } from './strict-function.js';

/** The wider common type of `types`, or Spark's DATA_DIFF_TYPES error. */
function commonType(fn: string, types: readonly DataType[]): DataType {
  if (types.length === 0) return NullType;
  const t = widerTypeOfAll(types);
  if (!t) throw dataDiffTypes(fn, types);
  return t;
}

const array: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const el = commonType('array', args.map(dataTypeOf));
    return {
      args: args.map((a) => castIfNeeded(a, el)),
      dataType: arrayType(el, anyNullable(args)),
      nullable: false,
    };
  },
  compile: (_call, args) => {
    const n = args.length;
    if (n === 1) {
      const f = args[0]!;
      return (row) => [f(row)];
    }
    if (n === 2) {
      const [f, g] = args as [Evaluator, Evaluator];
      return (row) => [f(row), g(row)];
    }
    return (row) => {
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = args[i]!(row);
      return out;
    };
  },
};

/** The name Spark gives a struct field built from an expression (`CreateStruct`). */
export function fieldNameOf(e: Expr, index: number): string {
  switch (e.kind) {
    case 'attributeReference':
    case 'alias':
    case 'getStructField':
    case 'lambdaVariable':
      return e.name;
    default:
      return `col${index + 1}`;
  }
}

function structOf(args: readonly Expr[], names: readonly string[]): DataType {
  return structType(args.map((a, i): StructField => structField(names[i]!, dataTypeOf(a), nullableOf(a))));
}

function compileRow(args: readonly Evaluator[]): Evaluator {
  const n = args.length;
  return (row) => {
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = args[i]!(row);
    return out;
  };
}

const struct: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'struct',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const names = args.map(fieldNameOf);
    return { args, dataType: structOf(args, names), nullable: false };
  },
  compile: (_call, args) => compileRow(args),
};

const namedStruct: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'named_struct',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    if (args.length % 2 !== 0) {
      throw new AnalysisException(
        'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
        `The \`named_struct\` requires 2n (n > 0) parameters but the actual number is ${args.length}.`,
      );
    }
    const names: string[] = [];
    const values: Expr[] = [];
    const bad: string[] = [];
    for (let i = 0; i < args.length; i += 2) {
      const n = args[i]!;
      if (n.kind === 'literal' && typeof n.value === 'string') names.push(n.value);
      else bad.push(`"${prettyName(n)}"`);
      values.push(args[i + 1]!);
    }
    if (bad.length > 0) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING',
        `Cannot resolve "x" due to data type mismatch: Only foldable \`STRING\` expressions are allowed to appear at odd position, but they are [${bad.join(', ')}].`,
      );
    }
    return { args, dataType: structOf(values, names), nullable: false };
  },
  compile: (_call, args) => compileRow(args.filter((_, i) => i % 2 === 1)),
};

function checkMapKeyType(t: DataType): void {
  if (!isOrderable(t)) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE',
      `Cannot resolve "x" due to data type mismatch: The input key of map ${sqlTypeName(t)} cannot be/contain "MAP".`,
    );
  }
}

const map: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    if (args.length % 2 !== 0) {
      throw new AnalysisException(
        'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
        `The \`map\` requires 2n (n > 0) parameters but the actual number is ${args.length}.`,
      );
    }
    const keys = args.filter((_, i) => i % 2 === 0);
    const values = args.filter((_, i) => i % 2 === 1);
    const kt = commonType('map', keys.map(dataTypeOf));
    const vt = commonType('map', values.map(dataTypeOf));
    checkMapKeyType(kt);
    return {
      args: args.map((a, i) => castIfNeeded(a, i % 2 === 0 ? kt : vt)),
      dataType: mapType(kt, vt, anyNullable(values)),
      nullable: false,
    };
  },
  compile: (call, args, ctx) => {
    const t = call.dataType as ReturnType<typeof mapType>;
    const put = compileMapPut(t.keyType, ctx);
    const n = args.length;
    return (row) => {
      const m = new Map<unknown, unknown>();
      for (let i = 0; i < n; i += 2) put(m, args[i]!(row), args[i + 1]!(row));
      return m;
    };
  },
};

const mapFromArrays: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map_from_arrays',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const [k, v] = args as [Expr, Expr];
    const kt = dataTypeOf(k);
    const vt = dataTypeOf(v);
    if (kt.kind !== 'array') throw requiresType(0, '"ARRAY"', k);
    if (vt.kind !== 'array') throw requiresType(1, '"ARRAY"', v);
    checkMapKeyType(kt.elementType);
    return {
      args,
      dataType: mapType(kt.elementType, vt.elementType, vt.containsNull),
      nullable: anyNullable(args),
    };
  },
  compile: (call, [fk, fv], ctx) => {
    const t = call.dataType as ReturnType<typeof mapType>;
    const put = compileMapPut(t.keyType, ctx);
    return (row) => {
      const ks = fk!(row) as unknown[] | null;
      if (ks === null) return null;
      const vs = fv!(row) as unknown[] | null;
      if (vs === null) return null;
      if (ks.length !== vs.length) {
        throw new SparkRuntimeError(
          '_LEGACY_ERROR_TEMP_2128',
          'The key array and value array of MapData must have the same length.',
        );
      }
      const m = new Map<unknown, unknown>();
      for (let i = 0; i < ks.length; i++) put(m, ks[i], vs[i]);
      return m;
    };
  },
};

const mapFromEntries: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'map_from_entries',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind !== 'array' || t.elementType.kind !== 'struct' || t.elementType.fields.length !== 2) {
      throw requiresType(0, '"ARRAY" of pair "STRUCT"', a);
    }
    const [kf, vf] = t.elementType.fields as [StructField, StructField];
    checkMapKeyType(kf.dataType);
    return {
      args,
      dataType: mapType(kf.dataType, vf.dataType, vf.nullable),
      nullable: nullableOf(a) || t.containsNull,
    };
  },
  compile: (call, [f], ctx) => {
    const t = call.dataType as ReturnType<typeof mapType>;
    const put = compileMapPut(t.keyType, ctx);
    return (row) => {
      const entries = f!(row) as (unknown[] | null)[] | null;
      if (entries === null) return null;
      const m = new Map<unknown, unknown>();
      for (const e of entries) {
        if (e === null) return null;
        put(m, e[0], e[1]);
      }
      return m;
    };
  },
};

registerFunctions([array, struct, namedStruct, map, mapFromArrays, mapFromEntries]);
