/**
 * What a query leaves behind when it ends: a temporary checkpoint (no checkpointLocation, console
 * or memory sink) is deleted after a clean stop and kept after a failure, as Spark does
 * (spark.sql.streaming.forceDeleteTempCheckpointLocation deletes it anyway); a stopped query
 * releases its MemoryStream subscription and leaves spark.streams; awaitAnyTermination and
 * resetTerminated follow Spark's rules.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStream, Session } from '../../src/index.js';

const spark = Session.builder().master('local[1]').config('spark.sql.shuffle.partitions', 2).getOrCreate();

// temporary checkpoints go under os.tmpdir(): point it at a folder this file owns
const originalTmp = process.env.TMPDIR;
const scratch = mkdtempSync(join(tmpdir(), 'sluice-lifecycle-'));
beforeAll(() => {
  process.env.TMPDIR = scratch;
});
afterAll(() => {
  process.env.TMPDIR = originalTmp;
  rmSync(scratch, { recursive: true, force: true });
  spark.stop();
});
const temporaryCheckpoints = () => readdirSync(scratch).filter((n) => n.startsWith('temporary-'));

const memoryQuery = (s: MemoryStream, name: string) =>
  s.toDF().writeStream.format('memory').queryName(name).withClock(new ManualClock()).start();

describe('temporary checkpoints', () => {
  it('are deleted when the query stops without error', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const q = memoryQuery(s, 'temp_ok');
    expect(temporaryCheckpoints()).toHaveLength(1);
    s.addData([1, 2]);
    await q.processAllAvailable();
    expect(readdirSync(join(scratch, temporaryCheckpoints()[0]!))).toContain('commits');
    await q.stop();
    expect(temporaryCheckpoints()).toEqual([]);
    expect((await spark.table('temp_ok').collect()).map((r) => r.get('v'))).toEqual([1, 2]);
  });

  it('are kept when the query fails, unless forceDeleteTempCheckpointLocation is set', async () => {
    const failing = (s: MemoryStream) =>
      s
        .toDF()
        .writeStream.format('foreach')
        .withClock(new ManualClock())
        .foreach(() => {
          throw new Error('cannot write');
        })
        .start();
    const s = new MemoryStream(spark, 'v INT');
    const q = failing(s);
    s.addData([1]);
    await expect(q.awaitTermination()).rejects.toThrow(/cannot write/);
    expect(temporaryCheckpoints()).toHaveLength(1);
    rmSync(join(scratch, temporaryCheckpoints()[0]!), { recursive: true });

    spark.conf.set('spark.sql.streaming.forceDeleteTempCheckpointLocation', 'true');
    try {
      const t = new MemoryStream(spark, 'v INT');
      const r = failing(t);
      t.addData([1]);
      await expect(r.awaitTermination()).rejects.toThrow(/cannot write/);
      expect(temporaryCheckpoints()).toEqual([]);
    } finally {
      spark.conf.unset('spark.sql.streaming.forceDeleteTempCheckpointLocation');
    }
  });

  it('are not made when a checkpoint location is given, and a given one is kept', async () => {
    const dir = mkdtempSync(join(scratch, 'given-'));
    const s = new MemoryStream(spark, 'v INT');
    const q = s
      .toDF()
      .writeStream.format('memory')
      .queryName('given_cp')
      .option('checkpointLocation', dir)
      .withClock(new ManualClock())
      .start();
    s.addData([1]);
    await q.processAllAvailable();
    await q.stop();
    expect(temporaryCheckpoints()).toEqual([]);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['commits', 'metadata', 'offsets']));
  });
});

describe('spark.sql.streaming.checkpointLocation', () => {
  it('puts a query under <root>/<queryName> (resumed by name) or <root>/<random id>, kept after stop', async () => {
    const root = mkdtempSync(join(scratch, 'root-'));
    spark.conf.set('spark.sql.streaming.checkpointLocation', root);
    try {
      const s = new MemoryStream(spark, 'v INT');
      const run = () =>
        s.toDF().writeStream.format('memory').queryName('by_name').withClock(new ManualClock()).start();
      const q = run();
      s.addData([1]);
      await q.processAllAvailable();
      await q.stop();
      expect(readdirSync(root)).toEqual(['by_name']);
      expect(readdirSync(join(root, 'by_name', 'commits'))).toEqual(['0']);
      const again = run(); // same name: same checkpoint, same query id, batch ids continue
      expect(again.id).toBe(q.id);
      s.addData([2]);
      await again.processAllAvailable();
      await again.stop();
      expect(again.lastProgress?.batchId).toBe(1);

      const unnamed = s.toDF().writeStream.format('console').withClock(new ManualClock()).start();
      await unnamed.stop();
      const others = readdirSync(root).filter((n) => n !== 'by_name');
      expect(others).toHaveLength(1);
      expect(others[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(temporaryCheckpoints()).toEqual([]);
    } finally {
      spark.conf.unset('spark.sql.streaming.checkpointLocation');
    }
  });
});

describe('a stopped query leaves nothing registered', () => {
  it('releases its MemoryStream subscription and leaves spark.streams', async () => {
    const before = spark.streams.registeredCountInternal;
    const s = new MemoryStream(spark, 'v INT');
    for (let i = 0; i < 5; i++) {
      const q = memoryQuery(s, `leak_${i}`);
      expect(s.listenerCountInternal).toBe(1);
      expect(spark.streams.get(q.id)).toBe(q);
      s.addData([i]);
      await q.processAllAvailable();
      await q.stop();
      expect(spark.streams.get(q.id)).toBeNull();
    }
    expect(s.listenerCountInternal).toBe(0);
    expect(spark.streams.active).toEqual([]);
    expect(spark.streams.registeredCountInternal).toEqual(before);
  });

  it('a failed query leaves too, and its source is released', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const q = s
      .toDF()
      .writeStream.foreachBatch(() => {
        throw new Error('boom');
      })
      .withClock(new ManualClock())
      .start();
    s.addData([1]);
    await expect(q.awaitTermination()).rejects.toThrow(/boom/);
    expect(s.listenerCountInternal).toBe(0);
    expect(spark.streams.get(q.id)).toBeNull();
    expect(spark.streams.registeredCountInternal.queries).toBe(0);
    spark.streams.resetTerminated();
  });
});

describe('spark.streams.awaitAnyTermination', () => {
  it('waits for a termination after resetTerminated, and keeps reporting a failure', async () => {
    spark.streams.resetTerminated();
    expect(await spark.streams.awaitAnyTermination(10)).toBe(false);

    const s = new MemoryStream(spark, 'v INT');
    const ok = memoryQuery(s, 'any_ok');
    const waiting = spark.streams.awaitAnyTermination();
    await ok.stop();
    expect(await waiting).toBe(true);
    // a past termination answers at once until resetTerminated()
    expect(await spark.streams.awaitAnyTermination(10)).toBe(true);

    spark.streams.resetTerminated();
    const failing = s
      .toDF()
      .writeStream.foreachBatch(() => {
        throw new Error('broken sink');
      })
      .withClock(new ManualClock())
      .start();
    s.addData([1]);
    await expect(spark.streams.awaitAnyTermination()).rejects.toThrow(/broken sink/);
    // a later clean stop does not hide the failure
    const other = memoryQuery(s, 'any_after');
    await other.stop();
    await expect(spark.streams.awaitAnyTermination()).rejects.toThrow(/broken sink/);
    expect(failing.isActive).toBe(false);
    spark.streams.resetTerminated();
    expect(await spark.streams.awaitAnyTermination(10)).toBe(false);
  });
});

describe('queries side by side', () => {
  it('two stateful queries of one session keep their own state while their batches interleave', async () => {
    const a = new MemoryStream(spark, 'k STRING');
    const b = new MemoryStream(spark, 'k STRING');
    const start = (s: MemoryStream, name: string) =>
      s
        .toDF()
        .groupBy('k')
        .count()
        .writeStream.format('memory')
        .queryName(name)
        .outputMode('complete')
        .withClock(new ManualClock())
        .start();
    const qa = start(a, 'side_a');
    const qb = start(b, 'side_b');
    try {
      for (let i = 0; i < 5; i++) {
        a.addData(['x', 'y', 'x']);
        b.addData(['z']);
        await Promise.all([qa.processAllAvailable(), qb.processAllAvailable()]);
      }
      const table = async (n: string) =>
        (await spark.table(n).collect()).map((r) => [r.get('k'), r.get('count')]).sort();
      expect(await table('side_a')).toEqual([
        ['x', 10],
        ['y', 5],
      ]);
      expect(await table('side_b')).toEqual([['z', 5]]);
    } finally {
      await Promise.all([qa.stop(), qb.stop()]);
    }
  });
});
