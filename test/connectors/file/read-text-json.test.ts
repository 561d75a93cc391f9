import { afterAll, describe, expect, it } from 'vitest';
import { plainRows, put, spark, tempDir, textRows } from './file-test-helpers.js';

afterAll(() => spark.stop());

describe('text files', () => {
  it('reads one value per line with any line ending, keeping empty lines', async () => {
    const d = tempDir();
    put(d, 'a.txt', 'a\r\nb\rc\n\nd');
    const df = spark.read.text(d);
    expect(df.columns).toEqual(['value']);
    expect((await df.collect()).map((r) => r.get('value'))).toEqual(['a', 'b', 'c', '', 'd']);
  });

  it('honours lineSep and wholetext, and reads gzip by extension', async () => {
    const d = tempDir();
    put(d, 'a.txt.gz', 'x;y;z');
    const bySep = await spark.read.option('lineSep', ';').text(d).collect();
    expect(bySep.map((r) => r.get('value'))).toEqual(['x', 'y', 'z']);
    const whole = await spark.read.option('wholetext', true).text(d).collect();
    expect(whole.map((r) => r.get('value'))).toEqual(['x;y;z']);
  });

  it('reads every line once across splits and 1 MiB read chunks, \r\n ends included', async () => {
    const d = tempDir();
    const lines = Array.from({ length: 60_000 }, (_, i) => `${i} ${'w'.repeat(i % 41)}`);
    put(d, 'big.txt', `${lines.join('\r\n')}\r\n`);
    spark.conf.set('spark.sql.files.maxPartitionBytes', 524_287);
    try {
      const got = (await spark.read.text(d).collect()).map((r) => r.get('value') as string);
      expect(got.length).toBe(lines.length);
      expect(got.sort()).toEqual([...lines].sort());
    } finally {
      spark.conf.unset('spark.sql.files.maxPartitionBytes');
    }
  });

  it('reads several paths, folders, globs and skips hidden files', async () => {
    const d = tempDir();
    put(d, 'raw/2024-01/a.txt', 'jan\n');
    put(d, 'raw/2024-02/b.txt', 'feb\n');
    put(d, 'raw/2023-12/c.txt', 'dec\n');
    put(d, 'raw/2024-01/_hidden.txt', 'no\n');
    put(d, 'raw/2024-01/.dot.txt', 'no\n');
    put(d, 'raw/2024-01/_temporary/0/x.txt', 'no\n');
    const glob = await spark.read.text(`${d}/raw/2024-*/*.txt`).collect();
    expect(glob.map((r) => r.get('value')).sort()).toEqual(['feb', 'jan']);
    const many = await spark.read.text(`${d}/raw/2023-12`, `${d}/raw/2024-02/b.txt`).collect();
    expect(many.map((r) => r.get('value')).sort()).toEqual(['dec', 'feb']);
    const all = await spark.read.option('recursiveFileLookup', true).text(`${d}/raw`).collect();
    expect(all.map((r) => r.get('value')).sort()).toEqual(['dec', 'feb', 'jan']);
    const filtered = await spark.read.option('pathGlobFilter', 'a*').text(`${d}/raw/2024-01`).collect();
    expect(filtered.map((r) => r.get('value'))).toEqual(['jan']);
    const braces = await spark.read.text(`${d}/raw/{2023-12,2024-02}/*`).collect();
    expect(braces.map((r) => r.get('value')).sort()).toEqual(['dec', 'feb']);
  });

  it('filters by modification time', async () => {
    const d = tempDir();
    put(d, 'a.txt', 'a\n');
    expect(await spark.read.option('modifiedAfter', '2000-01-01T00:00:00').text(d).count()).toBe(1);
    expect(await spark.read.option('modifiedBefore', '2000-01-01T00:00:00').text(d).count()).toBe(0);
  });

  it('fails on a missing path like Spark', () => {
    expect(() => spark.read.text('/no/such/dir')).toThrow(
      /PATH_NOT_FOUND.*Path does not exist: file:\/no\/such\/dir/,
    );
  });
});

describe('JSON files', () => {
  const lines =
    '{"a":1,"b":"x"}\n{bad\n{"a":"str"}\n\n{"a":2.5,"c":[1,2],"d":{"z":1,"y":null}}\n[{"a":7},{"a":8}]\n';

  it('infers a sorted schema with widening and the corrupt-record column (PERMISSIVE)', async () => {
    const d = tempDir();
    put(d, 'a.json', lines);
    const df = spark.read.json(d);
    expect(df.dtypes).toEqual([
      ['_corrupt_record', 'string'],
      ['a', 'string'],
      ['b', 'string'],
      ['c', 'array<bigint>'],
      ['d', 'struct<y:string,z:bigint>'],
    ]);
    expect(await textRows(df)).toEqual([
      ['{bad', null, null, null, null],
      [null, '1', 'x', null, null],
      [null, '2.5', null, '[1, 2]', '{null, 1}'],
      [null, '7', null, null, null],
      [null, '8', null, null, null],
      [null, 'str', null, null, null],
    ]);
  });

  it('drops malformed records with DROPMALFORMED and fails with FAILFAST', async () => {
    const d = tempDir();
    put(d, 'a.json', lines);
    const dropped = spark.read.option('mode', 'DROPMALFORMED').json(d);
    expect(dropped.columns).toEqual(['a', 'b', 'c', 'd']);
    expect(await dropped.count()).toBe(5);
    expect(() => spark.read.option('mode', 'FAILFAST').json(d)).toThrow(/MALFORMED_RECORD_IN_PARSING/);
    const typed = spark.read.schema('a INT, b STRING').option('mode', 'FAILFAST').json(d);
    await expect(typed.collect()).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING/);
  });

  it('keeps partial rows of a root array with a bad element, marking each as corrupt', async () => {
    const d = tempDir();
    put(d, 'a.json', '{"id": 1, "ts": "x"}\n[{"id": 2}, {"id": "bad"}]\n');
    const df = spark.read.schema('id INT, ts TIMESTAMP, _corrupt_record STRING').json(d);
    expect(await textRows(df)).toEqual([
      ['1', null, '{"id": 1, "ts": "x"}'],
      ['2', null, '[{"id": 2}, {"id": "bad"}]'],
      [null, null, '[{"id": 2}, {"id": "bad"}]'],
    ]);
  });

  it('reads multiLine documents and a user schema with timestamps', async () => {
    const d = tempDir();
    put(d, 'a.json', '[{"id": 1,\n "ts": "2024-11-21T10:20:30.123456Z"},\n{"id": 2, "ts": "21/11/2024"}]');
    const df = spark.read.schema('id INT, ts TIMESTAMP').option('multiLine', true).json(d);
    expect(await textRows(df)).toEqual([
      ['1', '2024-11-21 10:20:30.123456'],
      ['2', null],
    ]);
    const fmt = spark.read
      .schema('id INT, ts TIMESTAMP')
      .option('multiLine', true)
      .option('timestampFormat', 'dd/MM/yyyy')
      .json(d);
    expect((await textRows(fmt))[1]).toEqual(['2', '2024-11-21 00:00:00']);
  });

  it('supports primitivesAsString, prefersDecimal, samplingRatio and allowComments', () => {
    const d = tempDir();
    put(d, 'a.json', '{"n": 1.25, "b": true} // note\n');
    // content after the first JSON value is ignored, as Jackson does in Spark
    expect(spark.read.option('primitivesAsString', true).json(d).dtypes).toEqual([
      ['b', 'string'],
      ['n', 'string'],
    ]);
    expect(spark.read.option('allowComments', true).option('prefersDecimal', true).json(d).dtypes).toEqual([
      ['b', 'boolean'],
      ['n', 'decimal(3,2)'],
    ]);
    expect(
      spark.read.option('allowComments', true).option('samplingRatio', 0.5).json(d).columns.length,
    ).toBeLessThanOrEqual(2);
  });

  it('splits large JSON Lines files by maxPartitionBytes and reads every line once', async () => {
    const d = tempDir();
    const rows = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, s: 'x'.repeat(i % 37) }));
    put(d, 'big.json', `${rows.join('\n')}\n`);
    spark.conf.set('spark.sql.files.maxPartitionBytes', 7919);
    try {
      const df = spark.read.schema('i INT, s STRING').json(d);
      const ids = (await df.select('i').collect()).map((r) => r.get('i') as number).sort((a, b) => a - b);
      expect(ids).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    } finally {
      spark.conf.unset('spark.sql.files.maxPartitionBytes');
    }
  });

  it('discovers typed Hive partitions and uses basePath', async () => {
    const d = tempDir();
    put(
      d,
      'a=1/b=x/c=2024-01-01/dd=1.5/e=10000000000/f=2024-01-01 10%3A00%3A00/g=true/h=01/x.json',
      '{"v":1}\n',
    );
    put(
      d,
      'a=2/b=__HIVE_DEFAULT_PARTITION__/c=2024-01-02/dd=2/e=3/f=2024-01-02 00%3A00%3A00/g=false/h=2/x.json',
      '{"v":2}\n',
    );
    const df = spark.read.json(d);
    expect(df.dtypes).toEqual([
      ['v', 'bigint'],
      ['a', 'int'],
      ['b', 'string'],
      ['c', 'date'],
      ['dd', 'double'],
      ['e', 'bigint'],
      ['f', 'timestamp'],
      ['g', 'string'],
      ['h', 'int'],
    ]);
    expect(await textRows(df)).toEqual([
      ['1', '1', 'x', '2024-01-01', '1.5', '10000000000', '2024-01-01 10:00:00', 'true', '1'],
      ['2', '2', null, '2024-01-02', '2.0', '3', '2024-01-02 00:00:00', 'false', '2'],
    ]);
    const sub = spark.read.option('basePath', d).json(`${d}/a=1`);
    expect(sub.columns).toContain('a');
    expect(spark.read.json(`${d}/a=1`).columns).not.toContain('a');
    const typed = spark.read.schema('v LONG, a STRING').json(d);
    expect(typed.dtypes.slice(0, 2)).toEqual([
      ['v', 'bigint'],
      ['a', 'string'],
    ]);
    expect(await plainRows(typed.select('a'))).toEqual([['1'], ['2']]);
  });
});
