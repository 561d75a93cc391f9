/**
 * The Source contract, as one suite every streaming source runs (see src/streaming/source.ts):
 * offsets are JSON and never go backwards; getBatch is replayable (same offsets → same rows, also
 * from a restarted source when the source is replayable across restarts); consecutive batches
 * split the data exactly; latestOffset honours read limits; batches match the schema.
 *
 * A source's test is a few lines: a fixture that creates (and re-creates, as a restart would)
 * the source over one checkpoint folder, and makes rows available.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock, Session } from '../../src/index.js';
import type { LogicalPlan } from '../../src/plan/logical-plan.js';
import {
  lookupSourceProvider,
  type Offset,
  type ReadLimit,
  type Source,
} from '../../src/streaming/source.js';

export interface SourceFixture {
  /** The reader options (`spark.readStream.format(…).options(…)`) that read this fixture's data. */
  readonly options: Readonly<Record<string, string>>;
  /** Creates the source as a query start would (a second call is a restart over the same checkpoint). */
  createSource(): Source;
  /** Makes at least `n` more rows available, resolving once the latest source can see them. */
  produce(n: number): Promise<void>;
  close?(): Promise<void>;
}

export interface SourceTraits {
  /** A restarted source reads the same rows for the same offsets (false for socket). */
  readonly replayableAcrossRestarts: boolean;
  /** latestOffset(start, { maxRows: n }) bounds a batch to n rows (false: the source ignores limits, as Spark's rate). */
  readonly honoursMaxRows: boolean;
  /** Data is there before anything is produced (rate-micro-batch). */
  readonly alwaysHasData?: boolean;
  /**
   * Rows depend on where batches split the data (rate-micro-batch stamps a batch with one time;
   * rate spreads timestamps over a ramping-up batch), so one batch over (a, c] is not the two
   * batches (a, b] + (b, c] — only the number of rows is.
   */
  readonly rowsDependOnBatchBoundaries?: boolean;
}

export interface SourceUnderTest {
  readonly name: string;
  readonly format: string;
  readonly traits: SourceTraits;
  /** Builds the fixture; `ctx` creates sources with the suite's session, clock and checkpoint folder. */
  fixture(ctx: FixtureContext): Promise<SourceFixture> | SourceFixture;
}

export interface FixtureContext {
  readonly spark: Session;
  readonly clock: ManualClock;
  /** Creates the source under test through its registered provider. */
  create(options: Readonly<Record<string, string>>): Source;
}

const ALL: ReadLimit = { kind: 'all' };

export function sourceConformance(spark: Session, makeClock: () => ManualClock, t: SourceUnderTest): void {
  describe(`Source conformance: ${t.name}`, () => {
    let dir: string;
    let clock: ManualClock;
    let fixture: SourceFixture;
    const opened: Source[] = [];

    const rows = async (src: Source, start: Offset | null, end: Offset) => {
      const plan: LogicalPlan = await src.getBatch(start, end);
      return spark.executeInternal(spark.analyze(plan));
    };
    const open = () => {
      const s = fixture.createSource();
      opened.push(s);
      return s;
    };
    /** latestOffset after producing n rows (asserting it moved). */
    const advance = async (src: Source, start: Offset | null, n: number) => {
      await fixture.produce(n);
      const end = await src.latestOffset(start, ALL);
      expect(end).not.toBeNull();
      expect(JSON.stringify(end)).not.toBe(JSON.stringify(start));
      return end as Offset;
    };

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sluice-source-conformance-'));
      clock = makeClock();
      fixture = await t.fixture({
        spark,
        clock,
        create: (options) =>
          lookupSourceProvider(t.format).createSource({
            session: spark,
            options,
            paths: [],
            metadataPath: join(dir, 'sources', '0'),
            clock,
          }),
      });
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.stop();
      await fixture.close?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('declares at load() the schema its batches have', async () => {
      const df = spark.readStream.format(t.format).options(fixture.options).load();
      const src = open();
      expect(df.schema).toEqual(src.schema);
      const end = await advance(src, null, 3);
      const plan = await src.getBatch(null, end);
      const analyzed = spark.analyze(plan);
      expect(spark.isStreamingPlan(analyzed)).toBe(false);
      const out = (await rows(src, null, end))[0]!;
      expect(out).toHaveLength(src.schema.fields.length);
    });

    it('has no new data until some is produced', async () => {
      const src = open();
      const first = await src.latestOffset(null, ALL);
      if (t.traits.alwaysHasData) {
        expect(first).not.toBeNull();
        return;
      }
      const again = await src.latestOffset(first, ALL);
      expect(JSON.stringify(again ?? null)).toBe(JSON.stringify(first ?? null));
    });

    it('serialises offsets as JSON and never moves them backwards', async () => {
      const src = open();
      let prev: Offset | null = null;
      for (let i = 0; i < 3; i++) {
        const end = await advance(src, prev, 2);
        expect(JSON.parse(JSON.stringify(end))).toEqual(end);
        // asked again from the same start: the same offset (nothing new was produced)
        if (!t.traits.alwaysHasData) expect(await src.latestOffset(prev, ALL)).toEqual(end);
        prev = end;
      }
    });

    it('replays the same rows for the same offsets', async () => {
      const src = open();
      const a = await advance(src, null, 4);
      const b = await advance(src, a, 3);
      const parsed = JSON.parse(JSON.stringify(b)) as Offset;
      expect(await rows(src, a, parsed)).toEqual(await rows(src, a, b));
      expect(await rows(src, null, a)).toEqual(await rows(src, null, a));
    });

    it('splits the data exactly between consecutive batches', async () => {
      const src = open();
      const a = await advance(src, null, 3);
      const b = await advance(src, a, 3);
      const first = await rows(src, null, a);
      const second = await rows(src, a, b);
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      const whole = await rows(src, null, b);
      const key = (r: unknown[]) => JSON.stringify(r);
      if (t.traits.rowsDependOnBatchBoundaries) expect(first.length + second.length).toBe(whole.length);
      else expect([...first, ...second].map(key).sort()).toEqual(whole.map(key).sort());
    });

    it.skipIf(!t.traits.replayableAcrossRestarts)('replays the same rows after a restart', async () => {
      const src = open();
      const a = await advance(src, null, 3);
      const b = await advance(src, a, 3);
      const before = await rows(src, a, b);
      await src.stop();
      const restarted = open();
      expect(await rows(restarted, a, b)).toEqual(before);
      const next = await restarted.latestOffset(b, ALL);
      // a restarted source never offers offsets before the committed ones
      if (next !== null && JSON.stringify(next) !== JSON.stringify(b)) {
        expect((await rows(restarted, b, next)).length).toBeGreaterThan(0);
      }
    });

    it('bounds a batch by its default read limit', async () => {
      const src = open();
      const limit = src.defaultReadLimit();
      await fixture.produce(5);
      const end = await src.latestOffset(null, limit);
      expect(end).not.toBeNull();
      const n = (await rows(src, null, end as Offset)).length;
      if (limit.kind === 'maxRows') expect(n).toBeLessThanOrEqual(limit.n);
      expect(n).toBeGreaterThan(0);
    });

    it.skipIf(!t.traits.honoursMaxRows)(
      'honours a maxRows read limit, making progress each batch',
      async () => {
        const src = open();
        await fixture.produce(5);
        let start: Offset | null = null;
        const sizes: number[] = [];
        for (let i = 0; i < 3; i++) {
          const end = await src.latestOffset(start, { kind: 'maxRows', n: 2 });
          expect(end).not.toBeNull();
          sizes.push((await rows(src, start, end as Offset)).length);
          start = end;
        }
        expect(sizes).toEqual([2, 2, 1]);
      },
    );

    it('keeps serving uncommitted offsets after a commit, and stops cleanly', async () => {
      const src = open();
      const a = await advance(src, null, 2);
      const b = await advance(src, a, 2);
      const expected = await rows(src, a, b);
      await src.commit(a);
      expect(await rows(src, a, b)).toEqual(expected);
      await src.stop();
      await src.stop();
      expect(src.description()).toMatch(/\S/);
    });
  });
}
