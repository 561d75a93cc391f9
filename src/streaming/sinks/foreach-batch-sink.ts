/**
 * `foreachBatch(async (df, batchId) => …)`: hands each batch to user code as a batch DataFrame
 * (already computed: several actions on it do not re-run the streaming plan). Exactly-once is the
 * user's to keep, with the batch id (Spark's contract).
 */
import type { DataFrame } from '../../dataframe/dataframe.js';
import { registerSinkProvider, type Sink } from '../sink.js';

export type ForeachBatchFunction = (df: DataFrame, batchId: number) => unknown;

registerSinkProvider({
  format: 'foreachBatch',
  createSink: (ctx): Sink => {
    const fn = ctx.callback as ForeachBatchFunction;
    return {
      description: () => 'ForeachBatchSink',
      addBatch: async (batchId, data) => {
        await fn(data, batchId);
      },
    };
  },
});
