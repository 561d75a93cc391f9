/**
 * The `console` sink: prints every batch as Spark does —
 *   -------------------------------------------
 *   Batch: 3
 *   -------------------------------------------
 * followed by `show(numRows, truncate)` of the batch. Options: numRows (20), truncate (true).
 * For debugging: not idempotent across restarts (a re-run batch prints again, like Spark's).
 */
import { SluiceError } from '../../util/errors.js';
import { registerSinkProvider, type Sink } from '../sink.js';

registerSinkProvider({
  format: 'console',
  supportsContinuous: true,
  createSink: (ctx): Sink => {
    const numRows = Number(ctx.options.numRows ?? '20');
    if (!Number.isInteger(numRows) || numRows < 0) {
      throw new SluiceError(
        'INVALID_OPTION',
        `The console sink option numRows must be a non-negative integer, got '${ctx.options.numRows}'.`,
      );
    }
    const t = (ctx.options.truncate ?? 'true').toLowerCase();
    if (t !== 'true' && t !== 'false') {
      throw new SluiceError(
        'INVALID_OPTION',
        `The console sink option truncate must be true or false, got '${ctx.options.truncate}'.`,
      );
    }
    const out =
      (ctx.callback as ((s: string) => void) | undefined) ?? ((s: string) => process.stdout.write(s));
    return {
      description: () => `org.apache.spark.sql.execution.streaming.ConsoleTable$@sluice`,
      addBatch: async (batchId, data) => {
        const header = `-------------------------------------------\nBatch: ${batchId}\n-------------------------------------------\n`;
        out(header + (await data.showString(numRows, t === 'true')) + '\n');
      },
    };
  },
});
