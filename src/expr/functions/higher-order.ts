/**
 * Higher-order functions on arrays — transform, filter, exists, forall, aggregate/reduce,
 * zip_with, array_sort — and the lambda protocol all higher-order functions share (map_filter,
 * transform_keys and transform_values are in higher-order-maps.ts; the protocol's code is in
 * higher-order-lambda.ts and re-exported here).
 *
 * Lambda protocol (analyzer → compiler → these functions):
 * 1. Analysis. Each definition here carries a `lambdaParams(args, lambdaIndex, arity)` hook. The
 *    resolver calls it with the call's other arguments already resolved and gets the types of the
 *    lambda's parameters (e.g. transform: element type, then INT for the index); it then creates
 *    `lambdaVariable` nodes with fresh exprIds, resolves the body with them in scope and passes a
 *    `lambda` node to `resolve`, which checks the body's type (filter needs BOOLEAN, …).
 * 2. Compilation. The expression compiler compiles a `lambda` node to its body's evaluator and a
 *    `lambdaVariable` node with `compileLambdaVariable` (installed when the module loads,
 *    through `setLambdaVariableCompiler`): the variable reads a slot — one mutable cell per variable
 *    exprId, shared by every compiled reader of that variable.
 * 3. Evaluation. A higher-order function wraps its lambda argument with `bindLambda(lambdaNode,
 *    bodyEvaluator)`; calling the result with (row, a, b, c) writes the parameters' slots and
 *    evaluates the body on the row (so the body can also use the row's columns).
 *
 * Invariants: evaluation is synchronous and a variable's slot is written right before every use
 * of the body, so nested lambdas (distinct exprIds) and repeated copies of one lambda (the same
 * exprIds, evaluated one after the other) never see each other's values.
 */
import { type ArrayType, arrayType, BooleanType, sqlTypeName } from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import type { LambdaFunction } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import { registerFunctions } from '../function-registry.js';
import { invalidOrderingType, isOrderable, requiresType } from './collection-common.js';
import { sortArrayComparator } from './collection-sets.js';
import {
  arrayArg,
  bindLambda,
  byArity,
  type HigherOrderDef,
  INDEX,
  lambdaAt,
  requireBodyType,
  resolvedArg,
} from './higher-order-lambda.js';
import './higher-order-maps.js';

export { type BoundLambda, bindLambda, compileLambdaVariable } from './higher-order-lambda.js';

// ---------------------------------------------------------------------------------------------
// Array functions

const transform: HigherOrderDef = {
  kind: 'scalar',
  name: 'transform',
  minArgs: 2,
  maxArgs: 2,
  lambdaParams: (args, _i, arity) => {
    const t = arrayArg(args, 0);
    const el = { dataType: t.elementType, nullable: t.containsNull };
    return byArity(arity, [el], [el, INDEX]);
  },
  resolve: (args) => {
    const body = lambdaAt(args, 1).body;
    return { args, dataType: arrayType(dataTypeOf(body), nullableOf(body)), nullable: nullableOf(args[0]!) };
  },
  compile: (call, [fa, fb]) => {
    const f = bindLambda(call.args[1] as LambdaFunction, fb!);
    return (row) => {
      const a = fa!(row) as unknown[] | null;
      if (a === null) return null;
      const n = a.length;
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = f(row, a[i], i);
      return out;
    };
  },
};

const filter: HigherOrderDef = {
  kind: 'scalar',
  name: 'filter',
  minArgs: 2,
  maxArgs: 2,
  lambdaParams: (args, _i, arity) => {
    const t = arrayArg(args, 0);
    const el = { dataType: t.elementType, nullable: t.containsNull };
    return byArity(arity, [el], [el, INDEX]);
  },
  resolve: (args) => {
    requireBodyType(args, 1, BooleanType);
    return { args, dataType: dataTypeOf(args[0]!), nullable: nullableOf(args[0]!) };
  },
  compile: (call, [fa, fb]) => {
    const f = bindLambda(call.args[1] as LambdaFunction, fb!);
    return (row) => {
      const a = fa!(row) as unknown[] | null;
      if (a === null) return null;
      const out: unknown[] = [];
      for (let i = 0; i < a.length; i++) if (f(row, a[i], i) === true) out.push(a[i]);
      return out;
    };
  },
};

/** exists / forall with three-valued logic: a null predicate result makes an undecided answer null. */
function quantifier(name: 'exists' | 'forall'): HigherOrderDef {
  const decisive = name === 'exists';
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    lambdaParams: (args, _i, arity) => {
      const t = arrayArg(args, 0);
      return byArity(arity, [{ dataType: t.elementType, nullable: t.containsNull }]);
    },
    resolve: (args) => {
      requireBodyType(args, 1, BooleanType);
      return {
        args,
        dataType: BooleanType,
        nullable: nullableOf(args[0]!) || nullableOf(lambdaAt(args, 1).body),
      };
    },
    compile: (call, [fa, fb]) => {
      const f = bindLambda(call.args[1] as LambdaFunction, fb!);
      return (row) => {
        const a = fa!(row) as unknown[] | null;
        if (a === null) return null;
        let sawNull = false;
        for (const x of a) {
          const r = f(row, x);
          if (r === null) sawNull = true;
          else if (r === decisive) return decisive;
        }
        return sawNull ? null : !decisive;
      };
    },
  };
}

/** The finish lambda Spark adds to a 3-argument aggregate, as it prints. */
const IDENTITY_FINISH = 'lambdafunction(namedlambdavariable(), namedlambdavariable())';

function aggregateDef(name: string): HigherOrderDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 3,
    maxArgs: 4,
    prettyName: (args) => `${name}(${args.join(', ')}${args.length === 3 ? `, ${IDENTITY_FINISH}` : ''})`,
    lambdaParams: (args, i, arity) => {
      const t = arrayArg(args, 0);
      const acc = { dataType: dataTypeOf(resolvedArg(args, 1)), nullable: true };
      if (i === 2) return byArity(arity, [acc, { dataType: t.elementType, nullable: t.containsNull }]);
      return byArity(arity, [acc]);
    },
    resolve: (args) => {
      const zeroType = dataTypeOf(args[1]!);
      requireBodyType(args, 2, zeroType);
      const finish = args[3] ? lambdaAt(args, 3).body : undefined;
      const dataType = finish ? dataTypeOf(finish) : zeroType;
      const nullable = nullableOf(args[0]!) || (finish ? nullableOf(finish) : true);
      return { args, dataType, nullable };
    },
    compile: (call, [fa, fz, fm, ff]) => {
      const merge = bindLambda(call.args[2] as LambdaFunction, fm!);
      const finish = ff ? bindLambda(call.args[3] as LambdaFunction, ff) : undefined;
      return (row) => {
        const a = fa!(row) as unknown[] | null;
        if (a === null) return null;
        let acc = fz!(row);
        for (const x of a) acc = merge(row, acc, x);
        return finish ? finish(row, acc) : acc;
      };
    },
  };
}

const zipWith: HigherOrderDef = {
  kind: 'scalar',
  name: 'zip_with',
  minArgs: 3,
  maxArgs: 3,
  lambdaParams: (args, _i, arity) => {
    const a = arrayArg(args, 0);
    const b = arrayArg(args, 1);
    return byArity(arity, [
      { dataType: a.elementType, nullable: true },
      { dataType: b.elementType, nullable: true },
    ]);
  },
  resolve: (args) => {
    const body = lambdaAt(args, 2).body;
    return {
      args,
      dataType: arrayType(dataTypeOf(body), nullableOf(body)),
      nullable: nullableOf(args[0]!) || nullableOf(args[1]!),
    };
  },
  compile: (call, [fa, fb, fl]) => {
    const f = bindLambda(call.args[2] as LambdaFunction, fl!);
    return (row) => {
      const a = fa!(row) as unknown[] | null;
      if (a === null) return null;
      const b = fb!(row) as unknown[] | null;
      if (b === null) return null;
      const n = Math.max(a.length, b.length);
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = f(row, i < a.length ? a[i] : null, i < b.length ? b[i] : null);
      return out;
    };
  },
};

// ---------------------------------------------------------------------------------------------
// array_sort

/** How Spark prints the comparator it supplies when array_sort gets none. */
const DEFAULT_COMPARATOR =
  'lambdafunction((IF(((namedlambdavariable() IS NULL) AND (namedlambdavariable() IS NULL)), 0, (IF((namedlambdavariable() IS NULL), 1, (IF((namedlambdavariable() IS NULL), -1, (IF((namedlambdavariable() < namedlambdavariable()), -1, (IF((namedlambdavariable() > namedlambdavariable()), 1, 0)))))))))), namedlambdavariable(), namedlambdavariable())';

const arraySort: HigherOrderDef = {
  kind: 'scalar',
  name: 'array_sort',
  minArgs: 1,
  maxArgs: 2,
  prettyName: (args) => `array_sort(${args[0]}, ${args[1] ?? DEFAULT_COMPARATOR})`,
  lambdaParams: (args, _i, arity) => {
    const t = arrayArg(args, 0);
    const el = { dataType: t.elementType, nullable: t.containsNull };
    return byArity(arity, [el, el]);
  },
  resolve: (args) => {
    const a = args[0]!;
    const t = dataTypeOf(a);
    if (t.kind !== 'array') throw requiresType(0, '"ARRAY"', a);
    if (args.length === 1) {
      if (!isOrderable(t.elementType)) throw invalidOrderingType('array_sort', t.elementType);
    } else {
      const rt = dataTypeOf(lambdaAt(args, 1).body);
      if (rt.kind !== 'integer' && rt.kind !== 'null') {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE',
          `Cannot resolve "x" due to data type mismatch: The \`lambdafunction\` requires return "INT" type, but the actual is "${sqlTypeName(rt)}" type.`,
        );
      }
    }
    return { args, dataType: t, nullable: nullableOf(a) };
  },
  compile: (call, [fa, fc]) => {
    const el = (dataTypeOf(call.args[0]!) as ArrayType).elementType;
    if (!fc) {
      // nulls last, unlike sort_array's ascending order
      const asc = sortArrayComparator(el, true);
      const cmp = (x: unknown, y: unknown) =>
        x === null ? (y === null ? 0 : 1) : y === null ? -1 : asc(x, y);
      return (row) => {
        const a = fa!(row) as unknown[] | null;
        return a === null ? null : [...a].sort(cmp);
      };
    }
    const f = bindLambda(call.args[1] as LambdaFunction, fc);
    return (row) => {
      const a = fa!(row) as unknown[] | null;
      if (a === null) return null;
      return [...a].sort((x, y) => {
        const r = f(row, x, y);
        if (r === null) {
          throw new SparkRuntimeError(
            'COMPARATOR_RETURNS_NULL',
            `The comparator has returned a NULL for a comparison between ${String(x)} and ${String(y)}.\nIt should return a positive integer for "greater than", 0 for "equal" and a negative integer for "less than".\nTo revert to deprecated behavior where NULL is treated as 0 (equal), you must set "spark.sql.legacy.allowNullComparisonResultInArraySort" to "true".`,
          );
        }
        return r as number;
      });
    };
  },
};

registerFunctions([
  transform,
  filter,
  quantifier('exists'),
  quantifier('forall'),
  aggregateDef('aggregate'),
  aggregateDef('reduce'),
  zipWith,
  arraySort,
]);
