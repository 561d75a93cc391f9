/**
 * Restart decisions, with no I/O: given the latest offset entry and the latest commit entry,
 * which batch runs next and with which offsets.
 *
 *  - nothing logged                 → start at batch 0 from the sources' initial offsets
 *  - offsets N committed (commit N) → next is N + 1, starting after offsets N
 *  - offsets N not committed        → re-run batch N with exactly offsets N (start = offsets N-1)
 */
import type { OffsetSeq } from './offset-log.js';

export type RecoveryPlan =
  | { readonly kind: 'fresh' }
  | {
      readonly kind: 'resume';
      readonly nextBatchId: number;
      readonly committed: OffsetSeq;
      readonly watermarkMs: number;
    }
  | {
      readonly kind: 'rerun';
      readonly batchId: number;
      readonly offsets: OffsetSeq;
      readonly previous: OffsetSeq | undefined;
      readonly watermarkMs: number;
    };

export function planRecovery(
  latestOffsets: { batchId: number; seq: OffsetSeq } | undefined,
  latestCommit: { batchId: number; nextBatchWatermarkMs: number } | undefined,
  offsetsOf: (batchId: number) => OffsetSeq | undefined,
): RecoveryPlan {
  if (!latestOffsets) return { kind: 'fresh' };
  const n = latestOffsets.batchId;
  if (latestCommit && latestCommit.batchId >= n) {
    return {
      kind: 'resume',
      nextBatchId: n + 1,
      committed: latestOffsets.seq,
      watermarkMs: latestCommit.nextBatchWatermarkMs,
    };
  }
  return {
    kind: 'rerun',
    batchId: n,
    offsets: latestOffsets.seq,
    previous: n > 0 ? offsetsOf(n - 1) : undefined,
    watermarkMs: latestOffsets.seq.metadata.batchWatermarkMs,
  };
}
