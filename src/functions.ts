/**
 * The public functions module (`import { functions as F } from 'sluice'`, or `sluice/functions`):
 * PySpark's pyspark.sql.functions with camelCase names (snake_case aliases where PySpark's name
 * has an underscore). Assembled from one file per family under dataframe/functions/.
 */

export * from './dataframe/functions/aggregate.js';
export * from './dataframe/functions/collection.js';
export * from './dataframe/functions/core.js';
export * from './dataframe/functions/datetime.js';
export * from './dataframe/functions/hash.js';
export * from './dataframe/functions/json.js';
export * from './dataframe/functions/math.js';
export * from './dataframe/functions/string.js';
export * from './dataframe/functions/window.js';
