/**
 * The checkpoint's durability choices (see micro-batch-execution.ts): the offset entry is written
 * and fsync'ed off the main thread before the sink sees the batch; the commit entry is not
 * fsync'ed, so an operating-system crash may leave it missing or cut short — which must read as
 * "not committed" and cost only a re-run of the batch, never a row counted twice.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { functions as F, MemoryStream, Session, StreamTest } from '../../src/index.js';
import { CommitLog } from '../../src/streaming/checkpoint/commit-log.js';
import { OffsetLog } from '../../src/streaming/checkpoint/offset-log.js';

const { addData, checkAnswer } = StreamTest;

const spark = Session.builder().appName('checkpoint-durability').getOrCreate();
const dirs: string[] = [];
afterAll(() => {
  spark.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sluice-durability-'));
  dirs.push(d);
  return d;
};

describe('checkpoint logs', () => {
  it('writes an offset entry durably off the main thread, once', async () => {
    const dir = tempDir();
    const log = new OffsetLog(join(dir, 'offsets'));
    const seq = {
      metadata: { batchWatermarkMs: 0, batchTimestampMs: 5, conf: {} },
      offsets: ['{"a":1}', null],
    };
    expect(await log.addDurably(0, seq)).toBe(true);
    expect(log.get(0)).toEqual(seq);
    // an existing entry is never overwritten
    expect(await log.addDurably(0, { ...seq, offsets: ['{"a":2}', null] })).toBe(false);
    expect(log.get(0)).toEqual(seq);
  });

  it('reads a commit entry that a crash cut short as missing, and replaces it', () => {
    const dir = join(tempDir(), 'commits');
    const log = new CommitLog(dir);
    log.add(0, 0);
    log.add(1, 0);
    writeFileSync(join(dir, '1'), 'v1\n{"nextBatch');
    expect(log.has(1)).toBe(false);
    expect(log.latest()).toEqual({ batchId: 0, nextBatchWatermarkMs: 0 });
    writeFileSync(join(dir, '1'), '');
    expect(log.latest()?.batchId).toBe(0);
    expect(log.add(1, 0)).toBe(true);
    expect(log.has(1)).toBe(true);
    expect(readFileSync(join(dir, '1'), 'utf8')).toBe('v1\n{"nextBatchWatermarkMs":0}');
  });
});

describe('a commit entry lost to a crash', () => {
  it('re-runs the batch on restart without counting its rows twice', async () => {
    const checkpointLocation = tempDir();
    const words = new MemoryStream(spark, 'word STRING');
    const counts = () => words.toDF().groupBy('word').agg(F.count('*').alias('n'));
    await new StreamTest(spark, counts(), { checkpointLocation, outputMode: 'complete' }).run([
      addData(words, ['a', 'b']),
      checkAnswer([
        ['a', 1],
        ['b', 1],
      ]),
      addData(words, ['a']),
      checkAnswer([
        ['a', 2],
        ['b', 1],
      ]),
    ]);
    // the OS lost the last commit entry's contents: batch 1 counts as not committed
    const last = join(checkpointLocation, 'commits', '1');
    expect(existsSync(last)).toBe(true);
    writeFileSync(last, '');
    await new StreamTest(spark, counts(), { checkpointLocation, outputMode: 'complete' }).run([
      // the re-run of batch 1 (from state version 1) gives the same counts, not a = 3
      checkAnswer([
        ['a', 2],
        ['b', 1],
      ]),
      addData(words, ['b']),
      checkAnswer([
        ['a', 2],
        ['b', 2],
      ]),
    ]);
    expect(readFileSync(last, 'utf8')).toBe('v1\n{"nextBatchWatermarkMs":0}');
  });
});
