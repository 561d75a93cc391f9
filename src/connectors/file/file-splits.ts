/**
 * Cuts the files of a scan into read tasks the way Spark's FilePartition does: splittable files
 * are cut into pieces of at most `maxSplitBytes`, the pieces are sorted by size (largest first)
 * and packed into partitions, each file also costing `spark.sql.files.openCostInBytes`.
 *
 * Invariant: every byte of every file belongs to exactly one split; a partition never holds more
 * than maxSplitBytes of data unless a single piece is that large.
 */
import type { FileSplit } from './file-format.js';
import type { FileEntry } from './file-index.js';

export interface SplitOptions {
  readonly maxPartitionBytes: number;
  readonly openCostInBytes: number;
  readonly minPartitionNum: number;
  readonly isSplitable: (path: string) => boolean;
}

export function maxSplitBytes(files: readonly FileEntry[], o: SplitOptions): number {
  const total = files.reduce((s, f) => s + f.size + o.openCostInBytes, 0);
  const bytesPerCore = Math.floor(total / Math.max(1, o.minPartitionNum));
  return Math.min(o.maxPartitionBytes, Math.max(o.openCostInBytes, bytesPerCore));
}

export function planFilePartitions(files: readonly FileEntry[], o: SplitOptions): FileSplit[][] {
  const maxSplit = maxSplitBytes(files, o);
  const splits: FileSplit[] = [];
  for (const f of files) {
    const base = { path: f.path, fileSize: f.size, partitionValues: f.partitionValues };
    if (f.size > 0 && o.isSplitable(f.path)) {
      for (let off = 0; off < f.size; off += maxSplit) {
        splits.push({ ...base, start: off, length: Math.min(maxSplit, f.size - off) });
      }
    } else splits.push({ ...base, start: 0, length: f.size });
  }
  // stable: equal sizes keep path order
  splits.sort((a, b) => b.length - a.length);
  const partitions: FileSplit[][] = [];
  let current: FileSplit[] = [];
  let size = 0;
  for (const s of splits) {
    if (current.length && size + s.length > maxSplit) {
      partitions.push(current);
      current = [];
      size = 0;
    }
    size += s.length + o.openCostInBytes;
    current.push(s);
  }
  if (current.length) partitions.push(current);
  return partitions;
}
