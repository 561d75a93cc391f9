/**
 * Sluice's public API: `import { Session, functions as F, types as T, Window } from 'sluice'`.
 * Everything not exported here is internal and free to change.
 */

export { Column } from './dataframe/column.js';
export { DataStreamReader } from './dataframe/data-stream-reader.js';
export { DataStreamWriter } from './dataframe/data-stream-writer.js';
export { DataFrame } from './dataframe/dataframe.js';
export { DataFrameReader } from './dataframe/dataframe-reader.js';
export { DataFrameWriter } from './dataframe/dataframe-writer.js';
export { GroupedData } from './dataframe/grouped-data.js';
export { Row } from './dataframe/row.js';
export { RuntimeConfig, Session, SessionBuilder } from './dataframe/session.js';
export { Window, WindowSpecBuilder as WindowSpec } from './dataframe/window.js';
export * as functions from './functions.js';
export { ManualClock, SystemClock } from './streaming/clock.js';
export { StreamingQueryProgress } from './streaming/progress.js';
export { MemoryStream } from './streaming/sources/memory-stream.js';
export { StreamingQuery } from './streaming/streaming-query.js';
export type { StreamingQueryListener } from './streaming/streaming-query-listener.js';
export { StreamingQueryManager } from './streaming/streaming-query-manager.js';
export {
  type CrashPoint,
  type StreamAction,
  StreamTest,
  type StreamTestOptions,
} from './testing/stream-test.js';
export * as types from './types.js';
export { AnalysisException, ParseException, SluiceError, SparkRuntimeError } from './util/errors.js';
