/**
 * Comparison and boolean operators with SQL three-valued logic: and/or/not, =, <=>, <, <=, >, >=,
 * IN, BETWEEN, IS [NOT] NULL, isnan.
 *
 * Invariants: comparisons coerce both sides to a common type first (Spark's rules: a string
 * compared with another atomic type is cast to that type); NaN equals NaN and sorts above all
 * numbers; `and`/`or` evaluate their right side lazily.
 */

import { castIfNeeded, widerType, widerTypeOfAll } from '../../types/coercion.js';
import { BooleanType, type DataType, StringType, sameType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { comparatorFor, equalityFor, groupKeyOf } from '../ordering.js';
import { typeMismatch } from './type-checks.js';

/** Spark's findCommonTypeForBinaryComparison (non-ANSI). */
export function comparisonType(a: DataType, b: DataType): DataType | undefined {
  if (sameType(a, b, true)) return a;
  const atomic = (t: DataType) => t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct';
  if (a.kind === 'string' && b.kind === 'null') return StringType;
  if (b.kind === 'string' && a.kind === 'null') return StringType;
  if (a.kind === 'string' && atomic(b) && b.kind !== 'string') return b;
  if (b.kind === 'string' && atomic(a) && a.kind !== 'string') return a;
  return widerType(a, b, false);
}

function coerceComparison(args: readonly Expr[], sqlOp: string): [Expr, Expr] {
  const [l, r] = args as [Expr, Expr];
  const lt = dataTypeOf(l);
  const rt = dataTypeOf(r);
  const t = comparisonType(lt, rt);
  if (!t) throw typeMismatch(`x ${sqlOp} y`, 'BINARY_OP_DIFF_TYPES', lt, rt, sqlOp);
  if (t.kind === 'map') {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.INVALID_ORDERING_TYPE',
      `The ${sqlOp} does not support ordering on type "MAP".`,
    );
  }
  return [castIfNeeded(l, t), castIfNeeded(r, t)];
}

type CmpOp = 'less_than' | 'less_than_or_equal' | 'greater_than' | 'greater_than_or_equal';
const CMP_SQL: Record<CmpOp | 'equal_to' | 'equal_null_safe', string> = {
  equal_to: '=',
  equal_null_safe: '<=>',
  less_than: '<',
  less_than_or_equal: '<=',
  greater_than: '>',
  greater_than_or_equal: '>=',
};

function isPrimitiveComparable(t: DataType): boolean {
  return (
    t.kind === 'integer' ||
    t.kind === 'short' ||
    t.kind === 'byte' ||
    t.kind === 'date' ||
    t.kind === 'timestamp' ||
    t.kind === 'timestamp_ntz' ||
    t.kind === 'long' ||
    t.kind === 'decimal'
  );
}

const RELATIONS: Record<CmpOp, (x: number, y: number) => boolean> = {
  less_than: (x, y) => x < y,
  less_than_or_equal: (x, y) => x <= y,
  greater_than: (x, y) => x > y,
  greater_than_or_equal: (x, y) => x >= y,
};

function comparison(op: CmpOp): ScalarFunctionDef {
  const test: (c: number) => boolean =
    op === 'less_than'
      ? (c) => c < 0
      : op === 'less_than_or_equal'
        ? (c) => c <= 0
        : op === 'greater_than'
          ? (c) => c > 0
          : (c) => c >= 0;
  return {
    kind: 'scalar',
    name: op,
    minArgs: 2,
    maxArgs: 2,
    prettyName: ([a, b]) => `(${a} ${CMP_SQL[op]} ${b})`,
    resolve: (args) => {
      const [l, r] = coerceComparison(args, CMP_SQL[op]);
      return { args: [l, r], dataType: BooleanType, nullable: nullableOf(l) || nullableOf(r) };
    },
    compile: (call, [fl, fr]) => {
      const t = dataTypeOf(call.args[0]!);
      const a = fl!;
      const b = fr!;
      if (isPrimitiveComparable(t)) {
        // numbers and normalised longs compare correctly with JS relational operators
        const rel = RELATIONS[op];
        return (row) => {
          const x = a(row);
          if (x === null) return null;
          const y = b(row);
          return y === null ? null : rel(x as number, y as number);
        };
      }
      const cmp = comparatorFor(t);
      return (row) => {
        const x = a(row);
        if (x === null) return null;
        const y = b(row);
        return y === null ? null : test(cmp(x, y));
      };
    },
  };
}

const equalTo: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'equal_to',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([a, b]) => `(${a} = ${b})`,
  resolve: (args) => {
    const [l, r] = coerceComparison(args, '=');
    return { args: [l, r], dataType: BooleanType, nullable: nullableOf(l) || nullableOf(r) };
  },
  compile: (call, [fl, fr]) => {
    const eq = equalityFor(dataTypeOf(call.args[0]!));
    const a = fl!;
    const b = fr!;
    return (row) => {
      const x = a(row);
      if (x === null) return null;
      const y = b(row);
      return y === null ? null : eq(x, y);
    };
  },
};

const equalNullSafe: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'equal_null_safe',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([a, b]) => `(${a} <=> ${b})`,
  resolve: (args) => ({ args: coerceComparison(args, '<=>'), dataType: BooleanType, nullable: false }),
  compile: (call, [fl, fr]) => {
    const eq = equalityFor(dataTypeOf(call.args[0]!));
    const a = fl!;
    const b = fr!;
    return (row) => {
      const x = a(row);
      const y = b(row);
      if (x === null || y === null) return x === y;
      return eq(x, y);
    };
  },
};

function requireBoolean(args: readonly Expr[], fn: string): Expr[] {
  return args.map((a) => {
    const t = dataTypeOf(a);
    if (t.kind === 'boolean') return a;
    if (t.kind === 'null') return castIfNeeded(a, BooleanType);
    throw new AnalysisException(
      'DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE',
      `Cannot resolve "${fn}" due to data type mismatch: the binary operator requires the input type "BOOLEAN", not "${t.kind.toUpperCase()}".`,
    );
  });
}

const and: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'and',
  minArgs: 2,
  maxArgs: 2,
  lazy: true,
  prettyName: ([a, b]) => `(${a} AND ${b})`,
  resolve: (args) => {
    const a = requireBoolean(args, 'AND');
    return { args: a, dataType: BooleanType, nullable: a.some(nullableOf) };
  },
  compile: (_c, [fl, fr]) => {
    const a = fl!;
    const b = fr!;
    return (row) => {
      const x = a(row);
      if (x === false) return false;
      const y = b(row);
      if (y === false) return false;
      return x === null || y === null ? null : true;
    };
  },
};

const or: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'or',
  minArgs: 2,
  maxArgs: 2,
  lazy: true,
  prettyName: ([a, b]) => `(${a} OR ${b})`,
  resolve: (args) => {
    const a = requireBoolean(args, 'OR');
    return { args: a, dataType: BooleanType, nullable: a.some(nullableOf) };
  },
  compile: (_c, [fl, fr]) => {
    const a = fl!;
    const b = fr!;
    return (row) => {
      const x = a(row);
      if (x === true) return true;
      const y = b(row);
      if (y === true) return true;
      return x === null || y === null ? null : false;
    };
  },
};

const not: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'not',
  minArgs: 1,
  maxArgs: 1,
  aliases: ['!'],
  prettyName: ([a]) => `(NOT ${a})`,
  resolve: (args) => {
    const a = requireBoolean(args, 'NOT');
    return { args: a, dataType: BooleanType, nullable: nullableOf(a[0]!) };
  },
  compile: (_c, [f]) => {
    const g = f!;
    return (row) => {
      const v = g(row);
      return v === null ? null : !v;
    };
  },
};

const isNull: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'isnull',
  minArgs: 1,
  maxArgs: 1,
  prettyName: ([a]) => `(${a} IS NULL)`,
  resolve: (args) => ({ args, dataType: BooleanType, nullable: false }),
  compile: (_c, [f]) => {
    const g = f!;
    return (row) => g(row) === null;
  },
};

const isNotNull: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'isnotnull',
  minArgs: 1,
  maxArgs: 1,
  prettyName: ([a]) => `(${a} IS NOT NULL)`,
  resolve: (args) => ({ args, dataType: BooleanType, nullable: false }),
  compile: (_c, [f]) => {
    const g = f!;
    return (row) => g(row) !== null;
  },
};

const isNaNFn: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'isnan',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    const arg = t.kind === 'float' || t.kind === 'double' ? a : castIfNeeded(a, { kind: 'double' });
    return { args: [arg], dataType: BooleanType, nullable: false };
  },
  compile: (_c, [f]) => {
    const g = f!;
    return (row) => {
      const v = g(row);
      return v !== null && Number.isNaN(v as number);
    };
  },
};

/** `value IN (e1, e2, …)`: null if the value is null, or if no match and some element is null. */
const inList: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'in',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  prettyName: ([a, ...rest]) => `(${a} IN (${rest.join(', ')}))`,
  resolve: (args) => {
    const types = args.map(dataTypeOf);
    let t = widerTypeOfAll(types, true);
    if (!t) {
      // Spark: a string value against numeric lists compares as the list's type
      const first = types[0]!;
      t = types
        .slice(1)
        .reduce<DataType | undefined>((acc, x) => (acc ? comparisonType(acc, x) : acc), first);
    }
    if (!t) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
        `Cannot resolve "IN" due to data type mismatch: Input to \`in\` should all be the same type, but it's [${types.map((x) => x.kind).join(', ')}].`,
      );
    }
    const coerced = args.map((a) => castIfNeeded(a, t));
    return { args: coerced, dataType: BooleanType, nullable: coerced.some(nullableOf) };
  },
  compile: (call, fs) => {
    const t = dataTypeOf(call.args[0]!);
    const [value, ...list] = fs as Evaluator[];
    const v = value!;
    const listExprs = call.args.slice(1);
    if (listExprs.every((e) => e.kind === 'literal')) {
      const set = new Set<unknown>();
      let hasNull = false;
      for (const e of listExprs) {
        const x = (e as { value: unknown }).value;
        if (x === null) hasNull = true;
        else set.add(groupKeyOf(x, t));
      }
      return (row) => {
        const x = v(row);
        if (x === null) return null;
        if (set.has(groupKeyOf(x, t))) return true;
        return hasNull ? null : false;
      };
    }
    const eq = equalityFor(t);
    return (row) => {
      const x = v(row);
      if (x === null) return null;
      let sawNull = false;
      for (const f of list) {
        const y = f(row);
        if (y === null) sawNull = true;
        else if (eq(x, y)) return true;
      }
      return sawNull ? null : false;
    };
  },
};

const between: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'between',
  minArgs: 3,
  maxArgs: 3,
  prettyName: ([a, lo, hi]) => `between(${a}, ${lo}, ${hi})`,
  resolve: (args) => {
    const [v, lo, hi] = args as [Expr, Expr, Expr];
    const t1 = comparisonType(dataTypeOf(v), dataTypeOf(lo));
    const t = t1 && comparisonType(t1, dataTypeOf(hi));
    if (!t) throw typeMismatch('BETWEEN', 'BINARY_OP_DIFF_TYPES', dataTypeOf(v), dataTypeOf(lo), 'BETWEEN');
    const coerced = [v, lo, hi].map((e) => castIfNeeded(e, t));
    return { args: coerced, dataType: BooleanType, nullable: coerced.some(nullableOf) };
  },
  compile: (call, [fv, flo, fhi]) => {
    const cmp = comparatorFor(dataTypeOf(call.args[0]!));
    const v = fv!;
    const lo = flo!;
    const hi = fhi!;
    return (row) => {
      const x = v(row);
      const a = lo(row);
      const b = hi(row);
      const ge = x === null || a === null ? null : cmp(x, a) >= 0;
      if (ge === false) return false;
      const le = x === null || b === null ? null : cmp(x, b) <= 0;
      if (le === false) return false;
      return ge === null || le === null ? null : true;
    };
  },
};

registerFunctions([
  equalTo,
  equalNullSafe,
  comparison('less_than'),
  comparison('less_than_or_equal'),
  comparison('greater_than'),
  comparison('greater_than_or_equal'),
  and,
  or,
  not,
  isNull,
  isNotNull,
  isNaNFn,
  inList,
  between,
]);
