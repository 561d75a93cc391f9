/**
 * Nexmark q0, q1, q2, q14, q15, q16, q17, q21, q22 on Sluice's streaming engine, over the
 * in-process `nexmark` source, checked against Apache Spark's answer for the same events
 * (fixtures made by test/nexmark/generate.py from `sluice generate nexmark --path` files: Spark
 * Structured Streaming where it can run the query, Spark batch for q15/q16 whose distinct
 * aggregates Spark refuses on streams). Several micro-batches per query, so aggregate state is
 * carried across batches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalLines, sha256Lines } from '../../bench/nexmark/canonical-rows.js';
import { NEXMARK_QUERIES, querySql, viewStatements } from '../../bench/nexmark/nexmark-queries.js';
import { Session } from '../../src/index.js';

interface Fixture {
  readonly query: string;
  readonly events: number;
  readonly seed: number;
  readonly rowCount: number;
  readonly sha256: string;
  readonly head: unknown[][];
}

const spark = Session.builder()
  .master('local[2]')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.shuffle.partitions', '4')
  .getOrCreate();
afterAll(() => spark.stop());

describe('Nexmark queries match Spark', () => {
  for (const q of NEXMARK_QUERIES) {
    it(`${q.name}`, async () => {
      const fx = JSON.parse(
        readFileSync(join(import.meta.dirname, 'fixtures', `${q.name}.json`), 'utf8'),
      ) as Fixture;
      spark.readStream
        .format('nexmark')
        .options({ maxEvents: fx.events, seed: fx.seed, eventsPerTrigger: 7000 })
        .load()
        .createOrReplaceTempView('nexmark');
      for (const v of viewStatements()) await spark.sql(v).collect();
      const result = spark.sql(querySql(q.name));
      const sink = `nexmark_${q.name}`;
      const query = result.writeStream
        .format('memory')
        .queryName(sink)
        .outputMode(q.stateful ? 'complete' : 'append')
        .trigger({ availableNow: true })
        .start();
      await query.awaitTermination();
      expect(query.recentProgress.length).toBe(3); // 20,000 events in batches of 7,000
      const out = spark.table(sink);
      const rows = (await out.collect()).map((r) => r.toArray());
      const lines = canonicalLines(rows, out.schema);
      expect(lines.slice(0, fx.head.length).map((l) => JSON.parse(l))).toEqual(fx.head);
      expect(lines.length).toBe(fx.rowCount);
      expect(sha256Lines(lines)).toBe(fx.sha256);
    }, 120_000);
  }
});
