import { afterAll, describe, expect, it } from 'vitest';
import { put, spark, tempDir, textRows } from './file-test-helpers.js';

afterAll(() => spark.stop());

describe('CSV files', () => {
  it('infers types from a header file like Spark', async () => {
    const d = tempDir();
    put(
      d,
      'a.csv',
      'i,l,dec,dbl,dt,ts,b,s,n,mixed\n1,3000000000,12345678901234567890,1.5,2024-01-02,2024-01-02 03:04:05,true,x,,1\n2,4,1,2,2024-01-03,2024-01-02T03:04:05.123Z,FALSE,y,,a\n',
    );
    const df = spark.read.option('header', true).option('inferSchema', true).csv(d);
    expect(df.dtypes).toEqual([
      ['i', 'int'],
      ['l', 'bigint'],
      ['dec', 'decimal(20,0)'],
      ['dbl', 'double'],
      ['dt', 'date'],
      ['ts', 'timestamp'],
      ['b', 'boolean'],
      ['s', 'string'],
      ['n', 'string'],
      ['mixed', 'string'],
    ]);
    expect(await textRows(df)).toEqual([
      [
        '1',
        '3000000000',
        '12345678901234567890',
        '1.5',
        '2024-01-02',
        '2024-01-02 03:04:05',
        'true',
        'x',
        null,
        '1',
      ],
      ['2', '4', '1', '2.0', '2024-01-03', '2024-01-02 03:04:05.123', 'false', 'y', null, 'a'],
    ]);
  });

  it('tokenizes quotes, escapes, whitespace, comments and null/empty values like univocity', async () => {
    const d = tempDir();
    put(d, 'a.csv', '1,"",x\n2,,"a\\b"\n3, , "q" \n"4",  "y"  ,"a"b\n#c,1\n\n5,"x""y",z\n6,"es\\"c",\n');
    const plain = await spark.read.csv(d).collect();
    expect(plain.map((r) => r.toArray())).toEqual([
      ['1', null, 'x'],
      ['2', null, 'a\\b'],
      ['3', ' ', ' "q" '],
      ['4', '  "y"  ', '"a"b'],
      ['#c', '1', null],
      ['5', '"x""y"', 'z'],
      ['6', 'es"c', null],
    ]);
    const opts = await spark.read
      .option('comment', '#')
      .option('ignoreLeadingWhiteSpace', true)
      .option('ignoreTrailingWhiteSpace', true)
      .option('nullValue', 'x')
      .option('emptyValue', 'EMPTY')
      .csv(d)
      .collect();
    expect(opts.map((r) => r.toArray())).toEqual([
      ['1', 'EMPTY', null],
      ['2', null, 'a\\b'],
      ['3', null, 'q'],
      ['4', 'y', '"a"b'],
      ['5', '"x""y"', 'z'],
      ['6', 'es"c', null],
    ]);
    const doubled = await spark.read.option('escape', '"').option('sep', ',').csv(d).collect();
    expect(doubled[5]!.toArray()).toEqual(['5', 'x"y', 'z']);
  });

  it('names header columns safely and handles parse modes with the corrupt-record column', async () => {
    const d = tempDir();
    put(d, 'h.csv', 'a,b,a,,A\n1,2,3,4,5\n');
    expect(spark.read.option('header', true).csv(d).columns).toEqual(['a0', 'b', 'a2', '_c3', 'A4']);
    const e = tempDir();
    put(e, 'm.csv', 'x,y\n1,2\n3\n4,5,6\nz,7\n');
    const schema = 'x INT, y INT, _corrupt_record STRING';
    const permissive = spark.read.schema(schema).option('header', true).csv(e);
    expect(await textRows(permissive)).toEqual([
      ['1', '2', null],
      ['3', null, '3'],
      ['4', '5', '4,5,6'],
      [null, '7', 'z,7'],
    ]);
    const dropped = spark.read.schema(schema).option('header', true).option('mode', 'DROPMALFORMED').csv(e);
    expect(await textRows(dropped)).toEqual([['1', '2', null]]);
    const failing = spark.read
      .schema('x INT, y INT')
      .option('header', true)
      .option('mode', 'FAILFAST')
      .csv(e);
    await expect(failing.collect()).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING/);
  });

  it('converts typed fields strictly for integers and leniently for doubles', async () => {
    const d = tempDir();
    put(d, 'a.csv', 'a;b;c\n 1;1.5; true\n+2;1e3;True\n1.0;2d;x\n-4;NaN;false\n');
    const df = spark.read
      .schema('a INT, b DOUBLE, c BOOLEAN')
      .option('header', true)
      .option('sep', ';')
      .csv(d);
    expect((await df.collect()).map((r) => r.toArray())).toEqual([
      [null, 1.5, null],
      [2, 1000, true],
      [null, 2, null],
      [-4, Number.NaN, false],
    ]);
    expect(
      spark.read.option('header', true).option('inferSchema', true).option('sep', ';').csv(d).dtypes,
    ).toEqual([
      ['a', 'double'],
      ['b', 'double'],
      ['c', 'string'],
    ]);
  });

  it('checks the header against the schema with enforceSchema=false', async () => {
    const d = tempDir();
    put(d, 'a.csv', 'x,y\n1,2\n');
    const enforced = spark.read.schema('y INT, x INT').option('header', true).csv(d);
    expect((await enforced.collect()).map((r) => r.toArray())).toEqual([[1, 2]]);
    const checked = spark.read
      .schema('y INT, x INT')
      .option('header', true)
      .option('enforceSchema', false)
      .csv(d);
    await expect(checked.collect()).rejects.toThrow(/CSV header does not conform to the schema/);
  });

  it('reads multiLine quoted fields, dates with a format, and gzip files', async () => {
    const d = tempDir();
    put(d, 'a.csv.gz', 'id,note,day\n1,"multi\nline",01/02/2024\n2,plain,03/04/2024\n');
    const df = spark.read
      .schema('id INT, note STRING, day DATE')
      .option('header', true)
      .option('multiLine', true)
      .option('dateFormat', 'MM/dd/yyyy')
      .csv(d);
    expect(await textRows(df)).toEqual([
      ['1', 'multi\nline', '2024-01-02'],
      ['2', 'plain', '2024-03-04'],
    ]);
  });
});
