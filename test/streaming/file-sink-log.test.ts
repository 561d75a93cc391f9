/**
 * The file sink's `_spark_metadata` log stays bounded: every compactInterval batches a compact
 * entry lists all live files, and entries before the previous compaction are deleted once older
 * than the cleanup delay — while batch readers of the folder still see every committed row.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStream, Session } from '../../src/index.js';

const spark = Session.builder().master('local[1]').getOrCreate();
const root = mkdtempSync(join(tmpdir(), 'sluice-file-sink-log-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  spark.stop();
});

async function runBatches(out: string, batches: number): Promise<void> {
  const s = new MemoryStream(spark, 'v INT');
  const q = s
    .toDF()
    .writeStream.format('json')
    .option('checkpointLocation', join(out, '..', `${out.split('/').pop()}-ckpt`))
    .withClock(new ManualClock())
    .start(out);
  try {
    for (let i = 0; i < batches; i++) {
      s.addData([i]);
      await q.processAllAvailable();
    }
  } finally {
    await q.stop();
  }
}

const logEntries = (out: string) =>
  readdirSync(join(out, '_spark_metadata'))
    .filter((n) => !n.startsWith('.'))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));

describe('file sink log', () => {
  it('compacts and deletes expired entries, and readers still see every committed file', async () => {
    spark.conf.set('spark.sql.streaming.fileSink.log.compactInterval', '3');
    spark.conf.set('spark.sql.streaming.fileSink.log.cleanupDelay', '0');
    try {
      const out = join(root, 'compacted');
      await runBatches(out, 10);
      // compactions at batches 2, 5 and 8; at 8 the entries before 5 were deleted
      expect(logEntries(out)).toEqual(['5.compact', '6', '7', '8.compact', '9']);
      const values = (await spark.read.schema('v INT').json(out).collect()).map((r) => r.get('v'));
      expect(values.sort((a, b) => (a as number) - (b as number))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      spark.conf.unset('spark.sql.streaming.fileSink.log.compactInterval');
      spark.conf.unset('spark.sql.streaming.fileSink.log.cleanupDelay');
    }
  });

  it('keeps entries younger than the cleanup delay (10 minutes by default) and all of them without deletion', async () => {
    spark.conf.set('spark.sql.streaming.fileSink.log.compactInterval', '3');
    try {
      const young = join(root, 'young');
      await runBatches(young, 7);
      expect(logEntries(young)).toEqual(['0', '1', '2.compact', '3', '4', '5.compact', '6']);
      spark.conf.set('spark.sql.streaming.fileSink.log.cleanupDelay', '0');
      spark.conf.set('spark.sql.streaming.fileSink.log.deletion', 'false');
      const kept = join(root, 'kept');
      await runBatches(kept, 7);
      expect(logEntries(kept)).toHaveLength(7);
    } finally {
      spark.conf.unset('spark.sql.streaming.fileSink.log.compactInterval');
      spark.conf.unset('spark.sql.streaming.fileSink.log.cleanupDelay');
      spark.conf.unset('spark.sql.streaming.fileSink.log.deletion');
    }
  });
});
