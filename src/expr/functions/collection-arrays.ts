/**
 * Array functions without lambdas: array_contains, array_position, array_remove, array_repeat,
 * arrays_zip, flatten, slice, array_join, array_max/array_min, array_append/array_prepend/
 * array_compact, shuffle. size, element_at and get are in collection-access.ts; reverse and
 * concat of arrays live with the string functions, which own those names.
 *
 * Invariants: element comparisons use Spark's equality (NaN = NaN, -0.0 = 0.0); a null array
 * gives null.
 */

import { castIfNeeded, widerType } from '../../types/coercion.js';
import {
  type ArrayType,
  arrayType,
  BooleanType,
  type DataType,
  IntegerType,
  LongType,
  StringType,
  structField,
  structType,
} from '../../types/data-type.js';
import { SparkRuntimeError } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { comparatorFor, equalityFor } from '../ordering.js';
import {
  arrayFunctionDiffTypes,
  intIndexArg,
  invalidOrderingType,
  isOrderable,
  nullTypeError,
  requireArray,
  requiresType,
} from './collection-common.js';
import { coerceArg } from './input-coercion.js';
import { nullSafe1, nullSafe2, nullSafe3 } from './null-safe.js';
import { anyNullable } from './strict-function.js';

/**
 * The element type an array function compares `value` with (Spark's wider type without string
 * promotion), with both arguments cast to it. `nullTyped` rejects NULL-typed arguments.
 */
function coerceArrayAndValue(fn: string, args: readonly Expr[], nullTyped: boolean): [Expr, Expr, DataType] {
  const [a, v] = args as [Expr, Expr];
  const at = dataTypeOf(a);
  const vt = dataTypeOf(v);
  if (nullTyped && (at.kind === 'null' || vt.kind === 'null')) throw nullTypeError(fn);
  if (at.kind !== 'array') throw arrayFunctionDiffTypes(fn, at, vt);
  const el = widerType(at.elementType, vt, false);
  if (!el) throw arrayFunctionDiffTypes(fn, at, vt);
  if (!isOrderable(el)) throw invalidOrderingType(fn, el);
  return [castIfNeeded(a, arrayType(el, at.containsNull)), castIfNeeded(v, el), el];
}

const arrayContains: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_contains',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const [a, v] = coerceArrayAndValue('array_contains', args, true);
    const containsNull = (dataTypeOf(a) as ArrayType).containsNull;
    return { args: [a, v], dataType: BooleanType, nullable: nullableOf(a) || nullableOf(v) || containsNull };
  },
  compile: (call, [fa, fv]) => {
    const eq = equalityFor((dataTypeOf(call.args[0]!) as ArrayType).elementType);
    return nullSafe2(fa!, fv!, (arr: unknown[], v: unknown) => {
      let sawNull = false;
      for (const x of arr) {
        if (x === null) sawNull = true;
        else if (eq(x, v)) return true;
      }
      return sawNull ? null : false;
    });
  },
};

const arrayPosition: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_position',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const [a, v] = coerceArrayAndValue('array_position', args, true);
    return { args: [a, v], dataType: LongType, nullable: nullableOf(a) || nullableOf(v) };
  },
  compile: (call, [fa, fv]) => {
    const eq = equalityFor((dataTypeOf(call.args[0]!) as ArrayType).elementType);
    return nullSafe2(fa!, fv!, (arr: unknown[], v: unknown) => {
      for (let i = 0; i < arr.length; i++) {
        const x = arr[i];
        if (x !== null && eq(x, v)) return i + 1;
      }
      return 0;
    });
  },
};

const arrayRemove: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_remove',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const [a, v] = coerceArrayAndValue('array_remove', args, false);
    return { args: [a, v], dataType: dataTypeOf(a), nullable: nullableOf(a) || nullableOf(v) };
  },
  compile: (call, [fa, fv]) => {
    const eq = equalityFor((dataTypeOf(call.args[0]!) as ArrayType).elementType);
    return nullSafe2(fa!, fv!, (arr: unknown[], v: unknown) => arr.filter((x) => x === null || !eq(x, v)));
  },
};

const arrayRepeat: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_repeat',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const [e, n] = args as [Expr, Expr];
    const count = intIndexArg(n, 1);
    return {
      args: [e, count],
      dataType: arrayType(dataTypeOf(e), nullableOf(e)),
      nullable: nullableOf(count),
    };
  },
  compile:
    (_call, [fe, fn]) =>
    (row) => {
      const n = fn!(row) as number | null;
      if (n === null) return null;
      const v = fe!(row);
      return n <= 0 ? [] : new Array<unknown>(n).fill(v);
    },
};

/**
 * arrays_zip field names: named arguments (columns, aliases, struct fields) keep their names;
 * other arguments are named by their position.
 */
function zipFieldName(e: Expr, i: number): string {
  switch (e.kind) {
    case 'attributeReference':
    case 'alias':
    case 'getStructField':
    case 'lambdaVariable':
      return e.name;
    default:
      return String(i);
  }
}

const arraysZip: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'arrays_zip',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    const fields = args.map((a, i) => structField(zipFieldName(a, i), requireArray(a, i).elementType, true));
    return { args, dataType: arrayType(structType(fields), false), nullable: anyNullable(args) };
  },
  compile: (_call, args) => {
    const n = args.length;
    return (row) => {
      const arrays = new Array<unknown[]>(n);
      let len = 0;
      for (let i = 0; i < n; i++) {
        const a = args[i]!(row) as unknown[] | null;
        if (a === null) return null;
        arrays[i] = a;
        if (a.length > len) len = a.length;
      }
      const out = new Array<unknown[]>(len);
      for (let j = 0; j < len; j++) {
        const s = new Array<unknown>(n);
        for (let i = 0; i < n; i++) s[i] = arrays[i]![j] ?? null;
        out[j] = s;
      }
      return out;
    };
  },
};

const flatten: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'flatten',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind !== 'array' || t.elementType.kind !== 'array') throw requiresType(0, '"ARRAY" of "ARRAY"', a);
    const inner = t.elementType;
    return {
      args,
      dataType: arrayType(inner.elementType, inner.containsNull),
      nullable: nullableOf(a) || t.containsNull,
    };
  },
  compile: (_call, [f]) =>
    nullSafe1(f!, (outer: (unknown[] | null)[]) => {
      const out: unknown[] = [];
      for (const inner of outer) {
        if (inner === null) return null;
        for (const x of inner) out.push(x);
      }
      return out;
    }),
};

const slice: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'slice',
  minArgs: 3,
  maxArgs: 3,
  resolve: (args) => {
    requireArray(args[0]!, 0);
    const a = [args[0]!, coerceArg(args[1]!, IntegerType, 1), coerceArg(args[2]!, IntegerType, 2)];
    return { args: a, dataType: dataTypeOf(args[0]!), nullable: anyNullable(a) };
  },
  compile: (_call, [fa, fs, fl]) =>
    nullSafe3(fa!, fs!, fl!, (a: unknown[], start: number, length: number) => {
      if (start === 0) {
        throw new SparkRuntimeError(
          'INVALID_PARAMETER_VALUE.START',
          'The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.',
        );
      }
      if (length < 0) {
        throw new SparkRuntimeError(
          'INVALID_PARAMETER_VALUE.LENGTH',
          `The value of parameter(s) \`length\` in \`slice\` is invalid: Expects \`length\` greater than or equal to 0, but got ${length}.`,
        );
      }
      const s = start > 0 ? start - 1 : a.length + start;
      if (s < 0 || s >= a.length) return [];
      return a.slice(s, Math.min(a.length, s + length));
    }),
};

const arrayJoin: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_join',
  minArgs: 2,
  maxArgs: 3,
  resolve: (args) => {
    const a = args.map((x, i) => coerceArg(x, i === 0 ? arrayType(StringType) : StringType, i));
    return { args: a, dataType: StringType, nullable: anyNullable(a) };
  },
  compile: (_call, [fa, fd, fr]) => {
    if (fr) {
      return nullSafe3(fa!, fd!, fr, (a: (string | null)[], d: string, r: string) =>
        a.map((x) => (x === null ? r : x)).join(d),
      );
    }
    return nullSafe2(fa!, fd!, (a: (string | null)[], d: string) => a.filter((x) => x !== null).join(d));
  },
};

function extremum(name: string, sign: 1 | -1): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 1,
    maxArgs: 1,
    resolve: (args) => {
      const t = requireArray(args[0]!, 0);
      if (!isOrderable(t.elementType)) throw invalidOrderingType(name, t.elementType);
      return { args, dataType: t.elementType, nullable: true };
    },
    compile: (call, [f]) => {
      const cmp = comparatorFor((dataTypeOf(call.args[0]!) as ArrayType).elementType);
      return nullSafe1(f!, (a: unknown[]) => {
        let best: unknown = null;
        for (const x of a) {
          if (x === null) continue;
          if (best === null || cmp(x, best) * sign > 0) best = x;
        }
        return best;
      });
    },
  };
}

/** array_append / array_prepend: the value joins the array's element type (wider type). */
function addElement(name: string, atEnd: boolean): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve: (args) => {
      const [a, v] = args as [Expr, Expr];
      const at = dataTypeOf(a);
      if (at.kind !== 'array') throw arrayFunctionDiffTypes(name, at, dataTypeOf(v));
      const el = widerType(at.elementType, dataTypeOf(v), false);
      if (!el) throw arrayFunctionDiffTypes(name, at, dataTypeOf(v));
      const rt = arrayType(el, at.containsNull || nullableOf(v));
      return {
        args: [castIfNeeded(a, arrayType(el, at.containsNull)), castIfNeeded(v, el)],
        dataType: rt,
        nullable: nullableOf(a),
      };
    },
    compile:
      (_call, [fa, fv]) =>
      (row) => {
        const a = fa!(row) as unknown[] | null;
        if (a === null) return null;
        const v = fv!(row);
        return atEnd ? [...a, v] : [v, ...a];
      },
  };
}

const arrayCompact: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'array_compact',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const t = requireArray(args[0]!, 0);
    return { args, dataType: arrayType(t.elementType, false), nullable: nullableOf(args[0]!) };
  },
  compile: (_call, [f]) => nullSafe1(f!, (a: unknown[]) => a.filter((x) => x !== null)),
};

const shuffle: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'shuffle',
  minArgs: 1,
  maxArgs: 2,
  deterministic: false,
  prettyName: (args) => `shuffle(${args[0]})`,
  resolve: (args) => {
    const t = requireArray(args[0]!, 0);
    return { args: [args[0]!], dataType: t, nullable: nullableOf(args[0]!) };
  },
  compile: (_call, [f]) =>
    nullSafe1(f!, (a: unknown[]) => {
      const out = [...a];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        const x = out[i];
        out[i] = out[j];
        out[j] = x;
      }
      return out;
    }),
};

registerFunctions([
  arrayContains,
  arrayPosition,
  arrayRemove,
  arrayRepeat,
  arraysZip,
  flatten,
  slice,
  arrayJoin,
  extremum('array_max', 1),
  extremum('array_min', -1),
  addElement('array_append', true),
  addElement('array_prepend', false),
  arrayCompact,
  shuffle,
]);
