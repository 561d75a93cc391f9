/**
 * The Sink contract, as one suite every streaming sink runs (see src/streaming/sink.ts): batches
 * are written whole; a batch id the engine re-runs after a failure (same id, same rows) is not
 * written twice by an exactly-once sink, and is written identically again by an at-least-once one
 * (the user keys on the batch id); a durable sink remembers across a restart; complete mode
 * replaces the output (or is refused at creation, for append-only sinks).
 *
 * A sink's test is a few lines: how to create it (again, for a restart) and how to read back what
 * it wrote, as rows of strings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataFrame, Session } from '../../src/index.js';
import {
  lookupSinkProvider,
  type OutputMode,
  type Sink,
  type SinkContext,
} from '../../src/streaming/sink.js';
import type { StructType } from '../../src/types/data-type.js';
import { toDataType } from '../../src/types/ddl.js';

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
  /** Complete mode: replaces the output, hands over each whole table, or is refused at creation. */
  readonly completeMode: 'replaces' | 'appends' | 'unsupported';
  fixture(ctx: SinkFixtureContext): SinkFixture | Promise<SinkFixture>;
}

export interface SinkFixtureContext {
  readonly spark: Session;
  readonly checkpointLocation: string;
  /** Creates the sink through its registered provider. */
  create(outputMode: OutputMode, extra?: Partial<SinkContext>): Sink;
}

type Rows = readonly (readonly [string, number])[];

export function sinkConformance(spark: Session, t: SinkUnderTest): void {
  describe(`Sink conformance: ${t.name}`, () => {
    let dir: string;
    let fixture: SinkFixture;
    const batch = (rows: Rows): DataFrame => spark.createDataFrame(rows, SCHEMA);
    /** Writes the batches in turn: [batchId, rows]. */
    const write = async (sink: Sink, mode: OutputMode, batches: readonly (readonly [number, Rows])[]) => {
      for (const [id, rows] of batches) await sink.addBatch(id, batch(rows), mode);
    };
    /** The output as a multiset: sinks such as files keep no row order. */
    const output = async () => (await fixture.output()).sort();

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

    it('writes every batch whole', async () => {
      const sink = fixture.create('append');
      const a: Rows = [
        ['a', 1],
        ['b', 2],
      ];
      await write(sink, 'append', [
        [0, a],
        [1, []],
        [2, [['c', 3]]],
      ]);
      expect(await output()).toEqual(['a,1', 'b,2', 'c,3']);
      expect(sink.description()).toMatch(/\S/);
    });

    it(`${t.guarantee === 'exactly-once' ? 'ignores' : 'repeats identically'} a re-run batch id`, async () => {
      const sink = fixture.create('append');
      const b: Rows = [
        ['b', 2],
        ['c', 3],
      ];
      await write(sink, 'append', [
        [0, [['a', 1]]],
        [1, b],
        [1, b],
        [2, [['d', 4]]],
      ]);
      const again = t.guarantee === 'exactly-once' ? [] : ['b,2', 'c,3'];
      expect(await output()).toEqual(['a,1', 'b,2', 'c,3', 'd,4', ...again].sort());
    });

    it.skipIf(!t.durable)('ignores a re-run batch id after a restart', async () => {
      const first = fixture.create('append');
      await write(first, 'append', [
        [0, [['a', 1]]],
        [1, [['b', 2]]],
      ]);
      await first.stop?.();
      await write(fixture.create('append'), 'append', [
        [1, [['b', 2]]],
        [2, [['c', 3]]],
      ]);
      expect(await output()).toEqual(['a,1', 'b,2', 'c,3']);
    });

    it(`complete mode: ${t.completeMode}`, async () => {
      if (t.completeMode === 'unsupported') {
        expect(() => fixture.create('complete')).toThrow(/Complete output mode/);
        return;
      }
      const second: Rows = [
        ['a', 2],
        ['b', 1],
      ];
      await write(fixture.create('complete'), 'complete', [
        [0, [['a', 1]]],
        [1, second],
      ]);
      expect(await output()).toEqual(t.completeMode === 'replaces' ? ['a,2', 'b,1'] : ['a,1', 'a,2', 'b,1']);
    });
  });
}
