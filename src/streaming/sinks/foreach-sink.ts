/**
 * `foreach(writer)`: row-at-a-time output through a writer with PySpark's lifecycle —
 * `open(partitionId, epochId)` (return false to skip the partition), `process(row)` for each row,
 * `close(error)` always — or a plain function called per row.
 */
import type { Row } from '../../dataframe/row.js';
import { registerSinkProvider, type Sink } from '../sink.js';

export interface ForeachWriter {
  open?(partitionId: number, epochId: number): boolean | Promise<boolean>;
  process(row: Row): unknown;
  close?(error: unknown): unknown;
}

registerSinkProvider({
  format: 'foreach',
  createSink: (ctx): Sink => {
    const cb = ctx.callback as ForeachWriter | ((row: Row) => unknown);
    const writer: ForeachWriter = typeof cb === 'function' ? { process: cb } : cb;
    return {
      description: () => 'ForeachSink',
      addBatch: async (batchId, data) => {
        const rows = await data.collect();
        const partitionId = 0;
        const open = writer.open ? await writer.open(partitionId, batchId) : true;
        if (open === false) {
          await writer.close?.(null);
          return;
        }
        let error: unknown = null;
        try {
          for (const r of rows) await writer.process(r);
        } catch (e) {
          error = e;
        }
        await writer.close?.(error);
        if (error) throw error;
      },
    };
  },
});
