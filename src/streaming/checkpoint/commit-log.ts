/**
 * The commit log: `commits/<batchId>` is written after the sink has durably written the batch,
 * with the watermark for the next batch (Spark's format: `v1\n{"nextBatchWatermarkMs":…}`).
 * A batch with an offset entry but no commit entry is re-run on restart with the same offsets.
 */
import { MetadataLog } from './metadata-log.js';

export class CommitLog {
  private readonly log: MetadataLog;
  constructor(dir: string) {
    this.log = new MetadataLog(dir);
  }
  add(batchId: number, nextBatchWatermarkMs: number): boolean {
    return this.log.add(batchId, `v1\n${JSON.stringify({ nextBatchWatermarkMs })}`);
  }
  has(batchId: number): boolean {
    return this.log.get(batchId) !== undefined;
  }
  latest(): { batchId: number; nextBatchWatermarkMs: number } | undefined {
    const l = this.log.latest();
    if (!l) return undefined;
    const meta = JSON.parse(l.content.split('\n')[1] ?? '{}') as { nextBatchWatermarkMs?: number };
    return { batchId: l.batchId, nextBatchWatermarkMs: meta.nextBatchWatermarkMs ?? 0 };
  }
  purge(minBatchIdToKeep: number): void {
    this.log.purge(minBatchIdToKeep);
  }
}
