/**
 * The commit log: `commits/<batchId>` is written after the sink has durably written the batch,
 * with the watermark for the next batch (Spark's format: `v1\n{"nextBatchWatermarkMs":…}`).
 * A batch with an offset entry but no commit entry is re-run on restart with the same offsets.
 *
 * Entries are written without an fsync (`MetadataLog.addCached`): they survive the process but
 * an operating-system crash may lose the newest ones — or leave one empty, which reads as
 * missing. Either way the batch is re-run with its logged offsets against its logged state
 * version, and the idempotent sink skips what it already has: losing a commit entry costs a
 * re-run, never exactly-once. (The offset entry and the state files, which a re-run needs,
 * are durable before the commit entry is written.)
 */
import { MetadataLog } from './metadata-log.js';

export class CommitLog {
  private readonly log: MetadataLog;
  constructor(dir: string) {
    this.log = new MetadataLog(dir);
  }
  add(batchId: number, nextBatchWatermarkMs: number): boolean {
    // an entry an OS crash cut short is replaced by the re-run batch's
    if (!this.has(batchId)) this.log.remove(batchId);
    return this.log.addCached(batchId, `v1\n${JSON.stringify({ nextBatchWatermarkMs })}`);
  }
  has(batchId: number): boolean {
    return isWhole(this.log.get(batchId));
  }
  latest(): { batchId: number; nextBatchWatermarkMs: number } | undefined {
    const ids = this.log.batchIds();
    for (let i = ids.length - 1; i >= 0; i--) {
      const content = this.log.get(ids[i]!);
      if (!isWhole(content)) continue;
      const meta = JSON.parse(content.split('\n')[1]!) as { nextBatchWatermarkMs?: number };
      return { batchId: ids[i]!, nextBatchWatermarkMs: meta.nextBatchWatermarkMs ?? 0 };
    }
    return undefined;
  }
  purge(minBatchIdToKeep: number): void {
    this.log.purge(minBatchIdToKeep);
  }
}

/** An entry an operating-system crash did not cut short: `v1` and a complete JSON line. */
function isWhole(content: string | undefined): content is string {
  if (content === undefined || !content.startsWith('v1\n')) return false;
  try {
    JSON.parse(content.slice(3));
    return true;
  } catch {
    return false;
  }
}
