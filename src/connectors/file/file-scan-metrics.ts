/**
 * Process-wide counters of what file scans touched, so tests (and the UI later) can check that
 * pruning works: files opened, partitions pruned, parquet row groups read and skipped.
 *
 * Invariant: counters only grow until `resetFileScanMetrics()`.
 */
export const fileScanMetrics = {
  filesOpened: 0,
  filesPruned: 0,
  rowGroupsRead: 0,
  rowGroupsSkipped: 0,
  /** Leaf columns decoded from parquet files. */
  columnsDecoded: 0,
};

export function resetFileScanMetrics(): void {
  fileScanMetrics.filesOpened = 0;
  fileScanMetrics.filesPruned = 0;
  fileScanMetrics.rowGroupsRead = 0;
  fileScanMetrics.rowGroupsSkipped = 0;
  fileScanMetrics.columnsDecoded = 0;
}
