/**
 * The continuous trigger: which queries, sources and sinks may run under it (Spark's rules and
 * messages, checked against pyspark 4.3.0), rows processed as they arrive (before the epoch ends),
 * one epoch committed per checkpoint interval (offsets/N, sink commit, commits/N, a progress
 * report — also for an epoch without data), and restarts that continue after the last committed
 * epoch without losing or repeating rows. Time is a ManualClock: the tests wait for the query's
 * loop to go back to sleep on it, never for an amount of time.
 */
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  functions as F,
  ManualClock,
  MemoryStream,
  Session,
  type StreamingQuery,
  type StreamingQueryListener,
} from '../../src/index.js';
import type { WakeSignal } from '../../src/streaming/clock.js';

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sluice-continuous-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  spark.stop();
});

/** A ManualClock that tells when the query's loop is asleep on it again (its work done). */
class WatchedClock extends ManualClock {
  private watchers: (() => void)[] = [];
  override sleepUntil(time: number, signal: WakeSignal): Promise<void> {
    const p = super.sleepUntil(time, signal);
    if (this.waiting > 0) for (const w of this.watchers.splice(0)) w();
    return p;
  }
  /** Resolves once the loop sleeps (at once if it already does). */
  settled(): Promise<void> {
    if (this.waiting > 0) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push(resolve));
  }
  /** Ends the current epoch (the interval is 1 s) and waits for its commit. */
  async nextEpoch(): Promise<void> {
    await this.settled();
    this.advance(1000);
    await this.settled();
  }
}

const values = async (table: string, column: string) =>
  (await spark.table(table).collect()).map((r) => r.get(column) as number).sort((a, b) => a - b);
const epochs = (q: StreamingQuery) =>
  q.recentProgress.map((p) => [
    p.batchId,
    p.sources[0]!.startOffset,
    p.sources[0]!.endOffset,
    p.numInputRows,
  ]);

describe('which queries run continuously', () => {
  const numbers = () => new MemoryStream(spark, 'v INT').toDF();
  const start = (df: ReturnType<typeof numbers>, mode = 'append', format = 'memory') =>
    df.writeStream
      .format(format)
      .queryName('rejected')
      .outputMode(mode)
      .trigger({ continuous: '1 second' })
      .start();

  it('rejects aggregations, generators, limits, unions and current time', () => {
    const msg = (what: string) => `Continuous processing does not support ${what} operations.`;
    expect(() => start(numbers().groupBy('v').count(), 'complete')).toThrow(msg('Aggregate'));
    expect(() => start(numbers().groupBy('v').count(), 'update')).toThrow(msg('Aggregate'));
    expect(() => start(numbers().select(F.explode(F.array('v', 'v'))))).toThrow(msg('Generate'));
    expect(() => start(numbers().limit(3))).toThrow(msg('LocalLimit'));
    expect(() => start(numbers().union(numbers()))).toThrow(msg('Union'));
    expect(() => start(numbers().select(F.current_timestamp()))).toThrow(
      'Continuous processing does not support current time operations.',
    );
    // the streaming rules apply first
    expect(() => start(numbers(), 'complete')).toThrow(/Invalid streaming output mode: complete/);
  });

  it('needs a source and a sink that support it', () => {
    const mb = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 5).load();
    expect(() => start(mb)).toThrow('Data source rate-micro-batch does not support continuous processing.');
    const files = spark.readStream.format('text').load(tempDir());
    expect(() => start(files)).toThrow('Data source text does not support continuous processing.');
    expect(() =>
      numbers()
        .writeStream.foreachBatch(() => undefined)
        .trigger({ continuous: '1 second' })
        .start(),
    ).toThrow("'foreachBatch' is not supported with continuous trigger.");
    expect(() =>
      numbers()
        .writeStream.format('parquet')
        .option('checkpointLocation', tempDir())
        .trigger({ continuous: '1 second' })
        .start(tempDir()),
    ).toThrow('Data sink parquet does not support continuous processing.');
    expect(() => numbers().writeStream.trigger({ continuous: '-1 second' })).toThrow('[INVALID_TRIGGER]');
  });
});

describe('continuous processing', () => {
  it('processes rows as they arrive and commits one epoch per interval', async () => {
    const clock = new WatchedClock();
    const dir = tempDir();
    const s = new MemoryStream(spark, 'v INT');
    const events: string[] = [];
    const q = s
      .toDF()
      .filter(F.col('v').gt(1))
      .select(F.col('v').multiply(10).alias('x'))
      .writeStream.trigger({ continuous: '1 second' })
      .option('checkpointLocation', dir)
      .withClock(clock)
      .foreach({
        open: (partition, epoch) => events.push(`open ${partition} ${epoch}`) > 0,
        process: (row) => events.push(`process ${row.get('x')}`),
        close: (error) => events.push(`close ${error}`),
      })
      .start();
    try {
      await clock.settled();
      s.addData([1, 2, 3]);
      await clock.settled();
      // low latency: the rows reached the sink without waiting for the epoch to end
      expect(events).toEqual(['open 0 0', 'process 20', 'process 30']);
      expect(q.recentProgress).toEqual([]);

      await clock.nextEpoch();
      expect(events.slice(3)).toEqual(['close null', 'open 0 1']);
      expect(q.lastProgress).toMatchObject({
        batchId: 0,
        numInputRows: 3,
        sources: [{ description: 'MemoryStream[v]', startOffset: null, endOffset: 3, numInputRows: 3 }],
        sink: { description: 'ForeachSink', numOutputRows: 2 },
      });

      await clock.nextEpoch(); // an epoch without data is committed too
      s.addData([4]);
      await clock.nextEpoch();
      expect(epochs(q)).toEqual([
        [0, null, 3, 3],
        [1, 3, 3, 0],
        [2, 3, 4, 1],
      ]);
      expect(readdirSync(join(dir, 'commits')).sort()).toEqual(['0', '1', '2']);
      expect(readdirSync(join(dir, 'offsets')).sort()).toEqual(['0', '1', '2']);
      expect(q.status).toMatchObject({ message: 'Running' });
      expect(JSON.parse(q.lastProgress!.json)).toMatchObject({ id: q.id, runId: q.runId, batchId: 2 });
    } finally {
      await q.stop();
    }
    // the epoch in flight when the query stopped is aborted, not committed
    expect(events.slice(-2)).toEqual([
      'open 0 3',
      expect.stringMatching(/^close Error: .*epoch 3 did not commit/),
    ]);
  });

  it('reports one progress event per epoch (Spark 4.3 reports none) and never an idle event', async () => {
    const clock = new WatchedClock();
    const s = new MemoryStream(spark, 'v INT');
    const events: string[] = [];
    const listener: StreamingQueryListener = {
      onQueryProgress: (e) => events.push(`progress ${e.progress.batchId} ${e.progress.numInputRows}`),
      onQueryIdle: () => events.push('idle'),
    };
    spark.streams.addListener(listener);
    const q = s
      .toDF()
      .writeStream.format('memory')
      .queryName('continuous_progress')
      .trigger({ continuous: '1 second' })
      .withClock(clock)
      .start();
    try {
      await clock.settled();
      s.addData([1, 2]);
      await clock.nextEpoch();
      await clock.nextEpoch(); // an epoch without data: progress with 0 rows, no idle event
      expect(events).toEqual(['progress 0 2', 'progress 1 0']);
      const p = q.lastProgress!;
      expect(Object.keys(p.durationMs).sort()).toEqual(['commitOffsets', 'triggerExecution']);
      expect(p.stateOperators).toEqual([]);
      expect(p.eventTime).toEqual({});
      expect(p.sink).toMatchObject({ description: 'MemorySink', numOutputRows: 0 });
    } finally {
      spark.streams.removeListener(listener);
      await q.stop();
    }
  });

  it('publishes to the memory sink when an epoch commits, and restarts after the last committed epoch', async () => {
    const dir = tempDir();
    const s = new MemoryStream(spark, 'v INT');
    const run = (clock: ManualClock) =>
      s
        .toDF()
        .select(F.col('v').plus(100).alias('w'))
        .writeStream.format('memory')
        .queryName('continuous_out')
        .trigger({ continuous: '1 second' })
        .option('checkpointLocation', dir)
        .withClock(clock)
        .start();
    const c1 = new WatchedClock();
    const q1 = run(c1);
    const id = q1.id;
    await c1.settled();
    s.addData([1, 2]);
    await c1.settled();
    expect(await values('continuous_out', 'w')).toEqual([]); // processed, not yet committed
    await c1.nextEpoch();
    expect(await values('continuous_out', 'w')).toEqual([101, 102]);
    s.addData([3]); // read into epoch 1, which the stop cuts short
    await c1.settled();
    await q1.stop();

    s.addData([4]);
    const c2 = new WatchedClock();
    const q2 = run(c2);
    try {
      expect(q2.id).toBe(id);
      await c2.nextEpoch();
      // a new run's memory table starts empty; epoch 1 re-reads 3 (never committed) and reads 4
      expect(await values('continuous_out', 'w')).toEqual([103, 104]);
      expect(epochs(q2)).toEqual([[1, 2, 4, 2]]);
    } finally {
      await q2.stop();
    }
  });

  it('reads the rate source continuously', async () => {
    const clock = new WatchedClock();
    const q = spark.readStream
      .format('rate')
      .option('rowsPerSecond', 4)
      .load()
      .filter(F.col('value').mod(2).equalTo(0))
      .writeStream.format('memory')
      .queryName('continuous_rate')
      .trigger({ continuous: '1 second' })
      .withClock(clock)
      .start();
    try {
      await clock.nextEpoch();
      await clock.nextEpoch();
      expect((await spark.table('continuous_rate').collect()).map((r) => r.get('value'))).toEqual([
        0, 2, 4, 6,
      ]);
      expect(epochs(q)).toEqual([
        [0, null, 1, 4],
        [1, 1, 2, 4],
      ]);
    } finally {
      await q.stop();
    }
  });

  it('processAllAvailable waits for the epoch that commits the data', async () => {
    const clock = new WatchedClock();
    const s = new MemoryStream(spark, 'v INT');
    const q = s
      .toDF()
      .writeStream.format('memory')
      .queryName('continuous_paa')
      .trigger({ continuous: '1 second' })
      .withClock(clock)
      .start();
    try {
      await clock.settled();
      s.addData([7]);
      let done = false;
      const waiting = q.processAllAvailable().then(() => {
        done = true;
      });
      await clock.settled();
      expect(done).toBe(false);
      clock.advance(1000);
      await waiting;
      expect(await values('continuous_paa', 'v')).toEqual([7]);
    } finally {
      await q.stop();
    }
  });

  it('reads lines from a socket as they arrive', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const connected = once(server, 'connection');
    const clock = new WatchedClock();
    const seen: string[] = [];
    let arrived: (() => void) | undefined;
    const q = spark.readStream
      .format('socket')
      .option('host', '127.0.0.1')
      .option('port', (server.address() as { port: number }).port)
      .load()
      .writeStream.trigger({ continuous: '1 second' })
      .withClock(clock)
      .foreach((row) => {
        seen.push(row.get('value') as string);
        if (seen.length === 2) arrived?.();
      })
      .start();
    try {
      const [client] = (await connected) as [Socket];
      const both = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      client.write('hello\nworld\n');
      await both; // the socket source wakes the loop: no clock advance needed
      expect(seen).toEqual(['hello', 'world']);
      await clock.nextEpoch();
      expect(epochs(q)).toEqual([[0, null, 1, 2]]); // offsets number lines from 0
      client.destroy();
    } finally {
      await q.stop();
      server.close();
    }
  });
});
