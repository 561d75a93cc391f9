/**
 * `__check_overflow_in_table_insert(cast)`: Spark's CheckOverflowInTableInsert. Wraps the ANSI cast
 * that converts a query column to a table column on INSERT (store assignment policy ANSI) and turns
 * its CAST_OVERFLOW into CAST_OVERFLOW_IN_TABLE_INSERT naming the table column. Internal: the
 * analyzer of INSERT inserts it; the value passes through unchanged.
 */
import type { DataType } from '../../types/data-type.js';
import { castOverflowInTableInsert } from '../../types/store-assignment.js';
import { SluiceError } from '../../util/errors.js';
import { dataTypeOf } from '../expression-type.js';
import { registerFunctions, type ScalarFunctionDef } from '../function-registry.js';

const checkOverflowInTableInsert: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__check_overflow_in_table_insert',
  minArgs: 1,
  maxArgs: 1,
  prettyName: ([a]) => a!,
  // built already resolved by INSERT's analysis, with params { column, from }
  resolve: (args) => ({ args, dataType: dataTypeOf(args[0]!), nullable: true }),
  compile: (call, [value]) => {
    const column = String(call.params!.column ?? '');
    const from = (call.params!.from as DataType | undefined) ?? call.dataType;
    return (row) => {
      try {
        return value!(row);
      } catch (e) {
        if (e instanceof SluiceError && e.errorClass === 'CAST_OVERFLOW')
          throw castOverflowInTableInsert(column, from, call.dataType);
        throw e;
      }
    };
  },
};

registerFunctions([checkOverflowInTableInsert]);
