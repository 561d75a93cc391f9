/**
 * Sluice's public API: `import { Session, functions as F, types as T, Window } from 'sluice'`.
 * Everything not exported here is internal and free to change.
 */
export * as functions from './functions.js';
export * as types from './types.js';
export { Session, SessionBuilder, RuntimeConfig } from './dataframe/session.js';
export { DataFrame } from './dataframe/dataframe.js';
export { GroupedData } from './dataframe/grouped-data.js';
export { Column } from './dataframe/column.js';
export { Row } from './dataframe/row.js';
export { Window, WindowSpecBuilder as WindowSpec } from './dataframe/window.js';
export { DataFrameReader } from './dataframe/dataframe-reader.js';
export { SluiceError, AnalysisException, ParseException, SparkRuntimeError } from './util/errors.js';
