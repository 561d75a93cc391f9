/**
 * Conditional expressions: CASE WHEN, if, coalesce and its aliases (nvl, ifnull), nvl2, nullif.
 *
 * Invariant: branches are evaluated lazily (only the taken branch runs), and all value branches
 * are coerced to their wider common type.
 */

import { castIfNeeded, widerTypeOfAll } from '../../types/coercion.js';
import { BooleanType, type DataType, NullType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { equalityFor } from '../ordering.js';

function commonType(values: readonly Expr[], fn: string): DataType {
  const t = widerTypeOfAll(values.map(dataTypeOf), true);
  if (!t) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
      `Cannot resolve "${fn}" due to data type mismatch: Input to \`${fn}\` should all be the same type, but it's [${values
        .map((v) => dataTypeOf(v).kind)
        .join(', ')}].`,
    );
  }
  return t;
}

function asCondition(e: Expr): Expr {
  const t = dataTypeOf(e);
  if (t.kind === 'boolean') return e;
  if (t.kind === 'null') return castIfNeeded(e, BooleanType);
  throw new AnalysisException(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve CASE WHEN due to data type mismatch: WHEN expressions in CaseWhen should all be boolean type, but the condition has type "${t.kind.toUpperCase()}".`,
  );
}

const caseWhen: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'case_when',
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  lazy: true,
  prettyName: (args) => {
    let s = 'CASE';
    let i = 0;
    for (; i + 1 < args.length; i += 2) s += ` WHEN ${args[i]} THEN ${args[i + 1]}`;
    if (i < args.length) s += ` ELSE ${args[i]}`;
    return `${s} END`;
  },
  resolve: (args) => {
    const hasElse = args.length % 2 === 1;
    const values: Expr[] = [];
    for (let i = 1; i < args.length; i += 2) values.push(args[i]!);
    if (hasElse) values.push(args[args.length - 1]!);
    const t = commonType(values, 'CASE WHEN');
    const out: Expr[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      out.push(asCondition(args[i]!), castIfNeeded(args[i + 1]!, t));
    }
    if (hasElse) out.push(castIfNeeded(args[args.length - 1]!, t));
    const nullable = !hasElse || values.some(nullableOf);
    return { args: out, dataType: t.kind === 'null' ? NullType : t, nullable };
  },
  compile: (_c, fs) => {
    const n = fs.length;
    const hasElse = n % 2 === 1;
    const conds: Evaluator[] = [];
    const vals: Evaluator[] = [];
    for (let i = 0; i + 1 < n; i += 2) {
      conds.push(fs[i]!);
      vals.push(fs[i + 1]!);
    }
    const otherwise = hasElse ? fs[n - 1]! : null;
    if (conds.length === 1) {
      const c = conds[0]!;
      const v = vals[0]!;
      return otherwise
        ? (row) => (c(row) === true ? v(row) : otherwise(row))
        : (row) => (c(row) === true ? v(row) : null);
    }
    return (row) => {
      for (let i = 0; i < conds.length; i++) if (conds[i]!(row) === true) return vals[i]!(row);
      return otherwise ? otherwise(row) : null;
    };
  },
};

const ifFn: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'if',
  minArgs: 3,
  maxArgs: 3,
  lazy: true,
  prettyName: ([c, a, b]) => `(IF(${c}, ${a}, ${b}))`,
  resolve: (args) => {
    const [c, a, b] = args as [Expr, Expr, Expr];
    const t = commonType([a, b], 'if');
    return {
      args: [asCondition(c), castIfNeeded(a, t), castIfNeeded(b, t)],
      dataType: t,
      nullable: nullableOf(a) || nullableOf(b),
    };
  },
  compile: (_c, [fc, fa, fb]) => {
    const c = fc!;
    const a = fa!;
    const b = fb!;
    return (row) => (c(row) === true ? a(row) : b(row));
  },
};

const coalesce: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'coalesce',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  lazy: true,
  resolve: (args) => {
    const t = commonType(args, 'coalesce');
    return { args: args.map((a) => castIfNeeded(a, t)), dataType: t, nullable: args.every(nullableOf) };
  },
  compile: (_c, fs) => {
    if (fs.length === 2) {
      const a = fs[0]!;
      const b = fs[1]!;
      return (row) => {
        const v = a(row);
        return v !== null ? v : b(row);
      };
    }
    return (row) => {
      for (const f of fs) {
        const v = f(row);
        if (v !== null) return v;
      }
      return null;
    };
  },
};

const nvl: ScalarFunctionDef = { ...coalesce, name: 'nvl', minArgs: 2, maxArgs: 2 };
// a separate entry, not an alias: Spark names the column by the name it was called with
const ifnull: ScalarFunctionDef = { ...nvl, name: 'ifnull' };

const nvl2: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'nvl2',
  minArgs: 3,
  maxArgs: 3,
  lazy: true,
  resolve: (args) => {
    const [x, a, b] = args as [Expr, Expr, Expr];
    const t = commonType([a, b], 'nvl2');
    return {
      args: [x, castIfNeeded(a, t), castIfNeeded(b, t)],
      dataType: t,
      nullable: nullableOf(a) || nullableOf(b),
    };
  },
  compile: (_c, [fx, fa, fb]) => {
    const x = fx!;
    const a = fa!;
    const b = fb!;
    return (row) => (x(row) !== null ? a(row) : b(row));
  },
};

const nullif: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'nullif',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const t = commonType(args, 'nullif');
    const [a, b] = args.map((x) => castIfNeeded(x, t)) as [Expr, Expr];
    return { args: [a, b], dataType: t, nullable: true };
  },
  compile: (call, [fa, fb]) => {
    const eq = equalityFor(call.dataType);
    const a = fa!;
    const b = fb!;
    return (row) => {
      const x = a(row);
      if (x === null) return null;
      const y = b(row);
      return y !== null && eq(x, y) ? null : x;
    };
  },
};

registerFunctions([caseWhen, ifFn, coalesce, nvl, ifnull, nvl2, nullif]);
