/**
 * The file stream source's other options, through the public API: latestFirst takes the newest
 * files first, fileNameOnly knows a file by its name alone (the same name in another folder is
 * not new), cleanSource deletes or archives (under sourceArchiveDir + the file's absolute path)
 * the files of each committed batch, and `isStreaming` tells a stream from a table.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session, StreamTest } from '../../src/index.js';

const { checkAnswer, execute, processAllAvailable } = StreamTest;

const spark = Session.builder().master('local[2]').getOrCreate();
const dirs: string[] = [];
afterAll(() => {
  spark.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sluice-file-source-options-'));
  dirs.push(d);
  return d;
}

/** Writes `<dir>/<name>` holding the line `line`, modified `seconds` after 2001-01-01. */
function put(dir: string, name: string, line: string, seconds = 0): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${line}\n`);
  const t = 978_307_200 + seconds;
  utimesSync(path, t, t);
  return path;
}

const text = (path: string, options: Record<string, string> = {}) =>
  spark.readStream.format('text').options(options).load(path);

const batchValues = (t: StreamTest) =>
  [...t.batches.entries()].sort(([a], [b]) => a - b).map(([, rows]) => rows.map((r) => r.get(0)).sort());

describe('file source options', () => {
  it('latestFirst with maxFilesPerTrigger takes the newest files first', async () => {
    const dir = tempDir();
    put(dir, 'old.txt', 'old', 0);
    put(dir, 'mid.txt', 'mid', 10);
    put(dir, 'new.txt', 'new', 20);
    const t = new StreamTest(spark, text(dir, { latestFirst: 'true', maxFilesPerTrigger: '1' }));
    await t.run([processAllAvailable(), checkAnswer([['old'], ['mid'], ['new']])]);
    expect(batchValues(t)).toEqual([['new'], ['mid'], ['old']]);
  });

  it('fileNameOnly: a file with a name already taken is not new, whatever its folder', async () => {
    const dir = tempDir();
    put(dir, 'a/part-1.txt', 'first');
    const t = new StreamTest(spark, text(join(dir, '*'), { fileNameOnly: 'true' }));
    await t.run([
      checkAnswer([['first']]),
      execute('the same name in another folder, and a new name', () => {
        put(dir, 'b/part-1.txt', 'same name');
        put(dir, 'b/part-2.txt', 'second');
      }),
      checkAnswer([['first'], ['second']]),
    ]);
  });

  it('cleanSource delete removes the files of each committed batch', async () => {
    const dir = tempDir();
    const a = put(dir, 'a.txt', 'a');
    const t = new StreamTest(spark, text(dir, { cleanSource: 'delete' }));
    await t.run([
      checkAnswer([['a']]),
      execute('the next file', () => put(dir, 'b.txt', 'b')),
      checkAnswer([['a'], ['b']]),
    ]);
    expect(existsSync(a)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('cleanSource archive moves them under sourceArchiveDir, keeping their absolute path', async () => {
    const dir = tempDir();
    const archive = tempDir();
    const a = put(dir, 'a.txt', 'a');
    const t = new StreamTest(spark, text(dir, { cleanSource: 'archive', sourceArchiveDir: archive }));
    await t.run([checkAnswer([['a']])]);
    expect(existsSync(a)).toBe(false);
    expect(existsSync(join(archive, a))).toBe(true);
    expect(() => text(dir, { cleanSource: 'archive' }).writeStream.format('console').start()).toThrow(
      "Archive mode must be used with 'sourceArchiveDir' option.",
    );
  });

  it('isStreaming tells a stream from a table', () => {
    const dir = tempDir();
    expect(text(dir).isStreaming).toBe(true);
    expect(text(dir).select('value').isStreaming).toBe(true);
    expect(spark.range(1).isStreaming).toBe(false);
  });
});
