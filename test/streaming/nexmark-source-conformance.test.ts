/**
 * The nexmark source runs the shared Source conformance suite: rate-limited (events become
 * available as the clock advances) and at full speed and unbounded (always one trigger's worth available).
 */
import { afterAll } from 'vitest';
import { ManualClock, Session } from '../../src/index.js';
import { sourceConformance } from './source-conformance.js';

const spark = Session.builder().master('local[2]').getOrCreate();
afterAll(() => spark.stop());
const clock = () => new ManualClock(1_700_000_000_000);

sourceConformance(spark, clock, {
  name: 'nexmark (rateLimited)',
  format: 'nexmark',
  traits: { replayableAcrossRestarts: true, honoursMaxRows: true },
  fixture: ({ clock, create }) => {
    const options = { rateLimited: 'true', eventsPerSecond: '1000', numPartitions: '2', seed: '4' };
    return {
      options,
      createSource: () => create(options),
      produce: async (k) => clock.advance(k), // 1 ms per event at 1000 events/s
    };
  },
});

sourceConformance(spark, clock, {
  name: 'nexmark (full speed)',
  format: 'nexmark',
  // it does honour maxRows (the rate-limited run checks that); the suite's maxRows case expects a
  // finite amount of produced data, which an unbounded full-speed stream never has
  traits: { replayableAcrossRestarts: true, honoursMaxRows: false, alwaysHasData: true },
  fixture: ({ create }) => {
    const options = { eventsPerTrigger: '7' };
    return { options, createSource: () => create(options), produce: async () => undefined };
  },
});
