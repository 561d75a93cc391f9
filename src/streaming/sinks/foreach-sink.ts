/**
 * `foreach(writer)`: row-at-a-time output through a writer with PySpark's lifecycle —
 * `open(partitionId, epochId)` (return false to skip the partition), `process(row)` for each row,
 * `close(error)` always — or a plain function called per row.
 *
 * Under the continuous trigger the writer is opened at the start of each epoch and gets each row
 * as soon as it is produced; it is closed when the epoch commits (or aborted when the query stops
 * before the epoch's end, with an error).
 */
import { DataFrame } from '../../dataframe/dataframe.js';
import type { Row } from '../../dataframe/row.js';
import { attributeReference, type Row as InternalRow } from '../../expr/expression.js';
import { registerSinkProvider, type Sink, type SinkContext } from '../sink.js';

export interface ForeachWriter {
  open?(partitionId: number, epochId: number): boolean | Promise<boolean>;
  process(row: Row): unknown;
  close?(error: unknown): unknown;
}

registerSinkProvider({
  format: 'foreach',
  supportsContinuous: true,
  createSink: (ctx): Sink => {
    const cb = ctx.callback as ForeachWriter | ((row: Row) => unknown);
    const writer: ForeachWriter = typeof cb === 'function' ? { process: cb } : cb;
    return {
      description: () => 'ForeachSink',
      openEpoch: async (epochId) => {
        const open = writer.open ? await writer.open(0, epochId) : true;
        let closed = false;
        const close = async (error: unknown) => {
          if (closed) return;
          closed = true;
          await writer.close?.(error);
        };
        return {
          write: async (rows) => {
            if (open === false || rows.length === 0) return;
            try {
              for (const r of await externalRows(ctx, rows)) await writer.process(r);
            } catch (e) {
              await close(e);
              throw e;
            }
          },
          commit: () => close(null),
          abort: () => close(new Error(`Foreach writer has been aborted: epoch ${epochId} did not commit.`)),
        };
      },
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

/** Internal rows of the query's output as the `Row`s user code sees. */
function externalRows(ctx: SinkContext, rows: readonly InternalRow[]): Promise<Row[]> {
  const output = ctx.schema.fields.map((f) => attributeReference(f.name, f.dataType, f.nullable));
  const plan = ctx.session.analyze({ kind: 'localRelation', output, rows: [...rows], numPartitions: 1 });
  return new DataFrame(ctx.session, plan).collect();
}
