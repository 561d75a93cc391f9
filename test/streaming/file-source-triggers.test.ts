/**
 * The file stream source's read limits under each trigger, through the public API:
 * Trigger.AvailableNow runs batches of at most maxFilesPerTrigger / maxBytesPerTrigger over the
 * files present when the query started, then stops by itself (files arriving later wait for the
 * next run); Trigger.Once reads everything in one batch, ignoring the limits. The batch sizes are
 * those pyspark 4 gives for the same folders and options.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session, type StreamingQuery, type StreamingQueryListener } from '../../src/index.js';

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
const dirs: string[] = [];
afterAll(() => {
  spark.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), `sluice-${prefix}-`));
  dirs.push(d);
  return d;
};
let seq = 0;
const queryName = () => `file_trigger_${process.pid}_${seq++}`;

/** Writes files f00…f<n-1> holding one line `value-NNN` each (10 bytes with the newline). */
function writeFiles(dir: string, from: number, n: number): void {
  for (let i = from; i < from + n; i++) {
    writeFileSync(join(dir, `f${String(i).padStart(2, '0')}.txt`), `value-${String(i).padStart(3, '0')}\n`);
  }
}

function startQuery(
  input: string,
  checkpoint: string,
  name: string,
  options: Record<string, string>,
  trigger: { availableNow: true } | { once: true },
): StreamingQuery {
  return spark.readStream
    .format('text')
    .options(options)
    .load(input)
    .writeStream.format('memory')
    .queryName(name)
    .option('checkpointLocation', checkpoint)
    .trigger(trigger)
    .start();
}

const inputRows = (q: StreamingQuery) => q.recentProgress.map((p) => [p.batchId, p.numInputRows]);
const tableValues = async (name: string) =>
  (await spark.sql(`SELECT value FROM ${name}`).collect()).map((r) => r.get(0) as string).sort();

describe('file source under Trigger.AvailableNow', () => {
  it('runs maxFilesPerTrigger-sized batches over the files present at start, then stops', async () => {
    const input = tempDir('avnow-in');
    const checkpoint = tempDir('avnow-ckpt');
    writeFiles(input, 0, 10);
    // a file written once batch 0 is done: the query's listing was taken before it
    const late: StreamingQueryListener = {
      onQueryProgress: (e) => {
        if (e.progress.batchId === 0) writeFiles(input, 10, 1);
      },
    };
    spark.streams.addListener(late);
    const name = queryName();
    let q: StreamingQuery;
    try {
      q = startQuery(input, checkpoint, name, { maxFilesPerTrigger: '2' }, { availableNow: true });
      await q.awaitTermination();
    } finally {
      spark.streams.removeListener(late);
    }
    expect(q.isActive).toBe(false);
    expect(q.exception()).toBeNull();
    expect(inputRows(q)).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 2],
    ]);
    expect(await tableValues(name)).toEqual(Array.from({ length: 10 }, (_, i) => `value-00${i}`));

    // the next run starts after the last commit and reads only the late file
    const again = startQuery(
      input,
      checkpoint,
      queryName(),
      { maxFilesPerTrigger: '2' },
      { availableNow: true },
    );
    await again.awaitTermination();
    expect(inputRows(again)).toEqual([[5, 1]]);
  });

  it('limits batches by maxBytesPerTrigger (a file is never split)', async () => {
    const input = tempDir('avnow-bytes-in');
    writeFiles(input, 0, 10); // 10 bytes each
    const q = startQuery(
      input,
      tempDir('avnow-bytes-ckpt'),
      queryName(),
      { maxBytesPerTrigger: '35' },
      { availableNow: true },
    );
    await q.awaitTermination();
    expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([3, 3, 3, 1]);
  });

  it('takes one file per batch when maxBytesPerTrigger is smaller than any file', async () => {
    const input = tempDir('avnow-small-in');
    writeFiles(input, 0, 3);
    const q = startQuery(
      input,
      tempDir('avnow-small-ckpt'),
      queryName(),
      { maxBytesPerTrigger: '5' },
      { availableNow: true },
    );
    await q.awaitTermination();
    expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([1, 1, 1]);
  });

  it('with no files present, stops without running a batch', async () => {
    const q = startQuery(
      tempDir('avnow-empty-in'),
      tempDir('avnow-empty-ckpt'),
      queryName(),
      { maxFilesPerTrigger: '2' },
      { availableNow: true },
    );
    await q.awaitTermination();
    expect(q.recentProgress).toEqual([]);
  });
});

describe('file source under Trigger.Once', () => {
  const limits: Record<string, string>[] = [{ maxFilesPerTrigger: '2' }, { maxBytesPerTrigger: '15' }];
  for (const limit of limits) {
    it(`reads every file in one batch, ignoring ${Object.keys(limit)[0]}`, async () => {
      const input = tempDir('once-in');
      writeFiles(input, 0, 10);
      const name = queryName();
      const q = startQuery(input, tempDir('once-ckpt'), name, limit, { once: true });
      await q.awaitTermination();
      expect(inputRows(q)).toEqual([[0, 10]]);
      expect((await tableValues(name)).length).toBe(10);
    });
  }
});

describe('file source read-limit options', () => {
  it('rejects maxFilesPerTrigger together with maxBytesPerTrigger, and non-positive limits', () => {
    const input = tempDir('opts-in');
    const start = (options: Record<string, string>) => () =>
      startQuery(input, tempDir('opts-ckpt'), queryName(), options, { availableNow: true });
    expect(start({ maxFilesPerTrigger: '2', maxBytesPerTrigger: '100' })).toThrow(
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
    );
    expect(start({ maxBytesPerTrigger: '0' })).toThrow(
      "Invalid value '0' for option 'maxBytesPerTrigger', must be a positive integer",
    );
  });
});
