/**
 * Every built-in streaming source runs the shared Source conformance suite.
 */
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll } from 'vitest';
import { ManualClock, MemoryStream, Session } from '../../src/index.js';
import type { Source } from '../../src/streaming/source.js';
import { limitedStream } from './fixtures/limited-memory-source.js';
import { sourceConformance } from './source-conformance.js';

const spark = Session.builder().master('local[2]').getOrCreate();
afterAll(() => spark.stop());
const clock = () => new ManualClock(1_700_000_000_000);

sourceConformance(spark, clock, {
  name: 'memory',
  format: 'memory',
  traits: { replayableAcrossRestarts: true, honoursMaxRows: true },
  fixture: ({ spark, create }) => {
    const stream = new MemoryStream(spark, 'id INT, name STRING');
    const options = { id: String(stream.id) };
    let n = 0;
    return {
      options,
      createSource: () => create(options),
      produce: async (k) => {
        stream.addData(Array.from({ length: k }, () => [n, `row ${n++}`]));
      },
    };
  },
});

sourceConformance(spark, clock, {
  name: 'limited memory (test fixture with maxRowsPerTrigger)',
  format: 'limited-memory',
  traits: { replayableAcrossRestarts: true, honoursMaxRows: true },
  fixture: ({ spark, create }) => {
    const stream = new MemoryStream(spark, 'v BIGINT');
    const options = { id: String(stream.id), maxRowsPerTrigger: '2' };
    limitedStream(spark, stream, 2);
    let n = 0;
    return {
      options,
      createSource: () => create(options),
      produce: async (k) => {
        stream.addData(Array.from({ length: k }, () => n++));
      },
    };
  },
});

const rateOptions: Record<string, string>[] = [
  { rowsPerSecond: '3' },
  { rowsPerSecond: '10', rampUpTime: '3s', numPartitions: '3' },
];
for (const options of rateOptions) {
  sourceConformance(spark, clock, {
    name: `rate ${JSON.stringify(options)}`,
    format: 'rate',
    traits: {
      replayableAcrossRestarts: true,
      honoursMaxRows: false,
      rowsDependOnBatchBoundaries: options.rampUpTime !== undefined,
    },
    fixture: ({ clock, create }) => ({
      options,
      createSource: () => create(options),
      // one second at a time: during ramp-up the first seconds may hold few rows
      produce: async (k) => {
        for (let i = 0; i < k; i++) clock.advance(1000);
      },
    }),
  });
}

sourceConformance(spark, clock, {
  name: 'rate-micro-batch',
  format: 'rate-micro-batch',
  traits: {
    replayableAcrossRestarts: true,
    honoursMaxRows: false,
    alwaysHasData: true,
    rowsDependOnBatchBoundaries: true,
  },
  fixture: ({ create }) => {
    const options = {
      rowsPerBatch: '3',
      numPartitions: '2',
      startTimestamp: '1000',
      advanceMillisPerBatch: '250',
    };
    return { options, createSource: () => create(options), produce: async () => undefined };
  },
});

sourceConformance(spark, clock, {
  name: 'socket',
  format: 'socket',
  traits: { replayableAcrossRestarts: false, honoursMaxRows: true },
  fixture: async ({ create }) => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = String((server.address() as { port: number }).port);
    let client: Promise<Socket> = Promise.resolve(undefined as never);
    let source: Source | undefined;
    let sent = 0;
    let wake: () => void = () => undefined;
    let dataArrived = new Promise<void>((r) => (wake = r));
    const options = { host: '127.0.0.1', port, includeTimestamp: 'true' };
    return {
      options,
      createSource: () => {
        client = once(server, 'connection').then(([s]) => s as Socket);
        sent = 0;
        source = create(options);
        source.setDataAvailableListener?.(() => {
          wake();
          dataArrived = new Promise<void>((r) => (wake = r));
        });
        return source;
      },
      produce: async (k) => {
        const socket = await client;
        const lines = Array.from({ length: k }, (_, i) => `line ${sent + i}`);
        sent += k;
        socket.write(lines.map((l) => `${l}\n`).join(''));
        for (;;) {
          const next = dataArrived;
          const offset = (await source!.latestOffset(null, { kind: 'all' })) as number | null;
          // offsets count lines from 0 (-1: none yet), as Spark's
          if ((offset ?? -1) + 1 >= sent) return;
          await next;
        }
      },
      close: async () => {
        server.close();
      },
    };
  },
});
