/**
 * Shared analysis-time type checks for function definitions, producing Spark's
 * `DATATYPE_MISMATCH.*` errors.
 */
import { type DataType, sqlTypeName } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';

export function typeMismatch(
  sql: string,
  subclass: string,
  left: DataType,
  right: DataType,
  op?: string,
): AnalysisException {
  return new AnalysisException(
    `DATATYPE_MISMATCH.${subclass}`,
    `Cannot resolve "${sql}" due to data type mismatch: the ${op ? `operator ${op}` : 'expression'} has inputs of types "${sqlTypeName(left)}" and "${sqlTypeName(right)}".`,
  );
}

export function unexpectedInputType(
  fn: string,
  paramIndex: number,
  required: string,
  actual: DataType,
): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    `Cannot resolve "${fn}" due to data type mismatch: the ${ordinal(paramIndex + 1)} parameter requires the ${required} type, however it has the type "${sqlTypeName(actual)}".`,
  );
}

function ordinal(n: number): string {
  return n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}
