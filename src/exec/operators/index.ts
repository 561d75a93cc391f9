/**
 * The operator table: one entry per physical node kind (a missing entry is a type error).
 */
import type { OperatorTable } from '../execute.js';
import {
  coalesceExec,
  expandExec,
  filterExec,
  generateExec,
  limitExec,
  localTableScan,
  projectExec,
  rangeExec,
  sampleExec,
  unionExec,
} from './basic-operators.js';
import {
  cachedExec,
  dataSourceScanExec,
  deduplicateExec,
  exchangeExec,
  setOperationExec,
  shuffleReadExec,
} from './exchange-exec.js';
import { hashAggregateExec } from './hash-aggregate-exec.js';
import { hashJoinExec, nestedLoopJoinExec } from './join-exec.js';
import { sortExec } from './sort-exec.js';
import { statefulAggregateExec } from './stateful-aggregate-exec.js';
import { streamingGlobalLimitExec } from './streaming-global-limit-exec.js';
import { windowExec } from './window-exec.js';

export const operators: OperatorTable = {
  statefulAggregateExec,
  streamingGlobalLimitExec,
  localTableScan: (n, p) => localTableScan(n, p),
  rangeExec: (n, p) => rangeExec(n, p),
  projectExec,
  filterExec,
  hashAggregateExec,
  exchangeExec: (n) => exchangeExec(n),
  shuffleReadExec,
  sortExec,
  limitExec,
  unionExec,
  hashJoinExec,
  nestedLoopJoinExec,
  generateExec,
  windowExec,
  expandExec,
  sampleExec,
  coalesceExec,
  cachedExec,
  dataSourceScanExec,
  deduplicateExec,
  setOperationExec,
};
