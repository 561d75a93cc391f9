/**
 * The Sink contract, as one suite every streaming sink runs (see src/streaming/sink.ts): batches
 * arrive in order and are written whole; a batch id the engine re-runs after a failure (same id,
 * same rows) is not written twice by an exactly-once sink, and is written identically again by
 * an at-least-once one (the user keys on the batch id); complete mode replaces the output.
 *
 * A sink's test is a few lines: how to create it (again, for a restart) and how to read back what
 * it wrote, as rows of strings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataFrame, Session } from '../../src/index.js';
import { lookupSinkProvider, type OutputMode, type Sink, type SinkContext } from '../../src/streaming/sink.js';
import { toDataType } from '../../src/types/ddl.js';
import type { StructType } from '../../src/types/data-type.js';

export const SCHEMA = 'word STRING, n BIGINT';

export interface SinkFixture {
  /** Creates the sink as a query start would (again: a restart over the same checkpoint). */
  create(outputMode: OutputMode): Sink;
  /** Everything the sink has written so far, each row as its values joined with ','. */
  output(): Promise<string[]>;
  close?(): Promise<void>;
}

export interface SinkUnderTest {
  readonly name: string;
  readonly format: string;
  /** exactly-once: a re-run batch id writes nothing; at-least-once: it writes the same rows again. */
  readonly guarantee: 'exactly-once' | 'at-least-once';
  /** What the sink wrote survives a restart (a new sink instance). */
  readonly durable: boolean;
  /** Complete mode replaces the output (false: the sink just receives each whole table). */
  readonly replacesInCompleteMode: boolean;
  fixture(ctx: SinkFixtureContext): SinkFixture | Promise<SinkFixture>;
}

export interface SinkFixtureContext {
  readonly spark: Session;
  readonly checkpointLocation: string;
  /** Creates the sink through its registered provider. */
  create(outputMode: OutputMode, extra?: Partial<SinkContext>): Sink;
}

export function sinkConformance(spark: Session, t: SinkUnderTest): void {
  describe(`Sink conformance: ${t.name}`, () => {
    let dir: string;
    let fixture: SinkFixture;
    const batch = (rows: [string, number][]): DataFrame => spark.createDataFrame(rows, SCHEMA);

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sluice-sink-conformance-'));
      const schema = toDataType(SCHEMA) as StructType;
      fixture = await t.fixture({
        spark,
        checkpointLocation: dir,
        create: (outputMode, extra = {}) =>
          lookupSinkProvider(t.format)!.createSink({
            session: spark,
            options: {},
            schema,
            outputMode,
            partitionBy: [],
            checkpointLocation: dir,
            ...extra,
          }),
      });
    });
    afterEach(async () => {
      await fixture.close?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes each batch whole, in order', async () => {
      const sink = fixture.create('append');
      await sink.addBatch(0, batch([['a', 1], ['b', 2]]), 'append');
      await sink.addBatch(1, batch([]), 'append');
      await sink.addBatch(2, batch([['c', 3]]), 'append');
      expect(await fixture.output()).toEqual(['a,1', 'b,2', 'c,3']);
      expect(sink.description()).toMatch(/\S/);
    });

    it(`${t.guarantee === 'exactly-once' ? 'ignores' : 'repeats identically'} a re-run batch id`, async () => {
      const sink = fixture.create('append');
      await sink.addBatch(0, batch([['a', 1]]), 'append');
      await sink.addBatch(1, batch([['b', 2], ['c', 3]]), 'append');
      await sink.addBatch(1, batch([['b', 2], ['c', 3]]), 'append');
      await sink.addBatch(2, batch([['d', 4]]), 'append');
      const again = t.guarantee === 'exactly-once' ? [] : ['b,2', 'c,3'];
      expect(await fixture.output()).toEqual(['a,1', 'b,2', 'c,3', ...again, 'd,4']);
    });

    it.skipIf(!t.durable)('ignores a re-run batch id after a restart', async () => {
      const first = fixture.create('append');
      await first.addBatch(0, batch([['a', 1]]), 'append');
      await first.addBatch(1, batch([['b', 2]]), 'append');
      await first.stop?.();
      const restarted = fixture.create('append');
      await restarted.addBatch(1, batch([['b', 2]]), 'append');
      await restarted.addBatch(2, batch([['c', 3]]), 'append');
      expect(await fixture.output()).toEqual(['a,1', 'b,2', 'c,3']);
    });

    it(`complete mode ${t.replacesInCompleteMode ? 'replaces the output' : 'hands over the whole table each batch'}`, async () => {
      const sink = fixture.create('complete');
      await sink.addBatch(0, batch([['a', 1]]), 'complete');
      await sink.addBatch(1, batch([['a', 2], ['b', 1]]), 'complete');
      const out = await fixture.output();
      expect(out).toEqual(t.replacesInCompleteMode ? ['a,2', 'b,1'] : ['a,1', 'a,2', 'b,1']);
    });
  });
}
