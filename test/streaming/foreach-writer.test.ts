/**
 * The foreach sink's writer lifecycle in micro-batch queries, as PySpark's ForeachWriter: per
 * batch, open(partitionId, epochId) — the epoch id is the batch id — then process(row) for each
 * row unless open returned false, then close(error) always: null after success, the error when
 * process threw (which then fails the query with it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStream, type Row, Session } from '../../src/index.js';

const spark = Session.builder().master('local[2]').getOrCreate();
afterAll(() => spark.stop());

function recordingWriter(opts: { openReturns?: (epochId: number) => boolean; failOn?: number } = {}) {
  const calls: string[] = [];
  return {
    calls,
    writer: {
      open: (partitionId: number, epochId: number) => {
        calls.push(`open(${partitionId}, ${epochId})`);
        return opts.openReturns?.(epochId) ?? true;
      },
      process: (row: Row) => {
        const v = row.get('v') as number;
        if (v === opts.failOn) throw new Error(`cannot write ${v}`);
        calls.push(`process(${v})`);
      },
      close: (error: unknown) => {
        calls.push(`close(${error === null ? 'null' : (error as Error).message})`);
      },
    },
  };
}

describe('foreach writer', () => {
  it('opens per batch with the batch id, processes each row, and closes with null', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const { calls, writer } = recordingWriter();
    const q = s.toDF().writeStream.foreach(writer).withClock(new ManualClock()).start();
    try {
      s.addData([1, 2]);
      await q.processAllAvailable();
      s.addData([3]);
      await q.processAllAvailable();
    } finally {
      await q.stop();
    }
    expect(calls).toEqual([
      'open(0, 0)',
      'process(1)',
      'process(2)',
      'close(null)',
      'open(0, 1)',
      'process(3)',
      'close(null)',
    ]);
  });

  it('skips the rows when open returns false, and still closes', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const { calls, writer } = recordingWriter({ openReturns: (epochId) => epochId !== 0 });
    const q = s.toDF().writeStream.foreach(writer).withClock(new ManualClock()).start();
    try {
      s.addData([1]);
      await q.processAllAvailable();
      s.addData([2]);
      await q.processAllAvailable();
    } finally {
      await q.stop();
    }
    expect(calls).toEqual(['open(0, 0)', 'close(null)', 'open(0, 1)', 'process(2)', 'close(null)']);
  });

  it('closes with the error process threw, and the query fails with it', async () => {
    const s = new MemoryStream(spark, 'v INT');
    const { calls, writer } = recordingWriter({ failOn: 2 });
    const q = s.toDF().writeStream.foreach(writer).withClock(new ManualClock()).start();
    s.addData([1, 2, 3]);
    await expect(q.awaitTermination()).rejects.toThrow(/cannot write 2/);
    expect(calls).toEqual(['open(0, 0)', 'process(1)', 'close(cannot write 2)']);
    expect(q.isActive).toBe(false);
    expect(q.exception()?.message).toMatch(/cannot write 2/);
  });
});
