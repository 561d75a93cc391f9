/**
 * Nexmark q0, q1, q2, q14, q15, q16, q17, q21, q22 on Sluice's streaming engine, over the
 * in-process `nexmark` source, checked against Apache Spark's answer for the same events
 * (fixtures made by test/nexmark/generate.py from `sluice generate nexmark --path` files: Spark
 * Structured Streaming where it can run the query, Spark batch for q15/q16 whose distinct
 * aggregates Spark refuses on streams). Several micro-batches per query, so aggregate state is
 * carried across batches.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NEXMARK_QUERIES, querySql, viewStatements } from '../../bench/nexmark/nexmark-queries.js';
import { Session } from '../../src/index.js';
import { expectMatchesFixture, loadFixture } from './fixture.js';

const spark = Session.builder()
  .master('local[2]')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.shuffle.partitions', '4')
  .getOrCreate();
afterAll(() => spark.stop());

describe('Nexmark queries match Spark', () => {
  for (const q of NEXMARK_QUERIES) {
    it(`${q.name}`, async () => {
      const fx = loadFixture(q.name);
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
      await expectMatchesFixture(spark.table(sink), fx);
    }, 120_000);
  }
});
