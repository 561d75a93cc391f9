/**
 * The nexmark source: rows equal the generator's events, batches follow eventsPerTrigger and stop
 * at maxEvents, a crashed batch is replayed with exactly the same rows, rateLimited follows the
 * query's clock, and spark.read.format('nexmark') gives the same events as a table.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NexmarkGenerator } from '../../src/generator/nexmark/index.js';
import { Session, StreamTest } from '../../src/index.js';

const { advanceClock, assertOnQuery, checkAnswer, crash, processAllAvailable, startStream } = StreamTest;

const spark = Session.builder().master('local[2]').getOrCreate();
afterAll(() => spark.stop());

const offsets = (q: {
  recentProgress: { sources: readonly { startOffset: unknown; endOffset: unknown }[] }[];
}) => q.recentProgress.map((p) => [p.sources[0]!.startOffset, p.sources[0]!.endOffset]);

/** The expected bid rows (auction, bidder, price, channel) of events 0..n-1. */
function expectedBids(n: number, seed = 0): unknown[][] {
  const g = new NexmarkGenerator({ seed });
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const e = g.event(i);
    if (e.eventType === 2) out.push([e.bid.auction, e.bid.bidder, e.bid.price, e.bid.channel]);
  }
  return out;
}

describe('nexmark source', () => {
  it('streams the generator events in batches of eventsPerTrigger up to maxEvents', async () => {
    const events = spark.readStream
      .format('nexmark')
      .options({ maxEvents: 1000, eventsPerTrigger: 300, seed: 5 })
      .load();
    expect(events.schema.fields.map((f) => f.name)).toEqual([
      'event_type',
      'person',
      'auction',
      'bid',
      'dateTime',
    ]);
    const bids = events
      .where('event_type = 2')
      .select('bid.auction', 'bid.bidder', 'bid.price', 'bid.channel');
    await new StreamTest(spark, bids).run([
      processAllAvailable(),
      checkAnswer(expectedBids(1000, 5)),
      assertOnQuery((q) =>
        expect(offsets(q)).toEqual([
          [null, 300],
          [300, 600],
          [600, 900],
          [900, 1000],
        ]),
      ),
    ]);
  });

  it('replays a crashed batch with exactly the same events after a restart', async () => {
    const events = spark.readStream
      .format('nexmark')
      .options({ maxEvents: 500, eventsPerTrigger: 200 })
      .load();
    const people = events.where('event_type = 0').selectExpr('person.id', 'person.name', 'person.creditCard');
    const g = new NexmarkGenerator();
    const expected: unknown[][] = [];
    for (let i = 0; i < 500; i += 50) {
      const e = g.event(i);
      if (e.eventType === 0) expected.push([e.person.id, e.person.name, e.person.creditCard]);
    }
    await new StreamTest(spark, people).run([
      crash('afterSinkWrite'),
      startStream(),
      processAllAvailable(),
      checkAnswer(expected),
    ]);
  });

  it('with rateLimited, makes events available at eventsPerSecond of the query clock', async () => {
    const events = spark.readStream
      .format('nexmark')
      .options({ rateLimited: true, eventsPerSecond: 100, numPartitions: 1 })
      .load()
      .selectExpr('event_type', 'dateTime');
    const t = (n: number) => new Date(Date.UTC(2024, 10, 21, 10) + n * 10);
    await new StreamTest(spark, events, { startTimeMs: 1_000_000 }).run([
      advanceClock(50),
      checkAnswer([0, 1, 2, 3, 4].map((n) => [n === 0 ? 0 : n < 4 ? 1 : 2, t(n)])),
      advanceClock(20),
      checkAnswer([0, 1, 2, 3, 4, 5, 6].map((n) => [n === 0 ? 0 : n < 4 ? 1 : 2, t(n)])),
    ]);
  });

  it('reads the same events as a batch table and rejects a batch read without maxEvents', async () => {
    const df = spark.read.format('nexmark').options({ maxEvents: 2000, seed: 5 }).load();
    df.createOrReplaceTempView('nexmark_events');
    const rows = await spark
      .sql('SELECT bid.auction, bid.bidder, bid.price, bid.channel FROM nexmark_events WHERE event_type = 2')
      .collect();
    expect(rows.map((r) => r.toArray())).toEqual(expectedBids(2000, 5));
    expect(() => spark.read.format('nexmark').load()).toThrow(/maxEvents/);
    expect(() => spark.readStream.format('nexmark').option('eventsPerTrigger', 0).load()).toThrow(
      /eventsPerTrigger/,
    );
  });
});
