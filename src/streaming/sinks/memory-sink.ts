/**
 * The `memory` sink: keeps the output in an in-memory table named by `queryName`, queryable with
 * `spark.sql('SELECT … FROM name')` / `spark.table(name)`. Append and update modes add the batch's
 * rows; complete mode replaces the table. A re-run batch id is ignored (idempotent).
 */
import { attributeReference, type Row } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { SluiceError } from '../../util/errors.js';
import { registerSinkProvider, type Sink } from '../sink.js';

registerSinkProvider({
  format: 'memory',
  supportsContinuous: true,
  createSink: (ctx): Sink => {
    if (!ctx.queryName) {
      throw new SluiceError('STREAMING_QUERY_NAME_REQUIRED', 'queryName must be specified for memory sink.');
    }
    const name = ctx.queryName;
    const output = ctx.schema.fields.map((f) => attributeReference(f.name, f.dataType, true));
    let rows: Row[] = [];
    let lastBatch = -1;
    const publish = () => {
      const plan: LogicalPlan = { kind: 'localRelation', output, rows, numPartitions: 1 };
      ctx.session.catalogInternal.register(name, ctx.session.analyze(plan), true);
    };
    publish();
    return {
      description: () => `MemorySink`,
      addBatch: async (batchId, data, mode) => {
        if (batchId <= lastBatch) return;
        const batch = await ctx.session.executeInternal(data.plan);
        rows = mode === 'complete' ? batch : [...rows, ...batch];
        lastBatch = batchId;
        publish();
      },
    };
  },
});
