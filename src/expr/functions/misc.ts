/**
 * Miscellaneous functions: typeof, spark_partition_id, monotonically_increasing_id, version,
 * current_database/current_catalog, assert_true, raise_error.
 */
import { IntegerType, LongType, NullType, StringType, simpleString } from '../../types/data-type.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { dataTypeOf } from '../expression-type.js';
import { registerFunctions, type ScalarFunctionDef } from '../function-registry.js';

const typeofFn: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'typeof',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({
    args,
    dataType: StringType,
    nullable: false,
    params: { type: simpleString(dataTypeOf(args[0]!)) },
  }),
  compile: (call) => {
    const t = call.params!.type as string;
    return () => t;
  },
};

let rowCounter = 0;
const monotonicallyIncreasingId: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'monotonically_increasing_id',
  minArgs: 0,
  maxArgs: 0,
  deterministic: false,
  prettyName: () => 'monotonically_increasing_id()',
  resolve: () => ({ args: [], dataType: LongType, nullable: false }),
  compile: () => () => rowCounter++,
};

const constant = (name: string, value: string): ScalarFunctionDef => ({
  kind: 'scalar',
  name,
  minArgs: 0,
  maxArgs: 0,
  prettyName: () => `${name}()`,
  resolve: () => ({ args: [], dataType: StringType, nullable: false }),
  compile: () => () => value,
});

const sparkPartitionId: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'spark_partition_id',
  minArgs: 0,
  maxArgs: 0,
  deterministic: false,
  prettyName: () => 'SPARK_PARTITION_ID()',
  resolve: () => ({ args: [], dataType: IntegerType, nullable: false }),
  compile: () => () => 0,
};

const raiseError: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'raise_error',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({ args, dataType: NullType, nullable: true }),
  compile:
    (_c, [msg]) =>
    (row) => {
      throw new SparkRuntimeError('USER_RAISED_EXCEPTION', String(msg!(row)));
    },
};

const assertTrue: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'assert_true',
  minArgs: 1,
  maxArgs: 2,
  resolve: (args) => ({ args, dataType: NullType, nullable: true }),
  compile:
    (_c, [cond, msg]) =>
    (row) => {
      const v = cond!(row);
      if (v !== true) {
        throw new SparkRuntimeError(
          'USER_RAISED_EXCEPTION',
          msg ? String(msg(row)) : `'${String(v)}' is not true!`,
        );
      }
      return null;
    },
};

registerFunctions([
  typeofFn,
  monotonicallyIncreasingId,
  sparkPartitionId,
  constant('current_database', 'default'),
  constant('current_schema', 'default'),
  constant('current_catalog', 'spark_catalog'),
  constant('version', '4.3.0 sluice-0.1.0'),
  raiseError,
  assertTrue,
]);
