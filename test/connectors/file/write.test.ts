import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFilesToFolder } from '../../../src/connectors/file/index.js';
import { spark, tempDir, textRows } from './file-test-helpers.js';

afterAll(() => spark.stop());

function listAll(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, n.name);
      if (n.isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

const people = () =>
  spark.createDataFrame(
    [
      [1, 'a/b', null, 1.5],
      [2, null, 'x', null],
      [3, 'a b=c%', 'y', 2.0],
    ],
    'id INT, p STRING, q STRING, d DOUBLE',
  );

describe('writing files', () => {
  it('lays out partition folders like Spark (escaped values, default partition, `.c000`)', async () => {
    const out = join(tempDir(), 'out');
    await people().coalesce(1).write.partitionBy('p').json(out);
    const files = listAll(out);
    expect(files[0]).toBe('_SUCCESS');
    const parts = files.slice(1).map((f) => f.replace(/part-00000-[0-9a-f-]{36}\.c000\.json$/, 'part'));
    expect(parts).toEqual(['p=__HIVE_DEFAULT_PARTITION__/part', 'p=a b%3Dc%25/part', 'p=a%2Fb/part']);
    const text = (dir: string) => readFileSync(join(out, files.find((f) => f.startsWith(dir))!), 'utf8');
    expect(text('p=a%2Fb/')).toBe('{"id":1,"d":1.5}\n');
    expect(text('p=__HIVE_DEFAULT_PARTITION__/')).toBe('{"id":2,"q":"x"}\n');
    const back = spark.read.json(out);
    expect(back.dtypes).toEqual([
      ['d', 'double'],
      ['id', 'bigint'],
      ['q', 'string'],
      ['p', 'string'],
    ]);
    expect(await textRows(back.select('id', 'p'))).toEqual([
      ['1', 'a/b'],
      ['2', null],
      ['3', 'a b=c%'],
    ]);
  });

  it('names single-folder files part-NNNNN-<uuid>-c000 and splits by maxRecordsPerFile', async () => {
    const out = join(tempDir(), 'out');
    await spark.range(0, 10, 1, 2).write.option('maxRecordsPerFile', 3).parquet(out);
    const names = listAll(out).filter((f) => f.endsWith('.parquet'));
    expect(names).toHaveLength(4);
    for (const n of names) expect(n).toMatch(/^part-0000[01]-[0-9a-f-]{36}-c00[01]\.snappy\.parquet$/);
    expect(await spark.read.parquet(out).count()).toBe(10);
  });

  it('applies the save modes', async () => {
    const out = join(tempDir(), 'out');
    const one = spark.range(0, 3);
    await one.write.json(out);
    await expect(one.write.json(out)).rejects.toThrow(/PATH_ALREADY_EXISTS/);
    await one.write.mode('ignore').json(out);
    expect(await spark.read.json(out).count()).toBe(3);
    await one.write.mode('append').json(out);
    expect(await spark.read.json(out).count()).toBe(6);
    await spark.range(10, 12).write.mode('overwrite').json(out);
    expect(await textRows(spark.read.json(out))).toEqual([['10'], ['11']]);
    expect(() => one.write.mode('sometimes')).toThrow(/INVALID_SAVE_MODE/);
  });

  it('overwrites only the written partitions with partitionOverwriteMode=dynamic', async () => {
    const out = join(tempDir(), 'out');
    const df = spark.createDataFrame(
      [
        [1, 20],
        [2, 21],
      ],
      'id INT, day INT',
    );
    await df.write.partitionBy('day').parquet(out);
    const update = spark.createDataFrame([[3, 21]], 'id INT, day INT');
    await update.write
      .mode('overwrite')
      .option('partitionOverwriteMode', 'dynamic')
      .partitionBy('day')
      .parquet(out);
    expect(await textRows(spark.read.parquet(out))).toEqual([
      ['1', '20'],
      ['3', '21'],
    ]);
    await update.write.mode('overwrite').partitionBy('day').parquet(out);
    expect(await textRows(spark.read.parquet(out))).toEqual([['3', '21']]);
  });

  it('writes JSON and CSV text the way Spark does', async () => {
    const dir = tempDir();
    const df = spark.sql(
      "SELECT timestamp'2024-01-02 03:04:05.123456' ts, date'2024-01-02' d, CAST(1.50 AS DECIMAL(5,2)) dec, CAST(1 AS FLOAT) f, 1e20 dbl, array(1, null) arr, map('k', 1) m, named_struct('a', 1, 'b', CAST(NULL AS STRING)) st",
    );
    await df.coalesce(1).write.json(join(dir, 'j'));
    const jf = listAll(join(dir, 'j')).find((f) => f.endsWith('.json'))!;
    expect(readFileSync(join(dir, 'j', jf), 'utf8')).toBe(
      '{"ts":"2024-01-02T03:04:05.123Z","d":"2024-01-02","dec":1.50,"f":1.0,"dbl":1.0E20,"arr":[1,null],"m":{"k":1},"st":{"a":1}}\n',
    );
    const rows = spark.createDataFrame(
      [[1, 'a,b', 'q"x', null, '', 'x\\"y', ' s ']],
      'id INT, s STRING, t STRING, u STRING, v STRING, w STRING, z STRING',
    );
    await rows.coalesce(1).write.option('header', true).csv(join(dir, 'c'));
    const cf = listAll(join(dir, 'c')).find((f) => f.endsWith('.csv'))!;
    expect(readFileSync(join(dir, 'c', cf), 'utf8')).toBe(
      'id,s,t,u,v,w,z\n1,"a,b","q\\"x",,"","x\\\\\\"y",s\n',
    );
    await rows.coalesce(1).write.option('compression', 'gzip').csv(join(dir, 'cz'));
    const gz = listAll(join(dir, 'cz')).find((f) => f.endsWith('.csv.gz'))!;
    expect(gunzipSync(readFileSync(join(dir, 'cz', gz))).toString()).toContain('"a,b"');
    expect(await spark.read.csv(join(dir, 'cz')).count()).toBe(1);
  });

  it('writes one empty file (with the schema) for an empty DataFrame', async () => {
    const out = join(tempDir(), 'out');
    await spark.range(0).write.parquet(out);
    const back = spark.read.parquet(out);
    expect(back.dtypes).toEqual([['id', 'bigint']]);
    expect(await back.count()).toBe(0);
  });

  it('round-trips parquet with every codec', async () => {
    for (const codec of ['snappy', 'gzip', 'zstd', 'uncompressed', 'brotli']) {
      const out = join(tempDir(), 'out');
      await spark
        .range(0, 100)
        .selectExpr('id', "concat('v', id) AS s")
        .write.option('compression', codec)
        .parquet(out);
      const f = listAll(out).find((n) => n.endsWith('.parquet'))!;
      const infix = { snappy: '.snappy', gzip: '.gz', zstd: '.zstd', uncompressed: '', brotli: '.br' }[codec];
      expect(f.endsWith(`${infix}.parquet`)).toBe(true);
      expect(await spark.read.parquet(out).where("s = 'v42'").count()).toBe(1);
    }
  });

  it('exposes the folder writer the streaming file sink reuses (no _SUCCESS, no staging)', async () => {
    const dir = tempDir();
    const files = await writeFilesToFolder(people(), dir, {
      format: 'json',
      options: {},
      partitionBy: ['q'],
    });
    expect(files.map((f) => [f.partitionValues, f.numRows]).sort()).toEqual([
      [{ q: null }, 1],
      [{ q: 'x' }, 1],
      [{ q: 'y' }, 1],
    ]);
    for (const f of files) expect(existsSync(join(dir, f.path))).toBe(true);
    expect(existsSync(join(dir, '_SUCCESS'))).toBe(false);
  });

  it('rejects bad partition columns', async () => {
    const out = join(tempDir(), 'out');
    await expect(people().write.partitionBy('nope').json(out)).rejects.toThrow(
      /Partition column `nope` not found/,
    );
    await expect(spark.range(3).write.partitionBy('id').json(out)).rejects.toThrow(/Cannot use all columns/);
  });
});
