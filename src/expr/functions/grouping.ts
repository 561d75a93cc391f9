/**
 * `grouping(col)` and `grouping_id(cols…)`: registered so they resolve (with Spark's names and
 * types) anywhere, but they only have a value under ROLLUP / CUBE / GROUPING SETS, where the
 * analyzer replaces them with bit arithmetic on the grouping id. Anywhere else the analyzer
 * reports UNSUPPORTED_GROUPING_EXPRESSION, as Spark does.
 *
 * Also `__scalar_subquery_value(x)`: the aggregate the subquery rewrite wraps around a scalar
 * subquery that is not an aggregate itself, so a second row fails the query as Spark does
 * (SCALAR_SUBQUERY_TOO_MANY_ROWS) instead of duplicating outer rows.
 */
import { ByteType, LongType } from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { dataTypeOf } from '../expression-type.js';
import {
  type AggregateFunctionDef,
  registerFunctions,
  type ScalarFunctionDef,
} from '../function-registry.js';

function unsupported(): never {
  throw new AnalysisException(
    'UNSUPPORTED_GROUPING_EXPRESSION',
    'grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.',
  );
}

const grouping: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'grouping',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({ args, dataType: ByteType, nullable: false }),
  compile: () => unsupported(),
};

const groupingId: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'grouping_id',
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => ({ args, dataType: LongType, nullable: false }),
  compile: () => unsupported(),
};

interface SingleValueBuffer {
  n: number;
  v: unknown;
}

const scalarSubqueryValue: AggregateFunctionDef = {
  kind: 'aggregate',
  name: '__scalar_subquery_value',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({ args, dataType: dataTypeOf(args[0]!), nullable: true }),
  createAggregator: () => {
    const tooMany = () =>
      new SparkRuntimeError(
        'SCALAR_SUBQUERY_TOO_MANY_ROWS',
        'More than one row returned by a subquery used as an expression.',
      );
    return {
      init: (): SingleValueBuffer => ({ n: 0, v: null }),
      update: (b, args) => {
        const buf = b as SingleValueBuffer;
        if (buf.n >= 1) throw tooMany();
        return { n: buf.n + 1, v: args[0] ?? null };
      },
      merge: (a, b) => {
        const x = a as SingleValueBuffer;
        const y = b as SingleValueBuffer;
        if (x.n + y.n > 1) throw tooMany();
        return x.n ? x : y;
      },
      finish: (b) => (b as SingleValueBuffer).v,
    };
  },
};

registerFunctions([grouping, groupingId, scalarSubqueryValue]);
