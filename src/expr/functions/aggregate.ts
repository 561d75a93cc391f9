/**
 * The aggregate function family: registers every built-in aggregate with the function registry.
 * The definitions live in `aggregate/` by idea (basic, statistics, collecting, approximate).
 *
 * Contract with the aggregation operator: DISTINCT is applied by the operator (aggregators then
 * see each distinct argument tuple once); `skipNulls` aggregates never see a row with a null
 * argument; buffers are structured-clone safe so partial results can move between workers.
 */
import type { AggregateFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { APPROXIMATE_AGGREGATES } from './aggregate/approximate.js';
import { BASIC_AGGREGATES } from './aggregate/basic.js';
import { COLLECTING_AGGREGATES } from './aggregate/collect.js';
import { LIST_AGGREGATES } from './aggregate/list-agg.js';
import { REGRESSION_AGGREGATES } from './aggregate/regression.js';
import { STATISTICAL_AGGREGATES } from './aggregate/statistics.js';
import { TRY_AGGREGATES } from './aggregate/try-aggregates.js';

export const AGGREGATE_FUNCTIONS: readonly AggregateFunctionDef[] = [
  ...BASIC_AGGREGATES,
  ...STATISTICAL_AGGREGATES,
  ...REGRESSION_AGGREGATES,
  ...TRY_AGGREGATES,
  ...LIST_AGGREGATES,
  ...COLLECTING_AGGREGATES,
  ...APPROXIMATE_AGGREGATES,
];

registerFunctions(AGGREGATE_FUNCTIONS);
