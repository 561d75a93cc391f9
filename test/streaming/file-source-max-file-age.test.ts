/**
 * The file stream source's maxFileAge, as Spark's FileStreamSource: a file's age is measured from
 * the newest file the query has taken (not from the wall clock), the first batch takes every file
 * whatever its age, a restarted query applies the age from its log at once, and with latestFirst
 * plus a per-trigger limit the option is ignored (valid old files are still waiting there).
 * Modification times are set explicitly, years in the past, so nothing depends on the date.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session, StreamTest } from '../../src/index.js';

const { assertOnQuery, checkAnswer, execute, processAllAvailable, restart } = StreamTest;

const spark = Session.builder().master('local[2]').getOrCreate();
const dirs: string[] = [];
afterAll(() => {
  spark.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sluice-max-file-age-'));
  dirs.push(d);
  return d;
}

/** 2001-01-01T00:00:00Z, in seconds: far older than the 7-day default measured from today. */
const BASE_S = 978_307_200;

/** Writes `<name>.txt` holding the line `name`, modified `hours` after BASE_S. */
function put(dir: string, name: string, hours: number): void {
  const path = join(dir, `${name}.txt`);
  writeFileSync(path, `${name}\n`);
  const t = BASE_S + hours * 3600;
  utimesSync(path, t, t);
}

const stream = (dir: string, options: Record<string, string>) =>
  spark.readStream.format('text').options(options).load(dir);

/** The values of each batch the StreamTest sink received, by batch id. */
const batchValues = (t: StreamTest) =>
  [...t.batches.entries()].sort(([a], [b]) => a - b).map(([, rows]) => rows.map((r) => r.get(0)).sort());

describe('file source maxFileAge', () => {
  it('measures age from the newest file taken, from the second batch on, also after a restart', async () => {
    const dir = tempDir();
    put(dir, 'a', 0);
    put(dir, 'b', 5);
    const t = new StreamTest(spark, stream(dir, { maxFileAge: '1h' }));
    await t.run([
      // first batch: every file, although both are decades older than the wall clock allows
      checkAnswer([['a'], ['b']]),
      execute('add c (2h older than the newest, b) and d (0.5h older)', () => {
        put(dir, 'c', 3);
        put(dir, 'd', 4.5);
      }),
      checkAnswer([['a'], ['b'], ['d']]),
      restart(),
      execute('add e (older than the threshold the log gives) and f (newer than b)', () => {
        put(dir, 'e', 3.5);
        put(dir, 'f', 6);
      }),
      checkAnswer([['a'], ['b'], ['d'], ['f']]),
    ]);
    expect(batchValues(t)).toEqual([['a', 'b'], ['d'], ['f']]);
  });

  it('applies with latestFirst when no per-trigger limit is set', async () => {
    const dir = tempDir();
    put(dir, 'a', 0);
    put(dir, 'b', 5);
    const t = new StreamTest(spark, stream(dir, { maxFileAge: '1h', latestFirst: 'true' }));
    await t.run([
      checkAnswer([['a'], ['b']]),
      execute('add c, 2h older than b', () => put(dir, 'c', 3)),
      checkAnswer([['a'], ['b']]),
    ]);
  });

  it('is ignored with latestFirst and maxFilesPerTrigger: older files still waiting are read', async () => {
    const dir = tempDir();
    put(dir, 'a', 0);
    put(dir, 'b', 5);
    put(dir, 'c', 3);
    const t = new StreamTest(
      spark,
      stream(dir, { maxFileAge: '1h', latestFirst: 'true', maxFilesPerTrigger: '1' }),
    );
    await t.run([processAllAvailable(), checkAnswer([['a'], ['b'], ['c']])]);
    expect(batchValues(t)).toEqual([['b'], ['c'], ['a']]);
  });

  it('with maxFilesPerTrigger oldest first, a file arriving below the threshold is skipped', async () => {
    const dir = tempDir();
    put(dir, 'a', 0);
    put(dir, 'b', 5);
    // plain milliseconds, as Spark reads the option: one hour
    const t = new StreamTest(spark, stream(dir, { maxFileAge: '3600000', maxFilesPerTrigger: '1' }));
    await t.run([
      checkAnswer([['a'], ['b']]),
      execute('add c, 2h older than b', () => put(dir, 'c', 3)),
      processAllAvailable(),
      checkAnswer([['a'], ['b']]),
      assertOnQuery((q) => q.recentProgress.every((p) => p.numInputRows === 1)),
    ]);
    expect(batchValues(t)).toEqual([['a'], ['b']]);
  });
});
